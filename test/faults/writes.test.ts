// D1 failing or hanging while a comment is written: 503 with Retry-After, the
// form back with everything typed, and no partial write (the comment and the
// cache version bump of a comment published at once commit together or not
// at all). siteverify down: the comment is kept, held for moderation.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { fr } from '../../src/views/i18n/fr';
import { insertArticle, insertComment } from '../fixtures';
import { commentsByEmail, freshIp } from '../support/comments';
import { faultyDb, fetchWorker } from './faulty-db';

const SLUG = 'panne-d-ecriture';
const KNOWN = 'lectrice-fidele@example.org';
let parentId: number;

beforeAll(async () => {
  const articleId = await insertArticle({ slug: SLUG, title: 'Un billet à commenter pendant une panne' });
  parentId = await insertComment({ articleId, email: KNOWN, author: 'Lectrice fidèle', body: 'Premier !' });
});

function post(fields: Record<string, string>, options: { db?: D1Database; env?: Record<string, unknown> } = {}) {
  const body = new URLSearchParams({
    author: 'Dominique Panne',
    email: `panne-${crypto.randomUUID().slice(0, 8)}@example.org`,
    url: 'https://example.org/dominique',
    body: 'Un commentaire écrit pendant une panne, à ne pas perdre.',
    parent_id: '',
    contact_me_by_fax_only: '',
    'cf-turnstile-response': 'pass',
    ...fields,
  });
  return fetchWorker(`/${SLUG}/comments`, {
    ...options,
    init: {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        'cf-connecting-ip': freshIp(),
      },
    },
  });
}

const cacheVersion = async () =>
  (await env.DB.prepare('SELECT version FROM cache_state WHERE id = 1').first<{ version: number }>())?.version;

async function expectFormKept(response: Response, typed: Record<string, string>): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('30');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const html = await response.text();
  expect(html).toContain(fr.form.notices.unavailable);
  expect(html).toContain(`<form id="comment-form" method="post" action="/${SLUG}/comments"`);
  expect(html).toContain(`value="${typed.author}"`);
  expect(html).toContain(`value="${typed.email}"`);
  expect(html).toContain(`value="${typed.url}"`);
  expect(html).toContain(`>${typed.body}</textarea>`);
  if (typed.parent_id) expect(html).toContain(`name="parent_id" value="${typed.parent_id}"`);
}

const writesComment = (sql: string[]) => sql.some((statement) => statement.includes('INSERT INTO comments'));

describe('a D1 failure while the comment is written', () => {
  it('answers 503 with the form kept and stores nothing', async () => {
    const typed = {
      author: 'Alix Erreur',
      email: 'alix-erreur@example.org',
      url: 'https://example.org/alix',
      body: 'Réponse tapée avec soin.',
      parent_id: String(parentId),
    };
    const { db, calls } = faultyDb({ call: (call) => (writesComment(call.sql) ? 'error' : undefined) });
    await expectFormKept(await post(typed, { db }), typed);
    expect(calls.filter((call) => call.fault === 'error')).toHaveLength(1);
    expect(await commentsByEmail(typed.email)).toEqual([]);
  });

  it('gives up at the deadline when D1 does not answer, and stores nothing', async () => {
    const typed = { author: 'Alix Silence', email: 'alix-silence@example.org', url: '', body: 'Toujours là ?' };
    const { db } = faultyDb({ call: (call) => (writesComment(call.sql) ? 'hang' : undefined) });
    const started = Date.now();
    const response = await post(typed, { db, env: { D1_TIMEOUT_MS: 250 } });
    expect(Date.now() - started).toBeLessThan(3000);
    await expectFormKept(response, { ...typed, url: '' });
    expect(await commentsByEmail(typed.email)).toEqual([]);
  });

  it('keeps the form when every read fails as well, on a page of its own', async () => {
    const typed = { author: 'Alix Noir', email: 'alix-noir@example.org', url: '', body: 'Plus rien ne répond.' };
    const { db } = faultyDb({ call: () => 'error' });
    await expectFormKept(await post(typed, { db }), typed);
    expect(await commentsByEmail(typed.email)).toEqual([]);
  });
});

describe('a comment published at once', () => {
  it('commits the comment and the cache version bump together', async () => {
    const before = await cacheVersion();
    const page = await fetchWorker(`/${SLUG}`, { env: { EDGE_CACHE: 'cache-api' } });
    expect(page.status).toBe(200);
    const response = await post(
      { author: 'Lectrice fidèle', email: KNOWN, body: 'Publié tout de suite.' },
      { env: { EDGE_CACHE: 'cache-api' } },
    );
    expect(response.status).toBe(303);
    expect(await cacheVersion()).toBe((before ?? 0) + 1);
    // The page cached before is not served any more: the comment shows at once.
    const after = await fetchWorker(`/${SLUG}`, { env: { EDGE_CACHE: 'cache-api' } });
    expect(await after.text()).toContain('Publié tout de suite.');
  });

  it('writes neither when D1 fails half-way through the batch', async () => {
    const before = await cacheVersion();
    const { db, calls } = faultyDb({ breakInBatch: (sql) => sql.includes('cache_state') });
    const typed = { author: 'Lectrice fidèle', email: KNOWN, url: '', body: 'Cette fois la panne tombe au milieu.' };
    await expectFormKept(await post(typed, { db }), typed);
    // The batch reached D1 with the insert, the bump and the comment's place in the notifications'
    // outbox: the insert ran, then was rolled back.
    expect(calls.some((call) => call.method === 'batch' && writesComment(call.sql) && call.sql.length === 3)).toBe(
      true,
    );
    const rows = await env.DB.prepare('SELECT id FROM comments WHERE body = ?1').bind(typed.body).all();
    expect(rows.results).toEqual([]);
    expect(await cacheVersion()).toBe(before);
    const outbox = await env.DB.prepare('SELECT count(*) AS n FROM notification_outbox').first<{ n: number }>();
    expect(outbox?.n).toBe(0);
  });
});

describe('siteverify unavailable', () => {
  it.each([
    [
      'down (5xx, then the retry too)',
      { TURNSTILE_SITEVERIFY_URL: 'https://siteverify-down.invalid/siteverify' },
      'pass',
    ],
    ['too slow (past TURNSTILE_TIMEOUT_MS, twice)', {}, 'slow'],
  ])('when %s, keeps the comment, held for moderation', async (_name, overrides, token) => {
    const email = `verify-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const response = await post({ email, 'cf-turnstile-response': token }, { env: overrides });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/#comment-\d+$/);
    expect(await commentsByEmail(email)).toMatchObject([
      { status: 'pending', held_reason: 'unverified', turnstile_verified: 0 },
    ]);
  });
});
