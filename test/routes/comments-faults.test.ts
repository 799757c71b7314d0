// The comment handler called directly with a doctored environment: a D1 that
// fails, and a blog with a blocklist.
import { createExecutionContext, env } from 'cloudflare:test';
import type { IRequest } from 'itty-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { postCommentRoute } from '../../src/routes/comments';
import { insertArticle } from '../fixtures';
import { commentsByEmail, freshIp } from '../support/comments';
import { instrumentedDb } from '../support/worker';

beforeAll(async () => {
  await insertArticle({ slug: 'billet', title: 'Un billet' });
});

function formRequest(fields: Record<string, string>): IRequest {
  const request = new Request('http://localhost:8787/billet/comments', {
    method: 'POST',
    body: new URLSearchParams({
      author: 'Camille',
      url: '',
      body: 'Texte',
      'cf-turnstile-response': 'pass',
      ...fields,
    }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': freshIp(),
      'sec-fetch-site': 'same-origin',
    },
  });
  return Object.assign(request, { params: { slug: 'billet' }, query: {} }) as unknown as IRequest;
}

/** A D1 whose batches fail when `fails` says so (for example: any batch that writes). */
function failingDb(fails: (sql: string[]) => boolean): D1Database {
  return instrumentedDb({ batch: (sql) => (fails(sql) ? new Error('D1_ERROR: simulated outage') : undefined) });
}

describe('when D1 fails', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers 503 mid-write, keeps the form and leaves no row', async () => {
    // The operator's log says what failed (and the test output stays clean).
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const email = `write-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const db = failingDb((sql) => sql.some((statement) => statement.includes('INSERT INTO comments')));
    const response = await postCommentRoute(
      formRequest({ email, body: 'Ne pas perdre ceci.' }),
      { ...env, DB: db },
      createExecutionContext(),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    const html = await response.text();
    expect(html).toContain('Votre commentaire n’a pas pu être enregistré à cause d’un problème passager.');
    expect(html).toContain('>Ne pas perdre ceci.</textarea>');
    expect(html).toContain('<h1>Un billet</h1>');
    expect(await commentsByEmail(email)).toEqual([]);
    expect(logged).toHaveBeenCalledWith('comment form: D1 write failed', expect.any(Error));
  });

  it('answers 503 mid-read with the form alone on its page, everything kept', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const email = `read-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const response = await postCommentRoute(
      formRequest({ email, body: 'Toujours là.' }),
      { ...env, DB: failingDb(() => true) },
      createExecutionContext(),
    );
    expect(response.status).toBe(503);
    const html = await response.text();
    expect(html).toContain('<form id="comment-form" method="post" action="/billet/comments"');
    expect(html).toContain('>Toujours là.</textarea>');
    expect(html).toContain(`value="${email}"`);
    expect(logged.mock.calls.map(([message]) => message)).toEqual([
      'comment form: D1 read failed',
      'comment form: could not load the article to show the form again',
    ]);
  });
});

describe('with a blocklist', () => {
  const blocked = { ...env, COMMENT_BLOCKLIST: { words: ['casino'], emails: ['spammer@example.org'], ips: [] } };

  it('files blocklisted comments as spam without telling the sender', async () => {
    const email = `block-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const response = await postCommentRoute(
      formRequest({ email, body: 'Le meilleur CASÍNO en ligne' }),
      blocked,
      createExecutionContext(),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/billet#comments');
    expect(await commentsByEmail(email)).toMatchObject([{ status: 'spam', held_reason: 'blocklist' }]);
  });

  it.each([
    ['soft hyphens', 'Le meilleur ca\u00adsi\u00adno en ligne'],
    ['a zero-width joiner', 'Le meilleur cas\u200dino en ligne'],
    ['a zero-width non-joiner', 'Le meilleur cas\u200cino en ligne'],
    ['a Mongolian vowel separator', 'Le meilleur cas\u180eino en ligne'],
    ['tag characters', 'Le meilleur cas\u{e0020}ino\u{e007f} en ligne'],
    ['spaced letters', 'Le meilleur c a s i n o en ligne'],
    ['a Cyrillic а', 'Le meilleur c\u0430sino en ligne'],
    ['a dotless ı', 'Le meilleur cas\u0131no en ligne'],
    ['full-width letters', 'Le meilleur ｃａｓｉｎｏ en ligne'],
  ])('sees through %s, and keeps the text as it was written', async (_label, body) => {
    const email = `disguise-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const response = await postCommentRoute(formRequest({ email, body }), blocked, createExecutionContext());
    expect(response.headers.get('location')).toBe('/billet#comments');
    expect(await commentsByEmail(email)).toMatchObject([{ status: 'spam', held_reason: 'blocklist', body }]);
  });

  it('lets an ordinary comment through: "les exemples" is not a spaced-out word', async () => {
    const email = `ordinary-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const body = 'Il y a à boire et à manger, mais les exemples sont clairs.';
    const withSexe = { ...env, COMMENT_BLOCKLIST: { words: ['casino', 'sexe'], emails: [], ips: [] } };
    await postCommentRoute(formRequest({ email, body }), withSexe, createExecutionContext());
    expect(await commentsByEmail(email)).toMatchObject([{ status: 'pending', held_reason: 'first_comment', body }]);
  });

  it('matches blocklisted e-mails whatever their case', async () => {
    await postCommentRoute(
      formRequest({ email: 'Spammer@Example.org', body: 'Bonjour' }),
      blocked,
      createExecutionContext(),
    );
    expect(await commentsByEmail('spammer@example.org')).toMatchObject([{ status: 'spam' }]);
  });
});

describe('with secrets missing', () => {
  it('still takes the comment, storing no IP hash and setting no cookie', async () => {
    const email = `nosecret-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const bare = { ...env, IP_HASH_SALT: '', COMMENT_TOKEN_KEY: '' };
    const response = await postCommentRoute(
      formRequest({ email, body: 'Sans secrets.' }),
      bare,
      createExecutionContext(),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie') ?? '').not.toContain('causerie_pending');
    expect(await commentsByEmail(email)).toMatchObject([{ status: 'pending', ip_hash: null }]);
  });
});
