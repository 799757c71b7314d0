// Comment reads and writes. Public pages read approved comments only and
// never the e-mail; the comment form's checks read everything they need in
// one batch and write with one guarded statement.
import type { PublicCommentRow } from './types';

const PUBLIC_COLUMNS = 'id, parent_id, author_name, author_url, body, created_at, is_author';

export function selectApprovedComments(db: D1Database, articleSlug: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${PUBLIC_COLUMNS} FROM comments
        WHERE article_id = (SELECT id FROM articles WHERE slug = ?1) AND status = 'approved'
        ORDER BY created_at, id`,
    )
    .bind(articleSlug);
}

/** A commenter's own held comments, named by their signed cookie. */
export async function listPendingCommentsByIds(
  db: D1Database,
  articleId: number,
  ids: number[],
): Promise<PublicCommentRow[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT ${PUBLIC_COLUMNS} FROM comments
        WHERE id IN (SELECT value FROM json_each(?1)) AND article_id = ?2 AND status = 'pending'
        ORDER BY created_at, id`,
    )
    .bind(JSON.stringify(ids), articleId)
    .all<PublicCommentRow>();
  return results;
}

export interface CommentTarget {
  article: { id: number; slug: string; comments_open: 0 | 1 } | null;
  /** The parent first, then its ancestors up to the thread's first comment. */
  parentChain: number[];
  knownCommenter: boolean;
  duplicate: boolean;
}

const DUPLICATE_WINDOW_SECONDS = 10 * 60;

/** Everything the comment form checks before writing, in one round trip. */
export async function getCommentTarget(
  db: D1Database,
  query: { slug: string; parentId: number | null; email: string; body: string; now: number },
): Promise<CommentTarget> {
  const [article, chain, known, duplicate] = await db.batch([
    db
      .prepare(
        `SELECT id, slug, comments_open FROM articles
          WHERE slug = ?1 AND status = 'published' AND published_at <= ?2`,
      )
      .bind(query.slug, query.now),
    db
      .prepare(
        `WITH RECURSIVE chain (id, parent_id, depth) AS (
           SELECT id, parent_id, 1 FROM comments
            WHERE id = ?1 AND status = 'approved'
              AND article_id = (SELECT id FROM articles WHERE slug = ?2)
           UNION ALL
           SELECT c.id, c.parent_id, chain.depth + 1 FROM comments c JOIN chain ON c.id = chain.parent_id
            WHERE chain.depth < 100)
         SELECT id FROM chain ORDER BY depth`,
      )
      .bind(query.parentId, query.slug),
    db
      .prepare(`SELECT 1 AS known FROM comments WHERE author_email = ?1 AND status = 'approved' LIMIT 1`)
      .bind(query.email),
    db
      .prepare(
        `SELECT 1 AS duplicate FROM comments
          WHERE author_email = ?1 AND created_at >= ?2 AND body = ?3
            AND article_id = (SELECT id FROM articles WHERE slug = ?4)
          LIMIT 1`,
      )
      .bind(query.email, query.now - DUPLICATE_WINDOW_SECONDS, query.body, query.slug),
  ]);
  return {
    article: (article?.results[0] as CommentTarget['article'] | undefined) ?? null,
    parentChain: ((chain?.results ?? []) as { id: number }[]).map((row) => row.id),
    knownCommenter: (known?.results.length ?? 0) > 0,
    duplicate: (duplicate?.results.length ?? 0) > 0,
  };
}

export interface NewComment {
  articleId: number;
  parentId: number | null;
  author: string;
  email: string;
  url: string | null;
  body: string;
  status: 'approved' | 'pending' | 'spam';
  heldReason: string | null;
  turnstileVerified: boolean;
  ipHash: string | null;
  createdAt: number;
}

/**
 * Inserts the comment only if its article is still open and its parent still
 * approved at this instant: one statement, so no partial row can exist.
 * Returns the new id, or null when the guard refused it.
 */
export async function insertComment(db: D1Database, comment: NewComment): Promise<number | null> {
  const [result] = await db.batch([
    db
      .prepare(
        `INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, body, status,
           created_at, is_author, ip_hash, turnstile_verified, held_reason)
         SELECT a.id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10, ?11 FROM articles a
          WHERE a.id = ?1 AND a.status = 'published' AND a.comments_open = 1
            AND (?2 IS NULL OR EXISTS (
              SELECT 1 FROM comments p WHERE p.id = ?2 AND p.article_id = a.id AND p.status = 'approved'))
         RETURNING id`,
      )
      .bind(
        comment.articleId,
        comment.parentId,
        comment.author,
        comment.email,
        comment.url,
        comment.body,
        comment.status,
        comment.createdAt,
        comment.ipHash,
        comment.turnstileVerified ? 1 : 0,
        comment.heldReason,
      ),
  ]);
  return (result?.results[0] as { id: number } | undefined)?.id ?? null;
}

/** The retention promise: IP hashes older than the period are erased. */
export async function forgetOldIpHashes(db: D1Database, before: number): Promise<number> {
  const result = await db
    .prepare('UPDATE comments SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND created_at < ?1')
    .bind(before)
    .run();
  return result.meta.changes ?? 0;
}
