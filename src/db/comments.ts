// Comment reads and writes. Public pages read approved comments only and
// never the e-mail; the comment form's checks read everything they need in
// one batch and write with one guarded statement.
import { foldForMatching } from '../comments/fold';
import type { FormattedComment } from '../comments/format';
import type { Db } from './session';
import type { PublicCommentRow } from './types';

const PUBLIC_COLUMNS = 'id, parent_id, author_name, author_url, body, body_html, body_text, created_at, is_author';

/**
 * What the comment section shows of a comment: its HTML, or the text as typed
 * only for a comment still without HTML (src/views/comments.ts renders it
 * then). The plain text goes only to the first few of a page (JSON-LD's
 * sample, see below): one copy of each comment's text, not three.
 */
const SHOWN_COLUMNS = 'id, parent_id, author_name, author_url, body_html, created_at, is_author';

/** The comments of a page given their plain text: JSON-LD's sample (src/views/seo/json-ld.ts, JSON_LD_COMMENTS). */
export const COMMENTS_WITH_PLAIN_TEXT = 3;

/**
 * The ids of a comments page's threads (oldest first, `perPage` a page): a
 * range of comments_thread_starts, whose starts_thread flag migration 0022's
 * triggers keep. INDEXED BY: comments_by_article answers the same terms and
 * order, but walks every approved reply of the article to find the threads.
 */
const PAGE_THREAD_IDS = `SELECT t.id FROM comments t INDEXED BY comments_thread_starts
   WHERE t.article_id = (SELECT id FROM articles WHERE slug = ?1) AND t.status = 'approved' AND t.starts_thread = 1
   ORDER BY t.created_at, t.id LIMIT ?2 OFFSET ?3`;

/**
 * One page of an article's approved comments: the page's threads with all
 * their approved replies, never split. Each comment names the thread it is
 * shown in (thread_id, kept by migration 0025's triggers as comments change),
 * so the page is read without walking down the replies. INDEXED BY: left to
 * choose, SQLite reads every approved comment of the article in order
 * (comments_by_article) to keep the page's few. The plain text is read only
 * for the page's first few, found once by the same index: reading it for
 * every comment and dropping it in the Worker cost more than it saved.
 */
export function selectApprovedCommentPage(
  db: Db,
  articleSlug: string,
  page: { page: number; perPage: number },
): D1PreparedStatement {
  const pageComments = (table: string) => `${table}.article_id = (SELECT id FROM articles WHERE slug = ?1)
     AND ${table}.status = 'approved' AND ${table}.thread_id IN (${PAGE_THREAD_IDS})`;
  return db
    .prepare(
      `SELECT ${SHOWN_COLUMNS},
         CASE WHEN body_html IS NULL THEN body END AS body,
         CASE WHEN id IN (
           SELECT f.id FROM comments f INDEXED BY comments_by_thread
            WHERE ${pageComments('f')} ORDER BY f.created_at, f.id LIMIT ?4)
           THEN coalesce(body_text, body) END AS body_text
         FROM comments c INDEXED BY comments_by_thread
        WHERE ${pageComments('c')}
        ORDER BY created_at, id`,
    )
    .bind(articleSlug, page.perPage, (page.page - 1) * page.perPage, COMMENTS_WITH_PLAIN_TEXT);
}

/**
 * The comments page a comment is shown on: the page of its thread, found by
 * counting the threads that start before it. A held comment (shown only to
 * its author) is placed as it will be once approved: under its approved
 * parent's thread, or as a thread of its own (past the last page: the last
 * existing page).
 */
export async function findCommentPage(
  db: Db,
  query: { slug: string; commentId: number; perPage: number },
): Promise<number> {
  const row = await db
    .prepare(
      // The comment's thread start is its thread_id (migration 0025), a held
      // comment's included: a reply to an approved comment carries its thread.
      `SELECT count(CASE WHEN (c.created_at, c.id) < (
                SELECT s.created_at, s.id FROM comments s WHERE s.id = (SELECT thread_id FROM comments WHERE id = ?1))
                    THEN 1 END) AS before,
              count(*) AS threads
         FROM comments c INDEXED BY comments_thread_starts
        WHERE c.article_id = (SELECT id FROM articles WHERE slug = ?2) AND c.status = 'approved'
          AND c.starts_thread = 1`,
    )
    .bind(query.commentId, query.slug)
    .first<{ before: number; threads: number }>();
  const before = row?.before ?? 0;
  const lastPage = Math.max(1, Math.ceil((row?.threads ?? 0) / query.perPage));
  return Math.min(Math.floor(before / query.perPage) + 1, lastPage);
}

/** A commenter's own held comments, named by their signed cookie. */
export async function listPendingCommentsByIds(db: Db, articleId: number, ids: number[]): Promise<PublicCommentRow[]> {
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
  /** tag_slugs: comma-separated, the tag pages that list the article (to purge). */
  article: {
    id: number;
    slug: string;
    comments_open: 0 | 1;
    tag_slugs: string | null;
    /** A child page's parent: the commenter goes back to /<parent_slug>/<slug>. */
    parent_slug: string | null;
    /** Set for a password-protected article: only a reader who gave the password may comment. */
    password_hash: string | null;
  } | null;
  /** The parent first, then its ancestors up to the thread's first comment. */
  parentChain: number[];
  /** The same name and e-mail together have an approved comment (as WordPress trusts): a new name is held once. */
  knownCommenter: boolean;
  /** The same text, folded as the blocklist folds it, from the same e-mail on this article lately. */
  duplicate: boolean;
}

const DUPLICATE_WINDOW_SECONDS = 10 * 60;
/** The newest few: a text sent twice is sent again right after, and each is folded here, in the Worker. */
const DUPLICATE_CANDIDATES = 10;

/** Everything the comment form checks before writing, in one round trip. */
export async function getCommentTarget(
  db: Db,
  query: { slug: string; parentId: number | null; author: string; email: string; body: string; now: number },
): Promise<CommentTarget> {
  const [article, chain, known, recent] = await db.batch([
    db
      .prepare(
        `SELECT a.id, a.slug, a.comments_open, a.password_hash,
           (SELECT p.slug FROM articles p WHERE p.id = a.parent_id) AS parent_slug,
           (SELECT group_concat(t.slug) FROM article_tags at JOIN tags t ON t.id = at.tag_id
             WHERE at.article_id = a.id) AS tag_slugs
           FROM articles a
          WHERE a.slug = ?1 AND a.status = 'published' AND a.published_at <= ?2`,
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
      .prepare(
        `SELECT 1 AS known FROM comments
          WHERE author_email = ?1 AND author_name = ?2 AND status = 'approved' LIMIT 1`,
      )
      .bind(query.email, query.author),
    // The texts themselves: two that differ only by white space or invisible
    // characters are compared folded, which SQL cannot do.
    db
      .prepare(
        `SELECT body FROM comments
          WHERE author_email = ?1 AND created_at >= ?2
            AND article_id = (SELECT id FROM articles WHERE slug = ?3)
          ORDER BY created_at DESC LIMIT ?4`,
      )
      .bind(query.email, query.now - DUPLICATE_WINDOW_SECONDS, query.slug, DUPLICATE_CANDIDATES),
  ]);
  const body = foldForMatching(query.body);
  return {
    article: (article?.results[0] as CommentTarget['article'] | undefined) ?? null,
    parentChain: ((chain?.results ?? []) as { id: number }[]).map((row) => row.id),
    knownCommenter: (known?.results.length ?? 0) > 0,
    duplicate: ((recent?.results ?? []) as { body: string }[]).some((row) => foldForMatching(row.body) === body),
  };
}

export interface NewComment {
  articleId: number;
  parentId: number | null;
  author: string;
  email: string;
  url: string | null;
  body: string;
  /** The body as formatComment made it (src/comments/format.ts). */
  formatted: FormattedComment;
  status: 'approved' | 'pending' | 'spam';
  heldReason: string | null;
  turnstileVerified: boolean;
  ipHash: string | null;
  createdAt: number;
}

/**
 * Inserts the comment only if its article is still open and its parent still
 * approved at this instant. `sameBatch` (the cache version bump of a comment
 * published at once) commits with it or not at all: no partial write exists.
 * Returns the new id (null when the guard refused it) and sameBatch's results.
 */
export async function insertComment(
  db: Db,
  comment: NewComment,
  sameBatch: D1PreparedStatement[] = [],
): Promise<{ id: number | null; sameBatch: D1Result[] }> {
  const [result, ...others] = await db.batch([
    db
      .prepare(
        `INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, body, status,
           created_at, is_author, ip_hash, turnstile_verified, held_reason, body_html, body_text)
         SELECT a.id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10, ?11, ?12, ?13 FROM articles a
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
        comment.formatted.html,
        comment.formatted.text,
      ),
    ...sameBatch,
  ]);
  return { id: (result?.results[0] as { id: number } | undefined)?.id ?? null, sameBatch: others };
}

/** The retention promise: IP hashes older than the period are erased. */
export async function forgetOldIpHashes(db: Db, before: number): Promise<number> {
  const result = await db
    .prepare('UPDATE comments SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND created_at < ?1')
    .bind(before)
    .run();
  return result.meta.changes ?? 0;
}
