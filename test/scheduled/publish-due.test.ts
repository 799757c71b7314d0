// Scheduled publishing: an article dated in the future appears by itself at
// its time on every page, even pages the edge had cached before then, because
// the every-minute Cron Trigger purges them. The pages read the clock (faked
// here to move past the article's date); the cron run reads its scheduled time.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { DAY, insertArticle, insertComment, now } from '../fixtures';
import { callWorker, recordingCacheContext } from '../support/worker';

const EVERY_MINUTE = '* * * * *';
const DAILY = '17 3 * * *';
/** Pages cached by the Worker (Cache API layer), as `npm run dev` and local workerd serve them. */
// Server-Timing on: it is how this test tells a hit from a miss.
const CACHED = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600, SERVER_TIMING: 'on' };
const ARTICLE_TAGS = ['articles', 'home', 'feed', 'sitemap', 'not-found'];

/** Runs a Cron Trigger as Cloudflare would at `atSeconds`, with Workers Cache in front (a recording ctx.cache). */
async function runCron(cron: string, atSeconds: number, purgeSucceeds = true) {
  const { cache, purges } = recordingCacheContext();
  const ctx = createExecutionContext();
  const failing: CacheContext = {
    ...cache,
    purge: async (options) => {
      await cache.purge(options);
      return { success: false, errors: [{ code: 1, message: 'purge refused' }] };
    },
  };
  Object.assign(ctx, { cache: purgeSucceeds ? cache : failing });
  const controller = createScheduledController({ cron, scheduledTime: atSeconds * 1000 });
  const cronEnv = { ...env, EDGE_CACHE: 'workers-cache', CACHE_VERSION_BOUND_SECONDS: 3600 } as Env;
  try {
    await worker.scheduled(controller, cronEnv, ctx);
  } finally {
    await waitOnExecutionContext(ctx);
  }
  return purges.map((purge) => purge.options.tags);
}

const page = async (path: string) => {
  const response = await callWorker(path, { env: CACHED });
  return {
    status: response.status,
    text: await response.text(),
    cache: /HIT|MISS/.exec(response.headers.get('server-timing') ?? '')?.[0],
  };
};

const checkedUntil = async () =>
  (await env.DB.prepare('SELECT checked_until FROM scheduled_publishing').first<{ checked_until: number }>())
    ?.checked_until;
const setCheckedUntil = (seconds: number) =>
  env.DB.prepare('UPDATE scheduled_publishing SET checked_until = ?1').bind(seconds).run();
const cacheVersion = async () =>
  (await env.DB.prepare('SELECT version FROM cache_state').first<{ version: number }>())?.version;

/** Moves the clock the pages read (Date), leaving timers alone. */
function setClock(seconds: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(seconds * 1000);
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('an article dated in the future', () => {
  let start: number;
  let publishedAt: number;

  beforeEach(async () => {
    start = now();
    publishedAt = start + 600;
    setClock(start);
    await setCheckedUntil(start);
    // Articles an earlier test dated in the future would come due in this one's runs.
    await env.DB.prepare('DELETE FROM articles WHERE published_at > ?1').bind(start).run();
  });

  it('is nowhere before its time, then everywhere after the next run, though every page was cached', async () => {
    const suffix = crypto.randomUUID().slice(0, 6);
    const slug = `a-venir-${suffix}`;
    const tag = `Calendrier ${suffix}`;
    const tagPath = `/tag/calendrier-${suffix}`;
    const title = `À venir ${suffix}`;
    await insertArticle({ slug: `ancien-${suffix}`, title: `Ancien ${suffix}`, tags: [tag], publishedAt: start - DAY });
    await insertArticle({ slug, title, tags: [tag], publishedAt });
    const pages = ['/', tagPath, '/feed.xml', `/ancien-${suffix}`];

    expect((await page(`/${slug}`)).status).toBe(404);
    for (const path of pages) {
      const before = await page(path);
      expect(before.status, path).toBe(200);
      expect(before.text, path).not.toContain(title);
    }

    // Its time passes: the pages cached before it still do not show it…
    setClock(publishedAt + 30);
    for (const path of pages) {
      const stale = await page(path);
      expect(stale.cache, path).toBe('HIT');
      expect(stale.text, path).not.toContain(title);
    }

    // …until the next minute's run purges them.
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const purges = await runCron(EVERY_MINUTE, publishedAt + 60);
    expect(purges).toEqual([[...ARTICLE_TAGS, `tag:calendrier-${suffix}`]]);
    expect(log.mock.calls.map((call) => String(call[0]))).toEqual([
      `Scheduled publishing: ${slug} now visible; purged ${[...ARTICLE_TAGS, `tag:calendrier-${suffix}`].join(', ')}.`,
    ]);

    const article = await page(`/${slug}`);
    expect(article.status).toBe(200);
    expect(article.text).toContain(`<h1>${title}</h1>`);
    for (const path of pages) {
      const after = await page(path);
      expect(after.cache, path).toBe('MISS');
      expect(after.text, path).toContain(path === '/feed.xml' ? `<title>${title}</title>` : `href="/${slug}"`);
    }
    expect(await checkedUntil()).toBe(publishedAt + 60);
  });

  it('purges nothing on the runs where nothing came due', async () => {
    await insertArticle({ slug: 'plus-tard', tags: ['Plus tard'], publishedAt: start + 3 * DAY });
    const version = await cacheVersion();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runCron(EVERY_MINUTE, start + 60)).toEqual([]);
    expect(await runCron(EVERY_MINUTE, start + 120)).toEqual([]);
    expect(await cacheVersion()).toBe(version);
    expect(log).not.toHaveBeenCalled();
    expect(await checkedUntil()).toBe(start + 120);
  });

  it('is purged for once: the next runs leave the cache alone', async () => {
    await insertArticle({ slug: 'une-fois', tags: ['Une fois'], publishedAt });
    expect(await runCron(EVERY_MINUTE, publishedAt)).toEqual([[...ARTICLE_TAGS, 'tag:une-fois']]);
    const version = await cacheVersion();
    expect(await runCron(EVERY_MINUTE, publishedAt + 60)).toEqual([]);
    expect(await cacheVersion()).toBe(version);
  });

  it('is still purged when runs were missed, and again after a failed purge', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await insertArticle({ slug: 'rattrape', tags: ['Rattrapage'], publishedAt });
    // No run between its date and an hour later, then a run whose purge fails.
    await expect(runCron(EVERY_MINUTE, publishedAt + 3600, false)).rejects.toThrow(/rattrape/);
    expect(await checkedUntil()).toBe(start);
    expect(await runCron(EVERY_MINUTE, publishedAt + 3660)).toEqual([[...ARTICLE_TAGS, 'tag:rattrapage']]);
    expect(await checkedUntil()).toBe(publishedAt + 3660);
  });

  it('never shows a draft, whatever its date, and purges nothing for it', async () => {
    const title = 'Brouillon daté';
    await insertArticle({ slug: 'brouillon', title, status: 'draft', tags: ['Brouillons'], publishedAt });
    await insertArticle({ slug: 'brouillon-passe', title, status: 'draft', publishedAt: start - DAY });
    setClock(publishedAt + 30);
    expect(await runCron(EVERY_MINUTE, publishedAt + 60)).toEqual([]);
    expect((await page('/brouillon')).status).toBe(404);
    expect((await page('/brouillon-passe')).status).toBe(404);
    expect((await page('/tag/brouillons')).status).toBe(404);
    for (const path of ['/', '/feed.xml']) expect((await page(path)).text, path).not.toContain(title);
  });
});

describe('the first run', () => {
  it('starts checking from its own time instead of purging for every article already published', async () => {
    await insertArticle({ slug: 'deja-la', tags: ['Déjà'], publishedAt: now() - 60 });
    await env.DB.prepare('DELETE FROM scheduled_publishing').run();
    const runAt = now();
    expect(await runCron(EVERY_MINUTE, runAt)).toEqual([]);
    expect(await checkedUntil()).toBe(runAt);
  });
});

describe('the daily run', () => {
  it('still erases the IP hashes past the retention period, and purges nothing', async () => {
    const runAt = now();
    const articleId = await insertArticle({ slug: `ip-${crypto.randomUUID().slice(0, 6)}` });
    const old = await insertComment({ articleId, createdAt: runAt - 91 * DAY });
    const recent = await insertComment({ articleId, createdAt: runAt - 89 * DAY });
    await env.DB.prepare("UPDATE comments SET ip_hash = 'hash' WHERE id IN (?1, ?2)").bind(old, recent).run();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runCron(DAILY, runAt)).toEqual([]);
    const hashes = await env.DB.prepare('SELECT id, ip_hash FROM comments WHERE id IN (?1, ?2) ORDER BY id')
      .bind(old, recent)
      .all<{ id: number; ip_hash: string | null }>();
    expect(hashes.results).toEqual([
      { id: old, ip_hash: null },
      { id: recent, ip_hash: 'hash' },
    ]);
  });

  it('fails loudly on a Cron Trigger it has no job for', async () => {
    await expect(runCron('*/5 * * * *', now())).rejects.toThrow('No job for the Cron Trigger "*/5 * * * *"');
  });
});
