// Pinned articles (`pinned: true` in front matter) come first on the home
// page, newest first, marked as pinned; the rest follows in date order and
// every article is shown once across the pages. Feeds and tag pages keep
// date order.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRINGS } from '../../src/views/i18n';
import { DAY, get, getHtml, insertArticle, now } from '../fixtures';

const PINNED_LABEL = `<p class="pinned-label" lang="fr">${STRINGS.fr.archives.pinned}</p>`;
const slugsOf = (html: string) => [...html.matchAll(/<h2><a href="\/([^"]+)">/g)].map((match) => match[1]);

const pin = (slug: string) => env.DB.prepare('UPDATE articles SET pinned = 1 WHERE slug = ?1').bind(slug).run();

// 25 published articles, article-25 the newest; 3 and 7 pinned → 3 pages of 10.
beforeAll(async () => {
  for (let i = 1; i <= 25; i++) {
    await insertArticle({ slug: `article-${i}`, publishedAt: now() - (100 - i) * DAY, tags: ['Épingles'] });
  }
  await pin('article-3');
  await pin('article-7');
  // Pinned but not to be shown: a draft, a future article, a page.
  await insertArticle({ slug: 'brouillon', status: 'draft' });
  await insertArticle({ slug: 'a-venir', publishedAt: now() + DAY });
  await insertArticle({ slug: 'a-propos', publishedAt: now() - 200 * DAY });
  await env.DB.prepare(`UPDATE articles SET kind = 'page' WHERE slug = 'a-propos'`).run();
  for (const slug of ['brouillon', 'a-venir', 'a-propos']) await pin(slug);
});

describe('pinned articles on the home page', () => {
  it('come first, newest first, each marked as pinned', async () => {
    const { status, html } = await getHtml('/');
    expect(status).toBe(200);
    expect(slugsOf(html)).toEqual([
      'article-7',
      'article-3',
      ...[25, 24, 23, 22, 21, 20, 19, 18].map((i) => `article-${i}`),
    ]);
    expect(html.split(PINNED_LABEL)).toHaveLength(3);
    // The label sits in the pinned articles' own entries.
    const pinnedEntries = [
      ...html.matchAll(
        /<article class="summary pinned"[^>]*>\s*<p class="pinned-label"[^>]*>[^<]*<\/p>\s*<h2><a href="\/([^"]+)">/g,
      ),
    ];
    expect(pinnedEntries.map((match) => match[1])).toEqual(['article-7', 'article-3']);
  });

  it('are not shown twice: the pages after the first go on in date order, every article once', async () => {
    const second = await getHtml('/?page=2');
    const third = await getHtml('/?page=3');
    expect(slugsOf(second.html)).toEqual([17, 16, 15, 14, 13, 12, 11, 10, 9, 8].map((i) => `article-${i}`));
    expect(slugsOf(third.html)).toEqual([6, 5, 4, 2, 1].map((i) => `article-${i}`));
    expect(second.html).not.toContain(PINNED_LABEL);
    expect(third.html).toContain('<span>Page 3 sur 3</span>');
    expect((await get('/?page=4')).status).toBe(404);
    const all = [slugsOf((await getHtml('/')).html), slugsOf(second.html), slugsOf(third.html)].flat();
    expect(all).toHaveLength(25);
    expect(new Set(all).size).toBe(25);
  });

  it('leave feeds and tag pages in date order, unmarked', async () => {
    const feed = await (await get('/feed.json')).json<{ items: { url: string }[] }>();
    expect(feed.items[0]?.url).toBe('http://localhost:8787/article-25');
    const tag = await getHtml('/tag/epingles');
    expect(slugsOf(tag.html)[0]).toBe('article-25');
    expect(tag.html).not.toContain(PINNED_LABEL);
  });
});
