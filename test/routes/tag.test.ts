import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, get, getHtml, insertArticle, now } from '../fixtures';

beforeAll(async () => {
  for (let i = 1; i <= 12; i++) {
    await insertArticle({ slug: `web-${i}`, title: `Web ${i}`, tags: ['Web'], publishedAt: now() - (50 - i) * DAY });
  }
  await insertArticle({ slug: 'other', title: 'Other topic', tags: ['Cuisine'] });
  await insertArticle({ slug: 'web-draft', title: 'Web draft', tags: ['Web'], status: 'draft' });
  await insertArticle({ slug: 'web-future', title: 'Web future', tags: ['Web'], publishedAt: now() + DAY });
  await insertArticle({ slug: 'only-draft', tags: ['Secret'], status: 'draft' });
  await insertArticle({ slug: 'accent', title: 'Accent', tags: ['Accessibilité'] });
});

describe('tag page', () => {
  it('lists the tag’s published articles, newest first, with a count', async () => {
    const { status, html } = await getHtml('/tag/web');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Articles étiquetés «\u00a0Web\u00a0»</h1>');
    expect(html).toContain('<p class="count">12 articles</p>');
    const slugs = [...html.matchAll(/<h2><a href="\/([^"]+)">/g)].map((match) => match[1]);
    expect(slugs).toHaveLength(10);
    expect(slugs[0]).toBe('web-12');
    expect(html).not.toContain('Other topic');
    expect(html).not.toContain('Web draft');
    expect(html).not.toContain('Web future');
  });

  it('paginates', async () => {
    const { html } = await getHtml('/tag/web?page=2');
    const slugs = [...html.matchAll(/<h2><a href="\/([^"]+)">/g)].map((match) => match[1]);
    expect(slugs).toEqual(['web-2', 'web-1']);
    expect(html).toContain('<a rel="prev" href="/tag/web">');
    expect((await get('/tag/web?page=3')).status).toBe(404);
    expect((await get('/tag/web?page=x')).status).toBe(400);
  });

  it('uses the accent-free slug for accented tags and shows the real name', async () => {
    const { status, html } = await getHtml('/tag/accessibilite');
    expect(status).toBe(200);
    expect(html).toContain('«\u00a0Accessibilité\u00a0»');
    expect(html).toContain('<p class="count">1 article</p>');
  });

  it('answers 404 for unknown tags and for tags used only by drafts', async () => {
    for (const path of ['/tag/nope', '/tag/secret', '/tag/%C3%A9t%C3%A9']) {
      const { status, html } = await getHtml(path);
      expect(status, path).toBe(404);
      expect(html).toContain('Page introuvable');
    }
  });
});
