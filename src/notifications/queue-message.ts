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
