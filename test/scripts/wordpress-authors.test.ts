// A WordPress blog of several authors, imported: each post and page names its
// author, their old author addresses lead to their page here, and every
// author's replies keep the author badge, with or without wp:author_id.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import {
  buildAuthorStatements,
  WORDPRESS_AUTHORS_SQL,
  type WordPressAuthorRow,
} from '../../scripts/lib/wordpress/authors.ts';
import { type ConvertedExport, convertExport } from '../../scripts/lib/wordpress/convert.ts';
import type { ImportedPost } from '../../scripts/lib/wordpress/posts.ts';
import { buildCommentStatements } from '../../scripts/lib/wordpress/sql.ts';
import blockExportXml from '../data/wordpress/64-block-test-data.xml?raw';
import exportXml from '../data/wordpress/export.xml?raw';
import themeUnitTestXml from '../data/wordpress/themeunittestdata.wordpress.xml?raw';
import { get } from '../fixtures.ts';

const OPTIONS = { timeZone: 'UTC', defaultLanguage: 'en', blogUrl: 'http://localhost:8787' } as const;

const frontMatter = (post: ImportedPost) => parse(post.markdown.split('---\n')[1] ?? '') as Record<string, unknown>;

function count<T>(rows: T[], key: (row: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
}

describe('WordPress’s theme unit test export (two authors, no wp:author_id)', () => {
  const result = convertExport(themeUnitTestXml, OPTIONS);

  it('names each post’s and page’s author by their display name', () => {
    expect([...result.authors.values()]).toEqual([
      { login: 'themedemos', nicename: 'themedemos', userId: null, name: 'Theme Buster', slug: 'theme-buster' },
      {
        login: 'themereviewteam',
        nicename: 'themereviewteam',
        userId: null,
        name: 'Theme Reviewer',
        slug: 'theme-reviewer',
      },
    ]);
    const everything = [...result.posts, ...result.pages];
    // All 79 (58 posts, 21 pages), the two written by ">themereviewteam" and "themereviewteam>" included.
    expect(count(everything, (post) => String(frontMatter(post).author))).toEqual({
      'Theme Buster': 57,
      'Theme Reviewer': 22,
    });
    const common = result.posts.find((post) => post.slug === 'block-category-common') as ImportedPost;
    expect(frontMatter(common).author).toBe('Theme Reviewer'); // dc:creator ">themereviewteam"
    // "Template: Sticky" was written by themedemos; parsePost reads the key back.
    const sticky = result.posts.find((post) => post.slug === 'template-sticky') as ImportedPost;
    expect(parsePost('template-sticky.md', sticky.markdown, 'en').author).toEqual({
      name: 'Theme Buster',
      slug: 'theme-buster',
    });
  });

  it('keeps the author badge on replies sent with an author’s e-mail, whatever its case', () => {
    const byEmail = (email: string) => result.comments.filter((comment) => comment.authorEmail.toLowerCase() === email);
    const buster = byEmail('themeshaperwp+demos@gmail.com');
    expect(buster).toHaveLength(5);
    for (const comment of buster) expect(comment.isAuthor, comment.key).toBe(true);
    expect(byEmail('themereviewteam@gmail.com').map((comment) => comment.isAuthor)).toEqual([true]);
    const readers = result.comments.filter(
      (comment) => !['themeshaperwp+demos@gmail.com', 'themereviewteam@gmail.com'].includes(comment.authorEmail),
    );
    expect(readers.length).toBeGreaterThan(20);
    for (const comment of readers) expect(comment.isAuthor, comment.key).toBe(false);
  });
});

describe('the block-editor export (two authors)', () => {
  it('names both', () => {
    const result = convertExport(blockExportXml, OPTIONS);
    expect([...result.authors.values()].map((author) => [author.login, author.name])).toEqual([
      ['themedemos', 'Theme Buster'],
      ['themereviewer', 'Theme Reviewer'],
    ]);
    // Its one page is Theme Buster's, its posts Theme Reviewer's.
    expect(count([...result.posts, ...result.pages], (post) => String(frontMatter(post).author))).toEqual({
      'Theme Buster': 1,
      'Theme Reviewer': 61,
    });
  });
});

describe('an export whose posts and pages all come from one author', () => {
  it('writes no author: the blog’s own AUTHOR_NAME signs them, as before', () => {
    const result = convertExport(exportXml, OPTIONS);
    expect(result.authors.size).toBe(0);
    expect(result.posts.length).toBeGreaterThan(0);
    for (const post of [...result.posts, ...result.pages]) expect(frontMatter(post)).not.toHaveProperty('author');
  });
});

/** The test export with a second author (with a wp:author_id), who wrote one post and answers with her id or her e-mail. */
function twoAuthorExport(): string {
  const replace = (xml: string, from: string | RegExp, to: string) => {
    const next = xml.replace(from, to);
    expect(next, String(from)).not.toBe(xml);
    return next;
  };
  let xml = replace(
    exportXml,
    '<wp:author><wp:author_id>1</wp:author_id>',
    '<wp:author><wp:author_id>4</wp:author_id><wp:author_login><![CDATA[Jo.Reviewer]]></wp:author_login><wp:author_email><![CDATA[jo@ancien-carnet.example]]></wp:author_email><wp:author_display_name><![CDATA[Jo Relecteur]]></wp:author_display_name></wp:author>\n<wp:author><wp:author_id>1</wp:author_id>',
  );
  // "Modération : l'art de dire non" becomes Jo's; Henri's comment on it, hers (her user id).
  xml = replace(
    xml,
    /<dc:creator><!\[CDATA\[elise\]\]><\/dc:creator>((?:(?!<\/item>)[\s\S])*?<wp:post_id>1350<\/wp:post_id>)/,
    '<dc:creator><![CDATA[Jo.Reviewer]]></dc:creator>$1',
  );
  xml = replace(
    xml,
    /(<wp:comment_id>601<\/wp:comment_id>[\s\S]*?<wp:comment_user_id>)0(<\/wp:comment_user_id>)/,
    '$14$2',
  );
  // Lucien's reply 504 on Élise's post, sent with Jo's e-mail in capitals and no user id.
  return replace(
    xml,
    /(<wp:comment_id>504<\/wp:comment_id>[\s\S]*?<wp:comment_author_email><!\[CDATA\[)lucien@exemple\.fr/,
    '$1JO@Ancien-Carnet.EXAMPLE',
  );
}

describe('a self-hosted export of two authors, imported into D1', () => {
  let converted: ConvertedExport;

  beforeAll(async () => {
    converted = convertExport(twoAuthorExport(), OPTIONS);
    const loaded = await Promise.all(
      [...converted.posts, ...converted.pages].map(async (post) => ({
        post: parsePost(
          `${post.slug}.md`,
          post.markdown,
          'en',
          undefined,
          converted.pages.includes(post) ? 'page' : 'article',
        ),
        sourceHash: await sourceHashOf(post.markdown),
      })),
    );
    const statements = [
      ...buildPublishStatements(loaded, Math.floor(Date.now() / 1000)),
      ...buildAuthorStatements(converted.authors.values(), []),
      ...buildCommentStatements(converted.comments),
    ];
    for (const statement of statements) await env.DB.prepare(statement).run();
  });

  it('gives each article its author’s name and page', async () => {
    const { results } = await env.DB.prepare(
      "SELECT slug, author_name, author_slug FROM articles WHERE kind = 'article' ORDER BY slug",
    ).all();
    expect(results).toEqual(
      expect.arrayContaining([
        { slug: 'accueillir-les-nouveaux-venus', author_name: 'Élise Durand', author_slug: 'elise-durand' },
        { slug: 'moderation-lart-de-dire-non', author_name: 'Jo Relecteur', author_slug: 'jo-relecteur' },
      ]),
    );
    const html = await (await get('/moderation-lart-de-dire-non')).text();
    expect(html).toContain('Par <a href="/author/jo-relecteur" rel="author">Jo Relecteur</a>');
  });

  it('badges the replies of both authors: by user id, or by e-mail without one', async () => {
    const badge = async (key: string) =>
      (
        await env.DB.prepare('SELECT is_author FROM comments WHERE source_key = ?1')
          .bind(key)
          .first<{ is_author: number }>()
      )?.is_author;
    const keyOf = (id: number) => converted.comments.find((comment) => comment.key.endsWith(`:${id}`))?.key ?? '';
    expect(await badge(keyOf(502))).toBe(1); // Élise, user id 1
    expect(await badge(keyOf(601))).toBe(1); // Jo, user id 4
    expect(await badge(keyOf(504))).toBe(1); // Jo's e-mail in capitals, no user id
    expect(await badge(keyOf(501))).toBe(0); // Lucien
  });

  it('leads /author/<login>/, ?author=<id> and ?author_name=<login> to the author’s page, which lists their articles', async () => {
    for (const [from, to] of [
      ['/author/jo.reviewer/', '/author/jo-relecteur'],
      // WordPress's own address for her: the login made a slug (user_nicename).
      ['/author/jo-reviewer/', '/author/jo-relecteur'],
      ['/?author_name=jo-reviewer', '/author/jo-relecteur'],
      ['/?author=4', '/author/jo-relecteur'],
      ['/?author_name=Jo.Reviewer', '/author/jo-relecteur'],
      ['/author/elise/', '/author/elise-durand'],
      ['/?author=1', '/author/elise-durand'],
    ] as const) {
      const response = await get(from);
      expect(response.status, from).toBe(301);
      expect(response.headers.get('location'), from).toBe(to);
    }
    const jo = await (await get('/author/jo-relecteur')).text();
    expect(jo).toContain('<h1>Articles de Jo Relecteur</h1>');
    expect(jo).toContain('href="/moderation-lart-de-dire-non"');
    expect(jo).not.toContain('href="/accueillir-les-nouveaux-venus"');
    const elise = await (await get('/author/elise-durand')).text();
    expect(elise).toContain('href="/accueillir-les-nouveaux-venus"');
    expect(elise).not.toContain('href="/moderation-lart-de-dire-non"');
  });

  it('writes the authors’ rows once: an import run again has nothing to add', async () => {
    const rows = (await env.DB.prepare(WORDPRESS_AUTHORS_SQL).all<WordPressAuthorRow>()).results;
    expect(rows).toEqual(
      expect.arrayContaining([
        { login: 'jo.reviewer', user_id: 4, author_slug: 'jo-relecteur' },
        { login: 'jo-reviewer', user_id: null, author_slug: 'jo-relecteur' },
        { login: 'elise', user_id: 1, author_slug: 'elise-durand' },
      ]),
    );
    expect(buildAuthorStatements(converted.authors.values(), rows)).toEqual([]);
  });
});
