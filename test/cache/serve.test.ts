// The Cache API layer (local development, and deployments without Workers
// Cache): hits skip rendering and D1, the never-cache list, 304s, the bound.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/cache/key';
import { currentCacheVersion } from '../../src/cache/version';
import { insertArticle, insertComment } from '../fixtures';
import { callWorker, countingDb, instrumentedDb, recordingCacheContext } from '../support/worker';

// Server-Timing on: it is how these tests tell a hit from a miss.
const CACHED = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600, SERVER_TIMING: 'on' };
let articleId: number;

beforeAll(async () => {
  articleId = await insertArticle({ slug: 'en-cache', title: 'En cache', tags: ['Web'] });
  await insertComment({ articleId, body: 'Un commentaire approuvé.' });
});

const timing = (response: Response) => response.headers.get('server-timing') ?? '';

describe('a cached page', () => {
  it('is rendered once, then served without rendering or any D1 query', async () => {
    const cachedEnv = { ...CACHED };
    const first = countingDb();
    const miss = await callWorker('/en-cache', { env: { ...cachedEnv, DB: first.db } });
    expect(miss.status).toBe(200);
    expect(timing(miss)).toMatch(/^cache;desc="MISS", render;dur=\d+(\.\d)?$/);
    // The version read, then the page's batch (and nothing else: one round trip).
    expect(first.count()).toBeGreaterThan(1);
    const body = await miss.text();

    const second = countingDb();
    const hit = await callWorker('/en-cache', { env: { ...cachedEnv, DB: second.db } });
    expect(timing(hit)).toBe('cache;desc="HIT"');
    expect(await hit.text()).toBe(body);
    expect(second.count()).toBe(0);
  });

  it('tells browsers to revalidate and the edge to keep it, with a strong ETag', async () => {
    const response = await callWorker('/en-cache', { env: CACHED });
    expect(response.headers.get('cache-control')).toBe(
      'public, max-age=0, must-revalidate, s-maxage=86400, stale-while-revalidate=60',
    );
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{24}"$/);
  });

  it('keeps its tags in the copy it stores, and gives browsers none of them (they name articles), hit or miss', async () => {
    const path = '/en-cache?tags=1';
    const miss = await callWorker(path, { env: CACHED });
    const hit = await callWorker(path, { env: CACHED });
    expect([timing(miss).slice(0, 17), timing(hit)]).toEqual(['cache;desc="MISS"', 'cache;desc="HIT"']);
    expect([miss.headers.get('cache-tag'), hit.headers.get('cache-tag')]).toEqual([null, null]);
    const version = await currentCacheVersion(env.DB, CACHED.CACHE_VERSION_BOUND_SECONDS);
    const stored = await caches.default.match(
      cacheKey(`http://localhost:8787${path}`, 'http://localhost:8787', version),
    );
    expect(stored?.headers.get('cache-tag')).toContain(`article:${articleId}`);
  });

  it('answers 304 to a browser that has the current version, hit or miss', async () => {
    const etag = (await callWorker('/en-cache', { env: CACHED })).headers.get('etag') as string;
    const notModified = await callWorker('/en-cache', { env: CACHED, init: { headers: { 'if-none-match': etag } } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    const weak = await callWorker('/en-cache', { env: CACHED, init: { headers: { 'if-none-match': `W/${etag}` } } });
    expect(weak.status).toBe(304);
    const other = await callWorker('/en-cache', { env: CACHED, init: { headers: { 'if-none-match': '"other"' } } });
    expect(other.status).toBe(200);
    const miss = await callWorker('/?fresh=1', { env: CACHED });
    const missEtag = miss.headers.get('etag') as string;
    const revalidated = await callWorker('/?fresh=2', {
      env: CACHED,
      init: { headers: { 'if-none-match': missEtag } },
    });
    expect(timing(revalidated)).toContain('MISS');
    expect(revalidated.status).toBe(304);
  });

  it('shares one entry between URLs that differ only by tracking parameters or query order', async () => {
    await callWorker('/tag/web?page=1&utm_source=x', { env: CACHED });
    await callWorker('/en-cache?b=2&a=1', { env: CACHED });
    expect(timing(await callWorker('/en-cache?a=1&b=2&fbclid=z', { env: CACHED }))).toBe('cache;desc="HIT"');
  });

  it('keeps a 404 only briefly, tagged so that publishing purges it', async () => {
    const missing = await callWorker('/pas-encore', { env: CACHED });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe(
      'public, max-age=0, must-revalidate, s-maxage=60, stale-while-revalidate=60',
    );
    expect(timing(await callWorker('/pas-encore', { env: CACHED }))).toBe('cache;desc="HIT"');
    const version = await currentCacheVersion(env.DB, CACHED.CACHE_VERSION_BOUND_SECONDS);
    const stored = await caches.default.match(
      cacheKey('http://localhost:8787/pas-encore', 'http://localhost:8787', version),
    );
    expect(stored?.headers.get('cache-tag')).toBe('not-found');
  });

  it('serves HEAD from the cache, without a body', async () => {
    await callWorker('/en-cache', { env: CACHED });
    const head = await callWorker('/en-cache', { env: CACHED, init: { method: 'HEAD' } });
    expect(head.status).toBe(200);
    expect(timing(head)).toBe('cache;desc="HIT"');
    expect(await head.text()).toBe('');
  });
});

describe('what readers learn of the cache', () => {
  it('nothing, unless the author turns Server-Timing on: no HIT or MISS, no render time, no Cache-Tag', async () => {
    const quiet = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600 };
    const edge = { env: { EDGE_CACHE: 'workers-cache' }, cache: recordingCacheContext().cache };
    const answers = [
      await callWorker('/en-cache?quiet=1', { env: quiet }),
      await callWorker('/en-cache?quiet=1', { env: quiet }),
      await callWorker('/pas-la?quiet=1', { env: quiet }),
      await callWorker('/en-cache?quiet=1', { env: { EDGE_CACHE: 'off' } }),
      await callWorker('/en-cache?quiet=1', edge),
    ];
    expect(answers.map((response) => response.headers.get('server-timing'))).toEqual([null, null, null, null, null]);
    expect(answers.slice(0, 4).map((response) => response.headers.get('cache-tag'))).toEqual([null, null, null, null]);
    // Workers Cache reads it, and takes it off before the browser.
    expect(answers[4]?.headers.get('cache-tag')).toContain(`article:${articleId}`);
  });
});

describe('never cached, never served from cache', () => {
  it('a commenter’s personal view of their held comment', async () => {
    await callWorker('/en-cache', { env: CACHED });
    const personal = await callWorker('/en-cache', {
      env: CACHED,
      init: { headers: { cookie: 'causerie_pending=forged.token' } },
    });
    expect(timing(personal)).toContain('BYPASS');
    expect(personal.headers.get('cache-tag')).toBeNull();
  });

  it('POSTs and responses that set a cookie', async () => {
    const post = await callWorker('/en-cache/comments', {
      env: CACHED,
      init: {
        method: 'POST',
        body: new URLSearchParams({
          author: 'A',
          email: `cache-${crypto.randomUUID().slice(0, 6)}@example.org`,
          body: 'Texte',
          'cf-turnstile-response': 'pass',
        }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          'cf-connecting-ip': '2001:db8::cafe',
        },
      },
    });
    expect(post.status).toBe(303);
    expect(post.headers.get('set-cookie')).not.toBeNull();
    expect(post.headers.get('cache-control')).toBe('no-store');
    expect(timing(post)).toContain('BYPASS');
  });

  it('server errors', async () => {
    const broken = instrumentedDb({ batch: () => new Error('D1 down') });
    // A failing D1 answers 503 (src/db/errors.ts): a server error all the same, never kept.
    const failed = await callWorker('/?page=2&broken=1', { env: { ...CACHED, DB: broken } });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('cache-control')).toBe('no-store');
    const after = await callWorker('/?page=2&broken=1', { env: CACHED });
    expect(after.status).not.toBe(503);
    expect(timing(after)).toContain('MISS');
  });
});

describe('the staleness bound', () => {
  it('lets a data centre serve a pre-change page for at most CACHE_VERSION_BOUND_SECONDS', async () => {
    const bounded = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 1, SERVER_TIMING: 'on' };
    await callWorker('/en-cache?bound=1', { env: bounded });
    // Another isolate (or a command-line tool) changes content and bumps the version in D1.
    await env.DB.prepare("UPDATE articles SET title = 'Titre changé ailleurs' WHERE slug = 'en-cache'").run();
    await env.DB.prepare('UPDATE cache_state SET version = version + 1 WHERE id = 1').run();
    const withinBound = await callWorker('/en-cache?bound=1', { env: bounded });
    expect(timing(withinBound)).toBe('cache;desc="HIT"');
    expect(await withinBound.text()).not.toContain('Titre changé ailleurs');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const afterBound = await callWorker('/en-cache?bound=1', { env: bounded });
    expect(timing(afterBound)).toContain('MISS');
    expect(await afterBound.text()).toContain('Titre changé ailleurs');
  });
});
