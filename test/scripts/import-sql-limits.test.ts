// The import's SQL within D1's limits: no statement over 100 KB (a very long
// comment is written in parts), files for `wrangler d1 execute --remote
// --file` cut without changing the order (parents before replies), and the
// same statements run again add nothing. Run against the Worker's real D1.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, MAX_STATEMENT_BYTES, sourceHashOf } from '../../scripts/lib/sql.ts';
import {
  D1_STATEMENT_LIMIT_BYTES,
  SQL_FILE_BYTES,
  StatementTooLong,
  splitIntoFiles,
} from '../../scripts/lib/sql-files.ts';
import type { ImportedComment } from '../../scripts/lib/wordpress/comments.ts';
import { buildCommentStatements } from '../../scripts/lib/wordpress/sql.ts';
import { formatComment } from '../../src/comments/format.ts';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const SLUG = 'un-long-fil';

const comment = (id: number, parent: number | null, body = `Commentaire ${id}`): ImportedComment => ({
  key: `wordpress:7:${id}`,
  parentKey: parent === null ? null : `wordpress:7:${parent}`,
  articleSlug: SLUG,
  authorName: `Lecteur ${id}`,
  authorEmail: '',
  authorUrl: null,
  body,
  status: 'approved',
  createdAt: 1_600_000_000 + id,
  isAuthor: false,
});

// 10,000 characters (the most a comment holds), 20 KB as UTF-8 with its quotes
// doubled for SQL, 60 KB as HTML (&#39;): with its text, 90 KB, more than one statement holds.
const LONG_BODY = "日'".repeat(5_000);

/** A thread 10 levels deep, the long comment in the middle of it, and a reply to the long one. */
const THREAD = [
  ...Array.from({ length: 10 }, (_, i) => comment(i + 1, i === 0 ? null : i, i === 4 ? LONG_BODY : undefined)),
  comment(11, 5),
  comment(12, null),
];

async function run(statements: string[]): Promise<number> {
  let changes = 0;
  for (const file of splitIntoFiles(statements))
    for (const result of await env.DB.batch(file.map((sql) => env.DB.prepare(sql)))) changes += result.meta.changes;
  return changes;
}

beforeAll(async () => {
  const source = `---\ntitle: Un long fil\nslug: ${SLUG}\ndate: 2020-09-13T12:00:00Z\n---\nLe billet.\n`;
  const post = parsePost(`${SLUG}.md`, source, 'fr');
  await run(buildPublishStatements([{ post, sourceHash: await sourceHashOf(source) }], 1_600_000_000));
});

describe('splitting SQL into files for D1', () => {
  it('keeps 50,000 statements in order, in files under the file limit', () => {
    const statements = Array.from(
      { length: 50_000 },
      (_, i) => `INSERT INTO t VALUES (${i}, '${'x'.repeat(100 + (i % 900))}')`,
    );
    const files = splitIntoFiles(statements);
    expect(files.length).toBe(3);
    for (const file of files)
      expect(file.reduce((sum, sql) => sum + bytes(sql) + 2, 0)).toBeLessThanOrEqual(SQL_FILE_BYTES);
    expect(files.flat()).toEqual(statements);

    const small = splitIntoFiles(statements.slice(0, 1000), { statementBytes: 2000, fileBytes: 50_000 });
    expect(small.length).toBeGreaterThan(10);
    for (const file of small) expect(file.reduce((sum, sql) => sum + bytes(sql) + 2, 0)).toBeLessThanOrEqual(50_000);
    expect(small.flat()).toEqual(statements.slice(0, 1000));
  });

  it('refuses a statement over D1’s 100 KB, saying which', () => {
    const statements = ['SELECT 1', `SELECT '${'é'.repeat(50_000)}'`];
    expect(() => splitIntoFiles(statements)).toThrow(StatementTooLong);
    expect(() => splitIntoFiles(statements)).toThrow(
      /^statement #2 is 100009 bytes, over D1's limit of 100000: SELECT 'é/,
    );
  });
});

describe('imported comments in D1', () => {
  it('writes a 10-level thread with a comment too long for one statement, every statement under 100 KB', async () => {
    const statements = buildCommentStatements(THREAD);
    for (const statement of statements) expect(bytes(statement)).toBeLessThanOrEqual(D1_STATEMENT_LIMIT_BYTES);
    // The long comment is the only one written in parts.
    expect(statements.filter((sql) => sql.startsWith('UPDATE comments SET body_html')).length).toBeGreaterThan(1);

    expect(await run(statements)).toBeGreaterThan(0);
    const rows = await env.DB.prepare(
      `SELECT c.source_key AS key, p.source_key AS parent, c.body, c.body_html, c.body_text
       FROM comments c LEFT JOIN comments p ON p.id = c.parent_id ORDER BY c.created_at`,
    ).all<{ key: string; parent: string | null; body: string; body_html: string; body_text: string }>();
    expect(rows.results.map((row) => [row.key, row.parent])).toEqual(
      THREAD.map((imported) => [imported.key, imported.parentKey]),
    );
    const long = rows.results[4];
    const formatted = formatComment(LONG_BODY);
    const sqlBytes = (text = '') => bytes(text.replaceAll("'", "''"));
    expect(sqlBytes(long?.body) + sqlBytes(long?.body_html) + sqlBytes(long?.body_text)).toBeGreaterThan(
      MAX_STATEMENT_BYTES,
    );
    expect(long).toMatchObject({ body: LONG_BODY, body_html: formatted.html, body_text: formatted.text });
  });

  it('adds nothing when the same statements run again', async () => {
    const count = () => env.DB.prepare('SELECT count(*) AS n FROM comments').first<number>('n');
    const before = await count();
    expect(await run(buildCommentStatements(THREAD))).toBe(0);
    expect(await count()).toBe(before);
  });

  it('finishes a long comment a run cut short left in parts', async () => {
    const statements = buildCommentStatements([comment(20, null, LONG_BODY)]);
    // Cut after the first part of its HTML.
    await run(statements.slice(0, 3));
    const partial = await env.DB.prepare(
      "SELECT body_html FROM comments WHERE source_key = 'partial:wordpress:7:20'",
    ).first<string>('body_html');
    expect(partial?.length).toBeGreaterThan(0);

    await run(statements);
    const rows = await env.DB.prepare(
      "SELECT source_key, body_html FROM comments WHERE source_key LIKE '%wordpress:7:20'",
    ).all();
    expect(rows.results).toEqual([{ source_key: 'wordpress:7:20', body_html: formatComment(LONG_BODY).html }]);
  });
});

describe('publishing a large blog again', () => {
  it('writes the article rows of changed files only, and every file’s tags', async () => {
    const source = (title: string) =>
      `---\ntitle: ${title}\nslug: ${SLUG}\ndate: 2020-09-13T12:00:00Z\ntags: [Fil]\n---\nLe billet.\n`;
    const post = { post: parsePost(`${SLUG}.md`, source('Un long fil'), 'fr'), sourceHash: 'h1' };
    const unchanged = buildPublishStatements([post], 1_600_000_000, new Set());
    expect(unchanged.some((sql) => sql.startsWith('INSERT INTO articles'))).toBe(false);
    expect(unchanged.some((sql) => sql.startsWith('INSERT INTO tags'))).toBe(true);
    expect(unchanged.some((sql) => sql.startsWith('INSERT OR IGNORE INTO article_tags'))).toBe(true);

    const changed = buildPublishStatements([post], 1_600_000_000, new Set([SLUG]));
    expect(changed.filter((sql) => sql.startsWith('INSERT INTO articles'))).toHaveLength(1);
    expect(changed.slice(1)).toEqual(unchanged);
  });
});
