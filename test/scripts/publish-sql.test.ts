// The SQL that `npm run content:publish` sends to D1, run here against the real
// local D1 the Worker reads, the way `wrangler d1 execute --file` runs it: all
// statements in one transaction.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import demoComments from '../../content/demo/comments.yaml?raw';
import rewriteMigration from '../../migrations/0010_rewrite_articles.sql?raw';
import relatedMigration from '../../migrations/0023_related_articles.sql?raw';
import pageLinksMigration from '../../migrations/0026_page_links.sql?raw';
import { buildDemoCommentStatements, parseDemoComments } from '../../scripts/lib/demo-comments.ts';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf, sqlLiteral } from '../../scripts/lib/sql.ts';
import { NBSP } from '../../scripts/lib/typography.ts';
import { REFRESH_PAGE_LINKS_SQL } from '../../src/db/after-publish';
import { REFRESH_RELATED_ARTICLES_SQL } from '../../src/db/related';
import { get, getHtml } from '../fixtures';

/** A publish time, as the CLI passes it (Unix seconds). */
const NOW = 1_790_000_000;
const DAY = 86_400;

type Loaded = Parameters<typeof buildPublishStatements>[0][number];

/** Parses a post as the CLI does, with the same kind of source hash. */
async function load(slug: string, source: string, language: 'fr' | 'en' = 'fr'): Promise<Loaded> {
  const post = parsePost(`content/posts/${slug}.md`, source, language);
  return { post, sourceHash: await sourceHashOf(source, JSON.stringify(post.imageSize)) };
}

const post = (title: string, extra = '', body = 'Corps du billet.') =>
  `---\ntitle: ${JSON.stringify(title)}\ndate: 2025-03-01T10:00:00+01:00\n${extra}---\n${body}\n`;

function execute(statements: string[]): Promise<D1Result[]> {
  return env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

const changesOf = (results: D1Result[]) => results.map((result) => result.meta.changes);

interface ArticleRow {
  slug: string;
  title: string;
  description: string;
  excerpt: string;
  language: string;
  body_html: string;
  status: string;
  published_at: number;
  updated_at: number;
  image_url: string | null;
  image_alt: string | null;
  image_width: number | null;
  image_height: number | null;
}

function article(slug: string): Promise<ArticleRow | null> {
  return env.DB.prepare('SELECT * FROM articles WHERE slug = ?1').bind(slug).first<ArticleRow>();
}

async function tagsOf(slug: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id JOIN articles a ON a.id = at.article_id
      WHERE a.slug = ?1 ORDER BY t.slug`,
  )
    .bind(slug)
    .all<{ slug: string }>();
  return results.map((row) => row.slug);
}

async function snapshot(): Promise<unknown[][]> {
  const tables = ['SELECT * FROM articles ORDER BY id', 'SELECT * FROM tags ORDER BY id'];
  tables.push('SELECT * FROM article_tags ORDER BY article_id, tag_id', 'SELECT * FROM comments ORDER BY id');
  return Promise.all(tables.map(async (sql) => (await env.DB.prepare(sql).all()).results));
}

describe('sqlLiteral', () => {
  it('doubles single quotes: any text, even SQL-looking, reads back byte for byte', async () => {
    expect(sqlLiteral("l'été")).toBe("'l''été'");
    const texts = ["l'été", "'; DROP TABLE articles; --", 'a \\ backslash, "double" quotes\nand a new line', '🙂', ''];
    for (const text of texts) {
      const row = await env.DB.prepare(`SELECT ${sqlLiteral(text)} AS value`).first<{ value: string }>();
      expect(row?.value).toBe(text);
    }
    expect(await env.DB.prepare('SELECT count(*) AS n FROM articles').first('n')).toBeTypeOf('number');
  });

  it('refuses a NUL character rather than writing a truncated value', () => {
    expect(() => sqlLiteral('a\u0000b')).toThrow(/NUL/);
  });

  it('writes safe integers and refuses any other number', async () => {
    expect(sqlLiteral(-5)).toBe('-5');
    expect(sqlLiteral(0)).toBe('0');
    expect(sqlLiteral(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    for (const value of [2 ** 53, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_VALUE]) {
      expect(() => sqlLiteral(value), String(value)).toThrow(/not a safe integer/);
    }
    expect(await env.DB.prepare(`SELECT ${sqlLiteral(-5)} AS value`).first('value')).toBe(-5);
  });

  it('writes null as NULL and booleans as 1 / 0', async () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(true)).toBe('1');
    expect(sqlLiteral(false)).toBe('0');
    const row = await env.DB.prepare(`SELECT ${sqlLiteral(null)} AS n, ${sqlLiteral(true)} AS t`).first();
    expect(row).toEqual({ n: null, t: 1 });
  });
});

describe('publishing posts to D1', () => {
  it('creates the articles with their tags', async () => {
    const posts = [
      await load(
        'premier-billet',
        post(
          "L'été : premier billet",
          'tags: [Communauté, Web]\nimage: /images/communaute.svg\nimage_alt: Des bulles\nimage_width: 1200\nimage_height: 630\n',
        ),
      ),
      await load('first-post', post('First post: hello', 'language: en\ntags: [Web]\n')),
    ];
    await execute(buildPublishStatements(posts, NOW));

    expect(await article('premier-billet')).toMatchObject({
      title: `L’été${NBSP}: premier billet`,
      language: 'fr',
      body_html: '<p>Corps du billet.</p>\n',
      status: 'published',
      published_at: Date.UTC(2025, 2, 1, 9) / 1000,
      updated_at: Date.UTC(2025, 2, 1, 9) / 1000,
      image_url: '/images/communaute.svg',
      image_alt: 'Des bulles',
      image_width: 1200,
      image_height: 630,
    } satisfies Partial<ArticleRow>);
    expect(await article('first-post')).toMatchObject({ title: 'First post: hello', language: 'en' });
    expect(await tagsOf('premier-billet')).toEqual(['communaute', 'web']);
    expect(await tagsOf('first-post')).toEqual(['web']);
    const tag = await env.DB.prepare("SELECT name FROM tags WHERE slug = 'communaute'").first('name');
    expect(tag).toBe('Communauté');
  });

  it('changes nothing when the same posts are published again', async () => {
    const posts = [
      await load('stable-a', post('Stable A', 'tags: [Blog, Web]\n')),
      await load('stable-b', post('Stable B', 'tags: [Blog]\ndraft: true\n')),
    ];
    await execute(buildPublishStatements(posts, NOW));
    const before = await snapshot();

    const statements = buildPublishStatements(posts, NOW + DAY);
    const results = await execute(statements);
    expect(changesOf(results)).toEqual(statements.map(() => 0));
    const upserts = results.filter((_, index) => statements[index]?.startsWith('INSERT INTO articles'));
    expect(changesOf(upserts)).toEqual([0, 0]);
    expect(await snapshot()).toEqual(before);
    expect((await article('stable-a'))?.updated_at).toBe(Date.UTC(2025, 2, 1, 9) / 1000);
  });

  it('updates an edited post and sets updated_at to the publish time', async () => {
    const untouched = await load('voisin', post('Voisin'));
    await execute(buildPublishStatements([await load('edite', post('Avant')), untouched], NOW));

    const edited = await load('edite', post('Après', '', 'Nouveau *corps*.'));
    const statements = buildPublishStatements([edited, untouched], NOW + DAY);
    const results = await execute(statements);
    // D1 counts the rows its triggers write too (search index, Webmention scans).
    expect(results[0]?.meta.changes).toBeGreaterThan(0);
    expect(await article('edite')).toMatchObject({
      title: 'Après',
      body_html: '<p>Nouveau <em>corps</em>.</p>\n',
      published_at: Date.UTC(2025, 2, 1, 9) / 1000,
      updated_at: NOW + DAY,
    } satisfies Partial<ArticleRow>);
    // The neighbour, unchanged, keeps its date.
    expect((await article('voisin'))?.updated_at).toBe(Date.UTC(2025, 2, 1, 9) / 1000);
  });

  it('takes updated_at from an "updated:" date when the author gives one', async () => {
    await execute(buildPublishStatements([await load('mis-a-jour', post('Un'))], NOW));
    const edited = await load('mis-a-jour', post('Deux', 'updated: 2025-04-01T12:00:00Z\n'));
    await execute(buildPublishStatements([edited], NOW + DAY));
    expect((await article('mis-a-jour'))?.updated_at).toBe(Date.UTC(2025, 3, 1, 12) / 1000);
  });

  it('writes every article again after migration 0010 (excerpts that lost their no-break spaces), keeping its dates', async () => {
    const typeset = await load('reecrit', post('Réécrit', '', 'Un mot : la suite.'));
    await execute(buildPublishStatements([typeset], NOW));
    // As an earlier version stored it: a plain space before the colon.
    await env.DB.prepare("UPDATE articles SET excerpt = 'Un mot : la suite.' WHERE slug = 'reecrit'").run();
    // Publishing skips an unchanged file: without the migration, the old excerpt would stay.
    await execute(buildPublishStatements([typeset], NOW + DAY));
    expect((await article('reecrit'))?.excerpt).toBe('Un mot : la suite.');

    await env.DB.exec(
      rewriteMigration
        .replace(/^--.*$/gm, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    await execute(buildPublishStatements([typeset], NOW + 2 * DAY));
    expect(await article('reecrit')).toMatchObject({
      excerpt: `Un mot${NBSP}: la suite.`,
      updated_at: Date.UTC(2025, 2, 1, 9) / 1000,
    });
    // Once written again, the article is unchanged for the next runs.
    const again = buildPublishStatements([typeset], NOW + 3 * DAY);
    expect(changesOf(await execute(again.slice(0, 1)))).toEqual([0]);
  });

  it('unlinks a tag removed from a post, and all of them when the tags line goes', async () => {
    await execute(buildPublishStatements([await load('etiquettes', post('A', 'tags: [Web, Blog, RSS]\n'))], NOW));
    expect(await tagsOf('etiquettes')).toEqual(['blog', 'rss', 'web']);

    await execute(buildPublishStatements([await load('etiquettes', post('A', 'tags: [Web]\n'))], NOW + 1));
    expect(await tagsOf('etiquettes')).toEqual(['web']);

    await execute(buildPublishStatements([await load('etiquettes', post('A'))], NOW + 2));
    expect(await tagsOf('etiquettes')).toEqual([]);
    // Other articles keep theirs.
    expect(await tagsOf('premier-billet')).toEqual(['communaute', 'web']);
  });

  it('ranks the related articles again on every publish: tags changed, the suggestions follow', async () => {
    const relatedOf = async (slug: string) => {
      const related = /<aside class="related"[\s\S]*?<\/aside>/.exec((await getHtml(`/${slug}`)).html)?.[0] ?? '';
      return [...related.matchAll(/<a href="\/([^"]+)">/g)].map((match) => match[1]);
    };
    const at = (day: number, tags: string) =>
      `---\ntitle: Voile ${day}\ndate: 2025-04-${String(day).padStart(2, '0')}T10:00:00Z\ntags: [${tags}]\n---\nCorps.\n`;
    const sailing = [
      await load('voile-1', at(1, 'Voile, Mer')),
      await load('voile-2', at(2, 'Voile, Mer')),
      await load('voile-3', at(3, 'Voile')),
    ];
    await execute(buildPublishStatements(sailing, NOW));
    expect((await relatedOf('voile-1')).slice(0, 2)).toEqual(['voile-2', 'voile-3']);

    // voile-3 now shares both tags, and is newer than voile-2; voile-2 loses them.
    const retagged = [
      sailing[0] as Loaded,
      await load('voile-2', at(2, 'Cuisine')),
      await load('voile-3', at(3, 'Voile, Mer')),
    ];
    await execute(buildPublishStatements(retagged, NOW + DAY));
    // voile-2 comes next only as the newest of those sharing nothing.
    expect((await relatedOf('voile-1')).slice(0, 2)).toEqual(['voile-3', 'voile-2']);
  });

  it('ranks them for a blog published before migration 0023 too: the migration runs the same statements', () => {
    for (const statement of REFRESH_RELATED_ARTICLES_SQL) expect(relatedMigration).toContain(`${statement};`);
  });

  it('stores page links for a blog published before migration 0026 too: the migration runs the same statements', () => {
    for (const statement of REFRESH_PAGE_LINKS_SQL) expect(pageLinksMigration).toContain(`${statement};`);
  });

  it('stores a draft as a draft, which the Worker does not serve until it is published', async () => {
    const draft = (value: boolean) => load('brouillon', post('Brouillon', `draft: ${value}\n`));
    await execute(buildPublishStatements([await draft(true), await load('publie', post('Publié'))], NOW));
    expect((await article('brouillon'))?.status).toBe('draft');
    expect((await article('publie'))?.status).toBe('published');
    expect((await get('/brouillon')).status).toBe(404);
    expect((await get('/publie')).status).toBe(200);

    await execute(buildPublishStatements([await draft(false)], NOW + DAY));
    expect((await article('brouillon'))?.status).toBe('published');
    expect((await get('/brouillon')).status).toBe(200);
  });

  it('writes pinned: true to articles.pinned, which puts the article first on the home page, and unpins it when the line goes', async () => {
    // Older than every other article here: only pinning puts it first.
    const pinned = (extra: string) =>
      load('epingle', `---\ntitle: Épinglé\ndate: 2020-01-01T10:00:00+01:00\n${extra}---\nCorps.\n`);
    await execute(buildPublishStatements([await pinned('pinned: true\n')], NOW));
    expect(await env.DB.prepare(`SELECT pinned FROM articles WHERE slug = 'epingle'`).first('pinned')).toBe(1);
    const home = await getHtml('/');
    expect([...home.html.matchAll(/<h2><a href="\/([^"]+)">/g)][0]?.[1]).toBe('epingle');
    expect(home.html).toContain('<p class="pinned-label" lang="fr">Épinglé</p>');

    await execute(buildPublishStatements([await pinned('')], NOW + DAY));
    expect(await env.DB.prepare(`SELECT pinned FROM articles WHERE slug = 'epingle'`).first('pinned')).toBe(0);
  });

  it('shows a hostile title and description as text on the page, never as live HTML', async () => {
    const source = `---
title: <script>alert(1)</script>
description: '"><img src=x onerror=alert(2)>'
date: 2025-03-01T10:00:00+01:00
---
5 < 6 & "quotes"
`;
    await execute(buildPublishStatements([await load('hostile', source)], NOW));
    expect((await article('hostile'))?.title).toBe('<script>alert(1)</script>');

    const { status, html } = await getHtml('/hostile');
    expect(status).toBe(200);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('5 &lt; 6 &amp; &quot;quotes&quot;');
  });
});

describe('the demo content in D1', () => {
  const files = import.meta.glob<string>('../../content/posts/*.md', { query: '?raw', import: 'default', eager: true });
  const MAIN = 'animer-une-communaute-en-ligne';

  interface CommentRow {
    id: number;
    article: string;
    parent_id: number | null;
    author_name: string;
    is_author: number;
    status: string;
    source_key: string;
  }

  const comments = async () =>
    (
      await env.DB.prepare(
        `SELECT c.id, a.slug AS article, c.parent_id, c.author_name, c.is_author, c.status, c.source_key
           FROM comments c JOIN articles a ON a.id = c.article_id ORDER BY c.id`,
      ).all<CommentRow>()
    ).results;

  it('publishes every post, then seeds a thread of comments under the main article', async () => {
    const posts = await Promise.all(
      Object.entries(files).map(([path, source]) => load(path.replace(/^.*\/|\.md$/g, ''), source)),
    );
    await execute(buildPublishStatements(posts, NOW));
    const { results } = await env.DB.prepare('SELECT slug, status FROM articles WHERE slug = ?1').bind(MAIN).all();
    expect(results).toEqual([{ slug: MAIN, status: 'published' }]);

    const parsed = parseDemoComments('content/demo/comments.yaml', demoComments);
    await execute(buildDemoCommentStatements(parsed));
    const rows = await comments();
    expect(rows).toHaveLength(parsed.length);

    const onMain = rows.filter((row) => row.article === MAIN && row.status === 'approved');
    expect(onMain.length).toBeGreaterThanOrEqual(3);
    // One held comment waits in the moderation desk, as a first comment does.
    const held = rows.filter((row) => row.status === 'pending');
    expect(held).toEqual([expect.objectContaining({ article: MAIN, source_key: 'demo:demo-pending-1' })]);
    const reply = onMain.find((row) => row.is_author === 1);
    const question = onMain.find((row) => row.id === reply?.parent_id);
    expect(question).toMatchObject({ is_author: 0, parent_id: null, article: MAIN });
    expect(reply).toMatchObject({ author_name: 'Élise Durand', source_key: 'demo:demo-author-reply-1' });
    expect(onMain.filter((row) => row.is_author === 0 && row.parent_id === null).length).toBeGreaterThanOrEqual(2);
  });

  it('inserts nothing twice when publishing and seeding run again', async () => {
    const before = await snapshot();
    const posts = await Promise.all(
      Object.entries(files).map(([path, source]) => load(path.replace(/^.*\/|\.md$/g, ''), source)),
    );
    const statements = [
      ...buildPublishStatements(posts, NOW + DAY),
      ...buildDemoCommentStatements(parseDemoComments('content/demo/comments.yaml', demoComments)),
    ];
    const results = await execute(statements);
    expect(changesOf(results)).toEqual(statements.map(() => 0));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a reply listed before the comment it answers', () => {
    const yaml = `- key: reply
  article: ${MAIN}
  parent: question
  author: A
  email: a@example.org
  date: 2026-10-06T14:12:00+02:00
  body: Réponse.
`;
    expect(() => parseDemoComments('comments.yaml', yaml)).toThrow(/parent "question" must be listed before its reply/);
  });
});
