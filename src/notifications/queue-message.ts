// What travels on the causerie-notifications queue: ids and the recipient,
// never a message's text. The consumer reads everything else from D1 when it
// sends, so an e-mail always says what is true then (a reply trashed in the
// meantime is not sent), and (kind, commentId, recipient) is the key of the
// notification's row in D1.
export type NotificationKind = 'confirm' | 'reply';

export interface NotificationMessage {
  /** 'confirm': the subscriber's confirmation e-mail; commentId is their own comment. 'reply': commentId is the reply. */
  kind: NotificationKind;
  commentId: number;
  /** The subscriber's address, lowercase. */
  recipient: string;
}

export const NOTIFICATION_QUEUE = 'causerie-notifications';
export const NOTIFICATION_DEAD_LETTER_QUEUE = 'causerie-notifications-dlq';

/** The message as the queue delivered it, or null for anything else (nothing is trusted from the wire). */
export function readNotificationMessage(body: unknown): NotificationMessage | null {
  if (typeof body !== 'object' || body === null) return null;
  const { kind, commentId, recipient } = body as Record<string, unknown>;
  if (kind !== 'confirm' && kind !== 'reply') return null;
  if (!Number.isSafeInteger(commentId) || (commentId as number) <= 0) return null;
  if (typeof recipient !== 'string' || recipient.length > 254) return null;
  return { kind, commentId: commentId as number, recipient: recipient.toLowerCase() };
}

/**
 * "Look at the author's queued notes": no comment, no address (the consumer
 * reads AUTHOR_EMAIL and D1 when it runs), so any number of these in flight
 * send at most the one digest that is due.
 */
export interface AuthorDigestMessage {
  kind: 'author-digest';
}

export const AUTHOR_DIGEST_MESSAGE: AuthorDigestMessage = { kind: 'author-digest' };

export function isAuthorDigestMessage(body: unknown): body is AuthorDigestMessage {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>).kind === 'author-digest';
}
