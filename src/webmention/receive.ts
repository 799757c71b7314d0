// What a Webmention and a trackback share once their fields are read: the
// synchronous checks (rate limit, URLs, our published article), storing the
// notification as queued, and its verification after the answer is sent.
import { clientIp, hashIp, rateLimitKey } from '../comments/ip';
import { readSettings } from '../config';
import { findMentionableArticle, type MentionKind, upsertReceivedMention } from '../db/mentions';
import { parseSlug } from '../routes/params';
import { nowSeconds } from '../routes/respond';
import type { MentionRefusal } from '../views/i18n/mentions';
import { isPrivateHost, normaliseUrl, parseHttpUrl } from './address';
import { readWebmentionSettings, type WebmentionSettings } from './settings';
import { verifyMention } from './verify';

export type Refusal = MentionRefusal;

export interface Notification {
  kind: MentionKind;
  source: string;
  target: string;
  authorName?: string | null;
  title?: string | null;
  excerpt?: string | null;
}

export type Reception = { accepted: true; id: number } | { accepted: false; status: 400 | 429 | 503; refusal: Refusal };

export async function receiveNotification(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  notification: Notification,
): Promise<Reception> {
  const refuse = (refusal: Refusal, status: 400 | 429 | 503 = 400): Reception => ({ accepted: false, status, refusal });
  const ip = clientIp(request);
  const ipHash = ip && env.IP_HASH_SALT ? await hashIp(ip, env.IP_HASH_SALT) : null;
  const { success } = await env.WEBMENTION_RATE_LIMITER.limit({ key: await rateLimitKey(ip, env.IP_HASH_SALT) });
  if (!success) return refuse('rate_limited', 429);

  if (!notification.source) return refuse('source_missing');
  if (!notification.target) return refuse('target_missing');
  const source = parseHttpUrl(notification.source);
  if (!source) return refuse('source_invalid');
  const target = parseHttpUrl(notification.target);
  if (!target) return refuse('target_invalid');
  if (normaliseUrl(source) === normaliseUrl(target)) return refuse('same_url');
  if (isPrivateHost(source.hostname)) return refuse('source_private');
  const address = addressOfTarget(target, readSettings(env).baseUrl, new URL(request.url).origin);
  if (!address) return refuse('target_not_ours');

  // Read before anything is stored: a misconfigured resolver URL refuses the
  // notification (503, try later) instead of failing after it was kept.
  let settings: WebmentionSettings;
  try {
    settings = readWebmentionSettings(env);
  } catch (error) {
    console.error('Webmention: settings invalid, notification refused', error);
    return refuse('unavailable', 503);
  }

  const now = nowSeconds();
  let id: number;
  try {
    const article = await findMentionableArticle(env.DB, address.slug, now);
    // /<parent>/<slug> names a child page of that very parent, nothing else.
    if (!article || (address.parentSlug !== null && article.parent_slug !== address.parentSlug)) {
      return refuse('target_not_ours');
    }
    id = await upsertReceivedMention(env.DB, {
      articleId: article.id,
      kind: notification.kind,
      sourceUrl: source.href,
      targetUrl: target.href,
      ipHash,
      now,
      authorName: notification.authorName,
      title: notification.title,
      excerpt: notification.excerpt,
    });
  } catch (error) {
    console.error('Webmention: D1 write failed', error);
    return refuse('unavailable', 503);
  }
  // The sender has its answer at once; if this isolate stops before the
  // check ends, the mention stays queued and the every-minute cron checks it.
  ctx.waitUntil(verifyMention(env, ctx, id, settings, nowSeconds));
  return { accepted: true, id };
}

export interface TargetAddress {
  slug: string;
  /** Set when the target is /<parent>/<slug>: only a child page of that parent is ours then. */
  parentSlug: string | null;
}

/**
 * The article or page a target URL names: on the blog's origin (or the
 * origin the request came to, for local development), under its path prefix,
 * `/<slug>` or a child page's `/<parent>/<slug>`, with or without a trailing
 * slash; any query or fragment is ignored.
 */
export function addressOfTarget(target: URL, baseUrl: string, requestOrigin: string): TargetAddress | null {
  const base = new URL(baseUrl);
  if (target.origin !== base.origin && target.origin !== requestOrigin) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (prefix && target.origin === base.origin && !target.pathname.startsWith(`${prefix}/`)) return null;
  const path = target.origin === base.origin ? target.pathname.slice(prefix.length) : target.pathname;
  const match = /^\/([^/]+)(?:\/([^/]+))?\/?$/.exec(path);
  if (!match) return null;
  const [, first, second] = match;
  const slug = slugOf(second ?? first);
  const parentSlug = second === undefined ? null : slugOf(first);
  if (slug === null || (second !== undefined && parentSlug === null)) return null;
  return { slug, parentSlug };
}

function slugOf(segment: string | undefined): string | null {
  const parsed = parseSlug(segment ?? '');
  if ('slug' in parsed) return parsed.slug;
  return 'redirectToSlug' in parsed ? parsed.redirectToSlug : null;
}
