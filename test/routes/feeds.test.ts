// The nine feeds (blog, tag, comments × RSS, Atom, JSON Feed) as a feed
// reader gets them: parsed by a real feed parser (feedsmith), XML checked
// well-formed (fast-xml-parser), over HTTP with caching and conditional GETs.
import { env } from 'cloudflare:test';
import { XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildLookupQuery,
  buildSetStatusStatements,
  type CommentStateRow,
  purgeTagsFor,
} from '../../scripts/lib/comments-cli.ts';
import { tagsForArticleChange } from '../../src/cache/tags';
import { BUMP_CACHE_VERSION_SQL } from '../../src/cache/version-sql';
import { DAY, get, getHtml, insertArticle, insertComment, now } from '../fixtures';
import { callWorker, recordingCacheContext } from '../support/worker';

const BASE = 'http://localhost:8787';
const HOSTILE = '<script>alert(1)</script> & "quotes" ]]>';
// 2024-03-14T09:30:00Z and the days after it.
const MARCH_14 = 1_710_408_600;
const at = (days: number) => MARCH_14 + days * DAY;
const CACHED = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600 };

let animer: number;
let hostile: number;
const comments: Record<'older' | 'newer' | 'held' | 'spam', number> = { older: 0, newer: 0, held: 0, spam: 0 };

beforeAll(async () => {
  animer = await insertArticle({
    slug: 'animer',
    title: 'Animer une communauté',
    description: 'Ce qu’il faut savoir.',
    publishedAt: at(0),
    updatedAt: at(2),
    tags: ['Web', 'Communauté'],
    bodyHtml: '<p><a href="/autre">Autre</a> <img src="/images/schema.png" alt="Schéma"> <a href="#note">1</a></p>',
    image: { url: '/images/une.jpg', alt: 'Une salle' },
  });
  hostile = await insertArticle({
    slug: 'hostile',
    title: HOSTILE,
    excerpt: `Excerpt ${HOSTILE}`,
    language: 'en',
    publishedAt: at(3),
    tags: ['Web'],
  });
  await insertArticle({ slug: 'brouillon-flux', title: 'Brouillon', status: 'draft', tags: ['Brouillon'] });
  await insertArticle({ slug: 'futur-flux', title: 'Futur', publishedAt: now() + DAY, tags: ['Web'] });
  comments.older = await insertComment({ articleId: animer, author: 'Ana', body: 'Premier.', createdAt: at(1) });
  comments.newer = await insertComment({
    articleId: animer,
    author: `Zoé ${HOSTILE}`,
    email: 'secret-address@example.org',
    body: `Bonjour ${HOSTILE}\n\nSecond paragraphe`,
    createdAt: at(2.5),
  });
  comments.held = await insertComment({
    articleId: animer,
    body: 'Held comment',
    status: 'pending',
    createdAt: at(2.6),
  });
  comments.spam = await insertComment({ articleId: animer, body: 'Spam comment', status: 'spam', createdAt: at(2.7) });
});

/** The Cache-Tag a feed gives Workers Cache (the header is dropped where nothing caches). */
async function cacheTagOf(path: string): Promise<string | null> {
  const response = await callWorker(path, {
    env: { EDGE_CACHE: 'workers-cache' },
    cache: recordingCacheContext().cache,
  });
  return response.headers.get('cache-tag');
}

async function fetchFeed(path: string): Promise<{ response: Response; text: string }> {
  const response = await get(path);
  return { response, text: await response.text() };
}

const id = (kind: 'article' | 'comment', n: number) => `tag:localhost,2026:${kind}:${n}`;

describe('the blog feed', () => {
  it('RSS 2.0: newest first, stable guids, RFC 822 dates, categories, absolute URLs, full content', async () => {
    const { response, text } = await fetchFeed('/feed.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(XMLValidator.validate(text)).toBe(true);
    const feed = parseRssFeed(text);
    expect(feed.language).toBe('fr');
    expect(feed.link).toBe(`${BASE}/`);
    expect(feed.atom?.links?.[0]).toMatchObject({ rel: 'self', href: `${BASE}/feed.xml` });
    expect(feed.lastBuildDate).toBe('Sun, 17 Mar 2024 09:30:00 GMT');
    const items = feed.items ?? [];
    expect(items.map((item) => item.title)).toEqual([HOSTILE, 'Animer une communauté']);
    const [first, second] = items;
    expect(first?.guid).toEqual({ value: id('article', hostile), isPermaLink: false });
    expect(first?.description).toBe(`Excerpt ${HOSTILE}`);
    expect(second?.link).toBe(`${BASE}/animer`);
    expect(second?.pubDate).toBe('Thu, 14 Mar 2024 09:30:00 GMT');
    expect(second?.description).toBe('Ce qu’il faut savoir.');
    expect(second?.categories).toEqual([
      { name: 'Communauté', domain: `${BASE}/tag/communaute` },
      { name: 'Web', domain: `${BASE}/tag/web` },
    ]);
    expect(second?.content?.encoded).toBe(
      `<p><a href="${BASE}/autre">Autre</a> <img src="${BASE}/images/schema.png" alt="Schéma"> <a href="${BASE}/animer#note">1</a></p>`,
    );
    expect(second?.media?.contents?.[0]).toMatchObject({ url: `${BASE}/images/une.jpg`, medium: 'image' });
    // The hostile title is text: escaped once, never raw markup, never in CDATA.
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('&amp;lt;');
    expect(text).not.toMatch(/Brouillon|Futur/);
  });

  it('Atom 1.0: xml:lang on the feed and on an entry in the other language, RFC 3339 dates, enclosure', async () => {
    const { response, text } = await fetchFeed('/atom.xml');
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">');
    expect(text).toContain('<entry xml:lang="en">');
    const feed = parseAtomFeed(text);
    expect(feed.id).toBe('tag:localhost,2026:feed');
    expect(feed.updated).toBe('2024-03-17T09:30:00Z');
    expect(feed.links).toContainEqual({ href: `${BASE}/atom.xml`, rel: 'self', type: 'application/atom+xml' });
    const entries = feed.entries ?? [];
    expect(entries.map((entry) => entry.title?.value)).toEqual([HOSTILE, 'Animer une communauté']);
    const animerEntry = entries[1];
    expect(animerEntry?.id).toBe(id('article', animer));
    expect(animerEntry?.published).toBe('2024-03-14T09:30:00Z');
    expect(animerEntry?.updated).toBe('2024-03-16T09:30:00Z');
    expect(animerEntry?.categories).toContainEqual({ term: 'web', label: 'Web', scheme: `${BASE}/tag/` });
    expect(animerEntry?.links).toContainEqual({ href: `${BASE}/animer`, rel: 'alternate', type: 'text/html' });
    expect(animerEntry?.links).toContainEqual(
      expect.objectContaining({ href: `${BASE}/images/une.jpg`, rel: 'enclosure', type: 'image/jpeg' }),
    );
    expect(animerEntry?.content?.value).toContain(`<a href="${BASE}/autre">`);
  });

  it('JSON Feed 1.1: the same ids, dates, tags, image and language', async () => {
    const { response, text } = await fetchFeed('/feed.json');
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const json = JSON.parse(text);
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    const feed = parseJsonFeed(json);
    expect(feed.feed_url).toBe(`${BASE}/feed.json`);
    expect(feed.language).toBe('fr');
    const [first, second] = feed.items ?? [];
    expect(first).toMatchObject({ id: id('article', hostile), title: HOSTILE, language: 'en' });
    expect(second).toMatchObject({
      id: id('article', animer),
      url: `${BASE}/animer`,
      date_published: '2024-03-14T09:30:00Z',
      date_modified: '2024-03-16T09:30:00Z',
      tags: ['Communauté', 'Web'],
      image: `${BASE}/images/une.jpg`,
    });
    expect(second?.content_html).toContain(`src="${BASE}/images/schema.png"`);
  });
});

describe('a tag’s feed', () => {
  it.each([
    ['feed.xml', (text: string) => parseRssFeed(text).items?.map((item) => item.title)],
    ['atom.xml', (text: string) => parseAtomFeed(text).entries?.map((entry) => entry.title?.value)],
    ['feed.json', (text: string) => parseJsonFeed(JSON.parse(text)).items?.map((item) => item.title)],
  ])('%s lists the tag’s published articles only, and points at itself', async (file, titles) => {
    const { response, text } = await fetchFeed(`/tag/communaute/${file}`);
    expect(response.status).toBe(200);
    if (!file.endsWith('.json')) expect(XMLValidator.validate(text)).toBe(true);
    expect(titles(text)).toEqual(['Animer une communauté']);
    expect(text).toContain(`${BASE}/tag/communaute/${file}`);
    expect(text).toContain('Articles étiquetés «\u00a0Communauté\u00a0»');
    expect(await cacheTagOf(`/tag/communaute/${file}`)).toBe('tag:communaute,articles,feed');
  });

  it('is a 404 page for an unknown tag or one carried by drafts only', async () => {
    for (const path of ['/tag/inconnu/feed.xml', '/tag/brouillon/atom.xml', '/tag/inconnu!/feed.json']) {
      const { status, html } = await getHtml(path);
      expect(status, path).toBe(404);
      expect(html, path).toContain('Page introuvable');
    }
  });
});

describe('an article’s comment feed', () => {
  it.each(['feed.xml', 'atom.xml', 'feed.json'])(
    '%s: approved comments only, newest first, linked to their anchor, text as paragraphs, no e-mail',
    async (file) => {
      const { response, text } = await fetchFeed(`/animer/comments/${file}`);
      expect(response.status).toBe(200);
      expect(text).not.toMatch(/secret-address|Held comment|Spam comment/);
      const newer = {
        id: id('comment', comments.newer),
        url: `${BASE}/animer#comment-${comments.newer}`,
        title: `Commentaire de Zoé ${HOSTILE}`,
        html: `<p>Bonjour &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; ]]&gt;</p><p>Second paragraphe</p>`,
      };
      let items: { id?: string; url?: string; title?: string; html?: string; date?: string }[];
      if (file === 'feed.xml') {
        expect(XMLValidator.validate(text)).toBe(true);
        items = (parseRssFeed(text).items ?? []).map((item) => ({
          id: item.guid?.value,
          url: item.link,
          title: item.title,
          html: item.description,
          date: item.pubDate,
        }));
        expect(items[1]?.date).toBe('Fri, 15 Mar 2024 09:30:00 GMT');
      } else if (file === 'atom.xml') {
        expect(XMLValidator.validate(text)).toBe(true);
        const feed = parseAtomFeed(text);
        expect(feed.id).toBe(`tag:localhost,2026:article:${animer}:comments`);
        items = (feed.entries ?? []).map((entry) => ({
          id: entry.id,
          url: entry.links?.[0]?.href,
          title: entry.title?.value,
          html: entry.content?.value,
          date: entry.published,
        }));
        expect(items[1]?.date).toBe('2024-03-15T09:30:00Z');
      } else {
        items = (parseJsonFeed(JSON.parse(text)).items ?? []).map((item) => ({
          id: item.id,
          url: item.url,
          title: item.title,
          html: item.content_html,
          date: item.date_published,
        }));
        expect(items[1]?.date).toBe('2024-03-15T09:30:00Z');
      }
      expect(items.map((item) => item.id)).toEqual([id('comment', comments.newer), id('comment', comments.older)]);
      expect(items[0]).toMatchObject(newer);
      expect(await cacheTagOf(`/animer/comments/${file}`)).toBe(`article:${animer},articles`);
    },
  );

  it('links a comment on a later comments page to that page', async () => {
    const articleId = await insertArticle({ slug: 'fil', publishedAt: at(0) });
    const threads: number[] = [];
    for (let i = 0; i < 6; i++) threads.push(await insertComment({ articleId, createdAt: at(1) + i }));
    const reply = await insertComment({ articleId, parentId: threads[0], createdAt: at(1) + 10 });
    const response = await callWorker('/fil/comments/feed.json', { env: { COMMENTS_PER_PAGE: 5 } });
    const items = parseJsonFeed(await response.json()).items ?? [];
    expect(items.map((item) => item.url)).toEqual([
      `${BASE}/fil#comment-${reply}`,
      `${BASE}/fil?cpage=2#comment-${threads[5]}`,
      ...threads
        .slice(0, 5)
        .reverse()
        .map((comment) => `${BASE}/fil#comment-${comment}`),
    ]);
  });

  it('is a 404 page for an unknown, draft or future article', async () => {
    for (const path of [
      '/inconnu/comments/feed.xml',
      '/brouillon-flux/comments/atom.xml',
      '/futur-flux/comments/feed.json',
    ]) {
      const { status, html } = await getHtml(path);
      expect(status, path).toBe(404);
      expect(html, path).toContain('Page introuvable');
    }
  });
});

describe('conditional GET and caching', () => {
  it('answers 304 to a matching ETag, and to a matching If-Modified-Since sent alone', async () => {
    const first = await callWorker('/animer/comments/atom.xml', { env: CACHED });
    const etag = first.headers.get('etag') as string;
    const lastModified = first.headers.get('last-modified') as string;
    // The newest approved comment (the article was last updated before it).
    expect(lastModified).toBe(new Date(at(2.5) * 1000).toUTCString());
    const byEtag = await callWorker('/animer/comments/atom.xml', {
      env: CACHED,
      init: { headers: { 'if-none-match': etag } },
    });
    expect(byEtag.status).toBe(304);
    const byDate = await callWorker('/animer/comments/atom.xml', {
      env: CACHED,
      init: { headers: { 'if-modified-since': lastModified } },
    });
    expect(byDate.status).toBe(304);
    expect(await byDate.text()).toBe('');
    const olderCopy = await callWorker('/animer/comments/atom.xml', {
      env: CACHED,
      init: { headers: { 'if-modified-since': new Date(at(1) * 1000).toUTCString() } },
    });
    expect(olderCopy.status).toBe(200);
    // A different ETag wins over a matching date (RFC 9110).
    const staleEtag = await callWorker('/animer/comments/atom.xml', {
      env: CACHED,
      init: { headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified } },
    });
    expect(staleEtag.status).toBe(200);
  });

  it('gives the blog feed the newest article’s date as Last-Modified', async () => {
    const response = await callWorker('/feed.json', { env: CACHED });
    expect(response.headers.get('last-modified')).toBe('Sun, 17 Mar 2024 09:30:00 GMT');
    expect(await cacheTagOf('/feed.json')).toBe('feed,articles');
    const notModified = await callWorker('/feed.json', {
      env: CACHED,
      init: { headers: { 'if-modified-since': 'Sun, 17 Mar 2024 09:30:00 GMT' } },
    });
    expect(notModified.status).toBe(304);
  });

  it('shows an approved comment on the next GET: the purge reaches the cached comment feed', async () => {
    const body = `Approuvé ${crypto.randomUUID().slice(0, 6)}`;
    const held = await insertComment({ articleId: animer, body, status: 'pending', createdAt: at(2.8) });
    await env.DB.prepare(BUMP_CACHE_VERSION_SQL).run();
    const before = await callWorker('/animer/comments/feed.xml', { env: CACHED });
    expect(await before.text()).not.toContain(body);
    const cacheTags = ((await cacheTagOf('/animer/comments/feed.xml')) ?? '').split(',');
    const rows = (await env.DB.prepare(buildLookupQuery([held])).all<CommentStateRow>()).results;
    // What `npm run comments -- approve` purges.
    const purgeTags = purgeTagsFor(rows, [held]);
    // Workers Cache purges by tag: the feed must carry one the approval purges.
    expect(purgeTags.some((tag) => cacheTags.includes(tag))).toBe(true);
    // The Cache API layer: the write bumps the version, as the command line does.
    await env.DB.batch(
      [...buildSetStatusStatements([held], 'approved'), BUMP_CACHE_VERSION_SQL].map((sql) => env.DB.prepare(sql)),
    );
    const { cache, purges } = recordingCacheContext();
    await callWorker('/_causerie/cache/purge', {
      env: { ...CACHED, EDGE_CACHE: 'workers-cache' },
      cache,
      init: {
        method: 'POST',
        headers: { authorization: 'Bearer test-cache-purge-token' },
        body: JSON.stringify({ tags: purgeTags }),
      },
    });
    expect(purges[0]?.options.tags).toContain(`article:${animer}`);
    const after = await callWorker('/animer/comments/feed.xml', { env: CACHED });
    expect(await after.text()).toContain(body);
  });

  it('tags blog and tag feeds so that publishing or editing an article purges them', async () => {
    for (const path of ['/feed.xml', '/tag/web/atom.xml']) {
      const tags = ((await cacheTagOf(path)) ?? '').split(',');
      expect(
        tagsForArticleChange().some((tag) => tags.includes(tag)),
        path,
      ).toBe(true);
    }
  });
});

describe('autodiscovery', () => {
  const alternates = (html: string) =>
    [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">/g)].map(
      ([, type, title, href]) => ({ type, title, href }),
    );
  const blogFeeds = [
    { type: 'application/rss+xml', title: 'Causerie – RSS', href: '/feed.xml' },
    { type: 'application/atom+xml', title: 'Causerie – Atom', href: '/atom.xml' },
    { type: 'application/feed+json', title: 'Causerie – JSON Feed', href: '/feed.json' },
  ];

  it('advertises the blog’s three feeds on the home page', async () => {
    expect(alternates((await getHtml('/')).html)).toEqual(blogFeeds);
  });

  it('advertises a tag’s feeds on its page, after the blog’s', async () => {
    const links = alternates((await getHtml('/tag/web')).html);
    expect(links.slice(0, 3)).toEqual(blogFeeds);
    expect(links.slice(3).map((link) => link.href)).toEqual([
      '/tag/web/feed.xml',
      '/tag/web/atom.xml',
      '/tag/web/feed.json',
    ]);
    expect(links[3]?.title).toBe('Causerie – Articles étiquetés «\u00a0Web\u00a0» – RSS');
  });

  it('advertises an article’s comment feeds on its page, and each one answers', async () => {
    const links = alternates((await getHtml('/animer')).html);
    const own = links.slice(3).map((link) => link.href ?? '');
    expect(own).toEqual(['/animer/comments/feed.xml', '/animer/comments/atom.xml', '/animer/comments/feed.json']);
    for (const href of own) expect((await get(href)).status, href).toBe(200);
  });
});

describe('ids that never change', () => {
  it('keeps every entry’s id when its title changes', async () => {
    const ids = async () =>
      Promise.all([
        fetchFeed('/feed.xml').then(({ text }) => parseRssFeed(text).items?.map((item) => item.guid?.value)),
        fetchFeed('/atom.xml').then(({ text }) => parseAtomFeed(text).entries?.map((entry) => entry.id)),
        fetchFeed('/feed.json').then(({ text }) => parseJsonFeed(JSON.parse(text)).items?.map((item) => item.id)),
      ]);
    const before = await ids();
    expect(before[0]).toEqual(expect.arrayContaining([id('article', hostile), id('article', animer)]));
    await env.DB.prepare("UPDATE articles SET title = 'Nouveau titre', updated_at = ?1 WHERE id = ?2")
      .bind(at(4), hostile)
      .run();
    const after = await ids();
    expect(after).toEqual(before);
    expect(after[1]).toEqual(before[0]);
    expect(after[2]).toEqual(before[0]);
    expect((await fetchFeed('/feed.json')).text).toContain('Nouveau titre');
  });
});
