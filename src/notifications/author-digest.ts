// The consumer side of the author's e-mails: an 'author-digest' message means
// "look at the author's queued notes". Under a lease (two consumers running at
// once never both send), and at most once per AUTHOR_DIGEST_MINUTES: too soon,
// the message comes back when the time is up (a new message, spending none of
// its retries); otherwise ONE e-mail lists every queued note, and they are
// marked sent together. No queued note: acked, nothing sent, so the many
// messages of a burst send one e-mail. A note whose comment the author has
// already moderated (approved after a hold, spam, trash) is left out ('skipped',
// already_moderated): the desk has told them. A failed send is retried by the
// queue, the error kept on the notes; the dead-letter queue marks them failed.
import { readSettings } from '../config';
import {
  type AuthorNoteRow,
  claimAuthorDigest,
  closeQueuedAuthorNotes,
  finishAuthorDigest,
  listQueuedAuthorNotes,
  recordAuthorDigestAttempt,
  releaseAuthorDigest,
} from '../db/author-notifications';
import { queuePath } from '../views/admin/queue';
import { ADMIN_STRINGS } from '../views/admin/strings';
import { buildAuthorDigestMail } from './author-mail';
import { authorMailTarget } from './author-notes';
import { AUTHOR_DIGEST_MESSAGE } from './queue-message';

/** Longest time one consumer may take to write and send a digest before another may. */
export const AUTHOR_LEASE_SECONDS = 120;
/** Comments listed in one e-mail; the rest go in the next. */
export const AUTHOR_DIGEST_MAX_ITEMS = 50;

// As reply notifications: 30 s, 60 s, 120 s… at most 15 minutes.
const retryDelaySeconds = (attempts: number) => Math.min(900, 30 * 2 ** Math.max(0, attempts - 1));

export async function handleAuthorDigest(message: Message<unknown>, env: Env): Promise<void> {
  try {
    const later = await sendAuthorDigest(env, Math.floor(Date.now() / 1000));
    if (later !== null) await env.NOTIFICATIONS.send(AUTHOR_DIGEST_MESSAGE, { delaySeconds: later });
    message.ack();
  } catch (error) {
    console.error('author digest: failed, retrying', error);
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
  }
}

/** The dead-letter queue: the retries are spent; the notes a send was tried for say so. */
export async function handleDeadAuthorDigest(env: Env): Promise<void> {
  const email = readSettings(env).authorNotifications.email;
  if (email) await closeQueuedAuthorNotes(env.DB, email, { state: 'failed', reason: 'retries exhausted' });
}

/** Sends the digest that is due, if any; returns in how many seconds to look again, or null. */
export async function sendAuthorDigest(env: Env, now: number): Promise<number | null> {
  const target = authorMailTarget(env);
  if (!target) {
    const email = readSettings(env).authorNotifications.email;
    if (email) await closeQueuedAuthorNotes(env.DB, email, { state: 'skipped', reason: 'disabled' });
    return null;
  }
  const db = env.DB;
  const claim = await claimAuthorDigest(db, target.email, now, AUTHOR_LEASE_SECONDS);
  // Another consumer is writing a digest now; what it does not take, the next look will.
  if (!claim) return AUTHOR_LEASE_SECONDS;
  try {
    const rows = await listQueuedAuthorNotes(db, target.email, AUTHOR_DIGEST_MAX_ITEMS + 1);
    const due = (claim.last_sent_at ?? 0) + target.digestMinutes * 60;
    if (rows.length === 0 || due > now) {
      await releaseAuthorDigest(db, target.email);
      // Nothing queued (an earlier message sent it): done. Too soon: when the time is up.
      return rows.length === 0 ? null : due - now;
    }
    const more = rows.length > AUTHOR_DIGEST_MAX_ITEMS;
    const taken = rows.slice(0, AUTHOR_DIGEST_MAX_ITEMS);
    const listed = taken.filter(stillNews);
    const skippedIds = taken.filter((row) => !stillNews(row)).map((row) => row.id);
    const sentIds = listed.map((row) => row.id);
    if (listed.length > 0) {
      const settings = readSettings(env);
      const reasons = ADMIN_STRINGS[settings.language].heldReason;
      const mail = buildAuthorDigestMail(
        { from: env.MAIL_FROM.trim(), blogTitle: settings.title, to: target.email },
        {
          language: settings.language,
          mode: target.mode,
          more,
          deskUrl: `${settings.baseUrl}${queuePath('pending')}`,
          items: listed.map((row) => ({
            articleTitle: row.title,
            commenter: row.author_name,
            text: row.body_text ?? row.body,
            held: row.status === 'pending',
            heldReason: row.held_reason ? (reasons[row.held_reason] ?? row.held_reason) : null,
            deskUrl: `${settings.baseUrl}${queuePath(row.status === 'pending' ? 'pending' : 'approved')}#comment-${row.comment_id}`,
          })),
        },
      );
      try {
        await env.EMAIL.send(mail);
      } catch (error) {
        await recordAuthorDigestAttempt(db, sentIds, describe(error)).catch(() => {});
        throw error;
      }
    }
    await finishAuthorDigest(db, {
      recipient: target.email,
      sentIds,
      skippedIds,
      skipReason: 'already_moderated',
      now,
    });
    // A digest went: the rest waits its turn. Only notes left out: look again now.
    if (more) return listed.length > 0 ? target.digestMinutes * 60 : 1;
    return null;
  } catch (error) {
    await releaseAuthorDigest(db, target.email).catch(() => {});
    throw error;
  }
}

/**
 * Still worth telling: held and still waiting, or published at once (never
 * held) and still public. One the author has moderated since is not.
 */
function stillNews(row: AuthorNoteRow): boolean {
  if (row.status === 'pending') return true;
  return row.status === 'approved' && row.held_reason === null;
}

function describe(error: unknown): string {
  return `send failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
