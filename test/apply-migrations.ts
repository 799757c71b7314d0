import { applyD1Migrations, env } from 'cloudflare:test';

// Setup files run before each test file; applying is idempotent.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Files share one workerd (isolate: false in vitest.config.ts), so each starts
// from the database the migrations leave: no row of an earlier file. The cache
// version is left to grow: pages an earlier file cached stay keyed to its
// versions, so a reset would serve them again.
await env.DB.batch([
  env.DB.prepare('PRAGMA defer_foreign_keys = on'),
  ...[
    'comments',
    'mentions',
    'webmention_sends',
    'webmention_scans',
    'article_tags',
    'tags',
    'articles',
    'admin_sessions',
    'admin_login_failures',
  ].map((table) => env.DB.prepare(`DELETE FROM ${table}`)),
  env.DB.prepare('UPDATE scheduled_publishing SET checked_until = unixepoch()'),
  env.DB.prepare("INSERT INTO article_search (article_search) VALUES ('rebuild')"),
]);
