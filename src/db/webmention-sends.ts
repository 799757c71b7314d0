// Sending Webmentions: the articles whose links must be compared with what
// was already notified (webmention_scans, filled by triggers on articles),
// the links notified per article (webmention_sends), and each attempt's outcome.
import type { Db } from './session';

export interface DueScan {
  article_id: number;
  due_at: number;
  slug: string;
  status: string;
  body_html: string;
  /** 1 for a password-protected article: its links are notified to no one. */
  protected: 0 | 1;
}

export async function listDueScans(db: Db, now: number, limit: number): Promise<DueScan[]> {
  const { results } = await db
    .prepare(
      `SELECT s.article_id, s.due_at, a.slug, a.status, a.body_html, a.password_hash IS NOT NULL AS protected
       FROM webmention_scans s JOIN articles a ON a.id = s.article_id
       WHERE s.due_at <= ?1 ORDER BY s.due_at LIMIT ?2`,
    )
    .bind(now, limit)
    .all<DueScan>();
  return results;
}

export interface SendRow {
  target_url: string;
  link_state: 'linked' | 'removed';
}

export async function listSendsOfArticle(db: Db, articleId: number): Promise<SendRow[]> {
  const { results } = await db
    .prepare('SELECT target_url, link_state FROM webmention_sends WHERE article_id = ?1')
    .bind(articleId)
    .all<SendRow>();
  return results;
}

/**
 * Records an article's links as they are now, in one batch: new links and
 * links back after a removal become pending sends, links gone from the
 * article become pending "removed" sends, unchanged ones stay as they are.
 * The scan is done unless the article changed again meanwhile (a new due_at).
 */
export async function recordArticleLinks(
  db: Db,
  scan: Pick<DueScan, 'article_id' | 'due_at'>,
  change: { linked: string[]; removed: string[] },
  now: number,
): Promise<void> {
  const upsert = `INSERT INTO webmention_sends (article_id, target_url, link_state, outcome, attempts, next_attempt_at, updated_at)
    VALUES (?1, ?2, ?3, 'pending', 0, ?4, ?4)
    ON CONFLICT (article_id, target_url) DO UPDATE SET link_state = excluded.link_state, outcome = 'pending',
      attempts = 0, next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at`;
  await db.batch([
    ...change.linked.map((target) => db.prepare(upsert).bind(scan.article_id, target, 'linked', now)),
    ...change.removed.map((target) => db.prepare(upsert).bind(scan.article_id, target, 'removed', now)),
    db.prepare('DELETE FROM webmention_scans WHERE article_id = ?1 AND due_at = ?2').bind(scan.article_id, scan.due_at),
  ]);
}

/** A scan with nothing to do (the article is not published any more). */
export async function dropScan(db: Db, scan: Pick<DueScan, 'article_id' | 'due_at'>): Promise<void> {
  await db
    .prepare('DELETE FROM webmention_scans WHERE article_id = ?1 AND due_at = ?2')
    .bind(scan.article_id, scan.due_at)
    .run();
}

export interface PendingSend {
  article_id: number;
  slug: string;
  target_url: string;
  link_state: 'linked' | 'removed';
  attempts: number;
}

export async function listPendingSends(db: Db, now: number, limit: number): Promise<PendingSend[]> {
  const { results } = await db
    .prepare(
      `SELECT w.article_id, a.slug, w.target_url, w.link_state, w.attempts
       FROM webmention_sends w JOIN articles a ON a.id = w.article_id
       WHERE w.outcome = 'pending' AND w.next_attempt_at <= ?1
       ORDER BY w.next_attempt_at LIMIT ?2`,
    )
    .bind(now, limit)
    .all<PendingSend>();
  return results;
}

export interface SendOutcome {
  outcome: 'pending' | 'sent' | 'no_endpoint' | 'failed';
  endpoint: string | null;
  attempts: number;
  nextAttemptAt: number;
}

export async function recordSendOutcome(
  db: Db,
  send: Pick<PendingSend, 'article_id' | 'target_url' | 'link_state'>,
  result: SendOutcome,
  now: number,
): Promise<void> {
  // Only if the link is in the state that was sent: a change made meanwhile has its own pending send.
  await db
    .prepare(
      `UPDATE webmention_sends SET outcome = ?4, endpoint = coalesce(?5, endpoint), attempts = ?6,
         next_attempt_at = ?7, updated_at = ?8
       WHERE article_id = ?1 AND target_url = ?2 AND link_state = ?3 AND outcome = 'pending'`,
    )
    .bind(
      send.article_id,
      send.target_url,
      send.link_state,
      result.outcome,
      result.endpoint,
      result.attempts,
      result.nextAttemptAt,
      now,
    )
    .run();
}
