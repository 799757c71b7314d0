// The moderation queue: comments by status, newest first, with what the
// author needs to judge them, and the status changes and deletions it makes.
// Ids travel as one JSON array bound to json_each, never spliced into SQL.
import type { Db } from './session';
import { outboxApprovalStatement, outboxIds } from './subscriptions';
import type { Page } from './types';

export const MODERATION_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

export interface ModerationCommentRow {
  id: number;
  article_id: number;
  article_slug: string;
  article_title: string;
  parent_id: number | null;
  parent_author: string | null;
  author_name: string;
  author_email: string;
  author_url: string | null;
  body: string;
  /** As readers see it; NULL for a comment written before formatting existed. */
  body_html: string | null;
  status: ModerationStatus;
  created_at: number;
  is_author: 0 | 1;
  turnstile_verified: 0 | 1;
  held_reason: string | null;
  /** Other comments sent from the same (hashed) IP address. */
  ip_matches: number;
}

export type StatusCounts = Record<ModerationStatus, number>;

const EMPTY_COUNTS: StatusCounts = { pending: 0, approved: 0, spam: 0, trash: 0 };

const COUNTS = `SELECT
  (SELECT count(*) FROM comments WHERE status = 'pending') AS pending,
  (SELECT count(*) FROM comments WHERE status = 'approved') AS approved,
  (SELECT count(*) FROM comments WHERE status = 'spam') AS spam,
  (SELECT count(*) FROM comments WHERE status = 'trash') AS trash`;

export async function countCommentsByStatus(db: Db): Promise<StatusCounts> {
  return (await db.prepare(COUNTS).first<StatusCounts>()) ?? EMPTY_COUNTS;
}

/** One page of the comments with a status; `total` (from countCommentsByStatus) sizes the pagination. */
export async function listCommentsForModeration(
  db: Db,
  query: { status: ModerationStatus; page: number; pageSize: number; total: number },
): Promise<Page<ModerationCommentRow>> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.article_id, a.slug AS article_slug, a.title AS article_title,
         c.parent_id, p.author_name AS parent_author,
         c.author_name, c.author_email, c.author_url, c.body, c.body_html, c.status, c.created_at, c.is_author,
         c.turnstile_verified, c.held_reason,
         CASE WHEN c.ip_hash IS NULL THEN 0 ELSE
           (SELECT count(*) FROM comments o WHERE o.ip_hash = c.ip_hash AND o.id <> c.id) END AS ip_matches
       FROM comments c
       JOIN articles a ON a.id = c.article_id
       LEFT JOIN comments p ON p.id = c.parent_id
       WHERE c.status = ?1
       ORDER BY c.created_at DESC, c.id DESC LIMIT ?2 OFFSET ?3`,
    )
    .bind(query.status, query.pageSize, (query.page - 1) * query.pageSize)
    .all<ModerationCommentRow>();
  return {
    items: results,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(query.total / query.pageSize)),
    total: query.total,
  };
}

/** What the desk shows of an item before deleting it for good: who sent it, where, its first words. */
export interface DeletionCandidate {
  id: number;
  /** The commenter's name, or the mention's source address. */
  who: string;
  article_slug: string;
  article_title: string;
  /** The first 301 characters of the text (one more than shown, to tell whether it goes on) (the comment, or the mention's excerpt or title). */
  excerpt: string | null;
}

/** The comments a deletion would remove, among those ids (the others no longer exist). */
export async function listCommentsForDeletion(db: Db, ids: number[]): Promise<DeletionCandidate[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.author_name AS who, a.slug AS article_slug, a.title AS article_title,
         substr(c.body, 1, 301) AS excerpt
       FROM comments c JOIN articles a ON a.id = c.article_id
       WHERE c.id IN (SELECT value FROM json_each(?1))
       ORDER BY c.created_at DESC, c.id DESC`,
    )
    .bind(JSON.stringify(ids))
    .all<DeletionCandidate>();
  return results;
}

/** An article a change touched, with its tag slugs (comma-separated): the pages to purge. */
export interface TouchedArticle {
  article_id: number;
  tag_slugs: string | null;
}

const TOUCHED_ARTICLES = `SELECT DISTINCT c.article_id,
  (SELECT group_concat(t.slug) FROM article_tags at JOIN tags t ON t.id = at.tag_id
    WHERE at.article_id = c.article_id) AS tag_slugs
  FROM comments c WHERE c.id IN (SELECT value FROM json_each(?1))`;

export interface ModerationResult {
  /** Comments whose status changed (or that were deleted). */
  changed: number;
  articles: TouchedArticle[];
}

/**
 * Comments approved now (and not before) go to the notifications' outbox in
 * the same batch: `published` lists them, for the caller to hand over.
 */
export async function setCommentsStatus(
  db: Db,
  ids: number[],
  status: ModerationStatus,
  now = Math.floor(Date.now() / 1000),
): Promise<ModerationResult & { published: number[] }> {
  const list = JSON.stringify(ids);
  const outbox = status === 'approved' ? [outboxApprovalStatement(db, ids, now)] : [];
  const [touched, ...written] = await db.batch([
    db.prepare(TOUCHED_ARTICLES).bind(list),
    ...outbox,
    db
      // RETURNING: D1's meta.changes also counts the rows migration 0022's
      // triggers write (threads and counts), which are not comments changed.
      .prepare(
        'UPDATE comments SET status = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND status <> ?2 RETURNING id',
      )
      .bind(list, status),
  ]);
  return {
    changed: written.at(-1)?.results.length ?? 0,
    articles: (touched?.results ?? []) as TouchedArticle[],
    published: outbox.length > 0 ? outboxIds(written[0]) : [],
  };
}

/**
 * Deletes comments for good. Each one's replies move up to its parent (or
 * the top level), as WordPress does: the schema refuses to delete a comment
 * that still has replies. The parent is read as each statement runs, so a
 * comment and its parent can go in the same batch, in any order.
 */
export async function deleteCommentsForGood(db: Db, ids: number[]): Promise<ModerationResult> {
  const [touched, ...writes] = await db.batch([
    db.prepare(TOUCHED_ARTICLES).bind(JSON.stringify(ids)),
    ...ids.flatMap((id) => [
      db
        .prepare('UPDATE comments SET parent_id = (SELECT parent_id FROM comments WHERE id = ?1) WHERE parent_id = ?1')
        .bind(id),
      // RETURNING, as above: meta.changes would count the triggers' writes too.
      db.prepare('DELETE FROM comments WHERE id = ?1 RETURNING id').bind(id),
    ]),
  ]);
  const deleted = writes.filter((_, index) => index % 2 === 1).reduce((sum, result) => sum + result.results.length, 0);
  return { changed: deleted, articles: (touched?.results ?? []) as TouchedArticle[] };
}
