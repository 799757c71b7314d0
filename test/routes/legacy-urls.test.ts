// Links to the old WordPress blog keep working: each old address answers one
// 301 to its new home, or a 404 when the article it named is not published.
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, get, insertArticle, now } from '../fixtures';
import { callWorker, recordingCacheContext } from '../support/worker';

const REFERENCE = '/animer-une-communaute-en-ligne';

beforeAll(async () => {
  // As content/posts/animer-une-communaute-en-ligne.md carries it.
  await insertArticle({
    slug: 'animer-une-communaute-en-ligne',
    tags: ['Communauté', 'Modération'],
    legacyWpId: 1287,
    legacyPath: '/2012/03/14/animer-une-communaute-en-ligne',
  });
  // Imported without its old path: the date permalink's slug finds it.
  await insertArticle({ slug: 'moderer-sans-censurer', legacyWpId: 1301 });
  // Renamed since WordPress: only its recorded old path knows it.
  await insertArticle({ slug: 'nouveau-titre', legacyPath: '/2013/05/02/ancien-titre' });
  await insertArticle({ slug: 'vieux-format', legacyPath: '/blog/2014/vieux-format.html' });
  // Its WordPress address was /%postname%/, since renamed.
  await insertArticle({ slug: 'paragraphe', legacyPath: '/ancien-paragraphe' });
  await insertArticle({ slug: 'brouillon', status: 'draft', legacyWpId: 99, legacyPath: '/2012/01/01/brouillon' });
  await insertArticle({ slug: 'a-venir', publishedAt: now() + DAY, legacyWpId: 100 });
  // Enough for March 2012's archive to have a page 2.
  for (let day = 1; day <= 11; day++) {
    await insertArticle({ slug: `mars-2012-${day}`, publishedAt: Date.UTC(2012, 2, day, 12) / 1000 });
  }
  // Enough for the old "/page/3/" addresses to have a page 3 here too.
  for (let i = 0; i < 30; i++) {
    await insertArticle({
      slug: `archive-${i}`,
      publishedAt: now() - 30 * DAY + i,
      tags: ['Communauté', 'Modération'],
    });
  }
});

const REDIRECTS: [string, string][] = [
  ['/?p=1287', REFERENCE],
  ['/index.php?p=1287', REFERENCE],
  ['/?page_id=1287', REFERENCE],
  ['/?p=1287&replytocom=12', REFERENCE],
  ['/?p=1287&feed=rss2', `${REFERENCE}/comments/feed.xml`],
  ['/archives/1287/', REFERENCE],
  ['/2012/03/14/animer-une-communaute-en-ligne/', REFERENCE],
  ['/2012/03/14/animer-une-communaute-en-ligne', REFERENCE],
  ['/2012/03/14/Animer-Une-Communaute-En-Ligne/', REFERENCE],
  ['/2012/03/14/ANIMER-UNE-COMMUNAUTE-EN-LIGNE', REFERENCE],
  ['/index.php/2012/03/14/animer-une-communaute-en-ligne/', REFERENCE],
  ['/2012/03/14/animer-une-communaute-en-ligne/?utm_source=twitter', REFERENCE],
  ['/2012/03/14/animer-une-communaute-en-ligne/comment-page-2/', REFERENCE],
  ['/2012/03/14/animer-une-communaute-en-ligne/amp/', REFERENCE],
  ['/2012/03/14/animer-une-communaute-en-ligne/feed/', `${REFERENCE}/comments/feed.xml`],
  ['/2012/03/14/animer-une-communaute-en-ligne/feed/atom/', `${REFERENCE}/comments/atom.xml`],
  ['/2015/06/21/moderer-sans-censurer/', '/moderer-sans-censurer'],
  ['/2015/06/moderer-sans-censurer/', '/moderer-sans-censurer'],
  ['/?p=1301', '/moderer-sans-censurer'],
  ['/2013/05/02/ancien-titre/', '/nouveau-titre'],
  ['/blog/2014/vieux-format.html', '/vieux-format'],
  ['/Blog/2014/Vieux-Format.html/', '/vieux-format'],
  ['/feed/', '/feed.xml'],
  ['/feed', '/feed.xml'],
  ['/feed/rss2/', '/feed.xml'],
  ['/feed/rss/', '/feed.xml'],
  ['/feed/atom/', '/atom.xml'],
  ['/comments/feed/', '/feed.xml'],
  ['/comments/feed/atom/', '/atom.xml'],
  ['/?feed=rss2', '/feed.xml'],
  ['/?feed=atom', '/atom.xml'],
  ['/category/communaute/', '/tag/communaute'],
  ['/category/Communaute/', '/tag/communaute'],
  ['/category/communaut%C3%A9/', '/tag/communaute'],
  ['/category/Communaut%C3%A9/', '/tag/communaute'],
  ['/category/vie-du-blog/communaute/', '/tag/communaute'],
  ['/category/communaute/feed/', '/tag/communaute/feed.xml'],
  ['/category/communaute/feed/atom/', '/tag/communaute/atom.xml'],
  ['/category/communaute/page/2/', '/tag/communaute?page=2'],
  ['/tag/communaute/feed/', '/tag/communaute/feed.xml'],
  ['/tag/Communaute/feed', '/tag/communaute/feed.xml'],
  ['/tag/moderation/page/3/', '/tag/moderation?page=3'],
  ['/tag/moderation/page/1/', '/tag/moderation'],
  ['/page/2/', '/?page=2'],
  ['/page/1/', '/'],
  ['/?paged=3', '/?page=3'],
  // WordPress's date archives: the blog's own, /2012 and /2012/03.
  ['/2012/', '/2012'],
  ['/2012/03/', '/2012/03'],
  ['/2012/03/14/', '/2012/03'],
  ['/2012/03/page/2/', '/2012/03?page=2'],
  ['/2012/page/2/', '/2012?page=2'],
  // WordPress's search: the words exactly as sent, nothing else.
  ['/?s=mod%C3%A9rer', '/search?q=mod%C3%A9rer'],
  ['/?s=caf%C3%A9+%26+th%C3%A9%2C+%22communaut%C3%A9%22', '/search?q=caf%C3%A9+%26+th%C3%A9%2C+%22communaut%C3%A9%22'],
  ['/?s=moderer&paged=2&utm_source=x', '/search?q=moderer'],
  ['/index.php?s=moderer&submit=Rechercher', '/search?q=moderer'],
  // ?tag= takes a tag slug (several, "a,b" or "a+b": the first).
  ['/?tag=communaute', '/tag/communaute'],
  ['/?tag=communaut%C3%A9', '/tag/communaute'],
  ['/?tag=moderation,communaute', '/tag/moderation'],
  ['/?tag=moderation+communaute', '/tag/moderation'],
  ['/?tag=moderation&paged=2', '/tag/moderation?page=2'],
  ['/?tag=moderation&feed=rss2', '/tag/moderation/feed.xml'],
  // One author: the blog itself is the author's page.
  ['/author/admin/', '/'],
  ['/author/Admin', '/'],
  ['/author/admin/page/2/', '/?page=2'],
  ['/author/admin/feed/', '/feed.xml'],
  ['/?author=1', '/'],
  ['/?author_name=admin', '/'],
  ['/?author=1&paged=2', '/?page=2'],
  ['/?author=1&feed=atom', '/atom.xml'],
  // A post's comment feed at its date-less permalink (/%postname%/feed/).
  ['/animer-une-communaute-en-ligne/feed/', `${REFERENCE}/comments/feed.xml`],
  ['/animer-une-communaute-en-ligne/feed', `${REFERENCE}/comments/feed.xml`],
  ['/Animer-Une-Communaute-En-Ligne/feed/atom/', `${REFERENCE}/comments/atom.xml`],
  ['/ancien-paragraphe/feed/', '/paragraphe/comments/feed.xml'],
  ['/blog/2014/vieux-format.html/feed/rss2/', '/vieux-format/comments/feed.xml'],
];

describe('old WordPress addresses', () => {
  it.each(REDIRECTS)('%s answers 301 to %s', async (from, to) => {
    const response = await get(from);
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(to);
  });

  it('leads to pages that exist, in one hop', async () => {
    for (const to of new Set(REDIRECTS.map(([, target]) => target))) {
      expect((await get(to)).status, to).toBe(200);
    }
  });

  it.each([
    ['/?p=4242', 'an unknown post number'],
    ['/?p=abc', 'a malformed post number'],
    ['/?p=99', 'a draft'],
    ['/?p=100', 'an article dated in the future'],
    ['/2012/01/01/brouillon/', 'a draft’s old path'],
    ['/2011/11/11/jamais-publie/', 'a date permalink nothing here answers to'],
    ['/2011/11/11/jamais-publie/feed/', 'the feed of such a permalink'],
    ['/archives/4242', 'an unknown numeric permalink'],
    ['/jamais-publie/feed', 'the comment feed of an article nothing here answers to'],
    ['/brouillon/feed', 'the comment feed of a draft'],
    ['/a-venir/feed/atom', 'the comment feed of an article dated in the future'],
  ])('%s is a 404 (%s): the reader asked for one article', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page introuvable');
  });

  it('keeps the home page, articles and tags for what is not an old address', async () => {
    expect((await get('/?utm_source=x')).status).toBe(200);
    expect((await get('/tag/communaute')).status).toBe(200);
    // A year with no article here: no old address leads anywhere from it.
    expect((await get('/2009')).status).toBe(404);
  });

  it('answers HEAD like GET, without a body', async () => {
    const head = await get('/?p=1287', { method: 'HEAD' });
    expect(head.status).toBe(301);
    expect(head.headers.get('location')).toBe(REFERENCE);
    const missing = await get('/?p=4242', { method: 'HEAD' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('');
  });

  it('redirects are cached like pages, tagged so that publishing purges them', async () => {
    const { cache } = recordingCacheContext();
    const env = { EDGE_CACHE: 'workers-cache' };
    for (const path of [
      '/?p=1287',
      '/2012/03/14/animer-une-communaute-en-ligne/',
      '/feed/',
      '/Ancien/',
      '/?s=moderer',
      '/paragraphe/feed',
    ]) {
      const response = await callWorker(path, { env, cache });
      expect(response.status, path).toBe(301);
      expect(response.headers.get('cache-tag'), path).toBe('articles');
      expect(response.headers.get('cache-control'), path).toMatch(/^public, .*s-maxage=\d+/);
    }
    const missing = await callWorker('/?p=4242', { env, cache });
    expect(missing.headers.get('cache-tag')).toBe('not-found');
  });
});
