// Verification: fetch the source, and keep the mention only if the page
// really links to us. A source that answers 404 or 410 is gone; one that no
// longer links, cannot be fetched in time or is too large has failed. Either
// way the mention leaves the article page, which is purged whenever what it
// shows changes (only approved mentions can be on it).

import { readSettings } from '../config';
import { getMentionToVerify, type MentionToVerify, recordVerification, type VerificationRecord } from '../db/mentions';
import { purgeTouchedArticles } from '../routes/admin/purge';
import { articlePath } from '../views/layout';
import { normaliseUrl, parseHttpUrl } from './address';
import { fetchOutside, PAGE_TYPES } from './fetch';
import type { WebmentionSettings } from './settings';
import { readHtmlSource, readPlainTextSource } from './source';

/** Fetches `source` and says whether it links to one of `targets`, with what it says about itself. */
export async function checkSource(
  source: URL,
  targets: string[],
  settings: WebmentionSettings,
): Promise<VerificationRecord & { reason?: string }> {
  const fetched = await fetchOutside(source, settings, { accept: PAGE_TYPES });
  if (!fetched.ok) return { verification: 'failed', reason: fetched.failure };
  if (fetched.status === 404 || fetched.status === 410)
    return { verification: 'gone', reason: `http_${fetched.status}` };
  if (fetched.status < 200 || fetched.status >= 300)
    return { verification: 'failed', reason: `http_${fetched.status}` };
  const type = fetched.headers.get('content-type') ?? '';
  const page = type.toLowerCase().startsWith('text/plain')
    ? readPlainTextSource(fetched.text, fetched.url)
    : await readHtmlSource(fetched.text, fetched.url);
  const wanted = targets.flatMap((target) => {
    const url = parseHttpUrl(target);
    return url ? [normaliseUrl(url)] : [];
  });
  if (!wanted.some((target) => page.links.has(target))) return { verification: 'failed', reason: 'no_link' };
  return {
    verification: 'verified',
    authorName: page.authorName,
    authorUrl: page.authorUrl,
    title: page.title,
    excerpt: page.excerpt,
  };
}

/** Verifies one stored mention, records the outcome and purges its article's pages if they change. */
export async function verifyMention(
  env: Env,
  ctx: ExecutionContext,
  id: number,
  settings: WebmentionSettings,
  now: () => number,
): Promise<void> {
  const before = await getMentionToVerify(env.DB, id);
  if (!before) return;
  const source = parseHttpUrl(before.source_url);
  // The link may point at the address it was sent to or at the article's canonical one.
  const canonical = `${readSettings(env).baseUrl}${articlePath(before.article_slug)}`;
  let record: VerificationRecord & { reason?: string };
  try {
    record = source
      ? await checkSource(source, [before.target_url, canonical], settings)
      : { verification: 'failed', reason: 'bad_source' };
  } catch (error) {
    console.error('Webmention: verification failed unexpectedly', before.source_url, error);
    record = { verification: 'failed', reason: 'error' };
  }
  if (record.verification !== 'verified') {
    console.log(`Webmention ${id} from ${before.source_url}: ${record.verification} (${record.reason})`);
  }
  await recordVerification(env.DB, id, record, now());
  if (changesPublicPage(before, record)) await purgeTouchedArticles(env, ctx, [before]);
}

function isShown(mention: Pick<MentionToVerify, 'status' | 'verification' | 'verified_at'>): boolean {
  return (
    mention.status === 'approved' &&
    (mention.verification === 'verified' || (mention.verification === 'queued' && mention.verified_at !== null))
  );
}

function changesPublicPage(before: MentionToVerify, record: VerificationRecord): boolean {
  if (before.status !== 'approved') return false;
  const shownAfter = record.verification === 'verified';
  if (isShown(before) !== shownAfter) return true;
  if (!shownAfter) return false;
  const changed = (value: string | null | undefined, old: string | null) => value != null && value !== old;
  return (
    changed(record.authorName, before.author_name) ||
    changed(record.authorUrl, before.author_url) ||
    changed(record.title, before.title)
  );
}
