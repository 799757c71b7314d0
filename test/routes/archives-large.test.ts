// A blog of 10,000 articles over twenty years: /archives counts 240 months on
// the articles_by_kind_status_date index (no article row read), the home page keeps its
// pinned articles first without sorting the table, and both stay whole.
import { env } from 'cloudflare:test';
import { beforeAll, expect, it } from 'vitest';
import { countPublishedByMonth, listPublishedArticlesInPeriod } from '../../src/db/archives';
import { listPublishedArticles } from '../../src/db/articles';
import type { Db } from '../../src/db/session';
import { get, getHtml } from '../fixtures';

const ARTICLES = 10_000;
const FIRST = Date.UTC(2006, 0, 1) / 1000;
const LAST = Date.UTC(2025, 11, 31) / 1000;
const STEP = Math.floor((LAST - FIRST) / ARTICLES);
const NOW = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  // One statement: 10,000 published articles, evenly spread from 2006 to 2025; every 2,500th pinned.
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
     INSERT INTO articles (slug, title, language, body_html, status, published_at, updated_at, pinned)
     SELECT 'bulk-' || i, 'Article ' || i, 'fr', '<p>' || i || '</p>', 'published', ?2 + i * ?3, ?2 + i * ?3,
       CASE WHEN i % 2500 = 0 THEN 1 ELSE 0 END FROM n`,
  )
    .bind(ARTICLES, FIRST, STEP)
    .run();
}, 120_000);

/** A database that keeps D1's account (rows read, time in SQLite) of every statement it runs. */
function meteredDb(metas: D1Meta[]): Db {
  const keep = <R extends { meta: D1Meta }>(result: R): R => {
    metas.push(result.meta);
    return result;
  };
  return {
    prepare(sql: string) {
      const measured = (statement: D1PreparedStatement): D1PreparedStatement =>
        Object.assign(Object.create(statement) as D1PreparedStatement, {
          bind: (...values: unknown[]) => measured(statement.bind(...values)),
          all: async () => keep(await statement.all()),
          run: async () => keep(await statement.run()),
          // first() gives no account: read through all() and keep the first row.
          first: async () => (keep(await statement.all()).results[0] as unknown) ?? null,
        });
      return measured(env.DB.prepare(sql));
    },
    batch: async <T>(statements: D1PreparedStatement[]) => (await env.DB.batch<T>(statements)).map(keep),
  } as Db;
}

const sum = (metas: D1Meta[], key: 'rows_read' | 'duration') => metas.reduce((total, meta) => total + meta[key], 0);

it('counts every month of twenty years, 10,000 articles in all, from index entries alone', async () => {
  const metas: D1Meta[] = [];
  const months = await countPublishedByMonth(meteredDb(metas), NOW, 'Europe/Paris');
  expect(months).toHaveLength(240);
  expect(months.reduce((total, month) => total + month.count, 0)).toBe(ARTICLES);
  expect(months[0]).toMatchObject({ year: 2025, month: 12 });
  // The same counts from every row, as a GROUP BY on a computed month would read them (UTC months, at that).
  const grouped = (
    await env.DB.prepare(
      `SELECT strftime('%Y-%m', published_at, 'unixepoch') AS month, count(*) AS total FROM articles
        WHERE kind = 'article' AND status = 'published' AND published_at <= ?1 GROUP BY month`,
    )
      .bind(NOW)
      .run()
  ).meta;
  const started = Date.now();
  const { status, html } = await getHtml('/archives');
  const elapsed = Date.now() - started;
  console.log(
    `/archives on 10,000 articles: ${metas.length} statements, ${sum(metas, 'rows_read')} rows read, ` +
      `${sum(metas, 'duration')} ms in SQLite; the whole miss ${elapsed} ms ` +
      `(a GROUP BY over the rows: ${grouped.rows_read} rows read, ${grouped.duration} ms)`,
  );
  // One index entry per article and a few per month: no article row, nothing read twice.
  expect(sum(metas, 'rows_read')).toBeLessThanOrEqual(ARTICLES + 2 * 240 + 10);
  expect(status).toBe(200);
  expect(html.match(/<li><a href="\/[0-9]{4}\/[0-9]{2}">/g)).toHaveLength(240);
});

it('lists an old month by reading its own articles, not every newer one', async () => {
  const metas: D1Meta[] = [];
  const page = await listPublishedArticlesInPeriod(meteredDb(metas), { year: 2006, month: 1 }, 'Europe/Paris', {
    page: 1,
    pageSize: 10,
    now: NOW,
  });
  expect(page.total).toBeGreaterThan(10);
  console.log(
    `/2006/01 on 10,000 articles: ${sum(metas, 'rows_read')} rows read, ${sum(metas, 'duration')} ms in SQLite`,
  );
  expect(sum(metas, 'rows_read')).toBeLessThan(200);
  expect((await get('/2006/01')).status).toBe(200);
});

it('keeps the pinned articles first on the home page, reading about a page’s worth of rows', async () => {
  const metas: D1Meta[] = [];
  const db = meteredDb(metas);
  const first = await listPublishedArticles(db, { page: 1, pageSize: 10, now: NOW });
  expect(first.items.map((item) => item.slug)).toEqual([
    ...['bulk-10000', 'bulk-7500', 'bulk-5000', 'bulk-2500'],
    ...['bulk-9999', 'bulk-9998', 'bulk-9997', 'bulk-9996', 'bulk-9995', 'bulk-9994'],
  ]);
  expect(first.total).toBe(ARTICLES);
  // One statement: the count, the pinned ones and the others.
  const [home] = metas;
  expect(metas).toHaveLength(1);
  console.log(`home page 1 on 10,000 articles: ${home?.rows_read} rows read; ${sum(metas, 'duration')} ms in SQLite`);
  // The count from blog_counts, the pinned ones from their own index, the others a page of rows:
  // nothing sorted, no table read whole.
  expect(home?.rows_read ?? Number.POSITIVE_INFINITY).toBeLessThan(150);
  const last = await listPublishedArticles(db, { page: 1000, pageSize: 10, now: NOW });
  expect(last.items.map((item) => item.slug)).toEqual(Array.from({ length: 10 }, (_, i) => `bulk-${10 - i}`));
  expect(last.pageCount).toBe(1000);
});
