// One way for every path where a comment becomes public (posted and approved
// at once, approved on the desk or by the CLI, the author's reply) or asks to
// be told of replies: its id is put in the outbox in the batch of that write,
// then handed over here. Handing over queues the reply notifications to its
// followers and the confirmation e-mail for its own addresses not confirmed
// yet; the consumer checks everything again when it sends.
import { replyRecipientsStatement } from '../db/notifications';
import type { Db } from '../db/session';
import { confirmRecipientsStatement, deleteFromOutbox, listOutbox } from '../db/subscriptions';
import { notificationsEnabled } from './enabled';
import { enqueueNotifications } from './enqueue';
import type { NotificationMessage } from './queue-message';

/** What the cron leaves to the request that wrote the row: a minute, well past waitUntil's 30 seconds. */
export const OUTBOX_GRACE_SECONDS = 60;
/** Comments handed over per cron run; the rest wait for the next minute. */
const OUTBOX_RUN_LIMIT = 50;

/**
 * Queues the e-mails of comments that just became public (or asked to
 * subscribe), then takes them out of the outbox. With notifications off,
 * nothing is queued and the rows go all the same. Throws when D1 or the queue
 * fails: the rows stay, and the next cron run tries again.
 */
export async function handOverComments(env: Env, db: Db, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  let queued = 0;
  if (notificationsEnabled(env)) {
    const found = await db.batch(
      ids.flatMap((id) => [replyRecipientsStatement(db, id), confirmRecipientsStatement(db, id)]),
    );
    const messages: NotificationMessage[] = ids.flatMap((commentId, index) => [
      ...recipients(found[index * 2]).map((recipient) => ({ kind: 'reply' as const, commentId, recipient })),
      ...recipients(found[index * 2 + 1]).map((recipient) => ({ kind: 'confirm' as const, commentId, recipient })),
    ]);
    queued = await enqueueNotifications(env, messages);
  }
  await deleteFromOutbox(db, ids);
  return queued;
}

const recipients = (result: D1Result | undefined) =>
  ((result?.results ?? []) as { email: string }[]).map(({ email }) => email);

/**
 * After the response: a failure is logged and never reaches the reader or the
 * author (their write is done); the outbox row keeps the e-mails for the cron.
 */
export function handOverLater(env: Env, ctx: ExecutionContext, db: Db, ids: number[]): void {
  if (ids.length === 0) return;
  ctx.waitUntil(
    handOverComments(env, db, ids).catch((error) =>
      console.error(`notifications: comments ${ids.join(', ')} left in the outbox for the cron`, error),
    ),
  );
}

/** The every-minute Cron Trigger: what no request handed over (the CLI's approvals, a queue that failed). */
export async function drainNotificationOutbox(env: Env, now: number): Promise<number> {
  const ids = await listOutbox(env.DB, now - OUTBOX_GRACE_SECONDS, OUTBOX_RUN_LIMIT);
  if (ids.length === 0) return 0;
  const queued = await handOverComments(env, env.DB, ids);
  console.log(`Notifications: ${ids.length} comment(s) handed over from the outbox, ${queued} message(s) queued.`);
  return queued;
}
