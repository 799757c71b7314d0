// The pages of WordPress's theme unit test export, converted and published
// into the Worker's D1: what their old addresses answer, as a visitor sees it.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { convertExport } from '../../scripts/lib/wordpress/convert.ts';
import { buildCommentStatements } from '../../scripts/lib/wordpress/sql.ts';
import themeUnitTestXml from '../data/wordpress/themeunittestdata.wordpress.xml?raw';
import { get } from '../fixtures.ts';

const locationOf = (response: Response) => {
  const url = new URL(response.headers.get('location') ?? '', 'http://localhost:8787');
  return decodeURI(url.pathname);
};

/** Follows one 301 and reads where it leads. */
async function oneHop(path: string): Promise<{ status: number; location: string; final: number; html: string }> {
  const first = await get(path);
  const location = locationOf(first);
  const final = await get(location);
  return { status: first.status, location, final: final.status, html: await final.text() };
}

beforeAll(async () => {
  // Lorem Ipsum made private: a draft here.
  const lorem = /<item>(?:(?!<\/item>)[\s\S])*?<wp:post_id>146<\/wp:post_id>[\s\S]*?<\/item>/.exec(
    themeUnitTestXml,
  )?.[0];
  if (!lorem) throw new Error('no page 146');
  const xml = themeUnitTestXml.replace(lorem, lorem.replace('>publish<', '>private<'));
  const converted = convertExport(xml, {
    timeZone: 'UTC',
    defaultLanguage: 'en',
    blogUrl: 'http://localhost:8787',
  });
  const loaded = await Promise.all(
    converted.pages.map(async (page) => ({
      post: parsePost(`content/pages/${page.slug}.md`, page.markdown, 'en', undefined, 'page'),
      sourceHash: await sourceHashOf(page.markdown),
    })),
  );
  const pageSlugs = new Set(converted.pages.map((page) => page.slug));
  const statements = [
    ...buildPublishStatements(loaded, Math.floor(Date.now() / 1000)),
    ...buildCommentStatements(converted.comments.filter((comment) => pageSlugs.has(comment.articleSlug))),
  ];
  for (const statement of statements) await env.DB.prepare(statement).run();
});

describe('a page imported from WordPress', () => {
  it('is read at its WordPress address when that is one level deep, with its comments', async () => {
    const response = await get('/about/page-with-comments');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Page with comments');
    expect(html).toContain('/js/comment-form.js');
    // Its three approved WordPress comments, the pending one kept from readers.
    expect(html).toContain('tellyworthtest2');
    expect(html).toContain('Anon');
    expect(html).not.toContain('themereviewteam');
  });

  it('answers its old permalink, trailing slash and all, with one 301 to its page', async () => {
    const hop = await oneHop('/about/page-with-comments/');
    expect(hop.status).toBe(301);
    expect(hop.location).toBe('/about/page-with-comments');
    expect(hop.final).toBe(200);
  });

  it('answers ?page_id= and ?p= with one 301 to the page, under its parent', async () => {
    for (const path of ['/?page_id=155', '/?p=155']) {
      const hop = await oneHop(path);
      expect(hop.status, path).toBe(301);
      expect(hop.location, path).toBe('/about/page-with-comments');
      expect(hop.final, path).toBe(200);
    }
    const top = await oneHop('/?page_id=2');
    expect([top.status, top.location, top.final]).toEqual([301, '/about', 200]);
  });

  it('three levels deep on WordPress: its old nested permalink leads to its top-level ancestor’s child', async () => {
    const hop = await oneHop('/level-1/level-2/level-3/');
    expect(hop.status).toBe(301);
    expect(hop.location).toBe('/level-1/level-3');
    expect(hop.final).toBe(200);
    expect(hop.html).toContain('Level 3');
  });

  it('with a Greek, percent-encoded old address leads to its new one', async () => {
    const hop = await oneHop(
      '/greek/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-2/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF-3/',
    );
    expect(hop.status).toBe(301);
    expect(hop.location).toBe('/greek/page-1813');
    expect(hop.final).toBe(200);
  });

  it('keeps its comments closed when WordPress had them closed', async () => {
    const html = await (await get('/about/page-with-comments-disabled')).text();
    expect(html).toContain('Page with comments disabled');
    expect(html).not.toContain('/js/comment-form.js');
  });

  it('an unknown ?page_id= is a 404, not the home page; so is a private page’s', async () => {
    expect((await get('/?page_id=999999')).status).toBe(404);
    expect((await get('/?page_id=146')).status).toBe(404);
    expect((await get('/lorem-ipsum')).status).toBe(404);
    expect((await get('/?page_id=733')).status).toBe(301);
  });
});
