// Standalone pages as readers meet them: at /<slug> and /<parent>/<slug>,
// without an article's date, share links or related articles, commentable
// only when they say so, in the header's menu, the sitemap and search, and
// nowhere among the articles.
import { env } from 'cloudflare:test';
import { Router } from 'itty-router';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHILD_PAGE_PATH, NOT_A_PARENT } from '../../src/routes/page';
import { get, getHtml, insertArticle } from '../fixtures';
import { commentIdFrom, postComment } from '../support/comments';
import { publishDemoPages } from '../support/pages';
import { callWorker, recordingCacheContext } from '../support/worker';

beforeAll(async () => {
  await insertArticle({ slug: 'un-billet', title: 'Un billet', tags: ['Web'] });
  await insertArticle({ slug: 'an-article', title: 'An article', language: 'en' });
  await publishDemoPages();
});

/** The links of the header's menu, in order, with their aria-current. */
function menuOf(html: string): string[] {
  const nav = /<nav class="site-menu"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  return [...nav.matchAll(/<a href="([^"]+)"([^>]*)>([^<]+)<\/a>/g)].map(
    ([, href, attributes, label]) =>
      `${label} ${href}${attributes?.includes('aria-current="page"') ? ' (current)' : ''}`,
  );
}

describe('a page at its address', () => {
  it('shows title and body without date, share links or related articles, with comments when it asks', async () => {
    const { status, html } = await getHtml('/a-propos');
    expect(status).toBe(200);
    expect(html).toContain('<h1>À propos</h1>');
    expect(html).toContain('Je m’appelle Élise Durand');
    expect(html).not.toContain('<time');
    expect(html).not.toContain('class="share"');
    expect(html).not.toContain('class="related"');
    expect(html).toContain('id="comments"');
    expect(html).toContain('action="/a-propos/comments"');
  });

  it('has neither comments nor a form when its front matter does not ask for them', async () => {
    const { status, html } = await getHtml('/mentions-legales');
    expect(status).toBe(200);
    expect(html).toContain('Cloudflare, Inc.');
    expect(html).not.toContain('id="comments"');
    expect(html).not.toContain('/mentions-legales/comments');
  });

  it('serves a child page under its parent, sends its bare address there and refuses another parent', async () => {
    const child = await getHtml('/mentions-legales/donnees-personnelles');
    expect(child.status).toBe(200);
    expect(child.html).toContain('<h1>Données personnelles</h1>');
    expect(child.html).toContain(
      '<link rel="canonical" href="http://localhost:8787/mentions-legales/donnees-personnelles">',
    );
    const bare = await get('/donnees-personnelles?utm_source=x');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/mentions-legales/donnees-personnelles?utm_source=x');
    expect((await get('/a-propos/donnees-personnelles')).status).toBe(404);
    expect((await get('/un-billet/donnees-personnelles')).status).toBe(404);
    // An article is never a child page.
    expect((await get('/mentions-legales/un-billet')).status).toBe(404);
  });

  it('leaves year paths to the date archives, and the addresses other routes answer to them', async () => {
    const router = Router();
    router.get(CHILD_PAGE_PATH, () => new Response());
    const pattern = router.routes[0]?.[1] as RegExp;
    expect(pattern.exec('/mentions-legales/donnees-personnelles')?.groups).toEqual({
      parent: 'mentions-legales',
      slug: 'donnees-personnelles',
    });
    for (const path of [
      '/2024/03',
      '/1999/12',
      '/admin/logout',
      '/tag/web',
      '/a-propos/comments',
      '/a-propos/trackback',
    ]) {
      expect(pattern.test(path), path).toBe(false);
    }
    // None of the blog's own first segments is ever taken for a parent.
    for (const segment of NOT_A_PARENT) expect(pattern.test(`/${segment}/x`), segment).toBe(false);
    // So these keep the answers of their own routes: only POST there, the form's address.
    expect((await get('/un-billet/trackback')).status).toBe(405);
    expect((await get('/admin/logout')).status).toBe(405);
    const form = await get('/a-propos/comments');
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/a-propos#respond');
  });
});

describe('the header’s menu', () => {
  it('lists the pages of the reader’s language by menu order, then MENU_LINKS, marking the current page', async () => {
    expect(menuOf((await getHtml('/')).html)).toEqual([
      'À propos /a-propos',
      'Mentions légales /mentions-legales',
      'Archives /archives',
    ]);
    expect(menuOf((await getHtml('/a-propos')).html)).toEqual([
      'À propos /a-propos (current)',
      'Mentions légales /mentions-legales',
      'Archives /archives',
    ]);
    // An English article speaks English, its menu too.
    expect(menuOf((await getHtml('/an-article')).html)).toEqual([
      'About /about',
      'Legal notice /legal-notice',
      'Archives /archives',
    ]);
    expect(menuOf((await getHtml('/tag/web')).html)).toContain('À propos /a-propos');
    expect(menuOf((await getHtml('/search?q=cloudflare')).html)).toContain('À propos /a-propos');
    // An error page shows the menu read last.
    expect(menuOf((await getHtml('/nulle-part')).html)).toContain('À propos /a-propos');
  });

  it('follows a page leaving the menu at the next page rendered', async () => {
    await env.DB.prepare("UPDATE articles SET menu_order = NULL WHERE slug = 'mentions-legales'").run();
    try {
      expect(menuOf((await getHtml('/')).html)).toEqual(['À propos /a-propos', 'Archives /archives']);
    } finally {
      await env.DB.prepare("UPDATE articles SET menu_order = 2 WHERE slug = 'mentions-legales'").run();
    }
  });
});

describe('caching', () => {
  it('tags a page with its own tag and the menu’s, which publishing a page purges', async () => {
    const id = await env.DB.prepare("SELECT id FROM articles WHERE slug = 'a-propos'").first<number>('id');
    // Workers Cache reads the tags off the response (the Cache API layer keeps them to itself).
    const edgeCached = { env: { EDGE_CACHE: 'workers-cache' }, cache: recordingCacheContext().cache };
    for (const path of ['/a-propos', '/', '/un-billet']) {
      const tags = (await callWorker(path, edgeCached)).headers.get('cache-tag')?.split(',') ?? [];
      expect(tags, path).toContain('menu');
    }
    expect((await callWorker('/a-propos', edgeCached)).headers.get('cache-tag')).toBe(`article:${id},menu`);
  });
});

describe('pages among the articles', () => {
  it('are not on the home page, in feeds or in related articles', async () => {
    const home = (await getHtml('/')).html;
    const list = /<main[\s\S]*<\/main>/.exec(home)?.[0] ?? '';
    expect(list).toContain('Un billet');
    expect(list).not.toContain('href="/a-propos"');
    for (const feed of ['/feed.xml', '/atom.xml', '/feed.json']) {
      const response = await get(feed);
      if (response.status !== 200) continue;
      const text = await response.text();
      expect(text, feed).toContain('un-billet');
      expect(text, feed).not.toContain('a-propos');
    }
    const article = (await getHtml('/un-billet')).html;
    expect(/<aside class="related"[\s\S]*?<\/aside>/.exec(article)?.[0] ?? '').not.toContain('a-propos');
  });

  it('are in the sitemap at their addresses', async () => {
    const sitemap = await (await get('/sitemap.xml')).text();
    expect(sitemap).toContain('<loc>http://localhost:8787/a-propos</loc>');
    expect(sitemap).toContain('<loc>http://localhost:8787/mentions-legales/donnees-personnelles</loc>');
    expect(sitemap).not.toContain('<loc>http://localhost:8787/donnees-personnelles</loc>');
  });

  it('are found by search, labelled as pages, at their addresses', async () => {
    const { html } = await getHtml('/search?q=hébergeur');
    expect(html).toContain('href="/mentions-legales"');
    expect(html).toContain('<span class="result-kind" lang="fr">Page</span>');
    const child = (await getHtml('/search?q=empreinte')).html;
    expect(child).toContain('href="/mentions-legales/donnees-personnelles"');
  });
});

describe('commenting on a page', () => {
  it('sends the commenter back to the page', async () => {
    const response = await postComment('a-propos', { email: 'lectrice@example.org', body: 'Merci pour ce carnet.' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/a-propos#comment-${commentIdFrom(response)}`);
  });

  it('links a child page’s comment pages, its form’s address and its feed’s comments at /<parent>/<slug>', async () => {
    const parentId = await insertArticle({ slug: 'guide', title: 'Guide' });
    const childId = await insertArticle({ slug: 'chapitre', title: 'Chapitre' });
    await env.DB.batch([
      env.DB.prepare("UPDATE articles SET kind = 'page' WHERE id IN (?1, ?2)").bind(parentId, childId),
      env.DB.prepare('UPDATE articles SET parent_id = ?1 WHERE id = ?2').bind(parentId, childId),
      // COMMENTS_PER_PAGE (50) threads a page, and one more: two comment pages.
      ...Array.from({ length: 51 }, (_, i) =>
        env.DB.prepare(
          `INSERT INTO comments (article_id, author_name, author_email, body, status, created_at)
           VALUES (?1, 'Lectrice', 'lectrice@example.org', ?2, 'approved', ?3)`,
        ).bind(childId, `Fil ${i}`, 1_700_000_000 + i * 60),
      ),
    ]);
    const first = await getHtml('/guide/chapitre');
    expect(first.status).toBe(200);
    expect(first.html).toContain('<a rel="next" href="/guide/chapitre?cpage=2#comments">');
    const second = await getHtml('/guide/chapitre?cpage=2');
    expect(second.status).toBe(200);
    expect(second.html).toContain('<a rel="prev" href="/guide/chapitre#comments">');
    // Where a refused comment's address leads back to: the form, with no 301 on the way.
    const back = await get('/chapitre/comments');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/guide/chapitre#respond');
    expect((await get('/guide/chapitre')).status).toBe(200);
    const feed = (await (await get('/chapitre/comments/feed.json')).json()) as { items: { url: string }[] };
    expect(feed.items.map((item) => new URL(item.url).pathname + new URL(item.url).search)).toContain(
      '/guide/chapitre?cpage=2',
    );
  });

  it('refuses a comment on a page that takes none, showing the page and why', async () => {
    const response = await postComment('mentions-legales', { body: 'Un mot.' });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('<h1>Mentions légales</h1>');
    expect(html).toContain('<p class="comments-closed">');
    expect(await env.DB.prepare("SELECT count(*) AS n FROM comments WHERE body = 'Un mot.'").first('n')).toBe(0);
  });
});
