import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bumpCacheVersion } from '../../src/cache/version';
import { DAY, get, getHtml, insertArticle, insertComment, now, refreshAfterPublish } from '../fixtures';

let mainId: number;
let readerId: number;
let replyId: number;

beforeAll(async () => {
  mainId = await insertArticle({
    slug: 'animer',
    title: 'Animer une communauté',
    description: 'Comment accueillir les lecteurs.',
    bodyHtml: '<p>Un <em>corps</em> rendu à la publication.</p>',
    publishedAt: now() - 10 * DAY,
    image: {
      url: '/images/communaute.svg',
      alt: 'Des bulles de dialogue',
      width: 1200,
      height: 630,
      credit: 'Illustration : Causerie',
      creditUrl: 'https://creativecommons.org/licenses/by/4.0/',
    },
    tags: ['Communauté', 'Modération', 'Blog'],
  });
  // Related candidates: two tags shared, one tag shared, none shared but recent.
  await insertArticle({ slug: 'two-shared', tags: ['Communauté', 'Modération'], publishedAt: now() - 30 * DAY });
  await insertArticle({ slug: 'one-shared-new', tags: ['Blog'], publishedAt: now() - 2 * DAY });
  await insertArticle({ slug: 'one-shared-old', tags: ['Communauté'], publishedAt: now() - 40 * DAY });
  await insertArticle({ slug: 'unrelated-recent', tags: ['Cuisine'], publishedAt: now() - DAY });
  await insertArticle({ slug: 'shared-draft', tags: ['Communauté', 'Modération', 'Blog'], status: 'draft' });
  await insertArticle({ slug: 'shared-future', tags: ['Communauté', 'Modération'], publishedAt: now() + DAY });
  await insertArticle({ slug: 'lonely', tags: [], publishedAt: now() - 50 * DAY, language: 'en', title: 'Lonely' });

  readerId = await insertComment({
    articleId: mainId,
    author: 'Camille',
    email: 'camille-secret@example.org',
    url: 'https://example.org/camille',
    body: 'Premier paragraphe.\n\nSecond paragraphe\navec un saut de ligne.',
    createdAt: now() - 9 * DAY,
  });
  await insertComment({ articleId: mainId, author: 'Julien', body: 'Un autre avis.', createdAt: now() - 8 * DAY });
  replyId = await insertComment({
    articleId: mainId,
    parentId: readerId,
    author: 'Élise',
    body: 'Merci Camille !',
    isAuthor: true,
    createdAt: now() - 7 * DAY,
  });
  await insertComment({ articleId: mainId, body: 'Held for moderation', status: 'pending' });
  await insertComment({ articleId: mainId, body: 'Buy cheap pills', status: 'spam' });
  await insertComment({ articleId: mainId, body: 'Thrown away', status: 'trash' });
});

describe('article page', () => {
  it('shows the title, date, description and body', async () => {
    const { status, html } = await getHtml('/animer');
    expect(status).toBe(200);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<title>Animer une communauté – Causerie</title>');
    expect(html).toContain('<h1>Animer une communauté</h1>');
    expect(html).toContain('<meta name="description" content="Comment accueillir les lecteurs.">');
    expect(html).toMatch(/Publié le <time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">\d{1,2} [a-zéû]+ \d{4}<\/time>/);
    expect(html).toContain('<p>Un <em>corps</em> rendu à la publication.</p>');
  });

  it('shows the featured image with its alt text, size and credit line', async () => {
    const { html } = await getHtml('/animer');
    expect(html).toContain(
      '<img src="/images/communaute.svg" alt="Des bulles de dialogue" width="1200" height="630" fetchpriority="high">',
    );
    expect(html).toContain(
      '<figcaption class="credit">Crédit image\u00a0: <a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener">Illustration : Causerie</a></figcaption>',
    );
  });

  it('links its tags', async () => {
    const { html } = await getHtml('/animer');
    expect(html).toContain('<a href="/tag/blog" rel="tag">Blog</a>');
    expect(html).toContain('<a href="/tag/communaute" rel="tag">Communauté</a>');
  });

  it('offers plain share links with the article URL, and no third-party script', async () => {
    const { html } = await getHtml('/animer');
    const url = encodeURIComponent('http://localhost:8787/animer');
    expect(html).toContain(`href="mailto:?subject=Animer%20une%20communaut%C3%A9&amp;body=${url}"`);
    expect(html).toContain(`href="https://mastodonshare.com/?text=Animer+une+communaut%C3%A9&amp;url=${url}"`);
    expect(html).toContain(`href="https://x.com/intent/post?text=Animer+une+communaut%C3%A9&amp;url=${url}"`);
    expect(html).toContain(`href="https://www.facebook.com/sharer/sharer.php?u=${url}"`);
    expect(html).toContain(`href="https://www.linkedin.com/sharing/share-offsite/?url=${url}"`);
    // The only script is the blog's own comment-form script; Turnstile is
    // the one third party the CSP lets in, and only once the form is used.
    // Structured data is a data block, never run.
    expect([...html.matchAll(/<script[^>]*>/g)].map((match) => match[0])).toEqual([
      '<script type="application/ld+json">',
      '<script src="/js/comment-form.js" defer>',
    ]);
    expect(html).not.toMatch(/<iframe/i);
  });

  it('suggests related articles: shared tags first, then recent, never itself or unpublished ones', async () => {
    const { html } = await getHtml('/animer');
    const related = /<aside class="related"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
    expect(related).toContain('<h2 id="related-heading">Vous pouvez aussi lire</h2>');
    const slugs = [...related.matchAll(/<a href="\/([^"]+)">/g)].map((match) => match[1]);
    expect(slugs).toEqual(['two-shared', 'one-shared-new', 'one-shared-old']);
  });

  it('falls back to recent articles when nothing shares a tag', async () => {
    const { html } = await getHtml('/lonely');
    const related = /<aside class="related"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
    const slugs = [...related.matchAll(/<a href="\/([^"]+)">/g)].map((match) => match[1]);
    expect(slugs).toEqual(['unrelated-recent', 'one-shared-new', 'animer']);
  });

  it('lists only what a reader may open, as the time and the blog change', async () => {
    // Five articles sharing the Jardinage tag with the one read, each a case.
    await insertArticle({ slug: 'jardin', tags: ['Jardinage', 'Potager'], publishedAt: now() - 20 * DAY });
    await insertArticle({ slug: 'jardin-potager', tags: ['Jardinage', 'Potager'], publishedAt: now() - 60 * DAY });
    await insertArticle({ slug: 'jardin-protege', tags: ['Jardinage', 'Potager'], publishedAt: now() - 3 * DAY });
    await insertArticle({ slug: 'jardin-prevu', tags: ['Jardinage'], publishedAt: now() + DAY });
    await insertArticle({ slug: 'jardin-retire', tags: ['Jardinage'], publishedAt: now() - 4 * DAY });
    await insertArticle({ slug: 'jardin-ancien', tags: ['Jardinage'], publishedAt: now() - 70 * DAY });
    // Protected when published again (the publish ranks the blog again).
    await env.DB.prepare("UPDATE articles SET password_hash = 'pbkdf2$x' WHERE slug = 'jardin-protege'").run();
    await refreshAfterPublish();
    const relatedOf = async (slug: string) => {
      const related = /<aside class="related"[\s\S]*?<\/aside>/.exec((await getHtml(`/${slug}`)).html)?.[0] ?? '';
      return [...related.matchAll(/<a href="\/([^"]+)">/g)].map((match) => match[1]);
    };
    // Both tags first, then one tag newest first; never the scheduled or the protected one.
    expect(await relatedOf('jardin')).toEqual(['jardin-potager', 'jardin-retire', 'jardin-ancien']);

    // Unpublished since (as `--unpublish-missing` does, whose run ends as every publish): gone, and the list still has three.
    await env.DB.prepare("UPDATE articles SET status = 'draft' WHERE slug = 'jardin-retire'").run();
    await refreshAfterPublish();
    await bumpCacheVersion(env.DB);
    expect(await relatedOf('jardin')).toEqual(['jardin-potager', 'jardin-ancien', 'unrelated-recent']);

    // The scheduled article's time comes, with no publish in between: it appears.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime((now() + 2 * DAY) * 1000);
      await bumpCacheVersion(env.DB);
      expect(await relatedOf('jardin')).toEqual(['jardin-potager', 'jardin-prevu', 'jardin-ancien']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('titles the comments with the count and the article title', async () => {
    const { html } = await getHtml('/animer');
    expect(html).toContain('<h2>3 commentaires à «\u00a0Animer une communauté\u00a0»</h2>');
  });

  it('threads replies under their parent and marks the author', async () => {
    const { html } = await getHtml('/animer');
    const section = /<section id="comments"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const order = [...section.matchAll(/<li id="comment-(\d+)" class="([^"]+)">/g)].map((m) => [Number(m[1]), m[2]]);
    expect(order.map(([id]) => id)).toEqual([readerId, replyId, expect.any(Number)]);
    expect(order[1]?.[1]).toBe('comment by-author');
    // The reply sits inside the reader's <li>, in a nested list.
    const readerItem = section.slice(section.indexOf(`id="comment-${readerId}"`));
    expect(readerItem.indexOf('<ol class="comment-replies">')).toBeLessThan(
      readerItem.indexOf(`id="comment-${replyId}"`),
    );
    expect(section).toContain('<span class="badge">Auteur de l’article</span>');
    expect(section).toContain('<a href="https://example.org/camille" rel="nofollow ugc noopener">Camille</a>');
    expect(section).toContain('<p>Premier paragraphe.</p><p>Second paragraphe<br>avec un saut de ligne.</p>');
  });

  it('shows only approved comments and never an e-mail address', async () => {
    const { html } = await getHtml('/animer');
    expect(html).not.toContain('Held for moderation');
    expect(html).not.toContain('cheap pills');
    expect(html).not.toContain('Thrown away');
    expect(html).not.toContain('camille-secret@example.org');
    expect(html).not.toContain('@example.org');
  });

  it('ends with the comment form, reply links on each comment and a notice for readers without JavaScript', async () => {
    const { html } = await getHtml('/animer');
    expect(html).toContain('<h2 id="respond-heading">Laisser un commentaire</h2>');
    expect(html).toContain('<form id="comment-form" method="post" action="/animer/comments" novalidate');
    expect(html).toContain('data-turnstile-sitekey="1x00000000000000000000AA" data-turnstile-language="fr"');
    expect(html).toContain('<label for="comment-author">Nom <abbr title="obligatoire">*</abbr></label>');
    expect(html).toContain('<label for="comment-email">E-mail <abbr title="obligatoire">*</abbr></label>');
    expect(html).toContain('<label for="comment-url">Site web</label>');
    expect(html).toContain('<label for="comment-body">Commentaire <abbr title="obligatoire">*</abbr></label>');
    expect(html).toContain(
      '<noscript><p class="noscript-notice">Pour tenir les robots à l’écart, commenter nécessite JavaScript',
    );
    expect(html).toContain(
      `<a class="reply-link" href="#respond" data-reply-to="${readerId}" aria-label="Répondre à Camille">Répondre</a>`,
    );
    // The form's script names whom the reader answers from the comment's own
    // .comment-author, in the same <article> as the link.
    const comment = new RegExp(`<li id="comment-${readerId}"[^>]*><article>(.*?)</article>`, 's').exec(html)?.[1] ?? '';
    expect(comment).toMatch(/<span class="comment-author">.*Camille.*<\/span>/);
    expect(comment).toContain(`data-reply-to="${readerId}"`);
  });

  it('speaks the article language: an English article gets English interface strings', async () => {
    const { html } = await getHtml('/lonely');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h2>No comments</h2>');
    expect(html).toContain('You may also like');
    expect(html).toMatch(/Published on <time datetime="[^"]+">\d{1,2} [A-Z][a-z]+ \d{4}<\/time>/);
  });

  it('answers 404 in the blog design for unknown, draft and future articles', async () => {
    for (const path of ['/nope', '/shared-draft', '/shared-future']) {
      const { status, html } = await getHtml(path);
      expect(status, path).toBe(404);
      expect(html).toContain('<h1>Page introuvable</h1>');
      expect(html).toContain('<a href="/">Retour à l’accueil</a>');
    }
  });
});

describe('comment heading plurals', () => {
  it.each([
    [0, 'fr', 'Aucun commentaire'],
    [1, 'fr', '1 commentaire à «\u00a0Pluriel\u00a0»'],
    [2, 'fr', '2 commentaires à «\u00a0Pluriel\u00a0»'],
    [0, 'en', 'No comments'],
    [1, 'en', '1 comment on “Pluriel”'],
    [2, 'en', '2 comments on “Pluriel”'],
  ] as const)('%i comment(s) in %s', async (count, language, heading) => {
    const slug = `plural-${language}-${count}`;
    const id = await insertArticle({ slug, title: 'Pluriel', language });
    for (let i = 0; i < count; i++) await insertComment({ articleId: id });
    const { html } = await getHtml(`/${slug}`);
    expect(html).toContain(`<h2>${heading}</h2>`);
  });
});

describe('escaping', () => {
  const hostile = '<script>alert(1)</script>"onload="x\'</textarea>';

  it('escapes hostile titles, tags and comments everywhere they appear', async () => {
    const id = await insertArticle({ slug: 'hostile', title: hostile, excerpt: hostile, tags: [hostile] });
    await insertComment({ articleId: id, author: hostile, body: hostile, url: 'https://example.org/"onmouseover="x' });
    await insertArticle({ slug: 'hostile-neighbour', tags: [hostile], publishedAt: now() - 2 * DAY });
    for (const path of ['/hostile', '/', '/hostile-neighbour', '/tag/script-alert-1-script-onload-x-textarea']) {
      const { status, html } = await getHtml(path);
      expect(status, path).toBe(200);
      expect(html, path).not.toContain('<script>alert(1)');
      expect(html, path).not.toContain('"onload="');
      // The comment form's own textarea closes once; nothing else may.
      expect(html.split('</textarea>').length, path).toBeLessThanOrEqual(2);
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;onload=&quot;x&#39;&lt;/textarea&gt;');
    }
    const { html } = await getHtml('/hostile');
    expect(html).toContain('href="https://example.org/&quot;onmouseover=&quot;x"');
  });
});

it('does not answer for an article whose slug differs only by a prefix', async () => {
  expect((await get('/anime')).status).toBe(404);
  expect((await get('/animer-x')).status).toBe(404);
  expect(mainId).toBeGreaterThan(0);
});
