// Imported comments and mentions as SQL for `wrangler d1 execute --file`.
// Rows already imported (same source_key) are left as they are, moderation
// done since included: importing again adds only what is new.
//
// Many rows go in each statement (a blog's 50,000 comments in a few hundred
// statements, each under D1's 100 KB): D1 spends more on each statement than
// on each row. A reply finds its parent's row by source_key, so a statement
// holds comments of one depth in the threads, and shallower depths come first.
import { formatComment } from '../../../src/comments/format.ts';
import { MAX_STATEMENT_BYTES, type SqlValue, sqlLiteral, textParts } from '../sql.ts';
import type { ImportedComment, ImportedMention } from './comments.ts';
import type { LegacyRedirect } from './redirects.ts';

const list = (values: SqlValue[]) => values.map(sqlLiteral).join(', ');
const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/** A key a long comment has while its parts are written; nothing else reads it (imported keys start "wordpress:"). */
const PARTIAL_PREFIX = 'partial:';
const TEXT_PART_CHARS = 20_000;

const COMMENT_COLUMNS = `article_id, parent_id, author_name, author_email, author_url, body, status,
  created_at, is_author, source_key, body_html, body_text`;

function commentValues(comment: ImportedComment, key: string, html: string, text: string): string {
  return `(${list([
    comment.articleSlug,
    comment.parentKey,
    comment.authorName,
    comment.authorEmail,
    comment.authorUrl,
    comment.body,
    comment.status,
    comment.createdAt,
    comment.isAuthor,
    key,
    html,
    text,
  ])})`;
}

/** One INSERT of rows made by commentValues: each finds its article by slug and its parent by source_key. */
function commentInsert(rows: string[], extraCondition = 'true'): string {
  return `INSERT INTO comments (${COMMENT_COLUMNS})
SELECT a.id, p.id, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9, v.column10,
  v.column11, v.column12
  FROM (VALUES ${rows.join(',\n  ')}) AS v
  JOIN articles a ON a.slug = v.column1
  LEFT JOIN comments p ON p.source_key = v.column2
WHERE ${extraCondition}
ON CONFLICT (source_key) DO NOTHING`;
}

/**
 * A comment too long for one statement with its HTML (up to 10,000
 * characters, written three times): inserted under a partial key with its
 * HTML and text empty, completed part by part, then given its key. A run cut
 * short leaves a partial row that the next run deletes and writes again.
 */
function longCommentStatements(comment: ImportedComment, html: string, text: string): string[] {
  const partialKey = sqlLiteral(`${PARTIAL_PREFIX}${comment.key}`);
  const key = sqlLiteral(comment.key);
  const where = `WHERE source_key = ${partialKey}`;
  const appends = (column: string, value: string) =>
    textParts(value, TEXT_PART_CHARS).map(
      (part) => `UPDATE comments SET ${column} = ${column} || ${sqlLiteral(part)} ${where}`,
    );
  return [
    `DELETE FROM comments ${where}`,
    commentInsert(
      [commentValues(comment, `${PARTIAL_PREFIX}${comment.key}`, '', '')],
      `NOT EXISTS (SELECT 1 FROM comments WHERE source_key = ${key})`,
    ),
    ...appends('body_html', html),
    ...appends('body_text', text),
    `UPDATE comments SET source_key = ${key} ${where}`,
  ];
}

/** How deep each comment is among these (a reply to a comment not among them starts at 0: its parent is in D1). */
function depths(comments: ImportedComment[]): Map<string, number> {
  const parentOf = new Map(comments.map((comment) => [comment.key, comment.parentKey]));
  const depth = new Map<string, number>();
  const depthOf = (key: string): number => {
    // Up the thread to a comment whose depth is known (or to the top), then back down.
    const chain: string[] = [];
    let at: string | null | undefined = key;
    while (at && !depth.has(at) && parentOf.has(at)) {
      chain.push(at);
      at = parentOf.get(at);
    }
    let value = at && depth.has(at) ? (depth.get(at) as number) : -1;
    for (const link of chain.reverse()) depth.set(link, ++value);
    return depth.get(key) as number;
  };
  for (const comment of comments) depthOf(comment.key);
  return depth;
}

/** Statements of many rows each, in the given order, each under MAX_STATEMENT_BYTES. */
function grouped(rows: string[], statementOf: (rows: string[]) => string, budget = MAX_STATEMENT_BYTES): string[] {
  const overhead = bytes(statementOf([]));
  const statements: string[] = [];
  let current: string[] = [];
  let size = overhead;
  for (const row of rows) {
    const rowBytes = bytes(row) + 4;
    if (current.length > 0 && size + rowBytes > budget) {
      statements.push(statementOf(current));
      current = [];
      size = overhead;
    }
    current.push(row);
    size += rowBytes;
  }
  if (current.length > 0) statements.push(statementOf(current));
  return statements;
}

/** Parents before replies: a reply finds its parent by source_key. */
export function buildCommentStatements(comments: ImportedComment[]): string[] {
  const depth = depths(comments);
  const byDepth: ImportedComment[][] = [];
  for (const comment of comments) {
    const level = depth.get(comment.key) ?? 0;
    const atLevel = byDepth[level] ?? [];
    atLevel.push(comment);
    byDepth[level] = atLevel;
  }
  const statements: string[] = [];
  const rowBudget = MAX_STATEMENT_BYTES - bytes(commentInsert(['']));
  for (const level of byDepth) {
    const rows: string[] = [];
    for (const comment of level ?? []) {
      // Formatted as the comment form formats what a reader sends.
      const formatted = formatComment(comment.body);
      const row = commentValues(comment, comment.key, formatted.html, formatted.text);
      if (bytes(row) <= rowBudget) rows.push(row);
      else statements.push(...longCommentStatements(comment, formatted.html, formatted.text));
    }
    statements.push(...grouped(rows, (group) => commentInsert(group)));
  }
  return statements;
}

/** WordPress showed these pings already: they arrive verified, with the status they had there. */
export function buildMentionStatements(mentions: ImportedMention[]): string[] {
  const rows = mentions.map(
    (mention) =>
      `(${list([
        mention.articleSlug,
        mention.kind,
        mention.sourceUrl,
        mention.targetUrl,
        mention.status,
        'verified',
        mention.authorName,
        mention.title,
        mention.excerpt,
        mention.receivedAt,
        mention.receivedAt,
        mention.receivedAt,
        mention.key,
      ])})`,
  );
  return grouped(
    rows,
    (group) => `INSERT INTO mentions (article_id, kind, source_url, target_url, status, verification, author_name,
  title, excerpt, received_at, verified_at, updated_at, source_key)
SELECT a.id, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9, v.column10,
  v.column11, v.column12, v.column13
  FROM (VALUES ${group.join(',\n  ')}) AS v
  JOIN articles a ON a.slug = v.column1
WHERE true
ON CONFLICT DO NOTHING`,
  );
}

/** Rows per statement: a few hundred bytes each, far below D1's 100 KB statement limit. */
const REDIRECTS_PER_STATEMENT = 100;

/** Old addresses and where they lead: added, or updated when the export says otherwise now. */
export function buildRedirectStatements(redirects: LegacyRedirect[]): string[] {
  const statements: string[] = [];
  for (let start = 0; start < redirects.length; start += REDIRECTS_PER_STATEMENT) {
    const rows = redirects
      .slice(start, start + REDIRECTS_PER_STATEMENT)
      .map((row) => `(${list([row.address, row.tagSlug, row.wordpressId, row.location])})`);
    statements.push(`INSERT INTO legacy_redirects (address, tag_slug, wordpress_id, location) VALUES
${rows.join(',\n')}
ON CONFLICT (address) DO UPDATE SET tag_slug = excluded.tag_slug, wordpress_id = excluded.wordpress_id,
  location = excluded.location`);
  }
  return statements;
}

/**
 * A redirect as the importer compares it with the row it wrote before (SQLite's
 * json_array of the same four columns, see import-wordpress.ts): equal when it
 * leads to the same place.
 */
export function redirectKey(row: LegacyRedirect): string {
  return JSON.stringify([row.address, row.tagSlug, row.wordpressId, row.location]);
}
