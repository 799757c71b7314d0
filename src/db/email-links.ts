// What the links of notification e-mails act on: confirming an address and
// removing what it follows. The signed token (src/notifications/tokens.ts) is
// the authority; these statements only ever touch the address it names.
import type { Language } from '../config';
import type { UnsubscribeScope } from '../notifications/tokens';
import type { Db } from './session';

export interface ConfirmationTarget {
  title: string;
  language: Language;
  confirmed_at: number | null;
  /** 1 while the address follows anything at all (its subscriptions are what it confirms). */
  subscribed: 0 | 1;
  /** What the claim's comment asked for, for this address. */
  follows_thread: 0 | 1;
  follows_article: 0 | 1;
}

/** The claim's comment with its article and where the address stands; null when the comment is gone. */
export async function getConfirmationTarget(
  db: Db,
  claim: { commentId: number; email: string },
): Promise<ConfirmationTarget | null> {
  return db
    .prepare(
      `SELECT a.title, a.language,
              (SELECT confirmed_at FROM subscriber_addresses WHERE email = ?2) AS confirmed_at,
              EXISTS (SELECT 1 FROM subscriptions WHERE email = ?2) AS subscribed,
              EXISTS (SELECT 1 FROM subscriptions s
                       WHERE s.comment_id = c.id AND s.scope = 'thread' AND s.email = ?2) AS follows_thread,
              EXISTS (SELECT 1 FROM subscriptions s
                       WHERE s.comment_id = c.id AND s.scope = 'article' AND s.email = ?2) AS follows_article
         FROM comments c JOIN articles a ON a.id = c.article_id
        WHERE c.id = ?1`,
    )
    .bind(claim.commentId, claim.email)
    .first<ConfirmationTarget>();
}

/**
 * Confirms the address, unless it already is or nothing is left to confirm
 * (the comment deleted, or no subscription). True when this call confirmed it:
 * checked in the statement itself, so two clicks at once confirm once.
 */
export async function confirmSubscriberAddress(
  db: Db,
  claim: { commentId: number; email: string },
  now: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE subscriber_addresses SET confirmed_at = ?3
        WHERE email = ?1 AND confirmed_at IS NULL
          AND EXISTS (SELECT 1 FROM comments WHERE id = ?2)
          AND EXISTS (SELECT 1 FROM subscriptions WHERE email = ?1)`,
    )
    .bind(claim.email, claim.commentId, now)
    .run();
  return result.meta.changes > 0;
}

export interface UnsubscribeTarget {
  article_id: number;
  title: string;
  language: Language;
}

/** The article a thread (by its comment) or an article id leads to; null when it is gone. */
export async function getUnsubscribeTarget(
  db: Db,
  target: { commentId: number } | { articleId: number },
): Promise<UnsubscribeTarget | null> {
  if ('commentId' in target) {
    return db
      .prepare(
        `SELECT a.id AS article_id, a.title, a.language
           FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.id = ?1`,
      )
      .bind(target.commentId)
      .first<UnsubscribeTarget>();
  }
  return db
    .prepare('SELECT id AS article_id, title, language FROM articles WHERE id = ?1')
    .bind(target.articleId)
    .first<UnsubscribeTarget>();
}

export type Unsubscription =
  | { email: string; scope: Extract<UnsubscribeScope, 'thread'>; commentId: number }
  | { email: string; scope: Extract<UnsubscribeScope, 'article'>; articleId: number }
  | { email: string; scope: Extract<UnsubscribeScope, 'all'> };

/**
 * Removes what the address follows: one thread, everything on one article
 * (its threads there too), or everything. The address row and its
 * confirmation stay: with nothing followed nothing is sent, the address is
 * kept in its comments anyway, and forgetting the confirmation would shut the
 * address out for good (a second confirmation e-mail is never sent, so a
 * later opt-in could never be confirmed). Returns how many subscriptions went.
 */
export async function removeSubscriptions(db: Db, unsubscription: Unsubscription): Promise<number> {
  const statement =
    unsubscription.scope === 'thread'
      ? db
          .prepare("DELETE FROM subscriptions WHERE comment_id = ?1 AND scope = 'thread' AND email = ?2")
          .bind(unsubscription.commentId, unsubscription.email)
      : unsubscription.scope === 'article'
        ? db
            .prepare(
              "DELETE FROM subscriptions WHERE article_id = ?1 AND scope IN ('thread', 'article') AND email = ?2",
            )
            .bind(unsubscription.articleId, unsubscription.email)
        : db.prepare('DELETE FROM subscriptions WHERE email = ?1').bind(unsubscription.email);
  const result = await statement.run();
  return result.meta.changes;
}
