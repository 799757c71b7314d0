// What search engines and link previews read in each public page's <head>.
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, getHtml, insertArticle, insertComment, now } from '../fixtures';

const BASE = 'http://localhost:8787';
// 6 October 2026, 09:30 in Paris (summer time, +02:00); edited two days later.
const PUBLISHED = Date.UTC(2026, 9, 6, 7, 30) / 1000;
const UPDATED = Date.UTC(2026, 9, 8, 12, 0) / 1000;
const LONG_DESCRIPTION =
  'Accueillir les nouveaux venus, répondre aux lecteurs, filtrer le spam et garder un ton bienveillant : quelques habitudes simples pour faire vivre l’espace de commentaires.';
const HOSTILE = '</script><script>alert(1)</script><!-- & \u2028\u2029 "quoted"';

let camilleId: number;
let replyId: number;
let hostileCommentId: number;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };
const decode = (text: string) => text.replace(/&(?:amp|quot|#39|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);

function headOf(html: string): string {
  return html.slice(0, html.indexOf('</head>'));
}

/** Every content of `<meta property|name="key" content="...">`, decoded, in order. */
function metaValues(html: string, key: string): string[] {
  const pattern = /<meta (?:property|name)="([^"]+)" content="([^"]*)">/g;
  return [...headOf(html).matchAll(pattern)].filter((m) => m[1] === key).map((m) => decode(m[2] ?? ''));
}

function hreflangs(html: string): Record<string, string> {
  const links = [...headOf(html).matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)];
  return Object.fromEntries(links.map((m) => [m[1], decode(m[2] ?? '')]));
}

type Node = Record<string, unknown> & { '@type': string };

function jsonLd(html: string): Node[] {
  const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  expect(scripts).toHaveLength(1);
  const data = JSON.parse(scripts[0]?.[1] ?? '') as { '@context': string; '@graph': Node[] };
  expect(data['@context']).toBe('https://schema.org');
  return data['@graph'];
}

function node(html: string, type: string): Node {
  const found = jsonLd(html).find((item) => item['@type'] === type);
  if (!found) throw new Error(`no ${type} in the page's JSON-LD`);
  return found;
}

beforeAll(async () => {
  const id = await insertArticle({
    slug: 'animer',
    title: 'Animer une communauté',
    description: LONG_DESCRIPTION,
    publishedAt: PUBLISHED,
    updatedAt: UPDATED,
    image: {
      url: '/images/communaute.svg',
      alt: 'Trois bulles de dialogue',
      width: 1200,
      height: 630,
      credit: 'Illustration : Causerie, CC BY 4.0',
      creditUrl: 'https://creativecommons.org/licenses/by/4.0/deed.fr',
    },
    tags: ['Communauté', 'Modération', 'Blog'],
  });
  camilleId = await insertComment({
    articleId: id,
    author: 'Camille',
    url: 'https://example.org/camille',
    body: 'Merci pour ces conseils.',
    createdAt: PUBLISHED + 3600,
  });
  replyId = await insertComment({
    articleId: id,
    parentId: camilleId,
    author: 'Élise Durand',
    body: 'Avec plaisir !',
    isAuthor: true,
    createdAt: PUBLISHED + 7200,
  });
  hostileCommentId = await insertComment({
    articleId: id,
    author: HOSTILE,
    body: HOSTILE,
    createdAt: PUBLISHED + 9000,
  });
  await insertComment({ articleId: id, body: 'Held for moderation', status: 'pending' });
  await insertComment({ articleId: id, body: 'Cheap pills', status: 'spam' });

  const busy = await insertArticle({ slug: 'discussion-animee', title: 'Discussion animée', tags: [] });
  for (let i = 0; i < 5; i++) {
    await insertComment({
      articleId: busy,
      author: `Lecteur ${i}`,
      body: i === 0 ? `Un long avis. ${'Je développe encore un peu mon idée. '.repeat(20)}` : `Avis ${i}.`,
      createdAt: PUBLISHED + i * 60,
    });
  }

  await insertArticle({ slug: 'sans-image', title: 'Sans image', excerpt: 'Un extrait court.', tags: [] });
  await insertArticle({ slug: 'hostile-title', title: HOSTILE, tags: [] });

  // Translations: the English one declares the link, the French one does not.
  await insertArticle({ slug: 'feeds-matter', language: 'en', title: 'Feeds Matter', translationSlug: 'flux' });
  await insertArticle({ slug: 'flux', language: 'fr', title: 'Les flux comptent' });
  // Translations not published (yet): no alternates on either side.
  await insertArticle({ slug: 'solo', language: 'en', translationSlug: 'solo-fr' });
  await insertArticle({ slug: 'solo-fr', status: 'draft', translationSlug: 'solo' });
  await insertArticle({ slug: 'early', language: 'en', translationSlug: 'early-fr' });
  await insertArticle({ slug: 'early-fr', publishedAt: now() + DAY });
  await insertArticle({ slug: 'draft-names-me', language: 'en', status: 'draft', translationSlug: 'sans-image' });

  // Enough for second pages of the home page and of a tag.
  for (let i = 0; i < 11; i++) {
    await insertArticle({ slug: `liste-${i}`, tags: ['Liste'], publishedAt: now() - (30 + i) * DAY });
  }
});

describe('article head', () => {
  it('has the title, a description cut at a word boundary, the canonical URL and no robots ban', async () => {
    const { html } = await getHtml('/animer');
    expect(html).toContain('<title>Animer une communauté – Causerie</title>');
    const [description] = metaValues(html, 'description');
    expect(description?.length).toBeLessThanOrEqual(160);
    expect(description).toBe(
      'Accueillir les nouveaux venus, répondre aux lecteurs, filtrer le spam et garder un ton bienveillant : quelques habitudes simples pour faire vivre l’espace de…',
    );
    expect(html).toContain(`<link rel="canonical" href="${BASE}/animer">`);
    expect(metaValues(html, 'robots')).toEqual([]);
  });

  it('describes the article for OpenGraph, image and dates included', async () => {
    const { html } = await getHtml('/animer');
    const og = (key: string) => metaValues(html, key);
    expect(og('og:site_name')).toEqual(['Causerie']);
    expect(og('og:locale')).toEqual(['fr_FR']);
    expect(og('og:locale:alternate')).toEqual([]);
    expect(og('og:type')).toEqual(['article']);
    expect(og('og:title')).toEqual(['Animer une communauté']);
    // Previews take the whole description; only the meta description is cut.
    expect(og('og:description')).toEqual([LONG_DESCRIPTION]);
    expect(og('og:url')).toEqual([`${BASE}/animer`]);
    expect(og('og:image')).toEqual([`${BASE}/images/communaute.svg`]);
    expect(og('og:image:width')).toEqual(['1200']);
    expect(og('og:image:height')).toEqual(['630']);
    expect(og('og:image:alt')).toEqual(['Trois bulles de dialogue']);
    expect(og('article:published_time')).toEqual(['2026-10-06T09:30:00+02:00']);
    expect(og('article:modified_time')).toEqual(['2026-10-08T14:00:00+02:00']);
    expect(og('article:author')).toEqual(['Élise Durand']);
    expect(og('article:tag')).toEqual(['Blog', 'Communauté', 'Modération']);
  });

  it('asks for a large Twitter card with an image, a summary card without', async () => {
    const { html } = await getHtml('/animer');
    expect(metaValues(html, 'twitter:card')).toEqual(['summary_large_image']);
    expect(metaValues(html, 'twitter:title')).toEqual(['Animer une communauté']);
    expect(metaValues(html, 'twitter:description')).toEqual([LONG_DESCRIPTION]);
    expect(metaValues(html, 'twitter:image')).toEqual([`${BASE}/images/communaute.svg`]);
    expect(metaValues(html, 'twitter:image:alt')).toEqual(['Trois bulles de dialogue']);

    const plain = (await getHtml('/sans-image')).html;
    expect(metaValues(plain, 'twitter:card')).toEqual(['summary']);
    expect(metaValues(plain, 'twitter:image')).toEqual([]);
    expect(metaValues(plain, 'og:image')).toEqual([]);
    // No description in front matter: the excerpt stands in.
    expect(metaValues(plain, 'description')).toEqual(['Un extrait court.']);
    expect(metaValues(plain, 'og:description')).toEqual(['Un extrait court.']);
  });
});

describe('hreflang', () => {
  it('links both language versions from the side that declares the translation', async () => {
    const { html } = await getHtml('/feeds-matter');
    expect(hreflangs(html)).toEqual({
      en: `${BASE}/feeds-matter`,
      fr: `${BASE}/flux`,
      'x-default': `${BASE}/flux`,
    });
    expect(metaValues(html, 'og:locale')).toEqual(['en_US']);
    expect(metaValues(html, 'og:locale:alternate')).toEqual(['fr_FR']);
  });

  it('links them from the other side too, though only one front matter names the other', async () => {
    const { html } = await getHtml('/flux');
    expect(hreflangs(html)).toEqual({
      fr: `${BASE}/flux`,
      en: `${BASE}/feeds-matter`,
      'x-default': `${BASE}/flux`,
    });
    expect(metaValues(html, 'og:locale:alternate')).toEqual(['en_US']);
  });

  it('links nothing while the translation is a draft or scheduled for later', async () => {
    for (const path of ['/solo', '/early', '/sans-image']) {
      const { html } = await getHtml(path);
      expect(hreflangs(html), path).toEqual({});
      expect(metaValues(html, 'og:locale:alternate'), path).toEqual([]);
    }
  });
});

describe('structured data on an article', () => {
  it('describes a BlogPosting with its dates, author, image credit, tags and language', async () => {
    const posting = node((await getHtml('/animer')).html, 'BlogPosting');
    expect(posting).toMatchObject({
      '@id': `${BASE}/animer#article`,
      mainEntityOfPage: `${BASE}/animer`,
      url: `${BASE}/animer`,
      headline: 'Animer une communauté',
      description: LONG_DESCRIPTION,
      datePublished: '2026-10-06T09:30:00+02:00',
      dateModified: '2026-10-08T14:00:00+02:00',
      author: { '@type': 'Person', '@id': `${BASE}/#author`, name: 'Élise Durand', url: `${BASE}/` },
      publisher: { '@id': `${BASE}/#author` },
      inLanguage: 'fr',
      keywords: ['Blog', 'Communauté', 'Modération'],
      isPartOf: { '@type': 'Blog', name: 'Causerie', url: `${BASE}/` },
    });
    expect(posting.image).toEqual({
      '@type': 'ImageObject',
      url: `${BASE}/images/communaute.svg`,
      width: 1200,
      height: 630,
      caption: 'Trois bulles de dialogue',
      creditText: 'Illustration : Causerie, CC BY 4.0',
      copyrightNotice: 'Illustration : Causerie, CC BY 4.0',
      license: 'https://creativecommons.org/licenses/by/4.0/deed.fr',
      acquireLicensePage: 'https://creativecommons.org/licenses/by/4.0/deed.fr',
    });
  });

  it('lists the approved comments, replies pointing at their parent, and counts them', async () => {
    const posting = node((await getHtml('/animer')).html, 'BlogPosting');
    expect(posting.commentCount).toBe(3);
    expect(posting.comment).toEqual([
      {
        '@type': 'Comment',
        '@id': `${BASE}/animer#comment-${camilleId}`,
        author: { '@type': 'Person', name: 'Camille', url: 'https://example.org/camille' },
        dateCreated: '2026-10-06T10:30:00+02:00',
        text: 'Merci pour ces conseils.',
      },
      {
        '@type': 'Comment',
        '@id': `${BASE}/animer#comment-${replyId}`,
        author: { '@type': 'Person', name: 'Élise Durand' },
        dateCreated: '2026-10-06T11:30:00+02:00',
        text: 'Avec plaisir !',
        parentItem: { '@id': `${BASE}/animer#comment-${camilleId}` },
      },
      {
        '@type': 'Comment',
        '@id': `${BASE}/animer#comment-${hostileCommentId}`,
        author: { '@type': 'Person', name: HOSTILE },
        dateCreated: '2026-10-06T12:00:00+02:00',
        text: HOSTILE,
      },
    ]);
  });

  it('counts every comment but carries only the first three, each shortened to 200 characters', async () => {
    const posting = node((await getHtml('/discussion-animee')).html, 'BlogPosting');
    expect(posting.commentCount).toBe(5);
    const comments = posting.comment as Array<{ author: { name: string }; text: string }>;
    expect(comments.map((comment) => comment.author.name)).toEqual(['Lecteur 0', 'Lecteur 1', 'Lecteur 2']);
    const long = comments[0]?.text ?? '';
    expect([...long].length).toBeLessThanOrEqual(200);
    expect(long).toMatch(/^Un long avis\. Je développe encore .*\S…$/);
    // Cut at a word: the text before the ellipsis is a prefix of what was written, ending a word.
    expect(`Un long avis. ${'Je développe encore un peu mon idée. '.repeat(20)}`).toContain(`${long.slice(0, -1)} `);
    expect(comments[1]?.text).toBe('Avis 1.');
  });

  it('keeps hostile text inside the script element and gives it back exactly', async () => {
    for (const path of ['/animer', '/hostile-title']) {
      const { html } = await getHtml(path);
      const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
      expect(script, path).not.toMatch(/[<>&\u2028\u2029]/);
      expect(html, path).not.toContain('<script>alert(1)');
    }
    expect(node((await getHtml('/hostile-title')).html, 'BlogPosting').headline).toBe(HOSTILE);
  });

  it('adds a breadcrumb: home, the first tag, the article', async () => {
    expect(node((await getHtml('/animer')).html, 'BreadcrumbList').itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Accueil', item: `${BASE}/` },
      { '@type': 'ListItem', position: 2, name: 'Blog', item: `${BASE}/tag/blog` },
      { '@type': 'ListItem', position: 3, name: 'Animer une communauté', item: `${BASE}/animer` },
    ]);
    expect(node((await getHtml('/sans-image')).html, 'BreadcrumbList').itemListElement).toHaveLength(2);
  });
});

describe('list pages', () => {
  it('titles the home page with the blog and its description, then "Page N"', async () => {
    const first = await getHtml('/');
    expect(first.html).toContain('<title>Causerie – Un carnet sur l’art d’animer une conversation en ligne.</title>');
    expect(first.html).toContain(`<link rel="canonical" href="${BASE}/">`);
    expect(metaValues(first.html, 'og:type')).toEqual(['website']);
    expect(metaValues(first.html, 'twitter:card')).toEqual(['summary']);
    const second = await getHtml('/?page=2');
    expect(second.html).toContain('<title>Causerie – Page 2</title>');
    expect(second.html).toContain(`<link rel="canonical" href="${BASE}/?page=2">`);
    expect(metaValues(second.html, 'og:url')).toEqual([`${BASE}/?page=2`]);
    // NOINDEX_PAGINATION is false in wrangler.toml: later pages stay indexable.
    expect(metaValues(second.html, 'robots')).toEqual([]);
  });

  it('describes the blog and the articles it lists in JSON-LD', async () => {
    const { html } = await getHtml('/');
    const blog = node(html, 'Blog');
    expect(blog).toMatchObject({
      name: 'Causerie',
      description: 'Un carnet sur l’art d’animer une conversation en ligne.',
      url: `${BASE}/`,
      inLanguage: 'fr',
    });
    const posts = blog.blogPost as Node[];
    // The articles the page lists, in its order.
    const listed = [...html.matchAll(/<h2><a href="\/([a-z0-9-]+)">/g)].map((m) => `${BASE}/${m[1]}`);
    expect(listed).toHaveLength(10);
    expect(posts.map((post) => post.url)).toEqual(listed);
    for (const post of posts) {
      expect(post).toEqual({
        '@type': 'BlogPosting',
        '@id': `${post.url}#article`,
        headline: expect.any(String),
        url: post.url,
        datePublished: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
        inLanguage: expect.stringMatching(/^(fr|en)$/),
      });
    }
    expect(posts.find((post) => post.url === `${BASE}/feeds-matter`)).toMatchObject({
      headline: 'Feeds Matter',
      inLanguage: 'en',
    });
  });

  it('titles tag pages, gives them a canonical URL and a breadcrumb', async () => {
    const first = await getHtml('/tag/liste');
    expect(first.html).toContain('<title>Articles étiquetés «\u00a0Liste\u00a0» – Causerie</title>');
    expect(first.html).toContain(`<link rel="canonical" href="${BASE}/tag/liste">`);
    expect(node(first.html, 'BreadcrumbList').itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Accueil', item: `${BASE}/` },
      { '@type': 'ListItem', position: 2, name: 'Liste', item: `${BASE}/tag/liste` },
    ]);
    const second = await getHtml('/tag/liste?page=2');
    expect(second.html).toContain('<title>Articles étiquetés «\u00a0Liste\u00a0» – Page 2 – Causerie</title>');
    expect(second.html).toContain(`<link rel="canonical" href="${BASE}/tag/liste?page=2">`);
    expect(metaValues(second.html, 'robots')).toEqual([]);
  });
});

describe('pages kept out of search engines', () => {
  it('a 404 says noindex, in the reader’s language, with no canonical URL nor preview', async () => {
    const { status, html } = await getHtml('/nulle-part');
    expect(status).toBe(404);
    expect(html).toContain('<title>Page introuvable – Causerie</title>');
    expect(metaValues(html, 'robots')).toEqual(['noindex']);
    expect(html).not.toContain('rel="canonical"');
    expect(metaValues(html, 'og:url')).toEqual([]);
    expect(html).not.toContain('application/ld+json');
  });

  it('the moderation desk says noindex in its HTML as well as its headers', async () => {
    const { html } = await getHtml('/admin/login');
    expect(metaValues(html, 'robots')[0]).toMatch(/^noindex\b/);
  });
});
