// Notification rows (one per e-mail the blog means to send, its unique key
// making delivery idempotent) and what the queue consumer reads to write an
// e-mail. Never builds a message: src/notifications/ does.
import type { NotificationKind } from '../notifications/queue-message';
import type { Db } from './session';

export type NotificationState = 'queued' | 'sent' | 'failed' | 'skipped';

export interface NotificationRow {
  id: number;
  state: NotificationState;
  reason: string | null;
  attempts: number;
}

export interface NotificationKey {
  kind: NotificationKind;
  commentId: number;
  recipient: string;
}

const REASON_MAX = 500;
const reasonText = (reason: string) => reason.slice(0, REASON_MAX);

/**
 * The notification's row, written 'queued' the first time its message is seen;
 * null when the comment is gone (deleting a comment deletes its rows).
 */
export async function claimNotification(db: Db, key: NotificationKey, now: number): Promise<NotificationRow | null> {
  const [, found] = await db.batch([
    db
      .prepare(
        `INSERT INTO notifications (kind, comment_id, recipient, created_at)
         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM comments WHERE id = ?2)
         ON CONFLICT (comment_id, kind, recipient) DO NOTHING`,
      )
      .bind(key.kind, key.commentId, key.recipient, now),
    db
      .prepare(
        'SELECT id, state, reason, attempts FROM notifications WHERE comment_id = ?1 AND kind = ?2 AND recipient = ?3',
      )
      .bind(key.commentId, key.kind, key.recipient),
  ]);
  return (found?.results[0] as NotificationRow | undefined) ?? null;
}

export async function markNotificationSent(db: Db, id: number, now: number): Promise<void> {
  await db
    .prepare(
      "UPDATE notifications SET state = 'sent', reason = NULL, attempts = attempts + 1, sent_at = ?2 WHERE id = ?1",
    )
    .bind(id, now)
    .run();
}

export async function markNotificationSkipped(db: Db, id: number, reason: string): Promise<void> {
  await db
    .prepare("UPDATE notifications SET state = 'skipped', reason = ?2 WHERE id = ?1 AND state = 'queued'")
    .bind(id, reasonText(reason))
    .run();
}

/** A send that failed and will be retried: the row stays 'queued', with the error. */
export async function recordNotificationAttempt(db: Db, id: number, reason: string): Promise<void> {
  await db
    .prepare("UPDATE notifications SET attempts = attempts + 1, reason = ?2 WHERE id = ?1 AND state = 'queued'")
    .bind(id, reasonText(reason))
    .run();
}

/**
 * Retries exhausted (the dead-letter queue): 'failed', with the last error
 * recorded, if any. Written even if no attempt got as far as the row (D1
 * failing every time), so that the desk still shows the failure.
 */
export async function markNotificationFailed(
  db: Db,
  key: NotificationKey,
  fallbackReason: string,
  now: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO notifications (kind, comment_id, recipient, state, reason, created_at)
       SELECT ?1, ?2, ?3, 'failed', ?4, ?5 WHERE EXISTS (SELECT 1 FROM comments WHERE id = ?2)
       ON CONFLICT (comment_id, kind, recipient) DO UPDATE SET state = 'failed', reason = coalesce(reason, excluded.reason)
        WHERE state = 'queued'`,
    )
    .bind(key.kind, key.commentId, key.recipient, reasonText(fallbackReason), now)
    .run();
}

/** How many reply notifications an address was sent since `since` (the hourly cap). */
export async function countRepliesSentSince(db: Db, recipient: string, since: number): Promise<number> {
  const row = await db
    .prepare(
      "SELECT count(*) AS sent FROM notifications WHERE recipient = ?1 AND kind = 'reply' AND state = 'sent' AND sent_at > ?2",
    )
    .bind(recipient, since)
    .first<{ sent: number }>();
  return row?.sent ?? 0;
}

export interface CommentMailContext {
  id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  body: string;
  body_text: string | null;
  status: 'pending' | 'approved' | 'spam' | 'trash';
  turnstile_verified: 0 | 1;
  article_id: number;
  slug: string;
  title: string;
  language: 'fr' | 'en';
  parent_slug: string | null;
  /** The recipient's confirmation, if it has one. */
  confirmed_at: number | null;
  /** 1 when the recipient follows the replies to this comment's parent. */
  follows_thread: 0 | 1;
  /** 1 when the recipient follows the comment's article. */
  follows_article: 0 | 1;
  /** 1 when a confirmation e-mail to the recipient has been sent before (for another comment). */
  confirmation_sent: 0 | 1;
}

/** A comment, its article and where the recipient stands, in one statement. */
export async function getCommentMailContext(
  db: Db,
  query: { commentId: number; recipient: string },
): Promise<CommentMailContext | null> {
  return db
    .prepare(
      `SELECT c.id, c.parent_id, c.author_name, c.author_email, c.body, c.body_text, c.status, c.turnstile_verified,
              a.id AS article_id, a.slug, a.title, a.language, pa.slug AS parent_slug,
              (SELECT confirmed_at FROM subscriber_addresses WHERE email = ?2) AS confirmed_at,
              EXISTS (SELECT 1 FROM subscriptions s
                       WHERE s.comment_id = c.parent_id AND s.scope = 'thread' AND s.email = ?2) AS follows_thread,
              EXISTS (SELECT 1 FROM subscriptions s
                       WHERE s.article_id = c.article_id AND s.scope = 'article' AND s.email = ?2) AS follows_article,
              EXISTS (SELECT 1 FROM notifications n
                       WHERE n.recipient = ?2 AND n.kind = 'confirm' AND n.state = 'sent'
                         AND n.comment_id <> c.id) AS confirmation_sent
         FROM comments c JOIN articles a ON a.id = c.article_id LEFT JOIN articles pa ON pa.id = a.parent_id
        WHERE c.id = ?1`,
    )
    .bind(query.commentId, query.recipient)
    .first<CommentMailContext>();
}

/**
 * Who is told of a reply: the confirmed addresses following its parent's
 * thread or its article, not its own author; none unless it is public.
 */
export async function listReplyRecipients(db: Db, replyId: number): Promise<string[]> {
  const { results } = await replyRecipientsStatement(db, replyId).all<{ email: string }>();
  return results.map(({ email }) => email);
}

/** listReplyRecipients' statement, for a batch (rows of { email }). */
export function replyRecipientsStatement(db: Db, replyId: number): D1PreparedStatement {
  return db
    .prepare(
      `WITH reply AS (
         SELECT parent_id, article_id, lower(author_email) AS author FROM comments WHERE id = ?1 AND status = 'approved'),
       followers AS (
         SELECT s.email FROM reply JOIN subscriptions s ON s.comment_id = reply.parent_id AND s.scope = 'thread'
         UNION
         SELECT s.email FROM reply JOIN subscriptions s ON s.article_id = reply.article_id AND s.scope = 'article')
       SELECT followers.email FROM followers JOIN subscriber_addresses a ON a.email = followers.email
        WHERE a.confirmed_at IS NOT NULL AND followers.email <> (SELECT author FROM reply)
        ORDER BY followers.email`,
    )
    .bind(replyId);
}
