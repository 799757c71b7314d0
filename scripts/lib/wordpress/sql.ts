// Imported comments and mentions as SQL for `wrangler d1 execute --file`.
// Rows already imported (same source_key) are left as they are, moderation
// done since included: importing again adds only what is new.
import { formatComment } from '../../../src/comments/format.ts';
import { type SqlValue, sqlLiteral } from '../sql.ts';
import type { ImportedComment, ImportedMention } from './comments.ts';
import type { LegacyRedirect } from './redirects.ts';

const list = (values: SqlValue[]) => values.map(sqlLiteral).join(', ');

/** Comments must come parents first: a reply finds its parent by source_key. */
export function buildCommentStatements(comments: ImportedComment[]): string[] {
  return comments.map((comment) => {
    const parent = comment.parentKey
      ? `(SELECT id FROM comments WHERE source_key = ${sqlLiteral(comment.parentKey)})`
      : 'NULL';
    // Formatted as the comment form formats what a reader sends.
    const formatted = formatComment(comment.body);
    return `INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, body, status,
  created_at, is_author, source_key, body_html, body_text)
SELECT a.id, ${parent}, ${list([
      comment.authorName,
      comment.authorEmail,
      comment.authorUrl,
      comment.body,
      comment.status,
      comment.createdAt,
      comment.isAuthor,
      comment.key,
      formatted.html,
      formatted.text,
    ])}
  FROM articles a WHERE a.slug = ${sqlLiteral(comment.articleSlug)}
ON CONFLICT (source_key) DO NOTHING`;
  });
}

/** WordPress showed these pings already: they arrive verified, with the status they had there. */
export function buildMentionStatements(mentions: ImportedMention[]): string[] {
  return mentions.map(
    (mention) => `INSERT INTO mentions (article_id, kind, source_url, target_url, status, verification, author_name,
  title, excerpt, received_at, verified_at, updated_at, source_key)
SELECT a.id, ${list([
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
    ])}
  FROM articles a WHERE a.slug = ${sqlLiteral(mention.articleSlug)}
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
