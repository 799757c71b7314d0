// `node scripts/import-wordpress.ts`, run as someone leaving WordPress runs it,
// against a throw-away local D1 (wrangler's --persist-to) and a temporary
// content folder: the real content/posts is never touched.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1Rows, migratedState } from './local-d1.ts';
import { node, ROOT } from './run-node.ts';

const EXPORT = join(ROOT, 'test', 'data', 'wordpress', 'export.xml');
const THEME_UNIT_TEST = join(ROOT, 'test', 'data', 'wordpress', 'themeunittestdata.wordpress.xml');
let tmp: string;
let posts: string;
let state: string;

const importWordPress = (file: string, ...extra: string[]) =>
  node(['scripts/import-wordpress.ts', file, '--local', '--persist-to', state, '--content', posts, ...extra]);

const query = <T>(sql: string): T[] => d1Rows<T>(state, sql);

const counts = () =>
  query<{ articles: number; comments: number; mentions: number }>(
    'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM mentions) AS mentions',
  )[0];

/** Every file of the content folder with the SHA-256 of its bytes. */
const fileHashes = () =>
  Object.fromEntries(
    (existsSync(posts) ? readdirSync(posts) : []).sort().map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(posts, name)))
        .digest('hex'),
    ]),
  );

/** A copy of the test export with one piece replaced. */
function brokenExport(name: string, from: string, to: string): string {
  const xml = readFileSync(EXPORT, 'utf8');
  expect(xml).toContain(from);
  const path = join(tmp, name);
  writeFileSync(path, xml.replace(from, to));
  return path;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'causerie-wordpress-'));
  posts = join(tmp, 'posts');
  state = migratedState(join(tmp, 'state'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('import:wordpress', () => {
  it('refuses to run without --local or --remote, saying how to run it', () => {
    const result = node(['scripts/import-wordpress.ts', EXPORT, '--content', posts]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nothing was imported');
    expect(result.stderr).toContain(
      'say where to import: npm run import:wordpress -- export.xml --local (or --remote)',
    );
  });

  it('says what it would do on a dry run, and writes nothing', () => {
    const result = importWordPress(EXPORT, '--dry-run');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Posts: 3 (1 draft(s))');
    expect(result.stdout).toContain('Pages: 1 (0 draft(s))');
    expect(result.stdout).toContain('Left out: 1 nav_menu_item.');
    expect(result.stdout).toMatch(/would write .*accueillir-les-nouveaux-venus\.md \(new\)/);
    expect(result.stdout).toContain('Dry run: nothing written.');
    expect(result.stdout).toMatch(/old category, tag and attachment addresses \([1-9]\d*\) not imported before/);
    expect(existsSync(posts)).toBe(false);
    expect(counts()).toEqual({ articles: 0, comments: 0, mentions: 0 });
  });

  it('imports the posts, every comment in its thread, and the pings as mentions', () => {
    const result = importWordPress(EXPORT);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Published 3 article(s) and 1 page(s) to the local D1 (1 draft(s)); 4 new or changed',
    );
    expect(result.stdout).toContain('Comments: 8 in the export (5 approved, 1 spam, 1 pending, 1 trash): 8 new.');
    expect(result.stdout).toContain('Mentions: 2 in the export (1 pingback, 1 trackback): 2 new.');
    expect(result.stdout).toMatch(
      /Old addresses \(categories, tags, attachments\): ([1-9]\d*) in the export: \1 new or changed\./,
    );
    expect(Object.keys(fileHashes())).toEqual([
      'accueillir-les-nouveaux-venus.md',
      'brouillon-les-trolls-sympathiques.md',
      'moderation-lart-de-dire-non.md',
    ]);

    expect(query('SELECT slug, status, legacy_wp_id, legacy_path FROM articles ORDER BY legacy_wp_id')).toEqual([
      { slug: 'a-propos', status: 'published', legacy_wp_id: 2, legacy_path: '/a-propos' },
      {
        slug: 'accueillir-les-nouveaux-venus',
        status: 'published',
        legacy_wp_id: 1312,
        legacy_path: '/2012/03/14/accueillir-les-nouveaux-venus',
      },
      {
        slug: 'moderation-lart-de-dire-non',
        status: 'published',
        legacy_wp_id: 1350,
        legacy_path: '/2012/05/02/moderation-lart-de-dire-non',
      },
      { slug: 'brouillon-les-trolls-sympathiques', status: 'draft', legacy_wp_id: 1402, legacy_path: null },
    ]);

    // The deepest reply, walked up to the start of its thread.
    const chain = query<{ source_key: string; author_name: string; is_author: number }>(
      `WITH RECURSIVE chain(id, parent_id, source_key, author_name, is_author) AS (
         SELECT id, parent_id, source_key, author_name, is_author FROM comments WHERE source_key = 'wordpress:1312:504'
         UNION ALL SELECT c.id, c.parent_id, c.source_key, c.author_name, c.is_author FROM comments c JOIN chain ON c.id = chain.parent_id)
       SELECT source_key, author_name, is_author FROM chain`,
    );
    expect(chain).toEqual([
      { source_key: 'wordpress:1312:504', author_name: 'Lucien Ferrand', is_author: 0 },
      { source_key: 'wordpress:1312:503', author_name: 'Mathilde Roux', is_author: 0 },
      { source_key: 'wordpress:1312:502', author_name: 'Élise Durand', is_author: 1 },
      { source_key: 'wordpress:1312:501', author_name: 'Lucien Ferrand', is_author: 0 },
    ]);

    expect(
      query<{ source_key: string; status: string; slug: string }>(
        `SELECT c.source_key, c.status, a.slug FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.status != 'approved' ORDER BY c.source_key`,
      ),
    ).toEqual([
      { source_key: 'wordpress:1312:507', status: 'spam', slug: 'accueillir-les-nouveaux-venus' },
      { source_key: 'wordpress:1312:508', status: 'pending', slug: 'accueillir-les-nouveaux-venus' },
      { source_key: 'wordpress:1350:602', status: 'trash', slug: 'moderation-lart-de-dire-non' },
    ]);

    expect(query('SELECT kind, source_url, status, verification, title FROM mentions ORDER BY source_key')).toEqual([
      {
        kind: 'pingback',
        source_url: 'https://samia.exemple.org/2012/03/16/bien-accueillir/',
        status: 'approved',
        verification: 'verified',
        title: 'Le blog de Samia',
      },
      {
        kind: 'trackback',
        source_url: 'https://jules.exemple.net/trackback-accueil',
        status: 'pending',
        verification: 'verified',
        title: 'L’accueil, encore',
      },
    ]);
  });

  it('changes nothing when run again on the same export', () => {
    const files = fileHashes();
    const rows = counts();
    const result = importWordPress(EXPORT);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Published 3 article(s) and 1 page(s) to the local D1 (1 draft(s)); 0 new or changed.',
    );
    expect(result.stdout).toContain('Posts: 3 (1 draft(s))');
    expect(result.stdout).toMatch(/: 0 new, 0 changed, 3 unchanged\./);
    expect(result.stdout).toContain('Comments: 8 in the export (5 approved, 1 spam, 1 pending, 1 trash): 0 new.');
    expect(result.stdout).toContain('Mentions: 2 in the export (1 pingback, 1 trackback): 0 new.');
    expect(result.stdout).toMatch(
      /Old addresses \(categories, tags, attachments\): [1-9]\d* in the export: 0 new or changed\./,
    );
    expect(fileHashes()).toEqual(files);
    expect(counts()).toEqual(rows);
  });

  it.each([
    ['not XML', 'not-xml.xml', '<rss version="2.0"', '<rss version="2.0"<', /the file is not valid XML \(line \d+/],
    [
      'an item without wp:post_id',
      'no-id.xml',
      '<wp:post_id>1350</wp:post_id>',
      '',
      /item #3: <wp:post_id> is missing/,
    ],
    [
      'a reply whose parent is missing',
      'orphan.xml',
      '<wp:comment_parent>502</wp:comment_parent>',
      '<wp:comment_parent>42</wp:comment_parent>',
      /item #1 \(wp:post_id 1312\) > wp:comment #2 \(wp:comment_id 503\): wp:comment_parent 42 is not a comment of this post/,
    ],
    [
      'a bad date',
      'bad-date.xml',
      '<![CDATA[2012-05-03 08:00:00]]></wp:comment_date_gmt>',
      '<![CDATA[2012-13-45 08:00:00]]></wp:comment_date_gmt>',
      /item #3 \(wp:post_id 1350\) > wp:comment #2 \(wp:comment_id 602\): wp:comment_date_gmt "2012-13-45 08:00:00" is not a date/,
    ],
  ])('writes nothing from an export with %s, and names the element', (_, name, from, to, message) => {
    // Edited posts too: none of it may reach the files or the database.
    const path = brokenExport(name, from, to);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replaceAll('Accueillir les nouveaux venus', 'Accueillir, version 2'),
    );
    const files = fileHashes();
    const rows = counts();
    const result = importWordPress(path);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('import:wordpress: nothing was imported.');
    expect(result.stderr).toMatch(message);
    expect(fileHashes()).toEqual(files);
    expect(counts()).toEqual(rows);
  });

  it('refuses to overwrite a file it did not import, unless --force', () => {
    const other = join(tmp, 'other-posts');
    mkdirSync(other);
    const mine = '---\ntitle: Mon accueil\ndate: 2020-01-01\n---\nÉcrit à la main.\n';
    writeFileSync(join(other, 'accueillir-les-nouveaux-venus.md'), mine);
    const run = (...extra: string[]) =>
      node(['scripts/import-wordpress.ts', EXPORT, '--local', '--persist-to', state, '--content', other, ...extra]);

    const refused = run();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'accueillir-les-nouveaux-venus.md already exists and was not imported from this post (it has no wordpress_id): move it away, or run again with --force to overwrite it',
    );
    expect(readdirSync(other)).toEqual(['accueillir-les-nouveaux-venus.md']);
    expect(readFileSync(join(other, 'accueillir-les-nouveaux-venus.md'), 'utf8')).toBe(mine);

    const forced = run('--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(join(other, 'accueillir-les-nouveaux-venus.md'), 'utf8')).toContain('wordpress_id: 1312');
  });

  it('brings WordPress’s theme unit test export, unmodified, into a fresh clone’s empty local D1', () => {
    // As a fresh clone has it: no tables yet. The import applies the migrations first.
    const fresh = join(tmp, 'fresh-state');
    const freshPosts = join(tmp, 'fresh-posts');
    const freshPages = join(tmp, 'fresh-pages');
    const result = node([
      'scripts/import-wordpress.ts',
      THEME_UNIT_TEST,
      '--local',
      '--persist-to',
      fresh,
      '--content',
      freshPosts,
      '--pages',
      freshPages,
    ]);
    expect(result.status, result.stderr).toBe(0);
    // The password-protected post is published, asking for its password: one draft left.
    expect(result.stdout).toContain('Posts: 58 (1 draft(s))');
    expect(result.stdout).toContain('Pages: 21 (0 draft(s))');
    expect(result.stdout).toContain('Left out: 70 nav_menu_item.');
    expect(result.stdout).toContain(
      'Published 58 article(s) and 21 page(s) to the local D1 (1 draft(s)); 79 new or changed',
    );
    const [protectedPost] = d1Rows<{ status: string; password_hash: string }>(
      fresh,
      "SELECT status, password_hash FROM articles WHERE slug = 'template-password-protected'",
    );
    expect(protectedPost?.status).toBe('published');
    expect(protectedPost?.password_hash).toMatch(/^pbkdf2-sha256:100000:/);
    expect(readFileSync(join(freshPosts, 'template-password-protected.md'), 'utf8')).toMatch(
      new RegExp(`^password: "?${protectedPost?.password_hash}"?$`, 'm'),
    );
    expect(result.stdout).toContain('Comments: 29 in the export (26 approved, 3 pending): 29 new.');
    expect(result.stdout).toContain('Mentions: 4 in the export (2 trackback, 2 pingback): 4 new.');
    expect(readdirSync(freshPosts)).toHaveLength(58);
    expect(readdirSync(freshPages)).toHaveLength(21);
    expect(d1Rows(fresh, 'SELECT slug, legacy_wp_id, legacy_path FROM articles WHERE legacy_wp_id = 1148')).toEqual([
      { slug: 'template-comments', legacy_wp_id: 1148, legacy_path: '/2012/01/03/template-comments' },
    ]);
    expect(d1Rows(fresh, 'SELECT count(*) AS comments FROM comments')).toEqual([{ comments: 29 }]);
    // The old addresses no rule can guess, recorded for the Worker (legacy_redirects).
    expect(result.stdout).toContain(
      'Old addresses (categories, tags, attachments): 326 in the export: 326 new or changed.',
    );
    expect(
      d1Rows(
        fresh,
        "SELECT address, tag_slug, wordpress_id, location FROM legacy_redirects WHERE address IN ('/category/uncategorized', '/tag/mustread', '?attachment_id=611') ORDER BY address",
      ),
    ).toEqual([
      { address: '/category/uncategorized', tag_slug: null, wordpress_id: null, location: '/archives' },
      { address: '/tag/mustread', tag_slug: 'must-read', wordpress_id: null, location: null },
      { address: '?attachment_id=611', tag_slug: null, wordpress_id: 555, location: null },
    ]);
    // Two authors: each keeps their name, their old address, and the badge on their replies (by e-mail: no ids).
    expect(result.stdout).toContain(
      'Authors: Theme Buster (/author/theme-buster, was themedemos), Theme Reviewer (/author/theme-reviewer, was themereviewteam)',
    );
    expect(
      d1Rows(fresh, 'SELECT author_name, count(*) AS articles FROM articles GROUP BY author_name ORDER BY author_name'),
    ).toEqual([
      { author_name: 'Theme Buster', articles: 57 },
      { author_name: 'Theme Reviewer', articles: 22 },
    ]);
    expect(d1Rows(fresh, 'SELECT login, user_id, author_slug FROM wordpress_authors ORDER BY login')).toEqual([
      { login: 'themedemos', user_id: null, author_slug: 'theme-buster' },
      { login: 'themereviewteam', user_id: null, author_slug: 'theme-reviewer' },
    ]);
    expect(d1Rows(fresh, 'SELECT count(*) AS badged FROM comments WHERE is_author = 1')).toEqual([{ badged: 6 }]);
  });
});
