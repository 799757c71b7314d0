// Every old address of WordPress's theme unit test export, once the export is
// converted, published into the Worker's D1 and the importer's SQL applied:
// each answers one 301 to an address that answers 200.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { type ConvertedExport, convertExport } from '../../scripts/lib/wordpress/convert.ts';
import { buildCommentStatements, buildRedirectStatements } from '../../scripts/lib/wordpress/sql.ts';
import type { WxrItem } from '../../scripts/lib/wordpress/wxr.ts';
import themeUnitTestXml from '../data/wordpress/themeunittestdata.wordpress.xml?raw';
import { get } from '../fixtures.ts';
import { callWorker, recordingCacheContext } from '../support/worker.ts';

let converted: ConvertedExport;

/** What an old absolute address asks this blog for: its path and query. */
const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};

/** The Location of a 301, as the next request would ask for it (the fragment is the reader's). */
const locationOf = (response: Response) => {
  const url = new URL(response.headers.get('location') ?? '', 'http://localhost:8787');
  return { path: url.pathname + url.search, hash: url.hash };
};

/** Follows one 301: where it led, and what that address answers. */
async function hop(path: string): Promise<{ status: number; location: string; hash: string; final: number }> {
  const first = await get(path);
  await first.body?.cancel();
  if (first.status !== 301) return { status: first.status, location: '', hash: '', final: 0 };
  const { path: location, hash } = locationOf(first);
  const final = await get(location);
  await final.body?.cancel();
  return { status: first.status, location, hash, final: final.status };
}

/** The addresses among `paths` that do not answer 301 then 200, with what they answered. */
async function brokenOf(paths: string[]): Promise<string[]> {
  const broken: string[] = [];
  for (const path of paths) {
    const result = await hop(path);
    if (result.status !== 301 || result.final !== 200)
      broken.push(`${path} → ${result.status} ${result.location}${result.hash} → ${result.final}`);
  }
  return broken;
}

// Published, not scheduled: the export's one "future" post is dated 2030, and
// answers 404 until then as it did on WordPress.
const isPublic = (item: WxrItem) =>
  (item.type === 'post' || item.type === 'page') && item.status === 'publish' && item.password === '';

beforeAll(async () => {
  converted = convertExport(themeUnitTestXml, {
    timeZone: 'UTC',
    defaultLanguage: 'en',
    blogUrl: 'http://localhost:8787',
  });
  const files = [
    ...converted.posts.map((post) => ({ post, path: `content/posts/${post.slug}.md`, kind: 'article' as const })),
    ...converted.pages.map((post) => ({ post, path: `content/pages/${post.slug}.md`, kind: 'page' as const })),
  ];
  const loaded = await Promise.all(
    files.map(async ({ post, path, kind }) => ({
      post: parsePost(path, post.markdown, 'en', undefined, kind),
      sourceHash: await sourceHashOf(post.markdown),
    })),
  );
  const statements = [
    ...buildPublishStatements(loaded, Math.floor(Date.now() / 1000)),
    ...buildCommentStatements(converted.comments),
    ...buildRedirectStatements(converted.redirects),
  ];
  for (const statement of statements) await env.DB.prepare(statement).run();
  // Converting and publishing 79 posts and pages: seconds on a busy machine, past the 10 s default.
}, 60_000);

// Hundreds of addresses, two requests each: more than the default 5 s on a busy machine.
const WALK_MS = 120_000;

describe('the old addresses of an imported WordPress blog', () => {
  it(
    'every public post and page: its permalink, ?p= and ?page_id= lead to it in one 301',
    async () => {
      const items = converted.wxr.items.filter(isPublic);
      const paths = items.flatMap((item) => [
        local(item.link),
        `/?p=${item.postId}`,
        ...(item.type === 'page' ? [`/?page_id=${item.postId}`] : []),
      ]);
      const links = paths.filter((path) => !path.startsWith('/?'));
      // A permalink that is still the address here (a page's own /about/) answers 200 after the slash goes.
      expect(await brokenOf(paths)).toEqual([]);
      expect([items.length, links.length, paths.length]).toEqual([76, 76, 173]);
      expect((await get('/2020/01/01/scheduled/')).status).toBe(404);
      expect((await get('/?p=1153')).status).toBe(404);
    },
    WALK_MS,
  );

  it(
    'every category (nested ones at their whole path and their own slug), its feed and ?cat=, and every tag and its feed',
    async () => {
      const { terms } = converted.wxr;
      const categories = terms.filter((term) => term.taxonomy === 'category');
      const tags = terms.filter((term) => term.taxonomy === 'post_tag');
      const bySlug = new Map(categories.map((term) => [term.slug, term]));
      const pathOf = (slug: string): string => {
        const term = bySlug.get(slug);
        return term?.parent ? `${pathOf(term.parent)}/${slug}` : slug;
      };
      const nested = categories.filter((term) => term.parent !== '');
      const paths = [
        ...categories.flatMap((term) => [
          `/category/${pathOf(term.slug)}/`,
          `/category/${pathOf(term.slug)}/feed/`,
          `/?cat=${term.id}`,
          `/?cat=${term.id}&feed=rss2`,
        ]),
        ...nested.map((term) => `/category/${term.slug}/`),
        ...tags.flatMap((term) => [`/tag/${term.slug}/`, `/tag/${term.slug}/feed/`, `/?tag=${term.slug}`]),
      ];
      expect(await brokenOf(paths)).toEqual([]);
      expect([categories.length, nested.length, tags.length, paths.length]).toEqual([68, 10, 110, 612]);
    },
    WALK_MS,
  );

  it('leads the examples of the report to their tag: /tag/mustread/, a nested category, and Uncategorized to the archives', async () => {
    expect(await hop('/tag/mustread/')).toMatchObject({ status: 301, location: '/tag/must-read', final: 200 });
    expect(await hop('/category/foo-parent/foo-a-foo-parent/')).toMatchObject({ location: '/tag/foo-a', final: 200 });
    expect(await hop('/category/foo-parent/foo-a-foo-parent/feed/')).toMatchObject({
      location: '/tag/foo-a/feed.xml',
      final: 200,
    });
    // The default category is no tag here: every article, as it listed them, is in the archives.
    expect(await hop('/category/uncategorized/')).toMatchObject({ location: '/archives', final: 200 });
    expect(await hop('/?cat=1')).toMatchObject({ location: '/archives', final: 200 });
  });

  it(
    'an attachment page, ?attachment_id= and ?p= of an attachment lead to the post it belongs to; one of no post is a 404',
    async () => {
      const attachments = converted.wxr.items.filter((item) => item.type === 'attachment');
      const attached = attachments.filter((item) => item.pageFields.parent !== 0);
      const paths = attached.flatMap((item) => [
        local(item.link),
        `/?attachment_id=${item.postId}`,
        `/?p=${item.postId}`,
      ]);
      expect(await brokenOf(paths)).toEqual([]);
      expect([attached.length, paths.length]).toEqual([35, 105]);
      expect(await hop('/2010/09/10/post-format-gallery/canola2/')).toMatchObject({
        location: '/post-format-gallery',
        final: 200,
      });
      expect(await hop('/about/clearing-floats/olympus-digital-camera/')).toMatchObject({
        location: '/about/clearing-floats',
        final: 200,
      });
      // The file of no post: its old page is not the blog's any more.
      const orphans = attachments.filter((item) => item.pageFields.parent === 0);
      expect(orphans.map((item) => local(item.link))).toEqual(['/?attachment_id=1686', '/?attachment_id=1690']);
      for (const item of orphans) {
        expect((await get(`/?attachment_id=${item.postId}`)).status).toBe(404);
        expect((await get(`/?p=${item.postId}`)).status).toBe(404);
      }
    },
    WALK_MS,
  );

  it('a part of a post split with <!--nextpage--> leads to its anchor on the one page', async () => {
    const split = converted.wxr.items.filter((item) => isPublic(item) && item.content.includes('<!--nextpage-->'));
    expect(split).toHaveLength(5);
    for (const item of split) {
      const result = await hop(`${local(item.link)}2/`);
      expect(result, item.link).toMatchObject({ status: 301, hash: '#page-2', final: 200 });
    }
    expect(await hop('/2012/01/08/template-paginated/3/')).toEqual({
      status: 301,
      location: '/template-paginated',
      hash: '#page-3',
      final: 200,
    });
    // ?page= is the blog's own list pagination, never a part; and a part of no article is no page.
    expect((await get('/template-paginated?page=2')).status).not.toBe(301);
    expect((await get('/no-such-article/2')).status).toBe(404);
  });

  it(
    'the date archives of the posts, by year, month and day, reach the archives',
    async () => {
      const dated = converted.wxr.items
        .filter((item) => isPublic(item) && item.type === 'post')
        .map((item) => /^\/([0-9]{4})\/([0-9]{2})\/([0-9]{2})\//.exec(new URL(item.link).pathname))
        .filter((match) => match !== null);
      const paths = [
        ...new Set(
          dated.flatMap(([, year, month, day]) => [`/${year}/`, `/${year}/${month}/`, `/${year}/${month}/${day}/`]),
        ),
      ];
      expect(await brokenOf(paths)).toEqual([]);
      expect(paths).toHaveLength(63);
      expect(await hop('/2013/01/10/')).toMatchObject({ location: '/2013/01', final: 200 });
    },
    WALK_MS,
  );

  it('caches what it answers under the tag publishing and importing purge', async () => {
    const { cache } = recordingCacheContext();
    const env = { EDGE_CACHE: 'workers-cache' };
    for (const path of ['/tag/mustread/', '/?cat=3128710', '/?attachment_id=611', '/template-paginated/2/']) {
      const response = await callWorker(path, { env, cache });
      expect(response.status, path).toBe(301);
      expect(response.headers.get('cache-tag'), path).toBe('articles');
    }
    const orphan = await callWorker('/?attachment_id=1686', { env, cache });
    expect([orphan.status, orphan.headers.get('cache-tag')]).toEqual([404, 'not-found']);
  });
});
