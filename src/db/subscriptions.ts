// Subscriptions asked for with a new comment, and the outbox of comments whose
// notifications are still to be handed to the queue (migrations/0020). Who is
// told what is decided here in SQL; src/notifications/ builds the messages.
import type { Db } from './session';

export type SubscriptionScope = 'thread' | 'article';

/**
 * The comment the batch's INSERT has just written. A batch is one
 * transaction and D1 writes one at a time, so right after the INSERT the
 * largest id is its own; the guard (address, article, second) makes sure it
 * is: when the INSERT wrote nothing (the article closed meanwhile), no other
 * reader's comment can match.
 */
const JUST_INSERTED = `id = (SELECT max(id) FROM comments) AND author_email = ?1 AND article_id = ?2 AND created_at = ?3`;

export interface NewCommentSubscription {
  /** Lowercase, as the comment stores it. */
  email: string;
  articleId: number;
  createdAt: number;
  scopes: SubscriptionScope[];
}

/**
 * Statements to put in the batch right after the comment's INSERT: the
 * address (unconfirmed the first time) and what it follows, the subscription
 * pointing at the new comment. An address that follows the article already
 * keeps its earlier subscription.
 */
export function subscribeNewCommentStatements(db: Db, subscription: NewCommentSubscription): D1PreparedStatement[] {
  const { email, articleId, createdAt, scopes } = subscription;
  if (scopes.length === 0) return [];
  return [
    db
      .prepare(
        `INSERT INTO subscriber_addresses (email, created_at) SELECT ?1, ?3 FROM comments WHERE ${JUST_INSERTED}
         ON CONFLICT (email) DO NOTHING`,
      )
      .bind(email, articleId, createdAt),
    ...scopes.map((scope) =>
      db
        .prepare(
          `INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at)
           SELECT ?1, ?2, ?4, id, ?3 FROM comments WHERE ${JUST_INSERTED}
           ON CONFLICT DO NOTHING`,
        )
        .bind(email, articleId, createdAt, scope),
    ),
  ];
}

/** The new comment, put in the outbox in the batch of its INSERT (see JUST_INSERTED). */
export function outboxNewCommentStatement(
  db: Db,
  comment: { email: string; articleId: number; createdAt: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notification_outbox (comment_id, created_at) SELECT id, ?3 FROM comments WHERE ${JUST_INSERTED}
       ON CONFLICT (comment_id) DO NOTHING`,
    )
    .bind(comment.email, comment.articleId, comment.createdAt);
}

/**
 * Put before the UPDATE that approves `ids`, in its batch: the comments that
 * are not approved yet, and so become public with it, go to the outbox. Its
 * results are their ids.
 */
export function outboxApprovalStatement(db: Db, ids: number[], now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notification_outbox (comment_id, created_at)
       SELECT id, ?2 FROM comments WHERE id IN (SELECT value FROM json_each(?1)) AND status <> 'approved'
       ON CONFLICT (comment_id) DO NOTHING
       RETURNING comment_id`,
    )
    .bind(JSON.stringify(ids), now);
}

/** Before the UPDATE that approves a held comment (the author replying to it): it goes to the outbox. */
export function outboxHeldCommentStatement(db: Db, commentId: number, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notification_outbox (comment_id, created_at) SELECT id, ?2 FROM comments
        WHERE id = ?1 AND status = 'pending' ON CONFLICT (comment_id) DO NOTHING RETURNING comment_id`,
    )
    .bind(commentId, now);
}

/** After the INSERT of the author's reply, in its batch: the reply goes to the outbox (see JUST_INSERTED). */
export function authorReplyOutboxStatement(db: Db, createdAt: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notification_outbox (comment_id, created_at)
       SELECT id, ?1 FROM comments WHERE id = (SELECT max(id) FROM comments) AND is_author = 1 AND created_at = ?1
       ON CONFLICT (comment_id) DO NOTHING RETURNING comment_id`,
    )
    .bind(createdAt);
}

/** The ids an outboxApprovalStatement (or any RETURNING comment_id) wrote. */
export function outboxIds(result: D1Result | undefined): number[] {
  return ((result?.results ?? []) as { comment_id: number }[]).map(({ comment_id }) => comment_id);
}

/**
 * Who gets a confirmation e-mail for a comment: its own subscriptions'
 * addresses not confirmed yet, once the comment is public or passed
 * Turnstile (never for a held, unverified one, spam or trash).
 */
export function confirmRecipientsStatement(db: Db, commentId: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT DISTINCT s.email FROM comments c
         JOIN subscriptions s ON s.comment_id = c.id
         JOIN subscriber_addresses a ON a.email = s.email
        WHERE c.id = ?1 AND a.confirmed_at IS NULL
          AND (c.status = 'approved' OR (c.status = 'pending' AND c.turnstile_verified = 1))
        ORDER BY s.email`,
    )
    .bind(commentId);
}

/** Comments waiting in the outbox since `before` or earlier, oldest first. */
export async function listOutbox(db: Db, before: number, limit: number): Promise<number[]> {
  const { results } = await db
    .prepare('SELECT comment_id FROM notification_outbox WHERE created_at <= ?1 ORDER BY created_at LIMIT ?2')
    .bind(before, limit)
    .all<{ comment_id: number }>();
  return results.map(({ comment_id }) => comment_id);
}

export async function deleteFromOutbox(db: Db, ids: number[]): Promise<void> {
  await db
    .prepare('DELETE FROM notification_outbox WHERE comment_id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(ids))
    .run();
}
