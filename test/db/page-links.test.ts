// The article page's links (tags, related articles, translation) are
// stored at publish and read with the article: what a reader sees must follow
// every publish, and the clock for scheduled articles, with no read-time work.
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_PAGE_LINKS_SQL } from '../../src/db/after-publish';
import { getPublishedArticlePage } from '../../src/db/articles';
import { DAY, insertArticle, now, refreshAfterPublish } from '../fixtures';

const page = (slug: string, at = now()) => getPublishedArticlePage(env.DB, slug, at, { page: 1, perPage: 50 });
const storedLinks = async (slug: string) =>
  (
    await env.DB.prepare('SELECT page_links FROM articles WHERE slug = ?1')
      .bind(slug)
      .first<{ page_links: string | null }>()
  )?.page_links;

afterEach(() => vi.useRealTimers());

describe('page links stored at publish', () => {
  it('lists the tags in name order, whatever order they were given in', async () => {
    await insertArticle({ slug: 'liens-tags', tags: ['Zèbre', 'abeille', 'Mer'] });
    expect((await page('liens-tags'))?.tags.map((tag) => tag.name)).toEqual(['abeille', 'Mer', 'Zèbre']);
  });

  it('shows a related article’s new title once it is published again', async () => {
    await insertArticle({ slug: 'liens-a', tags: ['Liens titre'] });
    await insertArticle({ slug: 'liens-b', title: 'Ancien titre', tags: ['Liens titre'] });
    expect((await page('liens-a'))?.related.find((row) => row.slug === 'liens-b')?.title).toBe('Ancien titre');
    await env.DB.prepare(`UPDATE articles SET title = 'Nouveau titre' WHERE slug = 'liens-b'`).run();
    await refreshAfterPublish();
    expect((await page('liens-a'))?.related.find((row) => row.slug === 'liens-b')?.title).toBe('Nouveau titre');
  });

  it('drops an article turned into a draft from the lists, and forgets the draft’s own links', async () => {
    await insertArticle({ slug: 'liens-c', tags: ['Liens brouillon'] });
    await insertArticle({ slug: 'liens-d', tags: ['Liens brouillon'] });
    expect((await page('liens-c'))?.related.map((row) => row.slug)).toContain('liens-d');
    await env.DB.prepare(`UPDATE articles SET status = 'draft' WHERE slug = 'liens-d'`).run();
    await refreshAfterPublish();
    expect((await page('liens-c'))?.related.map((row) => row.slug)).not.toContain('liens-d');
    expect(await storedLinks('liens-d')).toBeNull();
  });

  it('shows a scheduled translation from its publication time on, with no publish in between', async () => {
    const due = now() + DAY;
    await insertArticle({ slug: 'liens-fr', language: 'fr', translationSlug: 'links-en' });
    await insertArticle({ slug: 'links-en', language: 'en', publishedAt: due });
    expect((await page('liens-fr'))?.translation).toBeNull();
    expect((await page('liens-fr', due))?.translation).toEqual({ slug: 'links-en', language: 'en', parent_slug: null });
    // Named only from the other side: found as well.
    expect((await page('links-en', due))?.translation).toEqual({ slug: 'liens-fr', language: 'fr', parent_slug: null });
  });

  it('writes no row when nothing changed (D1 bills rows written)', async () => {
    await insertArticle({ slug: 'liens-stable', tags: ['Stable'] });
    const results = await env.DB.batch(REFRESH_PAGE_LINKS_SQL.map((sql) => env.DB.prepare(sql)));
    expect(results.map((result) => result.meta.changes)).toEqual([0, 0]);
  });
});
