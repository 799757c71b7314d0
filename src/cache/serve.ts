// One caching policy for both layers. A public GET page is cacheable at the
// edge and revalidated by browsers (ETag, or a route's Last-Modified → 304). Never cached, never served
// from cache: other methods, responses that set a cookie or say private /
// no-store, a commenter's personal view (they carry its cookie), 5xx.
import { readSettings } from '../config';
import { isDatabaseFailure } from '../db/errors';
import { UNLOCK_COOKIE_PATTERN } from '../protected/unlock';
import { SEARCH_PATH } from '../views/search';
import { cacheKey } from './key';
import { keepLastGood, lastGoodCopy, lastGoodKey } from './last-good';
import { memoryMatch, memoryPut } from './memory';
import { type CacheSettings, readCacheSettings } from './settings';
import { TAGS } from './tags';
import { currentCacheVersion } from './version';

const PERSONAL_COOKIES = /(?:^|;\s*)causerie_pending=/;
const CACHEABLE_STATUSES = new Set([200, 301, 404]);
const BROWSER_POLICY = 'public, max-age=0, must-revalidate';

export type Render = () => Promise<Response>;

/**
 * The page from cache or freshly rendered. If D1 fails meanwhile (reading the
 * cache version or rendering), a GET gets the page's last good copy when
 * one exists (src/cache/last-good.ts); otherwise the error goes on to the
 * Worker's 503 page.
 */
export async function serveWithCache(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  render: Render,
): Promise<Response> {
  try {
    return forReaders(await serveFresh(request, env, ctx, render), request, env, ctx);
  } catch (error) {
    if (request.method !== 'GET' || readCacheSettings(env).mode === 'off' || !isDatabaseFailure(error)) throw error;
    const stale = await lastGoodCopy(lastGoodKey(request.url, readSettings(env).baseUrl));
    if (!stale) throw error;
    console.warn('D1 failing: serving the last good copy of', request.url, error);
    return forReaders(stale, request, env, ctx);
  }
}

/**
 * What no reader should learn from an answer: whether the cache had the page
 * (Server-Timing: it tells that someone asked for it recently, and a search's
 * answer, what they searched for), and which articles a page shows (Cache-Tag).
 * Workers Cache reads Cache-Tag at the edge and drops it before the browser;
 * the Cache API layer answers the browser itself, so it drops it here (the
 * copy it stores keeps its tags).
 */
function forReaders(response: Response, request: Request, env: Env, ctx: ExecutionContext): Response {
  const showTiming = readSettings(env).serverTiming && new URL(request.url).pathname !== SEARCH_PATH;
  const edgeReadsTags = readCacheSettings(env).mode === 'workers-cache' && Boolean(ctx.cache);
  if (showTiming && (edgeReadsTags || !response.headers.has('cache-tag'))) return response;
  const answer = new Response(response.body, response);
  if (!showTiming) answer.headers.delete('server-timing');
  if (!edgeReadsTags) answer.headers.delete('cache-tag');
  return answer;
}

async function serveFresh(request: Request, env: Env, ctx: ExecutionContext, render: Render): Promise<Response> {
  const settings = readCacheSettings(env);
  if (
    request.method !== 'GET' ||
    settings.mode === 'off' ||
    PERSONAL_COOKIES.test(request.headers.get('cookie') ?? '') ||
    // A protected article's reader: the answer is private whatever the cache holds.
    UNLOCK_COOKIE_PATTERN.test(request.headers.get('cookie') ?? '')
  ) {
    return finish(request, await render(), settings, 'BYPASS');
  }
  // With Workers Cache in front, a request reaching the Worker is a miss there:
  // render, and let the response headers tell that cache what to keep.
  if (settings.mode === 'workers-cache' && ctx.cache) {
    const { response: rendered, body } = await timed(render);
    const response = await finish(request, rendered, settings, 'MISS');
    if (isCacheable(response)) keepLastGood(ctx, lastGoodKey(request.url, readSettings(env).baseUrl), body, response);
    return response;
  }
  const version = await currentCacheVersion(env.DB, settings.versionBoundSeconds);
  const key = cacheKey(request.url, readSettings(env).baseUrl, version);
  const inMemory = memoryMatch(key);
  if (inMemory) return finish(request, inMemory, settings, 'HIT');
  const cache = caches.default;
  const hit = await cache.match(key);
  if (hit) {
    const body = await hit.arrayBuffer();
    memoryPut(key, body, hit, settings.versionBoundSeconds);
    return finish(request, new Response(body, hit), settings, 'HIT');
  }
  const { response: rendered, body } = await timed(render);
  const response = await finish(request, rendered, settings, 'MISS');
  if (isCacheable(response)) {
    const ttl = ttlFor(response, settings);
    const stored = new Response(body, response);
    // s-maxage too: a hit then keeps a page's own shorter life (see ttlFor).
    stored.headers.set('cache-control', `public, max-age=${ttl}, s-maxage=${ttl}`);
    memoryPut(key, body, stored, Math.min(ttl, settings.versionBoundSeconds));
    ctx.waitUntil(cache.put(key, stored));
    keepLastGood(ctx, lastGoodKey(request.url, readSettings(env).baseUrl), body, stored);
  }
  return response;
}

/** Renders, reading the body once: for the render time, the ETag and the caches. */
async function timed(render: Render): Promise<{ response: Response; body: ArrayBuffer }> {
  const start = performance.now();
  const response = await render();
  const body = await response.arrayBuffer();
  const timedResponse = new Response(body, response);
  // Workers clocks move only across I/O, so this is mostly D1 time: the part
  // worth knowing when debugging a slow page.
  timedResponse.headers.set('server-timing', `render;dur=${(performance.now() - start).toFixed(1)}`);
  if (response.status === 200 && !timedResponse.headers.has('etag')) {
    timedResponse.headers.set('etag', await strongEtag(body));
  }
  return { response: timedResponse, body };
}

function isCacheable(response: Response): boolean {
  const control = response.headers.get('cache-control') ?? '';
  return (
    CACHEABLE_STATUSES.has(response.status) && !response.headers.has('set-cookie') && !/private|no-store/.test(control)
  );
}

/**
 * A page may ask for a shorter edge life than the default with its own
 * s-maxage: search results (one entry per query) keep a minute, not a day.
 */
function ttlFor(response: Response, settings: CacheSettings): number {
  const fallback = response.status === 404 ? settings.notFoundTtlSeconds : settings.ttlSeconds;
  const asked = /(?:^|,)\s*s-maxage=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1];
  return asked === undefined ? fallback : Math.min(Number(asked), fallback);
}

/** Headers every answer gets, by policy; 304 when the browser already has it. */
async function finish(
  request: Request,
  response: Response,
  settings: CacheSettings,
  outcome: 'HIT' | 'MISS' | 'BYPASS',
): Promise<Response> {
  const final = new Response(response.body, response);
  const timing = final.headers.get('server-timing');
  final.headers.set(
    'server-timing',
    [`cache;desc="${outcome}"`, outcome === 'HIT' ? null : timing].filter(Boolean).join(', '),
  );
  if (outcome === 'BYPASS' || !isCacheable(final)) {
    if (!final.headers.has('cache-control')) final.headers.set('cache-control', 'no-store');
    final.headers.delete('cache-tag');
    return final;
  }
  // A missing page may be published any minute: publishing purges this tag.
  if (final.status === 404 && !final.headers.has('cache-tag')) final.headers.set('cache-tag', TAGS.notFound);
  const ttl = ttlFor(final, settings);
  final.headers.set('cache-control', `${BROWSER_POLICY}, s-maxage=${ttl}, stale-while-revalidate=60`);
  if (!final.headers.has('etag') && final.status === 200) {
    const body = await final.clone().arrayBuffer();
    final.headers.set('etag', await strongEtag(body));
  }
  if (isNotModified(request, final)) {
    const notModified = new Response(null, { status: 304, headers: final.headers });
    notModified.headers.delete('content-length');
    return notModified;
  }
  return final;
}

/**
 * The ETag decides when the browser sends one (RFC 9110: If-None-Match
 * overrides If-Modified-Since). Otherwise a route's Last-Modified (feeds
 * give one) must match the date exactly: "not newer than" would answer 304
 * after the newest item was removed, its date going back in time.
 */
function isNotModified(request: Request, response: Response): boolean {
  const etag = response.headers.get('etag');
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null) return etag !== null && matchesEtag(ifNoneMatch, etag);
  const lastModified = Date.parse(response.headers.get('last-modified') ?? '');
  const ifModifiedSince = Date.parse(request.headers.get('if-modified-since') ?? '');
  return response.status === 200 && !Number.isNaN(lastModified) && lastModified === ifModifiedSince;
}

export async function strongEtag(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  const base64 = btoa(String.fromCharCode(...digest.subarray(0, 18)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  return `"${base64}"`;
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '');
    return value === '*' || value === etag;
  });
}
