// Exports as WordPress itself makes them, unmodified: the theme unit test
// data (WordPress/theme-test-data at b47acf9, made by WordPress.com) and a
// block-editor site export. They are read and converted without a refusal,
// and what could not keep its address is said.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePost } from '../../scripts/lib/post.ts';
import { type ConvertedExport, convertExport, renamedLines } from '../../scripts/lib/wordpress/convert.ts';
import blockExportXml from '../data/wordpress/64-block-test-data.xml?raw';
import exportXml from '../data/wordpress/export.xml?raw';
import themeUnitTestXml from '../data/wordpress/themeunittestdata.wordpress.xml?raw';

const OPTIONS = { timeZone: 'UTC', defaultLanguage: 'en', blogUrl: 'https://causerie.example' } as const;

function count<T>(rows: T[], key: (row: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
}

function frontMatterOf(result: ConvertedExport, slug: string): Record<string, unknown> {
  const post = result.posts.find((candidate) => candidate.slug === slug);
  if (!post) throw new Error(`no post ${slug}`);
  return parse(post.markdown.split('---\n')[1] ?? '') as Record<string, unknown>;
}

function errorOf(xml: string): string {
  try {
    convertExport(xml, OPTIONS);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the export to be refused');
}

describe('WordPress’s theme unit test export, as published', () => {
  // Its two authors have no wp:author_id, and 18 menu items appear twice with the same wp:post_id.
  const result = convertExport(themeUnitTestXml, OPTIONS);

  it('is read whole: its posts and pages, their comments and pings, with menu items counted as left out', () => {
    expect(result.posts).toHaveLength(58);
    expect(result.posts.filter((post) => post.draft)).toHaveLength(2);
    expect(count(result.comments, (comment) => comment.status)).toEqual({ approved: 26, pending: 3 });
    expect(count(result.mentions, (mention) => mention.kind)).toEqual({ pingback: 2, trackback: 2 });
    expect(result.pages).toHaveLength(21);
    expect(Object.fromEntries(result.skipped)).toEqual({ nav_menu_item: 70 });
    expect(result.renamed).toEqual([]);
  });

  it('knows the authors by their login, without ids', () => {
    expect(Object.fromEntries(result.wxr.authors)).toEqual({ themedemos: null, themereviewteam: null });
  });

  it('keeps the threads ten levels deep, parents first', () => {
    const threaded = result.comments.filter((comment) => comment.articleSlug === 'template-comments');
    expect(threaded.length).toBeGreaterThanOrEqual(10);
    const position = new Map(threaded.map((comment, index) => [comment.key, index]));
    for (const comment of threaded)
      if (comment.parentKey) expect(position.get(comment.parentKey)).toBeLessThan(position.get(comment.key) ?? -1);
    const depth = (key: string | null): number =>
      key === null ? 0 : 1 + depth(threaded.find((comment) => comment.key === key)?.parentKey ?? null);
    expect(Math.max(...threaded.map((comment) => depth(comment.key)))).toBe(10);
  });
});

describe('the post settings of the theme unit test export', () => {
  const result = convertExport(themeUnitTestXml, OPTIONS);
  const frontMatters = result.posts.map((post) => frontMatterOf(result, post.slug));
  const parsed = (slug: string) =>
    parsePost(`${slug}.md`, result.posts.find((post) => post.slug === slug)?.markdown ?? '', 'en');

  it('pins its one sticky post, and no other', () => {
    expect(frontMatters.filter((matter) => matter.pinned === true).map((matter) => matter.slug)).toEqual([
      'template-sticky',
    ]);
    expect(parsed('template-sticky').pinned).toBe(true);
    expect(parsed('template-excerpt-generated').pinned).toBe(false);
  });

  it('keeps the comments of its 39 closed posts closed, and leaves the open ones to the blog', () => {
    const closed = frontMatters.filter((matter) => matter.comments === false);
    expect(closed).toHaveLength(39);
    expect(closed.map((matter) => matter.slug)).toContain('template-comments-disabled');
    expect(frontMatterOf(result, 'template-comments')).not.toHaveProperty('comments');
    expect(parsed('template-comments-disabled').comments).toBe(false);
    expect(parsed('template-comments').comments).toBeNull();
  });

  it('makes the author’s own excerpt what listings show, and computes the others from the first paragraph', () => {
    const excerpt =
      'This is a user-defined post excerpt. It should be displayed in place of the post content in archive-index pages. It can be longer than the automatically generated excerpts, and can have HTML tags.';
    expect(frontMatterOf(result, 'template-excerpt-defined').excerpt).toBe(excerpt);
    expect(parsed('template-excerpt-defined').excerpt).toBe(excerpt);
    expect(frontMatterOf(result, 'template-excerpt-generated')).not.toHaveProperty('excerpt');
    expect(parsed('template-excerpt-generated').excerpt).toMatch(/^This is the post content\./);
  });
});

describe('a block-editor export, as published', () => {
  const result = convertExport(blockExportXml, OPTIONS);

  it('is read whole', () => {
    expect(result.posts).toHaveLength(61);
    expect(result.comments).toHaveLength(2);
    expect(result.pages).toHaveLength(1);
    expect(Object.fromEntries(result.skipped)).toEqual({ wp_navigation: 1 });
  });

  it('gives the posts at the blog’s own addresses the next free slug, keeping their old address and id', () => {
    expect(result.renamed.map(({ from, to }) => [from, to])).toEqual([
      ['archives', 'archives-2'],
      ['search', 'search-2'],
      ['comments', 'comments-2'],
    ]);
    expect(frontMatterOf(result, 'archives-2')).toMatchObject({
      slug: 'archives-2',
      wordpress_id: 134,
      wordpress_path: '/archives/',
    });
    expect(result.posts.map((post) => post.slug)).not.toContain('archives');
  });

  it('says so in the report, one line per post', () => {
    expect(renamedLines(result)).toEqual([
      'item #30 (wp:post_id 134): slug "archives" is the blog\'s own address (/archives): renamed "archives-2"; its old address /archives/ and /?p=134 lead to /archives-2',
      'item #38 (wp:post_id 163): slug "search" is the blog\'s own address (/search): renamed "search-2"; its old address /search/ and /?p=163 lead to /search-2',
      'item #59 (wp:post_id 261): slug "comments" is the blog\'s own address (/comments): renamed "comments-2"; its old address /comments/ and /?p=261 lead to /comments-2',
    ]);
  });
});

describe('what WordPress tolerates and what it does not', () => {
  it('takes the next slug nobody uses, a year like any other blog address', () => {
    const xml = exportXml
      .replace('<wp:post_name><![CDATA[accueillir-les-nouveaux-venus]]>', '<wp:post_name><![CDATA[archives]]>')
      .replace('<wp:post_name><![CDATA[moderation-lart-de-dire-non]]>', '<wp:post_name><![CDATA[archives-2]]>');
    expect(xml).not.toBe(exportXml);
    const result = convertExport(
      xml.replace('<![CDATA[Brouillon : les « trolls » sympathiques]]>', '<![CDATA[2012]]>'),
      OPTIONS,
    );
    expect(result.renamed.map(({ from, to }) => [from, to])).toEqual([
      ['archives', 'archives-3'],
      ['2012', '2012-2'],
    ]);
    expect(result.posts.map((post) => post.slug)).toEqual(['archives-3', 'archives-2', '2012-2']);
  });

  it('still refuses two posts with one wp:post_id, and names every problem of the file at once', () => {
    const xml = exportXml
      .replace('<wp:post_id>1350</wp:post_id>', '<wp:post_id>1312</wp:post_id>')
      .replace('<![CDATA[2012-05-02 07:00:00]]></wp:post_date_gmt>', '<![CDATA[hier]]></wp:post_date_gmt>');
    const message = errorOf(xml);
    expect(message.split('\n')).toEqual([
      'item #3 (wp:post_id 1312): wp:post_id 1312 is also used by item #1 (wp:post_id 1312)',
      'item #3 (wp:post_id 1312): wp:post_date_gmt "hier" is not a date',
    ]);
  });
});
