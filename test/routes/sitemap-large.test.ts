// A blog past 50,000 addresses: /sitemap.xml becomes an index of parts, each
// within the sitemaps.org limits, together listing every address once.
import { env } from 'cloudflare:test';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, expect, it } from 'vitest';
import { localYearMonth, periodPath } from '../../src/archives/periods';
import { DAY, get, insertArticle, now } from '../fixtures';

const BASE = 'http://localhost:8787';
const ARTICLES = 50_010;
const TIME_ZONE = 'Europe/Paris';
/** /archives, then each year and month holding an article (newest first), as the sitemap lists them after the home page. */
let archives: string[] = [];

beforeAll(async () => {
  // One statement: 50,010 published articles, newest "bulk-50010".
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
     INSERT INTO articles (slug, title, language, body_html, status, published_at, updated_at)
     SELECT 'bulk-' || i, 'Article ' || i, 'fr', '<p>' || i || '</p>', 'published', ?2 + i, ?2 + i FROM n`,
  )
    .bind(ARTICLES, now() - 2 * DAY)
    .run();
  // Two tags and a draft, which must not count.
  await insertArticle({ slug: 'tagged', publishedAt: now() - 3 * DAY, tags: ['Zèbre', 'Yak'] });
  await insertArticle({ slug: 'draft', status: 'draft', tags: ['Hidden'] });
  // The dates span less than a day: no month lies between the oldest and the newest.
  const months = [now() - 2 * DAY + ARTICLES, now() - 2 * DAY + 1, now() - 3 * DAY].map((at) =>
    localYearMonth(at, TIME_ZONE),
  );
  archives = ['/archives'];
  for (const month of months) {
    for (const path of [periodPath({ year: month.year }), periodPath(month)]) {
      if (!archives.includes(path)) archives.push(path);
    }
  }
}, 120_000);

const urlsOf = (xml: string) => [...xml.matchAll(/<url><loc>([^<]*)<\/loc>/g)].map((match) => match[1] as string);

it('turns /sitemap.xml into an index of two parts', async () => {
  const response = await get('/sitemap.xml');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  const xml = await response.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
  expect([...xml.matchAll(/<sitemap><loc>([^<]*)<\/loc><\/sitemap>/g)].map((match) => match[1])).toEqual([
    `${BASE}/sitemap-1.xml`,
    `${BASE}/sitemap-2.xml`,
  ]);
  expect(xml).not.toContain('<url>');
});

it('splits home, the archives, 50,011 articles and 2 tags into 50,000 addresses and the rest, each listed once', async () => {
  const first = await get('/sitemap-1.xml');
  expect(first.status).toBe(200);
  const firstXml = await first.text();
  expect(XMLValidator.validate(firstXml)).toBe(true);
  expect(firstXml.length).toBeLessThan(50 * 1024 * 1024);
  const firstUrls = urlsOf(firstXml);
  expect(firstUrls).toHaveLength(50_000);
  expect(firstUrls.slice(0, 2 + archives.length)).toEqual([
    `${BASE}/`,
    ...archives.map((path) => `${BASE}${path}`),
    `${BASE}/bulk-${ARTICLES}`,
  ]);

  const secondXml = await (await get('/sitemap-2.xml')).text();
  expect(XMLValidator.validate(secondXml)).toBe(true);
  const secondUrls = urlsOf(secondXml);
  expect(secondUrls).toHaveLength(1 + archives.length + ARTICLES + 1 + 2 - 50_000);
  // The oldest articles, then the tags by slug.
  expect(secondUrls.slice(-4)).toEqual([`${BASE}/bulk-1`, `${BASE}/tagged`, `${BASE}/tag/yak`, `${BASE}/tag/zebre`]);

  const all = [...firstUrls, ...secondUrls];
  expect(new Set(all).size).toBe(all.length);
  expect(all).not.toContain(`${BASE}/draft`);
});

it('answers 404 past the last part, and no longer redirects /sitemap-1.xml', async () => {
  expect((await get('/sitemap-3.xml')).status).toBe(404);
  expect((await get('/sitemap-1.xml')).status).toBe(200);
});
