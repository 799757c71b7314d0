// The producer side of the author's e-mails: a comment just stored (held for
// moderation, or published with NOTIFY_AUTHOR = "all") gets its 'author'
// notification row, and the queue a message asking for a digest a minute from
// now, so that a burst is told in one e-mail. Never throws: the comment is
// stored whatever happens here.
import { readSettings } from '../config';
import { queueAuthorNote } from '../db/author-notifications';
import type { Db } from '../db/session';
import { notificationsEnabled } from './enabled';
import { AUTHOR_DIGEST_MESSAGE } from './queue-message';

/** How long a digest waits for the rest of a burst before it is looked at. */
export const AUTHOR_GATHER_SECONDS = 60;

/** Whether the author is to get e-mails, and where: null when off. */
export function authorMailTarget(env: Env): { mode: 'held' | 'all'; email: string; digestMinutes: number } | null {
  const { mode, email, digestMinutes } = readSettings(env).authorNotifications;
  if (mode === 'off' || !email || !notificationsEnabled(env)) return null;
  return { mode, email, digestMinutes };
}

export async function noteForAuthor(env: Env, db: Db, commentId: number): Promise<void> {
  try {
    const target = authorMailTarget(env);
    if (!target) return;
    const now = Math.floor(Date.now() / 1000);
    const noted = await queueAuthorNote(db, { commentId, recipient: target.email, mode: target.mode, now });
    if (noted) await env.NOTIFICATIONS.send(AUTHOR_DIGEST_MESSAGE, { delaySeconds: AUTHOR_GATHER_SECONDS });
  } catch (error) {
    console.error('author notification: not queued', commentId, error);
  }
}
