// The queue consumers. causerie-notifications: each message names one e-mail
// (kind, comment, recipient); its D1 row makes delivery idempotent (a message
// delivered again finds it 'sent' and sends nothing), the e-mail is written
// from what D1 says now, sent through the EMAIL binding, and the row marked.
// A failed send is retried by the queue (the error kept on the row); after
// max_retries the message reaches causerie-notifications-dlq, whose consumer
// marks the row 'failed'. An address sent REPLIES_PER_HOUR replies within the
// hour gets the next ones later: the message is queued again with a delay
// (a new message, so waiting spends none of its retries). A crash between a send and its mark can still send
// twice: the queue delivers at least once, and so does this.
import { readSettings } from '../config';
import { findCommentPage } from '../db/comments';
import {
  type CommentMailContext,
  claimNotification,
  countRepliesSentSince,
  getCommentMailContext,
  markNotificationFailed,
  markNotificationSent,
  markNotificationSkipped,
  recordNotificationAttempt,
} from '../db/notifications';
import { isMailAddress } from '../mail-address';
import { commentPagePath } from '../views/comments';
import { contentPath } from '../views/layout';
import { handleAuthorDigest, handleDeadAuthorDigest } from './author-digest';
import { notificationsEnabled } from './enabled';
import { buildConfirmationMail, buildReplyMail, type OutgoingMail } from './messages';
import { CONFIRM_PATH, tokenUrl, UNSUBSCRIBE_PATH } from './paths';
import { isAuthorDigestMessage, type NotificationMessage, readNotificationMessage } from './queue-message';
import { signNotificationToken } from './tokens';

/** Why an e-mail is not sent (the row's reason, which the desk shows). */
export type SkipReason =
  | 'disabled'
  | 'invalid_address'
  | 'not_public'
  | 'own_reply'
  | 'unconfirmed'
  | 'unsubscribed'
  | 'not_verified'
  | 'not_the_commenter'
  | 'already_confirmed'
  | 'confirmation_already_sent';

/** At most this many reply notifications to one address in an hour; the rest waits. */
export const REPLIES_PER_HOUR = 20;
/** How long a reply over the cap waits before it is looked at again. */
export const CAPPED_DELAY_SECONDS = 15 * 60;

// Retried sends wait longer each time: 30 s, 60 s, 120 s… at most 15 minutes.
const retryDelaySeconds = (attempts: number) => Math.min(900, 30 * 2 ** Math.max(0, attempts - 1));

export async function handleNotificationBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    if (isAuthorDigestMessage(message.body)) {
      await handleAuthorDigest(message, env);
      continue;
    }
    const notification = readNotificationMessage(message.body);
    if (!notification) {
      console.error('notifications: dropped a malformed message', message.id);
      message.ack();
      continue;
    }
    try {
      const outcome = await deliver(notification, env, Math.floor(Date.now() / 1000));
      if (outcome === 'capped') await env.NOTIFICATIONS.send(notification, { delaySeconds: CAPPED_DELAY_SECONDS });
      message.ack();
    } catch (error) {
      console.error('notifications: send failed, retrying', notification.kind, notification.commentId, error);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

/** causerie-notifications-dlq: the retries are spent; the row says so, with the last error. */
export async function handleDeadNotifications(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    if (isAuthorDigestMessage(message.body)) await handleDeadAuthorDigest(env);
    const notification = readNotificationMessage(message.body);
    if (notification) {
      await markNotificationFailed(env.DB, notification, 'retries exhausted', Math.floor(Date.now() / 1000));
    }
    message.ack();
  }
}

async function deliver(notification: NotificationMessage, env: Env, now: number): Promise<'done' | 'capped'> {
  const row = await claimNotification(env.DB, notification, now);
  // Already sent, skipped or failed (the queue delivered it again), or the comment
  // was deleted for good: nothing to send, nothing to record.
  if (row?.state !== 'queued') return 'done';
  if (notification.kind === 'reply' && notificationsEnabled(env)) {
    const sent = await countRepliesSentSince(env.DB, notification.recipient, now - 3600);
    if (sent >= REPLIES_PER_HOUR) return 'capped';
  }
  try {
    const mail = await compose(notification, env, now);
    if (typeof mail === 'string') {
      await markNotificationSkipped(env.DB, row.id, mail);
      return 'done';
    }
    await env.EMAIL.send(mail);
  } catch (error) {
    await recordNotificationAttempt(env.DB, row.id, describe(error)).catch(() => {});
    throw error;
  }
  await markNotificationSent(env.DB, row.id, now);
  return 'done';
}

async function compose(notification: NotificationMessage, env: Env, now: number): Promise<OutgoingMail | SkipReason> {
  if (!notificationsEnabled(env)) return 'disabled';
  const { recipient } = notification;
  if (!isMailAddress(recipient)) return 'invalid_address';
  const context = await getCommentMailContext(env.DB, { commentId: notification.commentId, recipient });
  if (!context) return 'not_public';
  const settings = readSettings(env);
  const envelope = { from: env.MAIL_FROM.trim(), blogTitle: settings.title, to: recipient };
  const path = contentPath(context.slug, context.parent_slug);
  const secret = env.COMMENT_TOKEN_KEY ?? '';
  if (notification.kind === 'confirm') {
    const skip = confirmationSkip(context, recipient);
    if (skip) return skip;
    const [confirm, unsubscribe] = await Promise.all([
      signNotificationToken({ purpose: 'confirm', email: recipient, commentId: context.id }, secret, now),
      signNotificationToken({ purpose: 'unsubscribe', email: recipient, scope: 'all' }, secret, now),
    ]);
    return buildConfirmationMail(envelope, {
      language: context.language,
      articleTitle: context.title,
      confirmUrl: tokenUrl(settings.baseUrl, CONFIRM_PATH, confirm),
      unsubscribeUrl: tokenUrl(settings.baseUrl, UNSUBSCRIBE_PATH, unsubscribe),
    });
  }
  const skip = replySkip(context, recipient);
  if (skip) return skip;
  const scope = context.follows_thread ? 'thread' : 'article';
  const page = await findCommentPage(env.DB, {
    slug: context.slug,
    commentId: context.id,
    perPage: settings.comments.perPage,
  });
  const unsubscribe = await signNotificationToken(
    scope === 'thread'
      ? { purpose: 'unsubscribe', email: recipient, scope, commentId: context.parent_id as number }
      : { purpose: 'unsubscribe', email: recipient, scope, articleId: context.article_id },
    secret,
    now,
  );
  return buildReplyMail(envelope, {
    language: context.language,
    articleTitle: context.title,
    replyAuthor: context.author_name,
    replyText: context.body_text ?? context.body,
    replyUrl: `${settings.baseUrl}${commentPagePath(path, page)}#comment-${context.id}`,
    scope,
    unsubscribeUrl: tokenUrl(settings.baseUrl, UNSUBSCRIBE_PATH, unsubscribe),
  });
}

/** A confirmation goes only to the commenter, for a comment that passed, once per address. */
function confirmationSkip(context: CommentMailContext, recipient: string): SkipReason | null {
  if (context.author_email.toLowerCase() !== recipient) return 'not_the_commenter';
  const passed = context.status === 'approved' || (context.status === 'pending' && context.turnstile_verified === 1);
  if (!passed) return 'not_verified';
  if (context.confirmed_at !== null) return 'already_confirmed';
  if (context.confirmation_sent) return 'confirmation_already_sent';
  return null;
}

/** A reply notification: a public reply, to a confirmed follower who did not write it. */
function replySkip(context: CommentMailContext, recipient: string): SkipReason | null {
  if (context.status !== 'approved') return 'not_public';
  if (context.author_email.toLowerCase() === recipient) return 'own_reply';
  if (context.confirmed_at === null) return 'unconfirmed';
  if (!context.follows_thread && !context.follows_article) return 'unsubscribed';
  return null;
}

function describe(error: unknown): string {
  return `send failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
