// The desk's mention queue: mentions by status, newest first, and the status
// changes and deletions it makes. Like the comment queue (moderation.ts), ids
// travel as one JSON array bound to json_each, never spliced into SQL.
import type { MentionKind, Verification } from './mentions';
import type { DeletionCandidate, ModerationResult, ModerationStatus, StatusCounts, TouchedArticle } from './moderation';
import type { Db } from './session';
import type { Page } from './types';

export interface ModerationMentionRow {
  id: number;
  article_id: number;
  article_slug: string;
  article_title: string;
  kind: MentionKind;
  source_url: string;
  target_url: string;
  status: ModerationStatus;
  verification: Verification;
  author_name: string | null;
  author_url: string | null;
  title: string | null;
  excerpt: string | null;
  received_at: number;
  verified_at: number | null;
}

const COUNTS = `SELECT
  (SELECT count(*) FROM mentions WHERE status = 'pending') AS pending,
  (SELECT count(*) FROM mentions WHERE status = 'approved') AS approved,
  (SELECT count(*) FROM mentions WHERE status = 'spam') AS spam,
  (SELECT count(*) FROM mentions WHERE status = 'trash') AS trash`;

export async function countMentionsByStatus(db: Db): Promise<StatusCounts> {
  return (await db.prepare(COUNTS).first<StatusCounts>()) ?? { pending: 0, approved: 0, spam: 0, trash: 0 };
}

/** The desk header's badge: mentions awaiting a decision. */
export async function countPendingMentions(db: Db): Promise<number> {
  const row = await db.prepare(`SELECT count(*) AS n FROM mentions WHERE status = 'pending'`).first<{ n: number }>();
  return row?.n ?? 0;
}

export async function listMentionsForModeration(
  db: Db,
  query: { status: ModerationStatus; page: number; pageSize: number; total: number },
): Promise<Page<ModerationMentionRow>> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.article_id, a.slug AS article_slug, a.title AS article_title, m.kind, m.source_url,
         m.target_url, m.status, m.verification, m.author_name, m.author_url, m.title, m.excerpt,
         m.received_at, m.verified_at
       FROM mentions m JOIN articles a ON a.id = m.article_id
       WHERE m.status = ?1
       ORDER BY m.received_at DESC, m.id DESC LIMIT ?2 OFFSET ?3`,
    )
    .bind(query.status, query.pageSize, (query.page - 1) * query.pageSize)
    .all<ModerationMentionRow>();
  return {
    items: results,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(query.total / query.pageSize)),
    total: query.total,
  };
}

const TOUCHED_ARTICLES = `SELECT DISTINCT m.article_id,
  (SELECT group_concat(t.slug) FROM article_tags at JOIN tags t ON t.id = at.tag_id
    WHERE at.article_id = m.article_id) AS tag_slugs
  FROM mentions m WHERE m.id IN (SELECT value FROM json_each(?1))`;

export async function setMentionsStatus(db: Db, ids: number[], status: ModerationStatus): Promise<ModerationResult> {
  const list = JSON.stringify(ids);
  const [touched, update] = await db.batch([
    db.prepare(TOUCHED_ARTICLES).bind(list),
    db
      .prepare('UPDATE mentions SET status = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND status <> ?2')
      .bind(list, status),
  ]);
  return { changed: update?.meta.changes ?? 0, articles: (touched?.results ?? []) as TouchedArticle[] };
}

export async function deleteMentionsForGood(db: Db, ids: number[]): Promise<ModerationResult> {
  const list = JSON.stringify(ids);
  const [touched, deletion] = await db.batch([
    db.prepare(TOUCHED_ARTICLES).bind(list),
    db.prepare('DELETE FROM mentions WHERE id IN (SELECT value FROM json_each(?1))').bind(list),
  ]);
  return { changed: deletion?.meta.changes ?? 0, articles: (touched?.results ?? []) as TouchedArticle[] };
}

/** The mentions a deletion would remove, among those ids (the others no longer exist). */
export async function listMentionsForDeletion(db: Db, ids: number[]): Promise<DeletionCandidate[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.source_url AS who, a.slug AS article_slug, a.title AS article_title,
         substr(coalesce(m.excerpt, m.title), 1, 301) AS excerpt
       FROM mentions m JOIN articles a ON a.id = m.article_id
       WHERE m.id IN (SELECT value FROM json_each(?1))
       ORDER BY m.received_at DESC, m.id DESC`,
    )
    .bind(JSON.stringify(ids))
    .all<DeletionCandidate>();
  return results;
}
