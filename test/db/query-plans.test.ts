// "Every query served by an index": run each loader through a recording D1,
// then ask SQLite how it would run every statement it prepared.
import { env } from 'cloudflare:test';
import { beforeAll, expect, it } from 'vitest';
import { getPublishedArticlePage, listFeedArticles, listPublishedArticles } from '../../src/db/articles';
import { getCommentTarget, listPendingCommentsByIds } from '../../src/db/comments';
import { listPublishedArticlesByTag } from '../../src/db/tags';
import { insertArticle, insertComment, now } from '../fixtures';

interface Recorded {
  sql: string;
  params: unknown[];
}

function recordingDb(recorded: Recorded[]): D1Database {
  const db = env.DB;
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          const entry: Recorded = { sql, params: [] };
          recorded.push(entry);
          const statement = target.prepare(sql);
          return new Proxy(statement, {
            get(inner, name) {
              if (name === 'bind') {
                return (...params: unknown[]) => {
                  entry.params = params;
                  return inner.bind(...params);
                };
              }
              const value = Reflect.get(inner, name);
              return typeof value === 'function' ? value.bind(inner) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

beforeAll(async () => {
  const id = await insertArticle({ slug: 'indexed', tags: ['Web', 'Blog'] });
  await insertArticle({ slug: 'other', tags: ['Web'] });
  await insertComment({ articleId: id });
});

it('serves every page query from an index, never a full table scan', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const query = { page: 1, pageSize: 10, now: now() };
  await listPublishedArticles(db, query);
  await getPublishedArticlePage(db, 'indexed', now());
  await listPublishedArticlesByTag(db, 'web', query);
  await listFeedArticles(db, now(), 20);
  const parent = (await env.DB.prepare('SELECT id FROM comments LIMIT 1').first<{ id: number }>())?.id ?? 1;
  await getCommentTarget(db, { slug: 'indexed', parentId: parent, email: 'a@example.org', body: 'x', now: now() });
  await listPendingCommentsByIds(db, 1, [parent]);
  expect(recorded.length).toBeGreaterThanOrEqual(10);
  for (const { sql, params } of recorded) {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    // A full scan of a table (not of a small CTE such as `candidate` or the
    // recursive `chain` of a thread) is a bug.
    const scans = plan.results
      .map((row) => row.detail)
      .filter((detail) => /^SCAN \w+$/.test(detail) && !['SCAN candidate', 'SCAN chain'].includes(detail));
    expect(scans, sql).toEqual([]);
  }
});
