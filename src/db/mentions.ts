// Mentions received (Webmention, trackback): storing a notification,
// recording what verification found, the article page's list, and the
// cron's retries. The desk's reads and writes are in mention-moderation.ts.
import type { TouchedArticle } from './moderation';
import type { Db } from './session';

export type MentionKind = 'webmention' | 'trackback' | 'pingback';
export type Verification = 'queued' | 'verified' | 'failed' | 'gone';

/**
 * Shown on the article page: approved, and verified at its last check. A
 * mention being checked again after a new notification (queued, verified
 * before) stays shown until the check says otherwise.
 */
export const SHOWN_MENTION = `m.status = 'approved' AND (m.verification = 'verified'
  OR (m.verification = 'queued' AND m.verified_at IS NOT NULL))`;

/** The article or page a mention may target: published, due, and readable by all (not password-protected). */
export async function findMentionableArticle(
  db: Db,
  slug: string,
  now: number,
): Promise<{ id: number; slug: string; parent_slug: string | null } | null> {
  // parent_slug: a child page is named at /<parent_slug>/<slug>.
  return db
    .prepare(
      `SELECT a.id, a.slug, p.slug AS parent_slug FROM articles a LEFT JOIN articles p ON p.id = a.parent_id
        WHERE a.slug = ?1 AND a.status = 'published' AND a.published_at <= ?2 AND a.password_hash IS NULL`,
    )
    .bind(slug, now)
    .first<{ id: number; slug: string; parent_slug: string | null }>();
}

export interface ReceivedMention {
  articleId: number;
  kind: MentionKind;
  sourceUrl: string;
  targetUrl: string;
  ipHash: string | null;
  now: number;
  /** What a trackback says about itself; verification may find better. */
  authorName?: string | null;
  title?: string | null;
  excerpt?: string | null;
}

/**
 * Stores a notification as queued for verification: a new mention lands
 * pending, a known one (same article and source) keeps its moderation status
 * and is checked again.
 */
export async function upsertReceivedMention(db: Db, mention: ReceivedMention): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO mentions (article_id, kind, source_url, target_url, status, verification,
         author_name, title, excerpt, received_at, updated_at, ip_hash)
       VALUES (?1, ?2, ?3, ?4, 'pending', 'queued', ?5, ?6, ?7, ?8, ?8, ?9)
       ON CONFLICT (article_id, source_url) DO UPDATE SET verification = 'queued',
         target_url = excluded.target_url, updated_at = excluded.updated_at, ip_hash = excluded.ip_hash,
         author_name = coalesce(excluded.author_name, mentions.author_name),
         title = coalesce(excluded.title, mentions.title), excerpt = coalesce(excluded.excerpt, mentions.excerpt)
       RETURNING id`,
    )
    .bind(
      mention.articleId,
      mention.kind,
      mention.sourceUrl,
      mention.targetUrl,
      mention.authorName ?? null,
      mention.title ?? null,
      mention.excerpt ?? null,
      mention.now,
      mention.ipHash,
    )
    .first<{ id: number }>();
  if (!row) throw new Error('mention upsert returned no row');
  return row.id;
}

export interface MentionToVerify extends TouchedArticle {
  id: number;
  article_slug: string;
  source_url: string;
  target_url: string;
  status: string;
  verification: Verification;
  verified_at: number | null;
  author_name: string | null;
  author_url: string | null;
  title: string | null;
  excerpt: string | null;
}

export async function getMentionToVerify(db: Db, id: number): Promise<MentionToVerify | null> {
  return db
    .prepare(
      `SELECT m.id, m.article_id, a.slug AS article_slug, m.source_url, m.target_url, m.status, m.verification,
         m.verified_at, m.author_name, m.author_url, m.title, m.excerpt,
         (SELECT group_concat(t.slug) FROM article_tags at JOIN tags t ON t.id = at.tag_id
           WHERE at.article_id = m.article_id) AS tag_slugs
       FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.id = ?1`,
    )
    .bind(id)
    .first<MentionToVerify>();
}

export interface VerificationRecord {
  verification: Exclude<Verification, 'queued'>;
  authorName?: string | null;
  authorUrl?: string | null;
  title?: string | null;
  excerpt?: string | null;
}

/** What the last check found; verified_at is the time of the last successful one (NULL after a failure). */
export async function recordVerification(db: Db, id: number, record: VerificationRecord, now: number): Promise<void> {
  await db
    .prepare(
      `UPDATE mentions SET verification = ?2,
         verified_at = CASE WHEN ?2 = 'verified' THEN ?3 ELSE NULL END,
         author_name = coalesce(?4, author_name), author_url = coalesce(?5, author_url),
         title = coalesce(?6, title), excerpt = coalesce(?7, excerpt), updated_at = ?3
       WHERE id = ?1`,
    )
    .bind(
      id,
      record.verification,
      now,
      record.authorName ?? null,
      record.authorUrl ?? null,
      record.title ?? null,
      record.excerpt ?? null,
    )
    .run();
}

/** Erases the IP hashes of mentions received before `before` (the daily cron, as for comments). */
export async function forgetOldMentionIpHashes(db: Db, before: number): Promise<number> {
  const result = await db
    .prepare('UPDATE mentions SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND received_at < ?1')
    .bind(before)
    .run();
  return result.meta.changes;
}

/** Mentions still queued whose check has not moved since `staleBefore` (its isolate died, say). */
export async function listStaleQueuedMentions(db: Db, staleBefore: number, limit: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM mentions WHERE verification = 'queued' AND updated_at <= ?1
       ORDER BY received_at LIMIT ?2`,
    )
    .bind(staleBefore, limit)
    .all<{ id: number }>();
  return results.map((row) => row.id);
}

export interface PublicMentionRow {
  id: number;
  kind: MentionKind;
  source_url: string;
  author_name: string | null;
  author_url: string | null;
  title: string | null;
  received_at: number;
}

/** Most mentions an article page lists. */
export const MENTIONS_SHOWN = 200;

/** The article page's mentions, oldest first: a statement for the page's batch. */
export function selectShownMentions(db: Db, slug: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT m.id, m.kind, m.source_url, m.author_name, m.author_url, m.title, m.received_at
       FROM mentions m
       WHERE m.article_id = (SELECT id FROM articles WHERE slug = ?1) AND ${SHOWN_MENTION}
       ORDER BY m.received_at, m.id LIMIT ?2`,
    )
    .bind(slug, MENTIONS_SHOWN);
}
