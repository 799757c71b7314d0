// `npm run backup`: the demo blog in a throw-away local D1, backed up as an
// author would, restored into a second, empty D1 with the command the README
// gives, then compared table by table and through a search.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../../scripts/content-publish.ts';
import { buildDemoCommentStatements, parseDemoComments } from '../../../scripts/lib/demo-comments.ts';
import { sqlLiteral } from '../../../scripts/lib/sql.ts';
import { executeStatements } from '../../../scripts/wrangler.ts';
import { d1Results, migratedState } from './local-d1.ts';
import { node, ROOT, WRANGLER } from './run-node.ts';

let tmp: string;
let original: string;
let restored: string;
let backupFile: string;

const d1 = d1Results;

// A comment no quoting shortcut survives, and an article body longer than
// one D1 statement may be (100 KB).
const TRICKY_BODY = "L'apostrophe ''doublée'', un \"guillemet\", une\nnouvelle ligne\r\net 🦫 — fin;";
const LONG_PART = 'Un long article sur la modération. '.repeat(1000);
const LONG_BODY = `<p>${LONG_PART.repeat(5)}</p>`;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'causerie-backup-'));
  original = migratedState(join(tmp, 'original'));
  restored = join(tmp, 'restored');
  backupFile = join(tmp, 'backups', 'causerie.sql');
  const target = { remote: false, persistTo: original };
  await publish(
    { target, contentDir: join(ROOT, 'content/posts'), publicDir: join(ROOT, 'public'), purge: false, log: () => {} },
    'fr',
  );
  const demo = parseDemoComments('comments.yaml', readFileSync(join(ROOT, 'content/demo/comments.yaml'), 'utf8'));
  executeStatements(target, [
    ...buildDemoCommentStatements(demo),
    `INSERT INTO comments (article_id, author_name, author_email, body, status, created_at)
     SELECT id, 'Zoé', 'zoe@example.org', ${sqlLiteral(TRICKY_BODY)}, 'approved', 1767605400 FROM articles LIMIT 1`,
    // Written in parts, as the backup itself must: D1 refuses longer statements.
    "UPDATE articles SET body_html = '<p>' WHERE slug = 'ecrire-regulierement'",
    ...Array.from(
      { length: 5 },
      () => `UPDATE articles SET body_html = body_html || ${sqlLiteral(LONG_PART)} WHERE slug = 'ecrire-regulierement'`,
    ),
    "UPDATE articles SET body_html = body_html || '</p>' WHERE slug = 'ecrire-regulierement'",
    // Types the blog does not use yet, which a backup must not bend: blobs, reals, 64-bit integers.
    'CREATE TABLE value_types (b BLOB, r REAL, big INTEGER)',
    "INSERT INTO value_types VALUES (X'00FF27', 0.1, 9007199254740993), (NULL, -1e300, -9223372036854775808)",
  ]);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('npm run backup', () => {
  it('refuses to guess which database to back up', () => {
    const result = node(['scripts/backup.ts', '--output', backupFile]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('say which database to back up: npm run backup -- --remote (or --local)');
  });

  it('writes a SQL file of the whole database, small pages at a time', () => {
    // Pages of 10 rows: tags of articles, comments and migrations are read in several.
    const args = ['--local', '--persist-to', original, '--output', backupFile, '--page-size', '10'];
    const result = node(['scripts/backup.ts', ...args]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`to ${backupFile}`);
    const sql = readFileSync(backupFile, 'utf8');
    expect(sql).toContain('CREATE VIRTUAL TABLE article_search USING fts5');
    expect(sql).toContain(`INSERT INTO "article_search" ("article_search") VALUES ('rebuild');`);
    // The index's own storage is rebuilt, never copied.
    expect(sql).not.toMatch(/INSERT INTO "article_search_(data|idx|docsize|config)"/);
    expect(sql).toMatch(/INSERT INTO "d1_migrations"/);
    expect(sql).toMatch(/UPDATE "articles" SET "body_html" = "body_html" \|\| /);
  });

  it('restores into an empty D1 with every row as it was', () => {
    const restore = node([
      WRANGLER,
      'd1',
      'execute',
      'DB',
      '--local',
      '--persist-to',
      restored,
      '--file',
      backupFile,
      '--yes',
    ]);
    expect(restore.status, restore.stderr || restore.stdout).toBe(0);
    const [tables = []] = d1(original, [
      `SELECT name, sql LIKE '%WITHOUT ROWID%' AS without_rowid FROM sqlite_schema
        WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'article\\_search%' ESCAPE '\\'
        ORDER BY name`,
    ]);
    const names = tables.map((table) => table.name as string);
    expect(names).toEqual(expect.arrayContaining(['articles', 'article_tags', 'comments', 'd1_migrations', 'tags']));
    const dumps = names.map((name, index) => {
      const order = tables[index]?.without_rowid ? '1, 2' : 'rowid';
      return `SELECT * FROM "${name}" ORDER BY ${order}`;
    });
    const before = d1(original, dumps);
    const after = d1(restored, dumps);
    names.forEach((name, index) => {
      expect(after[index], name).toEqual(before[index]);
    });
    const comments = before[names.indexOf('comments')] ?? [];
    expect(comments.length).toBeGreaterThan(5);
    expect(comments.map((comment) => comment.body)).toContain(TRICKY_BODY);
    const types = 'SELECT quote(b) AS b, quote(r) AS r, quote(big) AS big FROM value_types ORDER BY rowid';
    expect(d1(restored, [types])).toEqual(d1(original, [types]));
    expect(d1(restored, [types])[0]?.[0]).toEqual({ b: "X'00FF27'", r: '0.1', big: '9007199254740993' });
    const articles = before[names.indexOf('articles')] ?? [];
    expect(articles.map((article) => article.body_html)).toContain(LONG_BODY);
  });

  it('restores a search index that finds the same articles, highlighted the same', () => {
    const search = `SELECT rowid, highlight(article_search, 0, '[', ']') AS title
      FROM article_search WHERE article_search MATCH '"moderation"' ORDER BY rank`;
    const [before = []] = d1(original, [search]);
    // FTS5 checks the rebuilt index against the articles first.
    const [, after = []] = d1(restored, [
      "INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)",
      search,
    ]);
    expect(before.length).toBeGreaterThan(1);
    expect(after).toEqual(before);
  });

  it('keeps the list of applied migrations, so none runs again', () => {
    const result = node([WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', restored]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('No migrations to apply');
  });

  it('restores triggers too: the restored index follows new edits', () => {
    d1(restored, ["UPDATE articles SET title = 'Le castor bâtisseur' WHERE slug = 'ecrire-regulierement'"]);
    const [found = []] = d1(restored, [
      `SELECT a.slug FROM article_search s JOIN articles a ON a.id = s.rowid WHERE article_search MATCH '"batisseur"'`,
    ]);
    expect(found).toEqual([{ slug: 'ecrire-regulierement' }]);
  });
});
