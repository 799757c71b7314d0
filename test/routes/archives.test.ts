// Date archives: /archives lists every month with published articles, by
// year, with counts; /YYYY and /YYYY/MM list their articles, paged, months
// cut at midnight in the blog's time zone (Europe/Paris in tests).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { tagsForArticleChange, tagsForCommentChange } from '../../src/cache/tags';
import { STRINGS } from '../../src/views/i18n';
import { DAY, get, getHtml, insertArticle, now } from '../fixtures';
import { callWorker, recordingCacheContext } from '../support/worker';

const t = STRINGS.fr;
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const slugsOf = (html: string) => [...html.matchAll(/<h2><a href="\/([^"]+)">/g)].map((match) => match[1]);
const thisYear = new Date().getUTCFullYear();

beforeAll(async () => {
  await insertArticle({ slug: 'janvier', publishedAt: at('2024-01-15T12:00:00Z') });
  // 00:30 on 1 March in Paris, still 29 February in UTC: March's.
  await insertArticle({ slug: 'premier-mars', publishedAt: at('2024-02-29T23:30:00Z') });
  await insertArticle({ slug: 'mi-mars', publishedAt: at('2024-03-15T12:00:00Z') });
  // 23:30 on 31 March in Paris (summer time since 02:00): March's.
  await insertArticle({ slug: 'fin-mars', publishedAt: at('2024-03-31T21:30:00Z') });
  // 00:30 on 1 April in Paris, still 31 March in UTC: April's.
  await insertArticle({ slug: 'premier-avril', publishedAt: at('2024-03-31T22:30:00Z') });
  // A page of March is no article of March.
  await insertArticle({ slug: 'a-propos', publishedAt: at('2024-03-10T12:00:00Z') });
  await env.DB.prepare(`UPDATE articles SET kind = 'page' WHERE slug = 'a-propos'`).run();
  // Twelve in November 2023: two pages of ten.
  for (let day = 1; day <= 12; day++) {
    await insertArticle({
      slug: `novembre-${day}`,
      publishedAt: at(`2023-11-${String(day).padStart(2, '0')}T12:00:00Z`),
    });
  }
  await insertArticle({ slug: 'brouillon', status: 'draft', publishedAt: at('2022-05-10T12:00:00Z') });
  await insertArticle({ slug: 'bientot', publishedAt: now() + 40 * DAY });
});

describe('/archives', () => {
  it('lists each year and month with published articles, newest first, with counts, in French', async () => {
    const { status, html } = await getHtml('/archives');
    expect(status).toBe(200);
    expect(html).toContain(`<h1>${t.archives.title}</h1>`);
    const links = [
      ...html.matchAll(/<a href="(\/[0-9]{4}(?:\/[0-9]{2})?)">([^<]+)<\/a> <span class="count">([^<]+)<\/span>/g),
    ].map(([, href, text, count]) => [href, text, count]);
    expect(links).toEqual([
      ['/2024', '2024', '5 articles'],
      ['/2024/04', 'avril 2024', '1 article'],
      ['/2024/03', 'mars 2024', '3 articles'],
      ['/2024/01', 'janvier 2024', '1 article'],
      ['/2023', '2023', '12 articles'],
      ['/2023/11', 'novembre 2023', '12 articles'],
    ]);
    // Drafts, future articles and pages count nowhere.
    expect(html).not.toContain('/2022');
    expect(html).not.toContain(`/${thisYear + 1}`);
  });

  it('is linked from the home page', async () => {
    const { html } = await getHtml('/');
    expect(html).toContain(`<a href="/archives">${t.archives.title}</a>`);
  });

  it('answers /archives/ with one 301 to /archives', async () => {
    const response = await get('/archives/');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/archives');
  });
});

describe('a month', () => {
  it('lists its articles newest first, months cut at midnight in Paris, with a way back to /archives', async () => {
    const { status, html } = await getHtml('/2024/03');
    expect(status).toBe(200);
    expect(slugsOf(html)).toEqual(['fin-mars', 'mi-mars', 'premier-mars']);
    expect(html).toContain('<h1>Mars 2024</h1>');
    expect(html).toContain('<p class="count">3 articles</p>');
    expect(html).toContain('<link rel="canonical" href="http://localhost:8787/2024/03">');
    const trail = /<nav class="breadcrumb"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
    expect(trail).toContain(`<a href="/archives">${t.archives.title}</a>`);
    expect(trail).toContain('<a href="/2024">2024</a>');
    expect(trail).toContain('<li aria-current="page">Mars 2024</li>');
    expect(slugsOf((await getHtml('/2024/04')).html)).toEqual(['premier-avril']);
  });

  it('pages like the home page: ten a page, ?page=1 is the bare address, past the last is a 404', async () => {
    const first = await getHtml('/2023/11');
    expect(slugsOf(first.html)).toEqual(Array.from({ length: 10 }, (_, i) => `novembre-${12 - i}`));
    expect(first.html).toContain('<a rel="next" href="/2023/11?page=2">');
    const second = await getHtml('/2023/11?page=2');
    expect(second.status).toBe(200);
    expect(slugsOf(second.html)).toEqual(['novembre-2', 'novembre-1']);
    expect(second.html).toContain('<a rel="prev" href="/2023/11">');
    expect((await get('/2023/11?page=3')).status).toBe(404);
    const bare = await get('/2023/11?page=1');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/2023/11');
    expect((await get('/2023/11?page=x')).status).toBe(400);
  });
});

describe('a year', () => {
  it('lists the articles of the whole year, newest first', async () => {
    const { status, html } = await getHtml('/2024');
    expect(status).toBe(200);
    expect(slugsOf(html)).toEqual(['premier-avril', 'fin-mars', 'mi-mars', 'premier-mars', 'janvier']);
    expect(html).toContain('<h1>2024</h1>');
    expect(html).toContain(`<a href="/archives">${t.archives.title}</a>`);
  });
});

describe('periods with nothing to show', () => {
  it.each([
    ['/2024/02', 'a month whose only article belongs to March in Paris'],
    ['/2024/05', 'an empty month'],
    ['/2022/05', 'a month with only a draft'],
    ['/2022', 'a year with only a draft'],
    ['/2024/13', 'month 13'],
    ['/2024/00', 'month 0'],
    ['/0000', 'year 0'],
    ['/0999', 'a year written with a leading zero'],
    [`/${thisYear + 1}`, 'a year to come'],
    [`/${thisYear + 1}/01`, 'a month of a year to come'],
    ['/2024/mars', 'a month that is not a number'],
    ['/2024/3', 'a month of one digit'],
    ['/20245', 'five digits'],
  ])('%s (%s) is a 404 in French', async (path) => {
    const { status, html } = await getHtml(path);
    expect(status).toBe(404);
    expect(html).toContain(t.notFoundTitle);
  });

  it('is a 404 in English on an English blog, where months are English too', async () => {
    const english = { env: { BLOG_LANGUAGE: 'en' } };
    const missing = await callWorker('/2024/13', english);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(STRINGS.en.notFoundTitle);
    const month = await (await callWorker('/2024/03', english)).text();
    expect(month).toContain('<h1>March 2024</h1>');
    expect(month).toContain('<p class="count">3 posts</p>');
  });

  it('leaves other one- and two-segment addresses to articles', async () => {
    expect((await get('/janvier')).status).toBe(200);
    expect((await get('/janvier/comments')).status).not.toBe(404);
  });
});

describe('addresses with a trailing slash, and the old WordPress date archives', () => {
  it.each([
    ['/2024/', '/2024'],
    ['/2024/03/', '/2024/03'],
    ['/2024/03/15/', '/2024/03'],
    ['/2024/03/15/page/2/', '/2024/03'],
    ['/2023/11/page/2/', '/2023/11?page=2'],
    ['/2023/page/2/', '/2023?page=2'],
    ['/2023/11/feed/', '/feed.xml'],
  ])('%s answers one 301 to %s', async (from, to) => {
    const response = await get(from);
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(to);
  });
});

describe('caching', () => {
  /** The Cache-Tag Workers Cache is given (the header is dropped where nothing caches). */
  async function cacheTagsOf(path: string): Promise<string[]> {
    const response = await callWorker(path, {
      env: { EDGE_CACHE: 'workers-cache' },
      cache: recordingCacheContext().cache,
    });
    expect(response.status, path).toBe(200);
    return (response.headers.get('cache-tag') ?? '').split(',');
  }

  it.each(['/archives', '/2024', '/2024/03', '/2023/11?page=2'])(
    '%s is purged by publishing, unpublishing or a scheduled article coming due, and by a comment',
    async (path) => {
      const tags = await cacheTagsOf(path);
      // What content:publish, the desk's unpublishing and publish-due.ts purge.
      expect(tagsForArticleChange().some((tag) => tags.includes(tag))).toBe(true);
      // Comment counts on the lists: what approving a comment purges.
      expect(tagsForCommentChange(1, []).filter((tag) => tags.includes(tag))).not.toEqual([]);
    },
  );
});

describe('the sitemap', () => {
  it('lists /archives, each year and each month after the home page', async () => {
    const xml = await (await get('/sitemap.xml')).text();
    const urls = [...xml.matchAll(/<url><loc>http:\/\/localhost:8787([^<]*)<\/loc>/g)].map((match) => match[1]);
    expect(urls.slice(0, 8)).toEqual([
      '/',
      '/archives',
      '/2024',
      '/2024/04',
      '/2024/03',
      '/2024/01',
      '/2023',
      '/2023/11',
    ]);
    expect(urls).not.toContain('/2022');
  });
});
