import { beforeAll, expect, it } from 'vitest';
import { DAY, get, insertArticle, now } from '../fixtures';

beforeAll(async () => {
  await insertArticle({
    slug: 'first',
    title: 'Premier & <unique>',
    publishedAt: now() - 2 * DAY,
    bodyHtml: '<p>Corps</p>',
  });
  await insertArticle({ slug: 'second', title: 'Second', publishedAt: now() - DAY });
  await insertArticle({ slug: 'hidden', title: 'Hidden draft', status: 'draft' });
});

it('serves an RSS 2.0 feed of published articles, newest first, with absolute links', async () => {
  const response = await get('/feed.xml');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
  const xml = await response.text();
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const links = [...xml.matchAll(/<item>\s*<title>[^<]*<\/title>\s*<link>([^<]+)<\/link>/g)].map((m) => m[1]);
  expect(links).toEqual(['http://localhost:8787/second', 'http://localhost:8787/first']);
  expect(xml).toContain('<title>Premier &amp; &lt;unique&gt;</title>');
  expect(xml).toContain('<content:encoded>&lt;p&gt;Corps&lt;/p&gt;</content:encoded>');
  expect(xml).not.toContain('Hidden draft');
});

it('is linked from every page for feed readers', async () => {
  const html = await (await get('/')).text();
  expect(html).toContain(
    '<link rel="alternate" type="application/rss+xml" title="Causerie – Flux RSS" href="/feed.xml">',
  );
  expect(html).toContain('<a href="/feed.xml" type="application/rss+xml">Flux RSS</a>');
});
