// Reading content/posts/*.md: what a good post becomes, and how a broken one
// is reported to its author (file and line).
import { describe, expect, it } from 'vitest';
import mainArticle from '../../content/posts/animer-une-communaute-en-ligne.md?raw';
import { type Post, PostError, parsePost } from '../../scripts/lib/post.ts';
import { NBSP, NNBSP } from '../../scripts/lib/typography.ts';

const FILE = 'content/posts/mon-billet.md';
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** The PostError thrown for a source, so its file, line and reason can be checked. */
function errorOf(source: string, file = FILE): PostError {
  try {
    parsePost(file, source, 'fr');
  } catch (error) {
    if (error instanceof PostError) return error;
    throw error;
  }
  throw new Error('expected a PostError, but the post was accepted');
}

describe('a good post', () => {
  const source = `---
title: "L'accessibilité, pas à pas"
slug: accessibilite-pas-a-pas
date: 2026-10-06T09:30:00+02:00
updated: 2026-10-08T18:15:00-04:00
tags: [Accessibilité, Web, ACCESSIBILITÉ, Écriture au quotidien]
description: Quelques habitudes simples.
language: fr
image: /images/communaute.svg
image_alt: Des bulles de dialogue
image_credit: Causerie, CC BY 4.0
image_credit_url: https://creativecommons.org/licenses/by/4.0/
image_width: 1200
image_height: 630
draft: true
---

Un *premier* paragraphe.

## Un titre

Un second paragraphe.
`;

  it('gives every front matter field', () => {
    const post = parsePost(FILE, source, 'fr');
    expect(post).toMatchObject({
      file: FILE,
      slug: 'accessibilite-pas-a-pas',
      title: 'L’accessibilité, pas à pas',
      description: 'Quelques habitudes simples.',
      language: 'fr',
      image: {
        url: '/images/communaute.svg',
        alt: 'Des bulles de dialogue',
        credit: 'Causerie, CC BY 4.0',
        creditUrl: 'https://creativecommons.org/licenses/by/4.0/',
      },
      imageSize: { width: 1200, height: 630 },
      draft: true,
    } satisfies Partial<Post>);
    expect(post.bodyHtml).toBe(
      '<p>Un <em>premier</em> paragraphe.</p>\n<h2>Un titre</h2>\n<p>Un second paragraphe.</p>\n',
    );
    expect(post.excerpt).toBe('Un premier paragraphe.');
  });

  it('stores dates as Unix seconds, honouring the written UTC offset', () => {
    const post = parsePost(FILE, source, 'fr');
    expect(post.publishedAt).toBe(Date.UTC(2026, 9, 6, 7, 30) / 1000);
    expect(post.updatedAt).toBe(Date.UTC(2026, 9, 8, 22, 15) / 1000);
  });

  it('reads a date without an offset as UTC, and a bare day as UTC midnight', () => {
    const at = (date: string) => parsePost(FILE, `---\ntitle: T\ndate: ${date}\n---\n\nCorps.\n`, 'fr').publishedAt;
    expect(at('2026-10-06T09:30')).toBe(Date.UTC(2026, 9, 6, 9, 30) / 1000);
    expect(at('2026-10-06 09:30:15')).toBe(Date.UTC(2026, 9, 6, 9, 30, 15) / 1000);
    expect(at('2026-10-06')).toBe(Date.UTC(2026, 9, 6) / 1000);
  });

  it('gives tags URL slugs without accents, once per slug, in the order written', () => {
    const { tags } = parsePost(FILE, source, 'fr');
    expect(tags.map((tag) => tag.slug)).toEqual(['accessibilite', 'web', 'ecriture-au-quotidien']);
    expect(tags[1]).toEqual({ slug: 'web', name: 'Web' });
    expect(tags[2]).toEqual({ slug: 'ecriture-au-quotidien', name: 'Écriture au quotidien' });
    expect(['Accessibilité', 'ACCESSIBILITÉ']).toContain(tags[0]?.name);
  });

  it('accepts tags written as a comma-separated line', () => {
    const post = parsePost(FILE, '---\ntitle: A\ndate: 2026-01-01\ntags: Blog, Modération\n---\nCorps.\n', 'fr');
    expect(post.tags).toEqual([
      { slug: 'blog', name: 'Blog' },
      { slug: 'moderation', name: 'Modération' },
    ]);
  });

  it('needs only a title, a date and a body; the rest has defaults', () => {
    const post = parsePost(
      'content/posts/premier-jet.md',
      '---\ntitle: Premier jet\ndate: 2026-03-01\n---\nCorps.\n',
      'fr',
    );
    expect(post).toMatchObject({
      slug: 'premier-jet',
      language: 'fr',
      description: '',
      publishedAt: seconds('2026-03-01T00:00:00Z'),
      updatedAt: null,
      tags: [],
      image: null,
      imageSize: null,
      draft: false,
      pinned: false,
      comments: null,
      excerpt: 'Corps.',
    } satisfies Partial<Post>);
  });

  it('reads pinned: true, which puts the article first on the home page', () => {
    const post = parsePost(FILE, '---\ntitle: Épinglé\ndate: 2026-03-01\npinned: true\n---\nCorps.\n', 'fr');
    expect(post.pinned).toBe(true);
  });

  it("reads comments: false, which closes the article's comments, and comments: true", () => {
    const source = (comments: string) => `---\ntitle: T\ndate: 2026-03-01\ncomments: ${comments}\n---\nCorps.\n`;
    expect(parsePost(FILE, source('false'), 'fr').comments).toBe(false);
    expect(parsePost(FILE, source('true'), 'fr').comments).toBe(true);
  });

  it('shows the written excerpt in listings instead of the first paragraph, in French typography', () => {
    const post = parsePost(
      FILE,
      '---\ntitle: T\ndate: 2026-03-01\nexcerpt: |\n  En bref : deux lignes\n  pour les listes !\n---\nLe premier paragraphe.\n',
      'fr',
    );
    expect(post.excerpt).toBe('En bref\u00a0: deux lignes pour les listes\u202f!');
    expect(post.description).toBe('');
    expect(post.bodyText).toBe('Le premier paragraphe.');
  });

  it('accepts a slug of digits that is not a year', () => {
    const source = (slug: string) => `---\ntitle: T\ndate: 2026-03-01\nslug: "${slug}"\n---\nCorps.\n`;
    expect(parsePost(FILE, source('2024-en-bref'), 'fr').slug).toBe('2024-en-bref');
    expect(parsePost(FILE, source('12345'), 'fr').slug).toBe('12345');
  });

  it('takes the slug from the file name and the language from the blog when not given', () => {
    const source = '---\ntitle: "Hello: world?"\ndate: 2026-03-01T10:00:00Z\n---\nIt\'s here...\n';
    const post = parsePost('content/posts/hello-world.md', source, 'en');
    expect(post.slug).toBe('hello-world');
    expect(post.language).toBe('en');
    // English: no French typography.
    expect(post.title).toBe('Hello: world?');
    expect(post.bodyHtml).toBe('<p>It&#39;s here...</p>\n');
  });

  it('reads files saved with Windows line endings or a byte-order mark', () => {
    const source = '\uFEFF---\r\ntitle: Bonjour\r\ndate: 2026-03-01\r\n---\r\nCorps.\r\n';
    expect(parsePost(FILE, source, 'fr')).toMatchObject({ title: 'Bonjour', bodyHtml: '<p>Corps.</p>\n' });
    const broken = errorOf('\uFEFF---\r\ntitle: Bonjour\r\ndate: yesterday\r\n---\r\nCorps.\r\n');
    expect(broken.line).toBe(3);
  });

  it('escapes <, & and quotes written as text in the Markdown', () => {
    const post = parsePost(FILE, '---\ntitle: A\ndate: 2026-01-01\n---\n5 < 6 & "quotes"\n', 'fr');
    expect(post.bodyHtml).toBe('<p>5 &lt; 6 &amp; &quot;quotes&quot;</p>\n');
    expect(post.excerpt).toBe('5 < 6 & "quotes"');
  });

  it('keeps a hostile title as plain text, for the Worker to escape', () => {
    const post = parsePost(FILE, '---\ntitle: <script>alert(1)</script>\ndate: 2026-01-01\n---\nCorps.\n', 'fr');
    expect(post.title).toBe('<script>alert(1)</script>');
  });
});

describe('a broken post is reported with its file and line', () => {
  const cases: { name: string; source: string; line: number; reason: RegExp }[] = [
    {
      name: 'no closing ---',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\n\nCorps.\n',
      line: 1,
      reason: /front matter missing/,
    },
    {
      name: 'no front matter at all',
      source: '# Bonjour\n\nCorps.\n',
      line: 1,
      reason: /front matter missing/,
    },
    {
      name: 'an unterminated quote (reported on its own line, not where the front matter ends)',
      source: '---\ndate: 2026-10-06\ntitle: "unterminated\ntags: [Web]\ndescription: Bonjour\n---\nCorps.\n',
      line: 3,
      reason: /not valid YAML: Missing closing "quote/,
    },
    {
      name: 'an unclosed [ list',
      source: '---\ntitle: Bonjour\ntags: [Web, Blog\ndate: 2026-10-06\n---\nCorps.\n',
      line: 3,
      reason: /not valid YAML/,
    },
    {
      name: 'an over-indented key (reported on that line, not the one it continues)',
      source: '---\ntitle: Bonjour\n  date: 2026-10-06\ndraft: false\n---\nCorps.\n',
      line: 3,
      reason: /not valid YAML/,
    },
    {
      name: 'a badly indented list item',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\ntags:\n  - Web\n - Blog\n---\nCorps.\n',
      line: 6,
      reason: /not valid YAML/,
    },
    {
      name: 'a tab used for indentation',
      source: '---\ntitle: Bonjour\ntags:\n\t- Web\ndate: 2026-10-06\n---\nCorps.\n',
      line: 4,
      reason: /not valid YAML: Tabs/,
    },
    {
      name: 'a key written twice',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\ntitle: Encore\n---\nCorps.\n',
      line: 4,
      reason: /not valid YAML: Map keys must be unique/,
    },
    {
      name: 'front matter that is not "key: value" lines',
      source: '---\n- title\n- date\n---\nCorps.\n',
      line: 2,
      reason: /key: value/,
    },
    {
      name: 'an unknown key',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\nauteur: Élise\n---\nCorps.\n',
      line: 4,
      reason: /unknown front matter key "auteur"/,
    },
    {
      name: 'no title',
      source: '---\ndate: 2026-10-06\n---\nCorps.\n',
      line: 2,
      reason: /needs a "title"/,
    },
    {
      name: 'a title too long for the database',
      source: `---\ndate: 2026-10-06\ntitle: ${'Très long '.repeat(31)}\n---\nCorps.\n`,
      line: 3,
      reason: /300 at most/,
    },
    {
      name: 'no date',
      source: '---\ntitle: Bonjour\n---\nCorps.\n',
      line: 2,
      reason: /needs a "date"/,
    },
    {
      name: 'date: yesterday',
      source: '---\ntitle: Bonjour\nslug: bonjour\ndate: yesterday\n---\nCorps.\n',
      line: 4,
      reason: /"yesterday" is not a date/,
    },
    {
      name: 'a day that does not exist',
      source: '---\ntitle: Bonjour\ndate: 2026-02-30T10:00:00+01:00\n---\nCorps.\n',
      line: 3,
      reason: /"2026-02-30T10:00:00\+01:00" is not a date/,
    },
    {
      name: 'a bad updated date',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\nupdated: 2026-13-01\n---\nCorps.\n',
      line: 4,
      reason: /"2026-13-01" is not a date/,
    },
    {
      name: 'a slug with capitals and spaces',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\nslug: Mon Article\n---\nCorps.\n',
      line: 4,
      reason: /slug "Mon Article" must be lowercase/,
    },
    {
      name: 'a slug with an accent',
      source: '---\ntitle: Bonjour\nslug: été\ndate: 2026-10-06\n---\nCorps.\n',
      line: 3,
      reason: /slug "été"/,
    },
    {
      name: 'language: de',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\nlanguage: de\n---\nCorps.\n',
      line: 4,
      reason: /language must be "fr" or "en", not "de"/,
    },
    {
      name: 'an image without image_alt',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\nimage: /images/communaute.svg\n---\nCorps.\n',
      line: 4,
      reason: /image_alt/,
    },
    {
      name: 'an image that is neither under public/ nor https',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\nimage: http://exemple.fr/a.png\nimage_alt: A\n---\nCorps.\n',
      line: 4,
      reason: /image must be a file of content\/ written from the post .* or an https:\/\/ URL/,
    },
    {
      name: 'an image width without a height',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\nimage_width: 1200\n---\nCorps.\n',
      line: 4,
      reason: /image_width and image_height/,
    },
    {
      name: 'draft: yes',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\ndraft: yes\n---\nCorps.\n',
      line: 4,
      reason: /"draft" must be true or false/,
    },
    {
      name: 'draft: 1',
      source: '---\ntitle: Bonjour\ndraft: 1\ndate: 2026-10-06\n---\nCorps.\n',
      line: 3,
      reason: /"draft" must be true or false/,
    },
    {
      name: 'pinned: yes',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\npinned: yes\n---\nCorps.\n',
      line: 4,
      reason: /"pinned" must be true or false/,
    },
    {
      name: 'comments: non',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\ncomments: non\n---\nCorps.\n',
      line: 4,
      reason: /"comments" must be true or false \(false closes the article's comments/,
    },
    {
      name: 'an excerpt that is a list',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\nexcerpt: [a, b]\n---\nCorps.\n',
      line: 4,
      reason: /"excerpt" must be text/,
    },
    {
      name: 'a slug that is a year (the address of its archive)',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\nslug: "2024"\n---\nCorps.\n',
      line: 4,
      reason: /slug "2024" is the address of a year's archive \(\/2024\)/,
    },
    {
      name: 'a title that is a list',
      source: '---\ndate: 2026-10-06\ntitle: [a, b]\n---\nCorps.\n',
      line: 3,
      reason: /"title" must be text/,
    },
    {
      name: 'an empty body (reported on the line after the front matter)',
      source: '---\ntitle: Bonjour\ndate: 2026-10-06\n---\n\n   \n',
      line: 5,
      reason: /no body/,
    },
  ];

  it.each(cases)('$name → line $line', ({ source, line, reason }) => {
    const error = errorOf(source);
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(line);
    expect(error.reason).toMatch(reason);
    expect(error.message).toBe(`${FILE}:${line}: ${error.reason}`);
  });

  it('counts lines from the top of the file, blank lines included', () => {
    const error = errorOf('---\n\ntitle: Bonjour\n\n# un commentaire\ndate: yesterday\n---\nCorps.\n');
    expect(error.line).toBe(6);
  });

  it('names a file whose name cannot be a slug', () => {
    const error = errorOf('---\ntitle: Bonjour\ndate: 2026-10-06\n---\nCorps.\n', 'content/posts/Mon Billet.md');
    expect(error.message).toMatch(/^content\/posts\/Mon Billet\.md:\d+: slug "Mon Billet" must be lowercase/);
  });
});

describe('the demo content', () => {
  const files = import.meta.glob<string>('../../content/posts/*.md', { query: '?raw', import: 'default', eager: true });
  const posts = Object.entries(files).map(([path, source]) => parsePost(path.replace('../../', ''), source, 'fr'));

  it('parses without error, every file', () => {
    expect(posts.length).toBeGreaterThanOrEqual(8);
  });

  it('has unique slugs equal to the file names', () => {
    for (const post of posts) expect(post.file).toBe(`content/posts/${post.slug}.md`);
    expect(new Set(posts.map((post) => post.slug)).size).toBe(posts.length);
  });

  it('has at least six published articles and a draft, in both languages', () => {
    expect(posts.filter((post) => !post.draft).length).toBeGreaterThanOrEqual(6);
    expect(posts.filter((post) => post.draft).length).toBeGreaterThanOrEqual(1);
    expect(new Set(posts.filter((post) => !post.draft).map((post) => post.language))).toEqual(new Set(['fr', 'en']));
  });

  it('makes the main article the full reference: image, credit, tags and a « » quotation', () => {
    const post = parsePost('content/posts/animer-une-communaute-en-ligne.md', mainArticle, 'fr');
    expect(post.draft).toBe(false);
    expect(post.language).toBe('fr');
    expect(post.title).toBe('Animer une communauté en ligne sans s’épuiser');
    expect(post.image).toMatchObject({
      // Published from content/media/ to the bucket (scripts/lib/media.ts).
      url: '../media/communaute.svg',
      credit: `Illustration${NBSP}: Causerie, CC BY 4.0`,
    });
    expect(post.image?.alt).not.toBe('');
    expect(post.image?.creditUrl).toMatch(/^https:\/\//);
    expect(post.tags.map((tag) => tag.slug)).toEqual(['communaute', 'moderation', 'blog']);
    expect(post.description).toContain(`ton bienveillant${NBSP}: quelques habitudes`);
    expect(post.bodyHtml).toContain(`écrit${NBSP}: «${NBSP}je n’osais pas commenter`);
    expect(post.bodyHtml).toContain(`vraiment…${NBSP}»`);
    expect(post.bodyHtml).toContain(`restée${NNBSP}; elle rappelle`);
  });
});
