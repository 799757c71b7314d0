// The author's e-mails about new comments: a notification row (kind 'author')
// per comment the author is to hear of, and one author_digests row per address
// (when its last digest went, and the lease of the consumer writing the next).
// Never builds a message: src/notifications/author-*.ts does.
import type { Db } from './session';

/**
 * Writes the comment's 'author' notification, 'queued', if the comment is one
 * the author hears of: held for moderation, or (mode "all") published. Spam,
 * trash and the author's own comments never. True when a row was written now.
 */
export async function queueAuthorNote(
  db: Db,
  note: { commentId: number; recipient: string; mode: 'held' | 'all'; now: number },
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO notifications (kind, comment_id, recipient, created_at)
       SELECT 'author', id, ?2, ?3 FROM comments
        WHERE id = ?1 AND is_author = 0 AND (status = 'pending' OR (?4 = 'all' AND status = 'approved'))
       ON CONFLICT (comment_id, kind, recipient) DO NOTHING`,
    )
    .bind(note.commentId, note.recipient, note.now, note.mode)
    .run();
  return result.meta.changes === 1;
}

/**
 * Takes the lease on the address's next digest; null while another consumer
 * holds it. Returns when the last digest was sent.
 */
export async function claimAuthorDigest(
  db: Db,
  recipient: string,
  now: number,
  leaseSeconds: number,
): Promise<{ last_sent_at: number | null } | null> {
  return db
    .prepare(
      `INSERT INTO author_digests (recipient, lease_until) VALUES (?1, ?2 + ?3)
       ON CONFLICT (recipient) DO UPDATE SET lease_until = excluded.lease_until WHERE lease_until <= ?2
       RETURNING last_sent_at`,
    )
    .bind(recipient, now, leaseSeconds)
    .first<{ last_sent_at: number | null }>();
}

export function releaseAuthorDigest(db: Db, recipient: string): Promise<D1Result> {
  return db.prepare('UPDATE author_digests SET lease_until = 0 WHERE recipient = ?1').bind(recipient).run();
}

export interface AuthorNoteRow {
  /** The notification's id. */
  id: number;
  comment_id: number;
  author_name: string;
  body: string;
  body_text: string | null;
  status: 'pending' | 'approved' | 'spam' | 'trash';
  held_reason: string | null;
  title: string;
}

/** The address's queued notes, oldest first, with their comment and article as they are now. */
export async function listQueuedAuthorNotes(db: Db, recipient: string, limit: number): Promise<AuthorNoteRow[]> {
  const { results } = await db
    .prepare(
      `SELECT n.id, n.comment_id, c.author_name, c.body, c.body_text, c.status, c.held_reason, a.title
         FROM notifications n JOIN comments c ON c.id = n.comment_id JOIN articles a ON a.id = c.article_id
        WHERE n.recipient = ?1 AND n.kind = 'author' AND n.state = 'queued'
        ORDER BY n.id LIMIT ?2`,
    )
    .bind(recipient, limit)
    .all<AuthorNoteRow>();
  return results;
}

/**
 * After a digest: the notes it listed 'sent', those it left out 'skipped' with
 * the reason, and (when an e-mail went) the address's last digest time, the lease released.
 */
export async function finishAuthorDigest(
  db: Db,
  digest: { recipient: string; sentIds: number[]; skippedIds: number[]; skipReason: string; now: number },
): Promise<void> {
  const statements = [
    db
      .prepare(
        `UPDATE notifications SET state = 'skipped', reason = ?2
          WHERE id IN (SELECT value FROM json_each(?1)) AND state = 'queued'`,
      )
      .bind(JSON.stringify(digest.skippedIds), digest.skipReason),
    db
      .prepare(
        `UPDATE notifications SET state = 'sent', reason = NULL, attempts = attempts + 1, sent_at = ?2
          WHERE id IN (SELECT value FROM json_each(?1)) AND state = 'queued'`,
      )
      .bind(JSON.stringify(digest.sentIds), digest.now),
    digest.sentIds.length > 0
      ? db
          .prepare('UPDATE author_digests SET last_sent_at = ?2, lease_until = 0 WHERE recipient = ?1')
          .bind(digest.recipient, digest.now)
      : db.prepare('UPDATE author_digests SET lease_until = 0 WHERE recipient = ?1').bind(digest.recipient),
  ];
  await db.batch(statements);
}

/** A digest whose send failed and will be retried: its notes stay 'queued', with the error. */
export async function recordAuthorDigestAttempt(db: Db, ids: number[], reason: string): Promise<void> {
  await db
    .prepare(
      `UPDATE notifications SET attempts = attempts + 1, reason = ?2
        WHERE id IN (SELECT value FROM json_each(?1)) AND state = 'queued'`,
    )
    .bind(JSON.stringify(ids), reason.slice(0, 500))
    .run();
}

/**
 * Queued notes given up: 'failed' (retries exhausted, with the last error kept)
 * for those a send was tried for, or 'skipped' with the reason (author e-mails turned off).
 */
export async function closeQueuedAuthorNotes(
  db: Db,
  recipient: string,
  close: { state: 'failed' | 'skipped'; reason: string },
): Promise<void> {
  await db
    .prepare(
      `UPDATE notifications SET state = ?2, reason = CASE WHEN ?2 = 'failed' THEN coalesce(reason, ?3) ELSE ?3 END
        WHERE recipient = ?1 AND kind = 'author' AND state = 'queued' AND (?2 <> 'failed' OR attempts > 0)`,
    )
    .bind(recipient, close.state, close.reason.slice(0, 500))
    .run();
}
