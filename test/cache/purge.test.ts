// Every kind of change purges every page that shows it, in both layers:
// Workers Cache by tag (a recording stand-in for ctx.cache, which only exists
// in production), the Cache API layer by version (the next GET shows it).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDeleteStatements,
  buildLookupQuery,
  buildSetStatusStatements,
  type CommentStateRow,
  purgeTagsFor,
} from '../../scripts/lib/comments-cli.ts';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements } from '../../scripts/lib/sql.ts';
import { tagsForArticleChange } from '../../src/cache/tags';
import { BUMP_CACHE_VERSION_SQL } from '../../src/cache/version-sql';
import { insertArticle, insertComment } from '../fixtures';
import { callWorker, recordingCacheContext } from '../support/worker';

// Server-Timing on: it is how these tests tell a hit from a miss.
const CACHED = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600, SERVER_TIMING: 'on' };
const TOKEN = 'test-cache-purge-token';
let articleId: number;

beforeAll(async () => {
  articleId = await insertArticle({ slug: 'suivi', title: 'Suivi', tags: ['Web', 'Blog'] });
});

/** What a command-line tool does: write (with the version bump) through wrangler, then ask the Worker to purge. */
async function asTheCliDoes(statements: string[], tags: string[]) {
  await env.DB.batch([...statements, BUMP_CACHE_VERSION_SQL].map((sql) => env.DB.prepare(sql)));
  const { cache, purges } = recordingCacheContext();
  const response = await callWorker('/_causerie/cache/purge', {
    env: { ...CACHED, EDGE_CACHE: 'workers-cache' },
    cache,
    init: { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ tags }) },
  });
  expect(response.status).toBe(200);
  return purges;
}

/** Test data written straight to D1 must also retire cached pages before the "before" check. */
const insertVisibleComment = async (fixture: Parameters<typeof insertComment>[0]) => {
  const id = await insertComment(fixture);
  await asTheCliDoes([], ['home']);
  return id;
};

const page = async (path: string) => {
  const response = await callWorker(path, { env: CACHED });
  return { text: await response.text(), timing: response.headers.get('server-timing') ?? '' };
};

describe('the purge endpoint', () => {
  const purge = (init: RequestInit, extraEnv: Record<string, unknown> = {}) => {
    const recorder = recordingCacheContext();
    return callWorker('/_causerie/cache/purge', {
      env: { EDGE_CACHE: 'workers-cache', ...extraEnv },
      cache: recorder.cache,
      init: { method: 'POST', ...init },
    }).then((response) => ({ response, purges: recorder.purges }));
  };

  it('purges the given tags in Workers Cache and bumps the Cache API version', async () => {
    const before = await env.DB.prepare('SELECT version FROM cache_state').first<{ version: number }>();
    const { response, purges } = await purge({
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ tags: ['home', 'article:1'] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      tags: ['home', 'article:1'],
      workersCache: 'purged',
      cacheApiVersion: (before?.version ?? 0) + 1,
    });
    expect(purges).toEqual([{ method: 'purge', options: { tags: ['home', 'article:1'] } }]);
  });

  it('refuses a wrong token, a bad body, and does not exist without a token configured', async () => {
    expect(
      (await purge({ headers: { authorization: 'Bearer nope' }, body: '{"tags":["home"]}' })).response.status,
    ).toBe(401);
    expect((await purge({ headers: { authorization: `Bearer ${TOKEN}` }, body: 'not json' })).response.status).toBe(
      400,
    );
    const badTags = await purge({ headers: { authorization: `Bearer ${TOKEN}` }, body: '{"tags":["<script>"]}' });
    expect(badTags.response.status).toBe(422);
    expect(badTags.purges).toEqual([]);
    const off = await purge(
      { headers: { authorization: `Bearer ${TOKEN}` }, body: '{"tags":["home"]}' },
      { CACHE_PURGE_TOKEN: '' },
    );
    expect(off.response.status).toBe(404);
  });
});

describe('Workers Cache mode', () => {
  it('lets the headers drive Cloudflare’s cache: tags on every public page, and no Cache API use', async () => {
    const { cache } = recordingCacheContext();
    const mode = { EDGE_CACHE: 'workers-cache', SERVER_TIMING: 'on' };
    const expectations: [string, string][] = [
      // Every HTML page shows the menu, which publishing a page purges.
      ['/', 'home,articles,menu'],
      ['/tag/web', 'tag:web,articles,menu'],
      ['/feed.xml', 'feed,articles'],
      ['/inexistant', 'not-found'],
    ];
    for (const [path, tags] of expectations) {
      const first = await callWorker(path, { env: mode, cache });
      expect(first.headers.get('cache-tag'), path).toBe(tags);
      expect(first.headers.get('cache-control'), path).toMatch(/^public, max-age=0, must-revalidate, s-maxage=\d+/);
      const second = await callWorker(path, { env: mode, cache });
      expect(second.headers.get('server-timing'), path).toContain('MISS');
    }
  });

  it('falls back to the Cache API where ctx.cache does not exist (local workerd)', async () => {
    const mode = { EDGE_CACHE: 'workers-cache', CACHE_VERSION_BOUND_SECONDS: 3600, SERVER_TIMING: 'on' };
    await callWorker('/tag/blog', { env: mode });
    const again = await callWorker('/tag/blog', { env: mode });
    expect(again.headers.get('server-timing')).toBe('cache;desc="HIT"');
  });
});

describe('each kind of change shows on the next GET', () => {
  it('a comment published at once (a returning commenter) purges its article, the home page and its tag pages', async () => {
    const email = `fidele-${crypto.randomUUID().slice(0, 6)}@example.org`;
    await insertVisibleComment({ articleId, author: 'Fidèle', email, body: 'Déjà approuvé.' });
    await page('/suivi');
    const { cache, purges } = recordingCacheContext();
    const posted = await callWorker('/suivi/comments', {
      env: { ...CACHED, EDGE_CACHE: 'workers-cache' },
      cache,
      init: {
        method: 'POST',
        body: new URLSearchParams({
          author: 'Fidèle',
          email,
          body: 'Publié tout de suite.',
          'cf-turnstile-response': 'pass',
        }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          'cf-connecting-ip': '2001:db8::f1de',
        },
      },
    });
    expect(posted.status).toBe(303);
    expect(purges).toEqual([
      { method: 'purge', options: { tags: [`article:${articleId}`, 'home', 'archives', 'tag:blog', 'tag:web'] } },
    ]);
    expect((await page('/suivi')).text).toContain('Publié tout de suite.');
  });

  it('publishing a new article (home, its tag page, the date archives, the 404 it replaces)', async () => {
    for (const path of ['/', '/tag/web', '/archives', '/tout-neuf']) await page(path);
    expect((await page('/archives')).text).not.toContain('/2026/01');
    const post = parsePost(
      'content/posts/tout-neuf.md',
      '---\ntitle: Tout neuf\ndate: 2026-01-01T10:00:00Z\ntags: [Web]\n---\n\nCorps.\n',
      'fr',
    );
    const purges = await asTheCliDoes(buildPublishStatements([{ post, sourceHash: 'h1' }], 1), tagsForArticleChange());
    expect(purges[0]?.options.tags).toEqual(['articles', 'home', 'feed', 'sitemap', 'not-found']);
    expect((await page('/')).text).toContain('Tout neuf');
    expect((await page('/tag/web')).text).toContain('Tout neuf');
    expect((await page('/archives')).text).toContain('<a href="/2026/01">janvier 2026</a>');
    expect((await page('/2026/01')).text).toContain('Tout neuf');
    const article = await callWorker('/tout-neuf', { env: CACHED });
    expect(article.status).toBe(200);
  });

  it('editing an article', async () => {
    await page('/suivi');
    await page('/');
    await asTheCliDoes(["UPDATE articles SET title = 'Suivi, édité' WHERE slug = 'suivi'"], tagsForArticleChange());
    expect((await page('/suivi')).text).toContain('<h1>Suivi, édité</h1>');
    expect((await page('/')).text).toContain('Suivi, édité');
  });

  it.each([
    ['approving', 'approved', 'pending', true],
    ['marking as spam', 'spam', 'approved', false],
    ['trashing', 'trash', 'approved', false],
  ] as const)('%s a comment', async (_label, status, from, visible) => {
    const body = `Commentaire à ${status} ${crypto.randomUUID().slice(0, 6)}`;
    const id = await insertVisibleComment({ articleId, body, status: from });
    expect((await page('/suivi')).text.includes(body)).toBe(!visible);
    const rows = (await env.DB.prepare(buildLookupQuery([id])).all<CommentStateRow>()).results;
    const tags = purgeTagsFor(rows, [id]);
    expect(tags.sort()).toEqual([`article:${articleId}`, 'home', 'archives', 'tag:blog', 'tag:web'].sort());
    const purges = await asTheCliDoes(buildSetStatusStatements([id], status), tags);
    expect(purges[0]?.options.tags).toEqual(tags);
    expect((await page('/suivi')).text.includes(body)).toBe(visible);
  });

  it('deleting a comment', async () => {
    const body = `À supprimer ${crypto.randomUUID().slice(0, 6)}`;
    const id = await insertVisibleComment({ articleId, body });
    expect((await page('/suivi')).text).toContain(body);
    const rows = (await env.DB.prepare(buildLookupQuery([id])).all<CommentStateRow>()).results;
    await asTheCliDoes(buildDeleteStatements([id]), purgeTagsFor(rows, [id]));
    expect((await page('/suivi')).text).not.toContain(body);
  });

  it('closing comments', async () => {
    expect((await page('/suivi')).text).toContain('<form id="comment-form"');
    await asTheCliDoes(["UPDATE articles SET comments_open = 0 WHERE slug = 'suivi'"], [`article:${articleId}`]);
    expect((await page('/suivi')).text).not.toContain('<form id="comment-form"');
    await asTheCliDoes(["UPDATE articles SET comments_open = 1 WHERE slug = 'suivi'"], [`article:${articleId}`]);
  });
});
