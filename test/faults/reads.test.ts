// D1 failing or hanging while a page is read: the reader gets a 503 page in
// their language saying when to come back (never a 500, never cached), or
// the page's last good copy when the Cache API layer has one.
import { afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { en } from '../../src/views/i18n/en';
import { fr } from '../../src/views/i18n/fr';
import { insertArticle } from '../fixtures';
import { logIn } from '../support/admin';
import { faultyDb, fetchWorker, isRead } from './faulty-db';

const SLUG = 'panne-de-lecture';
// Server-Timing on: it is how these tests tell a hit, a miss and the last good copy apart.
const CACHED = { EDGE_CACHE: 'cache-api', SERVER_TIMING: 'on' };

beforeAll(async () => {
  await insertArticle({ slug: SLUG, title: 'Un billet qui survit aux pannes', tags: ['Pannes'] });
});

// Each failure is logged for the operator; the spies keep those expected logs
// out of the test output, and the assertions below prove they happen.
let errors: MockInstance<typeof console.error>;
let warnings: MockInstance<typeof console.warn>;
beforeEach(() => {
  errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

const failingReads = () => faultyDb({ call: (call) => (isRead(call) ? 'error' : undefined) });
const hangingReads = () => faultyDb({ call: (call) => (isRead(call) ? 'hang' : undefined) });

function timing(response: Response): string {
  return response.headers.get('server-timing') ?? '';
}

async function expectUnavailable(response: Response, language: 'fr' | 'en' = 'fr'): Promise<void> {
  const strings = language === 'fr' ? fr : en;
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('30');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const html = await response.text();
  expect(html).toContain(`<html lang="${language}"`);
  expect(html).toContain(`<h1>${strings.unavailableTitle}</h1>`);
  expect(html).toContain(strings.unavailableText);
  expect(errors).toHaveBeenCalledWith('D1 failing', expect.any(String), expect.any(String), expect.any(Error));
}

describe('a D1 error mid-read', () => {
  it.each([
    ['the home page', '/'],
    ['an article', `/${SLUG}`],
    ['a tag page', '/tag/pannes'],
    ['a feed', '/feed.xml'],
    ['the search', '/search?q=pannes'],
    ['the sitemap', '/sitemap.xml'],
    ['an old WordPress address', '/?p=4242'],
  ])('gives %s a 503 page with Retry-After', async (_name, path) => {
    await expectUnavailable(await fetchWorker(path, { db: failingReads().db }));
  });

  it('speaks the reader’s language when the page cannot tell its own', async () => {
    const response = await fetchWorker(`/${SLUG}`, {
      db: failingReads().db,
      init: { headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' } },
    });
    await expectUnavailable(response, 'en');
  });

  it('answers HEAD with the status and headers only', async () => {
    const response = await fetchWorker(`/${SLUG}`, { db: failingReads().db, init: { method: 'HEAD' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.text()).toBe('');
    expect(errors).toHaveBeenCalledWith('D1 failing', 'HEAD', expect.any(String), expect.any(Error));
  });

  it('gives the moderation desk a 503 too', async () => {
    const admin = await logIn();
    const response = await fetchWorker('/admin/comments', {
      db: failingReads().db,
      env: admin.env,
      init: { headers: { cookie: admin.cookie } },
    });
    await expectUnavailable(response);
  });

  it('leaves nothing behind: the same page renders as soon as D1 answers', async () => {
    await expectUnavailable(await fetchWorker(`/${SLUG}?after=1`, { db: failingReads().db, env: CACHED }));
    const healthy = await fetchWorker(`/${SLUG}?after=1`, { env: CACHED });
    expect(healthy.status).toBe(200);
    expect(timing(healthy)).toContain('MISS');
  });
});

describe('a D1 call that never answers', () => {
  it('is cut off at D1_TIMEOUT_MS and answered 503', async () => {
    const started = Date.now();
    const response = await fetchWorker(`/${SLUG}`, { db: hangingReads().db, env: { D1_TIMEOUT_MS: 250 } });
    const elapsed = Date.now() - started;
    await expectUnavailable(response);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
  });

  it('is cut off inside a batch as well', async () => {
    const { db, calls } = faultyDb({ call: (call) => (call.method === 'batch' ? 'hang' : undefined) });
    await expectUnavailable(await fetchWorker('/tag/pannes', { db }));
    expect(calls.some((call) => call.method === 'batch' && call.fault === 'hang')).toBe(true);
  });
});

describe('with a last good copy in the Cache API layer', () => {
  const purge = () =>
    fetchWorker('/_causerie/cache/purge', {
      env: CACHED,
      init: {
        method: 'POST',
        headers: { authorization: 'Bearer test-cache-purge-token', 'content-type': 'application/json' },
        body: JSON.stringify({ tags: ['articles'] }),
      },
    });

  it('serves it when D1 fails after a change made the cached page out of date', async () => {
    const first = await fetchWorker(`/${SLUG}?copy=1`, { env: CACHED });
    expect(first.status).toBe(200);
    expect(timing(first)).toContain('MISS');
    // A change elsewhere: the page's current cache key now holds nothing.
    expect((await purge()).status).toBe(200);

    const { db, calls } = failingReads();
    const stale = await fetchWorker(`/${SLUG}?copy=1`, { db, env: CACHED });
    expect(calls.some((call) => call.fault === 'error')).toBe(true);
    expect(stale.status).toBe(200);
    expect(timing(stale)).toBe('cache;desc="STALE"');
    // Out of date perhaps: neither browsers nor the edge may keep it.
    expect(stale.headers.get('cache-control')).toBe('no-store');
    expect(stale.headers.get('etag')).toBeNull();
    expect(await stale.text()).toContain('<h1>Un billet qui survit aux pannes</h1>');
    expect(warnings).toHaveBeenCalledWith(
      'D1 failing: serving the last good copy of',
      expect.stringContaining('copy=1'),
      expect.any(Error),
    );

    // D1 back: the page is rendered afresh, the stale copy was never stored as current.
    const fresh = await fetchWorker(`/${SLUG}?copy=1`, { env: CACHED });
    expect(fresh.status).toBe(200);
    expect(timing(fresh)).toContain('MISS');
  });

  it('serves it when the cache version itself cannot be read', async () => {
    const bounded = { ...CACHED, CACHE_VERSION_BOUND_SECONDS: 1 };
    expect((await fetchWorker(`/${SLUG}?copy=2`, { env: bounded })).status).toBe(200);
    // Past the bound, the Worker must ask D1 for the version before looking in the cache.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { db, calls } = failingReads();
    const stale = await fetchWorker(`/${SLUG}?copy=2`, { db, env: bounded });
    expect(calls[0]?.sql[0]).toContain('cache_state');
    expect(stale.status).toBe(200);
    expect(timing(stale)).toBe('cache;desc="STALE"');
    expect(await stale.text()).toContain('Un billet qui survit aux pannes');
  });

  it('answers 503 for a page that was never rendered', async () => {
    await purge();
    await expectUnavailable(await fetchWorker(`/${SLUG}?never=1`, { db: failingReads().db, env: CACHED }));
  });

  it('keeps no copy of anything but a 200', async () => {
    expect((await fetchWorker('/billet-absent-en-panne', { env: CACHED })).status).toBe(404);
    await purge();
    await expectUnavailable(await fetchWorker('/billet-absent-en-panne', { db: failingReads().db, env: CACHED }));
  });
});
