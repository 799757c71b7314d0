// /sitemap.xml of a small blog: one <urlset> with the home page, the date
// archives, the published articles and the tag pages that have one, each
// article and tag with when it last changed.
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, get, insertArticle, now } from '../fixtures';
import { callWorker, recordingCacheContext } from '../support/worker';

const BASE = 'http://localhost:8787';
const T = 1_790_000_000; // 2026-09-21T14:13:20Z

beforeAll(async () => {
  await insertArticle({ slug: 'premier', publishedAt: T - 10 * DAY, updatedAt: T - 2 * DAY, tags: ['Web', 'Blog'] });
  await insertArticle({ slug: 'second', publishedAt: T - 5 * DAY, updatedAt: T - 5 * DAY, tags: ['Web'] });
  await insertArticle({ slug: 'brouillon', status: 'draft', updatedAt: T, tags: ['Web', 'Secret'] });
  await insertArticle({ slug: 'demain', publishedAt: now() + DAY, tags: ['Futur'] });
});

/** Each <url> as loc → lastmod. */
function entries(xml: string): Map<string, string | null> {
  const urls = new Map<string, string | null>();
  for (const [, body] of xml.matchAll(/<url>(.*?)<\/url>/gs)) {
    const loc = /<loc>(.*?)<\/loc>/.exec(body as string)?.[1] as string;
    urls.set(loc, /<lastmod>(.*?)<\/lastmod>/.exec(body as string)?.[1] ?? null);
  }
  return urls;
}

describe('/sitemap.xml', () => {
  it('is valid sitemaps.org XML served as application/xml', async () => {
    const response = await get('/sitemap.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/,
    );
  });

  it('lists the home page, published articles and their tags, with absolute URLs and W3C lastmod', async () => {
    const urls = entries(await (await get('/sitemap.xml')).text());
    // Home, the date archives, articles newest first, tags by slug; the home changed when its newest article did.
    expect([...urls.keys()]).toEqual([
      `${BASE}/`,
      `${BASE}/archives`,
      `${BASE}/2026`,
      `${BASE}/2026/09`,
      `${BASE}/second`,
      `${BASE}/premier`,
      `${BASE}/tag/blog`,
      `${BASE}/tag/web`,
    ]);
    expect(urls).toEqual(
      new Map([
        [`${BASE}/`, '2026-09-19T14:13:20Z'],
        [`${BASE}/archives`, null],
        [`${BASE}/2026`, null],
        [`${BASE}/2026/09`, null],
        [`${BASE}/second`, '2026-09-16T14:13:20Z'],
        [`${BASE}/premier`, '2026-09-19T14:13:20Z'],
        [`${BASE}/tag/blog`, '2026-09-19T14:13:20Z'],
        [`${BASE}/tag/web`, '2026-09-19T14:13:20Z'],
      ]),
    );
  });

  it('leaves out drafts, future articles and tags used only by them', async () => {
    const xml = await (await get('/sitemap.xml')).text();
    for (const hidden of ['/brouillon', '/demain', '/tag/secret', '/tag/futur']) expect(xml).not.toContain(hidden);
  });

  it('sends /sitemap-1.xml to /sitemap.xml while one file holds everything; further parts are 404', async () => {
    const first = await get('/sitemap-1.xml');
    expect(first.status).toBe(301);
    expect(first.headers.get('location')).toBe('/sitemap.xml');
    for (const path of [
      '/sitemap-2.xml',
      '/sitemap-0.xml',
      '/sitemap-01.xml',
      '/sitemap-x.xml',
      '/sitemap-9999999.xml',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('is cached like a page and purged with the articles', async () => {
    const { cache } = recordingCacheContext();
    const response = await callWorker('/sitemap.xml', { env: { EDGE_CACHE: 'workers-cache' }, cache });
    expect(response.headers.get('cache-tag')).toBe('sitemap,articles');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=0, must-revalidate, s-maxage=\d+/);
    const redirect = await callWorker('/sitemap-1.xml', { env: { EDGE_CACHE: 'workers-cache' }, cache });
    expect(redirect.headers.get('cache-tag')).toBe('sitemap,articles');
  });

  it('answers HEAD without a body', async () => {
    const head = await get('/sitemap.xml', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
