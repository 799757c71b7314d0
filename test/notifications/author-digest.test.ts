// The author's e-mails, end to end: comments posted through the real form
// (the Worker's fetch, its waitUntil awaited), their notes in the real D1, the
// digest messages handed to the Worker's own queue() handler, the local EMAIL
// binding watched by a spy. The producer's queue is a recorder, so that no
// digest runs behind a test's back; the consumer's re-queues land there too.
import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import worker from '../../src/index';
import { AUTHOR_LEASE_SECONDS } from '../../src/notifications/author-digest';
import { buildAuthorDigestMail } from '../../src/notifications/author-mail';
import { AUTHOR_GATHER_SECONDS } from '../../src/notifications/author-notes';
import { headerText } from '../../src/notifications/header-text';
import type { OutgoingMail } from '../../src/notifications/messages';
import { insertArticle, insertComment, now } from '../fixtures';
import { commentIdFrom, freshIp } from '../support/comments';
import { HOSTILE_CORPUS } from '../support/hostile-corpus';
import { liveMarkup, textIn } from '../support/live-markup';

const QUEUE = 'causerie-notifications';
const DLQ = 'causerie-notifications-dlq';
const AUTHOR = 'elise@example.org';
const DIGEST = { kind: 'author-digest' };
const DESK = 'http://localhost:8787/admin/comments';

interface Enqueued {
  body: unknown;
  delaySeconds: number | undefined;
}

let enqueued: Enqueued[];
let send: MockInstance<(mail: EmailMessageBuilder) => Promise<EmailSendResult>>;
const sent = () => send.mock.calls.map(([mail]) => mail as unknown as OutgoingMail);

/** The test's env: the author's e-mails on, and a queue that records what it is given. */
function authorEnv(vars: Record<string, unknown> = {}): Env {
  const queue = {
    async send(body: unknown, options?: QueueSendOptions) {
      enqueued.push({ body, delaySeconds: options?.delaySeconds });
    },
    async sendBatch(messages: Iterable<MessageSendRequest>) {
      for (const message of messages) enqueued.push({ body: message.body, delaySeconds: message.delaySeconds });
    },
  };
  return { ...env, AUTHOR_EMAIL: AUTHOR, NOTIFY_AUTHOR: 'held', NOTIFICATIONS: queue, ...vars } as unknown as Env;
}

const uniqueEmail = () => `reader-${crypto.randomUUID().slice(0, 8)}@example.org`;

/** Posts the comment form as a browser would, and waits for what the Worker left running. */
async function post(slug: string, fields: Record<string, string>, vars: Record<string, unknown> = {}) {
  const email = fields.email ?? uniqueEmail();
  const body = new URLSearchParams({
    author: 'Camille Martin',
    email,
    url: '',
    body: 'Un commentaire.',
    parent_id: '',
    'cf-turnstile-response': 'pass',
    ...fields,
  });
  const request = new Request(`http://localhost:8787/${slug}/comments`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': freshIp(),
      'sec-fetch-site': 'same-origin',
    },
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, authorEnv(vars), ctx);
  await waitOnExecutionContext(ctx);
  expect(response.status).toBe(303);
  // A comment judged spam is sent back to the comments with no anchor: found by its address.
  if (!response.headers.get('location')?.includes('#comment-')) {
    const id = await env.DB.prepare('SELECT max(id) FROM comments WHERE author_email = ?1')
      .bind(email)
      .first<number>('max(id)');
    return id as number;
  }
  return commentIdFrom(response);
}

async function deliver(
  queue: string,
  count: number,
  options: { attempts?: number; vars?: Record<string, unknown>; before?: (batch: MessageBatch) => void } = {},
) {
  const batch = createMessageBatch(
    queue,
    Array.from({ length: count }, (_, i) => ({
      id: `message-${i}`,
      timestamp: new Date(),
      attempts: options.attempts ?? 1,
      body: DIGEST,
    })),
  );
  options.before?.(batch);
  const ctx = createExecutionContext();
  if (!worker.queue) throw new Error('the Worker exports no queue handler');
  await worker.queue(batch, authorEnv(options.vars));
  return getQueueResult(batch, ctx);
}

async function noteOf(commentId: number) {
  return env.DB.prepare(
    "SELECT state, reason, attempts, recipient FROM notifications WHERE kind = 'author' AND comment_id = ?1",
  )
    .bind(commentId)
    .first<{ state: string; reason: string | null; attempts: number; recipient: string }>();
}

/** As if the last digest had gone `minutesAgo` minutes ago. */
async function lastDigestAgo(minutesAgo: number) {
  await env.DB.prepare('UPDATE author_digests SET last_sent_at = ?2 WHERE recipient = ?1')
    .bind(AUTHOR, now() - minutesAgo * 60)
    .run();
}

/** A commenter whose earlier comment was approved: trust-returning publishes the next one at once. */
/** An address with an approved comment under the name "Fidèle": trusted when it comments again under that name. */
async function knownCommenter(articleId: number): Promise<string> {
  const email = uniqueEmail();
  await insertComment({ articleId, email, author: 'Fidèle', status: 'approved' });
  return email;
}

let articleId: number;

beforeAll(async () => {
  articleId = await insertArticle({ slug: 'moderer', title: 'Modérer sans s’épuiser' });
  await insertArticle({ slug: 'moderate', title: 'Moderating without burning out', language: 'en' });
});

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM notifications'), env.DB.prepare('DELETE FROM author_digests')]);
  enqueued = [];
  send = vi.spyOn(env.EMAIL, 'send') as unknown as typeof send;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a comment held for moderation', () => {
  it('queues the author’s note and asks for a digest a minute later, which sends one e-mail with the reason and a desk link', async () => {
    const id = await post('moderer', { author: 'Camille Martin', body: 'Une première question sur la modération.' });
    expect(await noteOf(id)).toEqual({ state: 'queued', reason: null, attempts: 0, recipient: AUTHOR });
    expect(enqueued).toEqual([{ body: DIGEST, delaySeconds: AUTHOR_GATHER_SECONDS }]);
    expect(sent()).toHaveLength(0);

    const result = await deliver(QUEUE, 1);
    expect(result.explicitAcks).toEqual(['message-0']);
    expect(result.retryMessages).toEqual([]);
    expect(sent()).toHaveLength(1);
    const [mail] = sent();
    expect(mail?.to).toBe(AUTHOR);
    expect(mail?.from).toEqual({ email: 'causerie@example.org', name: 'Causerie' });
    expect(mail?.subject).toBe(
      'Commentaire de Camille Martin en attente de modération sur «\u00a0Modérer sans s’épuiser\u00a0»',
    );
    expect(mail?.text).toContain('Retenu\u00a0: premier commentaire');
    expect(mail?.text).toContain('> Une première question sur la modération.');
    expect(mail?.text).toContain(`${DESK}?status=pending#comment-${id}`);
    expect(mail?.html).toContain(`href="${DESK}?status=pending#comment-${id}"`);
    expect(await textIn(mail?.html ?? '', 'blockquote')).toBe('Une première question sur la modération.');
    // The desk's pages only: no link acts by being followed.
    const links = [...(mail?.html ?? '').matchAll(/href="([^"]*)"/g)].map(([, href]) => href);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^http:\/\/localhost:8787\/admin\/comments\?status=pending(#|$)/);
    expect(mail?.headers).toEqual({});
    expect(await noteOf(id)).toMatchObject({ state: 'sent', reason: null, attempts: 1 });
    // Nothing more to look at: the consumer asked for no other digest.
    expect(enqueued).toHaveLength(1);
  });

  it('tells a burst of three in ONE e-mail; the burst’s other messages send nothing', async () => {
    const ids = [
      await post('moderer', { author: 'Anne' }),
      await post('moderer', { author: 'Bruno', body: 'Voir https://a.example https://b.example https://c.example' }),
      await post('moderer', { author: 'Chloé' }),
    ];
    expect(enqueued).toHaveLength(3);
    const result = await deliver(QUEUE, 3);
    expect(result.explicitAcks).toEqual(['message-0', 'message-1', 'message-2']);
    expect(sent()).toHaveLength(1);
    const [mail] = sent();
    expect(mail?.subject).toBe('3\u00a0commentaires en attente de modération sur Causerie');
    for (const [i, name] of ['Anne', 'Bruno', 'Chloé'].entries()) {
      expect(mail?.text).toContain(`«\u00a0Modérer sans s’épuiser\u00a0», ${name}`);
      expect(mail?.text).toContain(`#comment-${ids[i]}`);
    }
    expect(mail?.text).toContain('Retenu\u00a0: trop de liens');
    expect((mail?.html.match(/<li>/g) ?? []).length).toBe(3);
    for (const id of ids) expect(await noteOf(id)).toMatchObject({ state: 'sent' });
    // Delivered again later (the queue delivers at least once): nothing left to send.
    await deliver(QUEUE, 1, { attempts: 2 });
    expect(sent()).toHaveLength(1);
  });

  it('waits for AUTHOR_DIGEST_MINUTES after the last digest: re-queued with the time left, then sent', async () => {
    await post('moderer', { author: 'Anne' });
    await deliver(QUEUE, 1);
    expect(sent()).toHaveLength(1);
    await lastDigestAgo(4);
    const id = await post('moderer', { author: 'Denis' });
    enqueued = [];
    const early = await deliver(QUEUE, 1);
    expect(early.explicitAcks).toEqual(['message-0']);
    expect(sent()).toHaveLength(1);
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]?.body).toEqual(DIGEST);
    // 10 minutes minus the 4 gone, give or take the second the test may straddle.
    expect(enqueued[0]?.delaySeconds).toBeGreaterThanOrEqual(6 * 60 - 1);
    expect(enqueued[0]?.delaySeconds).toBeLessThanOrEqual(6 * 60);
    expect(await noteOf(id)).toMatchObject({ state: 'queued', attempts: 0 });

    await lastDigestAgo(10);
    await deliver(QUEUE, 1);
    expect(sent()).toHaveLength(2);
    expect(sent()[1]?.subject).toContain('Denis');
    expect(sent()[1]?.text).not.toContain('Anne');
    expect(await noteOf(id)).toMatchObject({ state: 'sent' });
  });

  it('honours another AUTHOR_DIGEST_MINUTES', async () => {
    await post('moderer', { author: 'Anne' });
    await deliver(QUEUE, 1);
    await lastDigestAgo(1);
    await post('moderer', { author: 'Denis' });
    enqueued = [];
    await deliver(QUEUE, 1, { vars: { AUTHOR_DIGEST_MINUTES: 2 } });
    expect(sent()).toHaveLength(1);
    expect(enqueued[0]?.delaySeconds).toBeGreaterThanOrEqual(59);
    expect(enqueued[0]?.delaySeconds).toBeLessThanOrEqual(60);
  });

  it('leaves out the comments moderated meanwhile, and sends nothing when none is left', async () => {
    const approved = await post('moderer', { author: 'Anne' });
    const trashed = await post('moderer', { author: 'Bruno' });
    const waiting = await post('moderer', { author: 'Chloé' });
    await env.DB.batch([
      env.DB.prepare("UPDATE comments SET status = 'approved' WHERE id = ?1").bind(approved),
      env.DB.prepare("UPDATE comments SET status = 'trash' WHERE id = ?1").bind(trashed),
    ]);
    await deliver(QUEUE, 1);
    expect(sent()).toHaveLength(1);
    expect(sent()[0]?.subject).toContain('Chloé');
    expect(sent()[0]?.text).not.toMatch(/Anne|Bruno/);
    expect(await noteOf(approved)).toMatchObject({ state: 'skipped', reason: 'already_moderated' });
    expect(await noteOf(trashed)).toMatchObject({ state: 'skipped', reason: 'already_moderated' });
    expect(await noteOf(waiting)).toMatchObject({ state: 'sent' });

    await lastDigestAgo(11);
    const spammed = await post('moderer', { author: 'Denis' });
    await env.DB.prepare("UPDATE comments SET status = 'spam' WHERE id = ?1").bind(spammed).run();
    const before = await env.DB.prepare('SELECT last_sent_at FROM author_digests').first<{ last_sent_at: number }>();
    await deliver(QUEUE, 1);
    expect(sent()).toHaveLength(1);
    expect(await noteOf(spammed)).toMatchObject({ state: 'skipped', reason: 'already_moderated' });
    // No e-mail went: the next one is not held back for it.
    expect(await env.DB.prepare('SELECT last_sent_at FROM author_digests').first()).toEqual(before);
  });

  it('writes in the blog’s language', async () => {
    const id = await post('moderate', { author: 'Ann' }, { BLOG_LANGUAGE: 'en' });
    await deliver(QUEUE, 1, { vars: { BLOG_LANGUAGE: 'en' } });
    const [mail] = sent();
    expect(mail?.subject).toBe('Comment from Ann awaiting moderation on “Moderating without burning out”');
    expect(mail?.text).toContain('Held: first comment');
    expect(mail?.text).toContain(`${DESK}?status=pending#comment-${id}`);
    expect(mail?.html).toContain('<html lang="en">');
  });
});

describe('NOTIFY_AUTHOR', () => {
  it('"all": a comment published at once is told too, linking to the published ones on the desk', async () => {
    const email = await knownCommenter(articleId);
    const id = await post('moderer', { author: 'Fidèle', email }, { NOTIFY_AUTHOR: 'all' });
    expect(await noteOf(id)).toMatchObject({ state: 'queued' });
    const held = await post('moderer', { author: 'Nouvelle' }, { NOTIFY_AUTHOR: 'all' });
    await deliver(QUEUE, 1, { vars: { NOTIFY_AUTHOR: 'all' } });
    const [mail] = sent();
    expect(mail?.subject).toBe('2\u00a0nouveaux commentaires sur Causerie, dont 1\u00a0en attente de modération');
    expect(mail?.text).toContain('«\u00a0Modérer sans s’épuiser\u00a0», Fidèle\nPublié\n');
    expect(mail?.text).toContain(`${DESK}?status=approved#comment-${id}`);
    expect(mail?.text).toContain(`${DESK}?status=pending#comment-${held}`);
    expect(mail?.text).toContain('NOTIFY_AUTHOR vaut "all"');
  });

  it('"held": a comment published at once is not told', async () => {
    const email = await knownCommenter(articleId);
    const id = await post('moderer', { author: 'Fidèle', email });
    expect(await noteOf(id)).toBeNull();
    expect(enqueued).toEqual([]);
  });

  it.each([
    ['NOTIFY_AUTHOR is "off"', { NOTIFY_AUTHOR: 'off' }],
    ['AUTHOR_EMAIL is empty', { AUTHOR_EMAIL: '' }],
    ['notifications are off (no MAIL_FROM)', { MAIL_FROM: '' }],
  ])('queues nothing when %s', async (_, vars) => {
    const id = await post('moderer', { author: 'Anne' }, vars);
    expect(await noteOf(id)).toBeNull();
    expect(enqueued).toEqual([]);
  });

  it('turned off while a digest was pending: the notes are skipped, nothing is sent', async () => {
    const id = await post('moderer', { author: 'Anne' });
    const result = await deliver(QUEUE, 1, { vars: { NOTIFY_AUTHOR: 'off' } });
    expect(result.explicitAcks).toEqual(['message-0']);
    expect(sent()).toEqual([]);
    expect(await noteOf(id)).toMatchObject({ state: 'skipped', reason: 'disabled' });
  });
});

describe('never about', () => {
  it('a comment judged spam', async () => {
    const blocklist = { COMMENT_BLOCKLIST: { words: ['casino'], emails: [], ips: [] } };
    const id = await post('moderer', { author: 'Robot', body: 'Meilleur casino en ligne' }, blocklist);
    const status = await env.DB.prepare('SELECT status FROM comments WHERE id = ?1').bind(id).first('status');
    expect(status).toBe('spam');
    expect(await noteOf(id)).toBeNull();
    expect(enqueued).toEqual([]);
  });

  it('a refused comment (Turnstile failed): nothing is stored, nothing is queued', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM notifications').first('n');
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request('http://localhost:8787/moderer/comments', {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({
          author: 'Robot',
          email: uniqueEmail(),
          url: '',
          body: 'x',
          parent_id: '',
          'cf-turnstile-response': 'fail',
        }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'cf-connecting-ip': freshIp(),
          'sec-fetch-site': 'same-origin',
        },
      }) as Request<unknown, IncomingRequestCfProperties>,
      authorEnv(),
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(403);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM notifications').first('n')).toBe(before);
    expect(enqueued).toEqual([]);
  });
});

describe('delivery', () => {
  it('retries when the binding throws, keeps the error, and still sends one e-mail', async () => {
    const id = await post('moderer', { author: 'Anne' });
    send.mockRejectedValueOnce(new Error('E_RATE_LIMIT_EXCEEDED'));
    const delays: unknown[] = [];
    const first = await deliver(QUEUE, 1, {
      before: (batch) => {
        for (const message of batch.messages) {
          const retry = message.retry.bind(message);
          message.retry = (options) => {
            delays.push(options);
            retry(options);
          };
        }
      },
    });
    expect(first.retryMessages).toEqual([{ msgId: 'message-0' }]);
    expect(delays).toEqual([{ delaySeconds: 30 }]);
    expect(await noteOf(id)).toMatchObject({
      state: 'queued',
      attempts: 1,
      reason: 'send failed: Error: E_RATE_LIMIT_EXCEEDED',
    });
    // The lease was given back: the retry does not wait for it.
    const second = await deliver(QUEUE, 1, { attempts: 2 });
    expect(second.explicitAcks).toEqual(['message-0']);
    expect(send).toHaveBeenCalledTimes(2);
    expect(await noteOf(id)).toMatchObject({ state: 'sent', attempts: 2, reason: null });
    await deliver(QUEUE, 1, { attempts: 3 });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('marks the notes failed, with the last error, when the retries are spent', async () => {
    const id = await post('moderer', { author: 'Anne' });
    send.mockRejectedValue(new Error('E_SENDER_NOT_VERIFIED'));
    await deliver(QUEUE, 1);
    const dead = await deliver(DLQ, 1);
    expect(dead.explicitAcks).toEqual(['message-0']);
    expect(await noteOf(id)).toMatchObject({ state: 'failed', reason: 'send failed: Error: E_SENDER_NOT_VERIFIED' });
  });

  it('sends nothing while another consumer holds the lease, and looks again when it runs out', async () => {
    const id = await post('moderer', { author: 'Anne' });
    await env.DB.prepare('INSERT INTO author_digests (recipient, lease_until) VALUES (?1, ?2)')
      .bind(AUTHOR, now() + 100)
      .run();
    enqueued = [];
    const result = await deliver(QUEUE, 1);
    expect(result.explicitAcks).toEqual(['message-0']);
    expect(sent()).toEqual([]);
    expect(enqueued).toEqual([{ body: DIGEST, delaySeconds: AUTHOR_LEASE_SECONDS }]);
    expect(await noteOf(id)).toMatchObject({ state: 'queued' });
    await env.DB.prepare('UPDATE author_digests SET lease_until = ?1')
      .bind(now() - 1)
      .run();
    await deliver(QUEUE, 1);
    expect(sent()).toHaveLength(1);
  });

  it('keeps what commenters typed out of the headers and as text in both parts', async () => {
    await env.DB.prepare("UPDATE articles SET title = ?1 WHERE slug = 'moderate'")
      .bind('<b>Title</b>\r\nBcc: victim@example.org')
      .run();
    await post('moderate', { author: 'Eve\u2028To: x@example.org', body: '<script>alert(1)</script>' });
    await deliver(QUEUE, 1);
    const [mail] = sent();
    expect(mail?.subject).toBe(
      'Commentaire de Eve To: x@example.org en attente de modération sur «\u00a0<b>Title</b> Bcc: victim@example.org\u00a0»',
    );
    expect(mail?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await liveMarkup(mail?.html ?? '')).toEqual([]);
    expect(mail?.text).toContain('> <script>alert(1)</script>');
  });
});

describe('the digest e-mail and the hostile corpus', () => {
  const envelope = { from: 'blog@example.org', blogTitle: 'Causerie', to: AUTHOR };
  const item = (value: string) => ({
    articleTitle: value,
    commenter: value,
    text: value,
    held: true,
    heldReason: 'Retenu\u00a0: premier commentaire',
    deskUrl: `${DESK}?status=pending#comment-1`,
  });

  describe.each(HOSTILE_CORPUS.filter(({ kind }) => kind !== 'blank'))('hostile $kind: $name', (payload) => {
    it('stays text in the HTML part, the text part and the subject, alone or in a list', async () => {
      for (const items of [[item(payload.value)], [item(payload.value), item('Rien')]]) {
        const mail = buildAuthorDigestMail(envelope, {
          language: 'fr',
          mode: 'held',
          items,
          more: false,
          deskUrl: DESK,
        });
        expect(await liveMarkup(mail.html)).toEqual([]);
        for (const value of [mail.subject, mail.from.name, mail.to]) {
          expect(value).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}]/u);
        }
        if (payload.kind === 'markup') {
          if (items.length === 1) expect(mail.subject).toContain(headerText(payload.value, 100));
          expect(await textIn(mail.html, 'blockquote')).toBe(headerText(payload.value, 280));
          expect(await textIn(mail.html, 'strong')).toBe(`«\u00a0${headerText(payload.value)}\u00a0»`);
          expect(mail.text).toContain(headerText(payload.value, 100));
        }
      }
    });
  });
});
