// The producer side: a request or a desk action that made a comment public
// (after its D1 write succeeded) hands the e-mails to the queue and returns;
// the consumer (./consumer.ts) sends them. With notifications off nothing is queued.
import { listReplyRecipients } from '../db/notifications';
import type { Db } from '../db/session';
import { notificationsEnabled } from './enabled';
import type { NotificationMessage } from './queue-message';

/** Queues' sendBatch takes at most 100 messages. */
const BATCH_LIMIT = 100;

export async function enqueueNotifications(env: Env, messages: NotificationMessage[]): Promise<number> {
  if (!notificationsEnabled(env) || messages.length === 0) return 0;
  for (let start = 0; start < messages.length; start += BATCH_LIMIT) {
    await env.NOTIFICATIONS.sendBatch(messages.slice(start, start + BATCH_LIMIT).map((body) => ({ body })));
  }
  return messages.length;
}

/** One message per follower of a reply that is public now (see listReplyRecipients). */
export async function enqueueReplyNotifications(env: Env, db: Db, replyId: number): Promise<number> {
  if (!notificationsEnabled(env)) return 0;
  const recipients = await listReplyRecipients(db, replyId);
  return enqueueNotifications(
    env,
    recipients.map((recipient) => ({ kind: 'reply', commentId: replyId, recipient })),
  );
}
