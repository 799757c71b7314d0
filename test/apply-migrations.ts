import { applyD1Migrations, env } from 'cloudflare:test';

// Setup files run before each test file; applying is idempotent.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Files share one workerd (isolate: false in vitest.config.ts), so each starts
// from the database the migrations leave: no row of an earlier file. Kept: the
// single rows migrations seed (the cache version, which is left to grow so that
// pages an earlier file cached stay unreachable; the scheduler's mark; the blog's
// article count, which its triggers bring to 0 as the articles go) and the
// search index's own tables, rebuilt from the emptied articles.
const KEPT = new Set(['d1_migrations', 'cache_state', 'scheduled_publishing', 'blog_counts']);
const { results } = await env.DB.prepare(
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'article_search%'",
).all<{ name: string }>();
await env.DB.batch([
  env.DB.prepare('PRAGMA defer_foreign_keys = on'),
  ...results.filter(({ name }) => !KEPT.has(name)).map(({ name }) => env.DB.prepare(`DELETE FROM "${name}"`)),
  env.DB.prepare('UPDATE scheduled_publishing SET checked_until = unixepoch()'),
  env.DB.prepare("INSERT INTO article_search (article_search) VALUES ('rebuild')"),
]);
