import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, get, getHtml, insertArticle, insertComment, now } from '../fixtures';

// 23 published articles → 3 pages of 10 (PAGE_SIZE in wrangler.toml).
beforeAll(async () => {
  for (let i = 1; i <= 23; i++) {
    await insertArticle({ slug: `article-${i}`, title: `Article numéro ${i}`, publishedAt: now() - (100 - i) * DAY });
  }
  await insertArticle({ slug: 'draft-one', title: 'Secret draft', status: 'draft' });
  await insertArticle({ slug: 'future-one', title: 'Not yet', publishedAt: now() + DAY });
  const withComments = await insertArticle({ slug: 'commented', title: 'Commented', publishedAt: now() - DAY });
  for (let i = 0; i < 3; i++) await insertComment({ articleId: withComments });
  await insertComment({ articleId: withComments, status: 'pending' });
  await insertComment({ articleId: withComments, status: 'spam' });
  const single = await insertArticle({ slug: 'single', title: 'Single', publishedAt: now() - 2 * DAY });
  await insertComment({ articleId: single });
});

const titlesOf = (html: string) => [...html.matchAll(/<h2><a href="\/([^"]+)">/g)].map((match) => match[1]);

describe('home page', () => {
  it('lists the newest published articles first, ten a page', async () => {
    const { status, html, response } = await getHtml('/');
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(titlesOf(html)).toEqual([
      'commented',
      'single',
      'article-23',
      'article-22',
      'article-21',
      'article-20',
      'article-19',
      'article-18',
      'article-17',
      'article-16',
    ]);
  });

  it('never shows drafts or future-dated articles', async () => {
    for (const page of ['/', '/?page=2', '/?page=3']) {
      const { html } = await getHtml(page);
      expect(html).not.toContain('Secret draft');
      expect(html).not.toContain('Not yet');
    }
  });

  it('shows the approved comment count with the right plural', async () => {
    const { html } = await getHtml('/');
    expect(html).toContain('<a href="/commented#comments">3 commentaires</a>');
    expect(html).toContain('<a href="/single#comments">1 commentaire</a>');
    expect(html).toContain('<a href="/article-23#comments">Aucun commentaire</a>');
  });

  it('shows dates in French and the excerpt', async () => {
    const { html } = await getHtml('/');
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T[^"]+">\d{1,2} [a-zéû]+ \d{4}<\/time>/);
    expect(html).toContain('<p>Excerpt of article-23</p>');
  });

  it('links pages together and stops at the last one', async () => {
    const first = await getHtml('/');
    expect(first.html).toContain('<a rel="next" href="/?page=2">');
    expect(first.html).not.toContain('rel="prev"');
    const second = await getHtml('/?page=2');
    expect(second.html).toContain('<a rel="prev" href="/">');
    expect(second.html).toContain('<a rel="next" href="/?page=3">');
    expect(second.html).toContain('Page 2 sur 3');
    expect(second.html).toContain('<link rel="canonical" href="http://localhost:8787/?page=2">');
    const last = await getHtml('/?page=3');
    expect(titlesOf(last.html)).toEqual(['article-5', 'article-4', 'article-3', 'article-2', 'article-1']);
    expect(last.html).not.toContain('rel="next"');
  });

  it('answers 404 past the last page, in the blog design', async () => {
    const { status, html } = await getHtml('/?page=4');
    expect(status).toBe(404);
    expect(html).toContain('<h1>Page introuvable</h1>');
    expect(html).toContain('<p class="site-title"><a href="/" rel="home">Causerie</a></p>');
  });

  it('redirects ?page=1 to the bare URL', async () => {
    const response = await get('/?page=1');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/');
  });

  it.each([
    ['abc', 400],
    ['-1', 400],
    ['0', 400],
    ['1.5', 400],
    ['', 400],
    ['2&page=3', 400],
    ['99999999999999999999', 404],
    ['1000001', 404],
  ])('answers ?page=%s with %i, never a 500', async (value, expected) => {
    const { status, html } = await getHtml(`/?page=${value}`);
    expect(status).toBe(expected);
    expect(html).toContain('<html lang="fr">');
  });
});
