// WordPress pages, from WordPress's theme unit test export as published
// (21 pages, three levels deep, menu orders, open and closed comments): each
// becomes a content/pages file that content:publish accepts, with its place
// in the tree, its menu order, its comments and its old addresses.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readPostSet } from '../../scripts/lib/post-set.ts';
import { type ConvertedExport, convertExport, reparentedLines } from '../../scripts/lib/wordpress/convert.ts';
import { ImportConflict, planFiles } from '../../scripts/lib/wordpress/files.ts';
import { otherFolderConflicts } from '../../scripts/lib/wordpress/pages.ts';
import themeUnitTestXml from '../data/wordpress/themeunittestdata.wordpress.xml?raw';

const OPTIONS = { timeZone: 'UTC', defaultLanguage: 'en', blogUrl: 'https://causerie.example' } as const;

function frontMatters(result: ConvertedExport): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    result.pages.map((page) => [page.slug, parse(page.markdown.split('---\n')[1] ?? '') as Record<string, unknown>]),
  );
}

/** The theme unit test export with one page's element changed. */
function withPage(postId: number, from: RegExp, to: string, xml = themeUnitTestXml): string {
  const item = new RegExp(`<item>(?:(?!</item>)[\\s\\S])*?<wp:post_id>${postId}</wp:post_id>[\\s\\S]*?</item>`).exec(
    xml,
  )?.[0];
  if (!item || !from.test(item)) throw new Error(`page ${postId} has no ${from}`);
  return xml.replace(item, item.replace(from, to));
}

describe('the pages of WordPress’s theme unit test export', () => {
  const result = convertExport(themeUnitTestXml, OPTIONS);
  const pages = frontMatters(result);

  it('are all imported, none left out', () => {
    expect(result.pages).toHaveLength(21);
    expect(result.skipped.has('page')).toBe(false);
    expect(result.skipped.has('comment of a page')).toBe(false);
  });

  it('keep their tree, one level deep: a grandchild hangs from its top-level ancestor', () => {
    const children = (parent: string) =>
      Object.entries(pages)
        .filter(([, page]) => page.parent === parent)
        .map(([slug]) => slug)
        .sort();
    expect(Object.values(pages).filter((page) => page.parent === undefined)).toHaveLength(8);
    expect(children('about')).toEqual([
      'clearing-floats',
      'page-image-alignment',
      'page-markup-and-formatting',
      'page-with-comments',
      'page-with-comments-disabled',
    ]);
    expect(children('level-1')).toEqual(['level-2', 'level-2a', 'level-2b', 'level-3', 'level-3a', 'level-3b']);
    expect(children('greek')).toEqual(['2-second-greek-level', 'page-1813']);
    expect(result.reparented.map(({ slug, from, to }) => [slug, from, to])).toEqual([
      ['level-3', 'level-2', 'level-1'],
      ['level-3a', 'level-2', 'level-1'],
      ['level-3b', 'level-2', 'level-1'],
      ['page-1813', '2-second-greek-level', 'greek'],
    ]);
    expect(reparentedLines(result)[0]).toBe(
      'item #13 (wp:post_id 172): "level-3" was a child of "level-2", itself a child page: now a child of "level-1" (/level-1/level-3); its old address leads there',
    );
  });

  it('keep their old addresses, the percent-encoded Greek ones and WordPress.com’s double slash too', () => {
    expect(pages['level-3']).toMatchObject({ wordpress_id: 172, wordpress_path: '/level-1/level-2/level-3/' });
    expect(pages['page-with-comments']).toMatchObject({
      wordpress_id: 155,
      wordpress_path: '/about/page-with-comments/',
    });
    expect(pages['2-second-greek-level']?.wordpress_path).toBe('/greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/');
    expect(result.pages.find((page) => page.slug === '2-second-greek-level')?.legacyPath).toBe('/greek/επίπεδο-2');
  });

  it('enter the menu only with a WordPress menu order above 0, in that order', () => {
    const menu = Object.entries(pages)
      .filter(([, page]) => page.menu !== undefined)
      .map(([slug, page]) => [page.menu, slug]);
    expect(menu).toEqual([
      [1, 'about'],
      [7, 'lorem-ipsum'],
      [3, 'page-with-comments'],
      [4, 'page-with-comments-disabled'],
      [5, 'level-1'],
      [2, 'clearing-floats'],
      [10, 'page-a'],
      [11, 'page-b'],
    ]);
  });

  it('take comments only where WordPress left them open', () => {
    expect(pages['page-with-comments']?.comments).toBe(true);
    expect(pages['page-with-comments-disabled']?.comments).toBeUndefined();
    expect(Object.values(pages).filter((page) => page.comments === true)).toHaveLength(11);
  });

  it('bring their comments, keyed to the page like a post’s', () => {
    const onPages = result.comments.filter((comment) => comment.articleSlug in pages);
    expect(onPages.map((comment) => comment.articleSlug).sort()).toEqual([
      'blog',
      'page-with-comments',
      'page-with-comments',
      'page-with-comments',
      'page-with-comments',
    ]);
  });

  it('pass content:publish’s checks with the posts: one address each, parents that are pages, no tag’s name', async () => {
    const { posts, errors } = await readPostSet(
      [
        ...result.posts.map((post) => ({ file: `content/posts/${post.slug}.md`, source: post.markdown })),
        ...result.pages.map((page) => ({
          file: `content/pages/${page.slug}.md`,
          source: page.markdown,
          kind: 'page' as const,
        })),
      ],
      { defaultLanguage: 'en', readImage: () => ({ problem: 'no local image expected' }) },
    );
    expect(errors.map((error) => error.message)).toEqual([]);
    expect(posts.filter(({ post }) => post.page)).toHaveLength(21);
  });
});

describe('a page of a hand-made variant of the export', () => {
  const convert = (xml: string) => convertExport(xml, OPTIONS);
  const draftOf = (xml: string, slug: string) => frontMatters(convert(xml))[slug]?.draft;

  // One conversion of the whole export per case: each has its own time limit.
  it.each(['private', 'draft', 'pending'])('is a draft when %s', (status) => {
    expect(draftOf(withPage(146, />publish</, `>${status}<`), 'lorem-ipsum')).toBe(true);
  });

  it('is a draft while password-protected (the import gives it its hash later), published otherwise', () => {
    expect(
      draftOf(withPage(146, /<wp:post_password\/>/, '<wp:post_password>secret</wp:post_password>'), 'lorem-ipsum'),
    ).toBe(true);
    expect(draftOf(themeUnitTestXml, 'lorem-ipsum')).toBeUndefined();
  });

  it('is left out when trashed', () => {
    const trashed = convert(withPage(146, />publish</, '>trash<'));
    expect(trashed.pages).toHaveLength(20);
    expect(trashed.skipped.get('page with status "trash"')).toBe(1);
  });

  it('under a trashed parent becomes a top-level page, and says so', () => {
    const result = convert(withPage(2, />publish</, '>trash<'));
    const pages = frontMatters(result);
    expect(pages['page-with-comments']?.parent).toBeUndefined();
    expect(result.notes).toContain(
      'item #11 (wp:post_id 155): its parent page (wp:post_id 2) is not imported: a top-level page',
    );
  });

  it('whose slug a post has, or a tag, or the blog itself, is renamed and reported', () => {
    let xml = withPage(146, />lorem-ipsum</, '>markup-text-alignment<');
    xml = withPage(735, />page-b</, '>aside<', xml);
    xml = withPage(733, />page-a</, '>archives<', xml);
    const result = convert(xml);
    const slugs = result.pages.map((page) => page.slug);
    expect(slugs).toContain('markup-text-alignment-146');
    expect(result.notes).toContain(
      'item #10 (wp:post_id 146): slug "markup-text-alignment" is taken by wp:post_id 1176, using "markup-text-alignment-146"',
    );
    expect(slugs).toContain('aside-735');
    expect(result.notes).toContain(
      'item #137 (wp:post_id 735): slug "aside" is also a tag\'s (/tag/aside), using "aside-735"',
    );
    expect(result.renamed.map(({ from, to, wordpressId }) => [from, to, wordpressId])).toContainEqual([
      'archives',
      'archives-2',
      733,
    ]);
  });
});

describe('planning the page files', () => {
  const { pages } = convertExport(themeUnitTestXml, OPTIONS);
  const about = pages.find((page) => page.slug === 'about');
  if (!about) throw new Error('no about page');

  it('leaves a page written by an earlier import alone when it is unchanged, and rewrites it when it changed', () => {
    const unchanged = planFiles([about], [{ name: 'about.md', source: about.markdown, post: null }], {
      force: false,
      dir: 'content/pages',
    });
    expect(unchanged.map((file) => file.state)).toEqual(['unchanged']);
    const earlier = about.markdown.replace('About The Tests', 'About');
    const changed = planFiles([about], [{ name: 'about.md', source: earlier, post: null }], {
      force: false,
      dir: 'content/pages',
    });
    expect(changed.map((file) => file.state)).toEqual(['changed']);
  });

  it('refuses to overwrite a page it did not import, unless --force', () => {
    const mine = { name: 'about.md', source: '---\ntitle: About me\n---\nWritten by hand.\n', post: null };
    expect(() => planFiles([about], [mine], { force: false, dir: 'content/pages' })).toThrow(ImportConflict);
    expect(() => planFiles([about], [mine], { force: false, dir: 'content/pages' })).toThrow(
      'content/pages/about.md already exists and was not imported from this post (it has no wordpress_id)',
    );
    expect(planFiles([about], [mine], { force: true, dir: 'content/pages' })[0]?.state).toBe('changed');
  });

  it('stops before writing when a file of content/posts already has a page’s slug or WordPress id', () => {
    const post = (slug: string, wordpressId: number | null) => ({
      name: `${slug}.md`,
      source: '',
      post: { slug, legacy: { wordpressId, path: null } },
    });
    expect(otherFolderConflicts([about], [post('about', null), post('elsewhere', 2)], 'content/posts')).toEqual([
      'item #9 (wp:post_id 2): content/posts/about.md already has slug "about": delete it or give it another slug',
      'item #9 (wp:post_id 2): content/posts/elsewhere.md already has wordpress_id 2: delete it or give it another wordpress_id',
    ]);
    expect(otherFolderConflicts([about], [post('not-about', 3)], 'content/posts')).toEqual([]);
  });
});
