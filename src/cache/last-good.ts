// The last good copy of every public page, for the day the database fails.
// Page keys carry the cache version, and a change bumps it: after a change,
// the current key holds nothing until the page renders again, which needs
// D1. So each 200 the Worker renders is also kept under a version-less key,
// overwritten by every later render; when a render fails because D1 does,
// that copy is served (marked STALE, never re-cached) instead of a 503.
import { normalizedPageUrl } from './key';

/** Longer than any page's edge life: the copy is only read when rendering fails. */
export const LAST_GOOD_TTL_SECONDS = 7 * 86_400;

export function lastGoodKey(requestUrl: string, baseUrl: string): string {
  const page = new URL(normalizedPageUrl(requestUrl, baseUrl));
  return `${page.origin}/__last-good${page.pathname}${page.search}`;
}

export function keepLastGood(ctx: ExecutionContext, key: string, body: ArrayBuffer, response: Response): void {
  if (response.status !== 200) return;
  const copy = new Response(body, response);
  copy.headers.set('cache-control', `public, max-age=${LAST_GOOD_TTL_SECONDS}`);
  ctx.waitUntil(caches.default.put(key, copy));
}

/** The copy, ready to send: not to be kept by browsers or another cache, since it may be out of date. */
export async function lastGoodCopy(key: string): Promise<Response | null> {
  const hit = await caches.default.match(key);
  if (!hit) return null;
  const stale = new Response(hit.body, hit);
  stale.headers.set('cache-control', 'no-store');
  stale.headers.set('server-timing', 'cache;desc="STALE"');
  stale.headers.delete('etag');
  stale.headers.delete('cache-tag');
  return stale;
}

/**
 * Drops this data centre's copy of a page that must no longer be served from
 * any cache (a protected article's, kept while it was public).
 */
export function forgetLastGood(ctx: ExecutionContext, requestUrl: string, baseUrl: string): void {
  ctx.waitUntil(caches.default.delete(lastGoodKey(requestUrl, baseUrl)));
}
