// Mentions are verified right after they are received (ctx.waitUntil). If
// that isolate stopped first, the mention would stay queued for ever: each
// minute the cron checks a few of those whose check has not moved for a while.
import { listStaleQueuedMentions } from '../db/mentions';
import { readWebmentionSettings } from '../webmention/settings';
import { verifyMention } from '../webmention/verify';

/** A check still running after this long has died: a verification takes WEBMENTION_TIMEOUT_MS at most. */
export const STALE_AFTER_SECONDS = 120;
export const VERIFICATIONS_PER_RUN = 5;

/** Verifies the stale queued mentions, oldest first; returns their ids. */
export async function retryQueuedMentions(env: Env, ctx: ExecutionContext, now: number): Promise<number[]> {
  const ids = await listStaleQueuedMentions(env.DB, now - STALE_AFTER_SECONDS, VERIFICATIONS_PER_RUN);
  const settings = readWebmentionSettings(env);
  for (const id of ids) await verifyMention(env, ctx, id, settings, () => now);
  return ids;
}
