// Standalone pages at publish time: what their front matter may say, and what
// stops the publish (an address taken twice, a tag's name, an address of the
// blog itself, a parent that is not a page), each problem named with the file
// it comes from and the one it collides with, all of them in one run.
import { describe, expect, it } from 'vitest';
import { publishPurgeTags } from '../../scripts/content-publish.ts';
import { PostError, parsePost } from '../../scripts/lib/post.ts';
import { readPostSet, type SourceFile } from '../../scripts/lib/post-set.ts';

const page = (name: string, frontMatter: string, body = 'Texte de la page.'): SourceFile => ({
  file: `content/pages/${name}.md`,
  source: `---\n${frontMatter}\n---\n${body}\n`,
  kind: 'page',
});
const article = (name: string, frontMatter: string): SourceFile => ({
  file: `content/posts/${name}.md`,
  source: `---\ntitle: Billet\ndate: 2026-10-06\n${frontMatter}\n---\nCorps.\n`,
  kind: 'article',
});

const read = (files: SourceFile[], inD1?: Map<string, 'article' | 'page'>) =>
  readPostSet(files, {
    defaultLanguage: 'fr',
    readImage: () => ({ problem: 'no image here' }),
    existingKinds: inD1 && (() => inD1),
  });

const messages = async (files: SourceFile[], inD1?: Map<string, 'article' | 'page'>) =>
  (await read(files, inD1)).errors.flatMap((error) => error.message.split('\n'));

describe('a page’s front matter', () => {
  it('needs no date, and reads parent, menu order, comments and translation_of', () => {
    const post = parsePost(
      'content/pages/colophon.md',
      '---\ntitle: Colophon\nparent: a-propos\nmenu: 3\ncomments: true\nlanguage: en\ntranslation_of: colophon-fr\n---\nMade with Causerie.\n',
      'fr',
      undefined,
      'page',
    );
    expect(post.page).toEqual({ parent: 'a-propos', menuOrder: 3, commentsOpen: true });
    expect(post.translation).toBe('colophon-fr');
    expect(post.language).toBe('en');
  });

  it('keeps comments closed and the page out of the menu unless it says otherwise', () => {
    const post = parsePost('content/pages/a-propos.md', '---\ntitle: À propos\n---\nTexte.\n', 'fr', undefined, 'page');
    expect(post.slug).toBe('a-propos');
    expect(post.page).toEqual({ parent: null, menuOrder: null, commentsOpen: false });
  });

  it('reports an article’s keys, a bad menu order and a bad comments flag of one page together', () => {
    let caught: unknown;
    try {
      parsePost(
        'content/pages/faux.md',
        '---\ntitle: Faux\ndate: 2026-10-06\ntags: [Web]\nmenu: premier\ncomments: oui\n---\n\n',
        'fr',
        undefined,
        'page',
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PostError);
    expect((caught as PostError).problems.map((problem) => [problem.line, problem.reason])).toEqual([
      [3, expect.stringMatching(/^unknown front matter key "date" \(known keys of a page: title, slug, parent, menu/)],
      [4, expect.stringMatching(/^unknown front matter key "tags"/)],
      [5, '"menu" must be the page\'s place in the menu, a whole number (1 comes first)'],
      [6, '"comments" must be true or false'],
      [8, 'the page has no body'],
    ]);
  });

  it('refuses the addresses the blog itself answers, /media and year paths included', async () => {
    const lines = await messages([
      page('media', 'title: Médias'),
      page('archives', 'title: Archives'),
      page('admin', 'title: Admin'),
      page('annee', 'title: Année\nslug: "2024"'),
    ]);
    expect(lines).toEqual([
      'content/pages/media.md:2: slug "media" is an address the blog itself uses (/media): choose another one',
      'content/pages/archives.md:2: slug "archives" is an address the blog itself uses (/archives): choose another one',
      'content/pages/admin.md:2: slug "admin" is an address the blog itself uses (/admin): choose another one',
      'content/pages/annee.md:3: slug "2024" is the address of a year\'s archive (/2024): add a word (e.g. "2024-en-bref")',
    ]);
  });
});

describe('collisions and parents, every one in one run', () => {
  it('names both files when a page takes an article’s slug, and the article file carrying a tag it takes', async () => {
    const lines = await messages([
      article('moderation', 'tags: [Modération]'),
      article('rss', ''),
      page('rss', 'title: RSS'),
      page('moderation-page', 'title: Modération\nslug: moderation'),
      page('tag', 'title: Modération\nslug: moderation-2'),
    ]);
    expect(lines).toEqual([
      expect.stringMatching(
        /^content\/pages\/rss\.md:1: slug "rss" is already used by content\/posts\/rss\.md: two files cannot share one address/,
      ),
      expect.stringMatching(
        /^content\/pages\/moderation-page\.md:3: slug "moderation" is already used by content\/posts\/moderation\.md: two files cannot share one address/,
      ),
      'content/pages/moderation-page.md:3: slug "moderation" is also the tag "Modération" of content/posts/moderation.md (/tag/moderation): a page and a tag would share a name in search and menus; give this page another slug, or rename the tag',
    ]);
  });

  it('refuses a parent that is missing, an article, a child itself, or part of a cycle', async () => {
    const lines = await messages([
      article('billet', ''),
      page('orpheline', 'title: Orpheline\nparent: nulle-part'),
      page('sous-billet', 'title: Sous billet\nparent: billet'),
      page('racine', 'title: Racine'),
      page('enfant', 'title: Enfant\nparent: racine'),
      page('petit-enfant', 'title: Petit-enfant\nparent: enfant'),
      page('yin', 'title: Yin\nparent: yang'),
      page('yang', 'title: Yang\nparent: yin'),
      page('narcisse', 'title: Narcisse\nparent: narcisse'),
    ]);
    expect(lines).toEqual([
      'content/pages/orpheline.md:3: parent "nulle-part" is not a page: no file in content/pages has that slug',
      'content/pages/sous-billet.md:3: parent "billet" is an article (content/posts/billet.md), not a page',
      'content/pages/petit-enfant.md:3: parent "enfant" is itself a child of "racine" (content/pages/enfant.md): pages nest one level deep, /<parent>/<slug>',
      'content/pages/yin.md:3: parent "yang" has this page as its own parent (content/pages/yang.md): a cycle; remove "parent:" from one of the two files',
      'content/pages/yang.md:3: parent "yin" has this page as its own parent (content/pages/yin.md): a cycle; remove "parent:" from one of the two files',
      'content/pages/narcisse.md:3: a page cannot be its own parent ("narcisse")',
    ]);
  });

  it('refuses a page taking the slug of an article D1 still holds without its file, and the other way round', async () => {
    const inD1 = new Map<string, 'article' | 'page'>([
      ['ancien-billet', 'article'],
      ['ancienne-page', 'page'],
      ['a-propos', 'page'],
    ]);
    const { errors } = await read(
      [
        page('ancien-billet', 'title: Nouvelle page'),
        article('ancienne-page', ''),
        page('a-propos', 'title: À propos'),
      ],
      inD1,
    );
    expect(errors.map((error) => error.message)).toEqual([
      'content/pages/ancien-billet.md:1: slug "ancien-billet" is already used by the article /ancien-billet in D1, whose file is no longer in content/posts: a page cannot take the address of an article (its comments would move with it); give this file another slug',
      'content/posts/ancienne-page.md:1: slug "ancienne-page" is already used by the page /ancienne-page in D1, whose file is no longer in content/pages: an article cannot take the address of a page (its comments would move with it); give this file another slug',
    ]);
  });

  it('publishes pages and articles together when nothing collides, children after their parent', async () => {
    const { posts, errors } = await read([
      page('enfant', 'title: Enfant\nparent: racine'),
      page('racine', 'title: Racine\nmenu: 1'),
      article('billet', 'tags: [Web]'),
    ]);
    expect(errors).toEqual([]);
    expect(posts.map(({ post }) => [post.slug, post.page?.parent ?? null])).toEqual([
      ['enfant', 'racine'],
      ['racine', null],
      ['billet', null],
    ]);
  });
});

describe('the purge after a publish', () => {
  it('purges the menu of every page when a page changed or was taken down, not for an article alone', async () => {
    const { posts } = await read([page('a-propos', 'title: À propos\nmenu: 1'), article('billet', '')]);
    expect(publishPurgeTags(posts, ['billet'], [])).not.toContain('menu');
    expect(publishPurgeTags(posts, ['a-propos'], [])).toContain('menu');
    expect(publishPurgeTags(posts, [], [{ id: 7, kind: 'page' }])).toEqual(
      expect.arrayContaining(['menu', 'article:7']),
    );
  });
});
