// The queue consumers driven for real: messages built with createMessageBatch,
// handed to the Worker's own queue() handler, its acks and retries read back
// with getQueueResult; the EMAIL binding is the local one, watched by a spy.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import worker from '../../src/index';
import { CAPPED_DELAY_SECONDS, REPLIES_PER_HOUR } from '../../src/notifications/consumer';
import type { OutgoingMail } from '../../src/notifications/messages';
import type { NotificationMessage } from '../../src/notifications/queue-message';
import { verifyNotificationToken } from '../../src/notifications/tokens';
import { insertArticle, insertComment, now } from '../fixtures';

const QUEUE = 'causerie-notifications';
const DLQ = 'causerie-notifications-dlq';
const SUBSCRIBER = 'subscriber@example.org';
const REPLIER = 'replier@example.org';

let sceneCount = 0;

interface Scene {
  articleId: number;
  slug: string;
  parentId: number;
  replyId: number;
}

async function scene(
  options: {
    replyStatus?: 'pending' | 'approved' | 'spam' | 'trash';
    replierEmail?: string;
    confirmed?: boolean;
    subscribed?: 'thread' | 'article' | 'none';
    language?: 'fr' | 'en';
    earlierThreads?: number;
  } = {},
): Promise<Scene> {
  const slug = `conversation-${++sceneCount}`;
  const articleId = await insertArticle({ slug, title: 'Animer une conversation', language: options.language ?? 'fr' });
  const start = now() - 10_000;
  if (options.earlierThreads) {
    await env.DB.batch(
      Array.from({ length: options.earlierThreads }, (_, i) =>
        env.DB.prepare(
          `INSERT INTO comments (article_id, author_name, author_email, body, status, created_at)
           VALUES (?1, 'Someone', 'someone@example.org', 'Earlier.', 'approved', ?2)`,
        ).bind(articleId, start + i),
      ),
    );
  }
  const parentId = await insertComment({ articleId, author: 'Sub', email: SUBSCRIBER, createdAt: start + 5000 });
  const replyId = await insertComment({
    articleId,
    parentId,
    author: 'Rémi',
    email: options.replierEmail ?? REPLIER,
    body: 'Bonne question : voici ma réponse.',
    status: options.replyStatus ?? 'approved',
    createdAt: start + 6000,
  });
  const statements = [
    env.DB.prepare(
      'INSERT INTO subscriber_addresses (email, confirmed_at, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING',
    ).bind(SUBSCRIBER, options.confirmed === false ? null : start, start),
  ];
  const scope = options.subscribed ?? 'thread';
  if (scope !== 'none') {
    statements.push(
      env.DB.prepare(
        'INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
      ).bind(SUBSCRIBER, articleId, scope, parentId, start),
    );
  }
  await env.DB.batch(statements);
  return { articleId, slug, parentId, replyId };
}

async function deliver(
  queue: string,
  bodies: unknown[],
  options: { attempts?: number; env?: Env; before?: (batch: MessageBatch) => void } = {},
) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `message-${i}`, timestamp: new Date(), attempts: options.attempts ?? 1, body })),
  );
  options.before?.(batch);
  const ctx = createExecutionContext();
  if (!worker.queue) throw new Error('the Worker exports no queue handler');
  await worker.queue(batch, options.env ?? env);
  return getQueueResult(batch, ctx);
}

async function rowOf(message: NotificationMessage) {
  return env.DB.prepare(
    'SELECT state, reason, attempts, sent_at FROM notifications WHERE kind = ?1 AND comment_id = ?2 AND recipient = ?3',
  )
    .bind(message.kind, message.commentId, message.recipient)
    .first<{ state: string; reason: string | null; attempts: number; sent_at: number | null }>();
}

const replyMessage = (s: Scene): NotificationMessage => ({
  kind: 'reply',
  commentId: s.replyId,
  recipient: SUBSCRIBER,
});

let send: MockInstance<(mail: EmailMessageBuilder) => Promise<EmailSendResult>>;
const sent = () => send.mock.calls.map(([mail]) => mail as unknown as OutgoingMail);

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM notifications'),
    env.DB.prepare('DELETE FROM subscriptions'),
    env.DB.prepare('DELETE FROM subscriber_addresses'),
  ]);
  send = vi.spyOn(env.EMAIL, 'send') as unknown as typeof send;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('reply notifications', () => {
  it('sends one e-mail to the subscriber, linking to the reply, with the unsubscribe headers, and marks it sent', async () => {
    const s = await scene();
    const result = await deliver(QUEUE, [replyMessage(s)]);
    expect(result.explicitAcks).toEqual(['message-0']);
    expect(result.retryMessages).toEqual([]);
    expect(sent()).toHaveLength(1);
    const [mail] = sent();
    expect(mail?.to).toBe(SUBSCRIBER);
    expect(mail?.from).toEqual({ email: 'causerie@example.org', name: 'Causerie' });
    expect(mail?.subject).toBe('Nouvelle réponse sur «\u00a0Animer une conversation\u00a0»');
    expect(mail?.text).toContain(`http://localhost:8787/${s.slug}#comment-${s.replyId}`);
    expect(mail?.text).toContain('Bonne question : voici ma réponse.');
    expect(mail?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<http:\/\/localhost:8787\/_causerie\/email\/unsubscribe\?token=([^>]+)>$/.exec(
      mail?.headers['List-Unsubscribe'] ?? '',
    );
    const check = await verifyNotificationToken(
      decodeURIComponent(unsubscribe?.[1] ?? ''),
      'unsubscribe',
      env.COMMENT_TOKEN_KEY,
      now(),
    );
    expect(check).toMatchObject({
      ok: true,
      claim: { purpose: 'unsubscribe', email: SUBSCRIBER, scope: 'thread', commentId: s.parentId },
    });
    expect(await rowOf(replyMessage(s))).toMatchObject({ state: 'sent', reason: null, attempts: 1 });
  });

  it('links to the comments page that shows the reply (?cpage=)', async () => {
    // COMMENTS_PER_PAGE is 50: the subscriber's thread is the 51st.
    const s = await scene({ earlierThreads: 50 });
    await deliver(QUEUE, [replyMessage(s)]);
    expect(sent()[0]?.text).toContain(`http://localhost:8787/${s.slug}?cpage=2#comment-${s.replyId}`);
  });

  it('writes in English for an English article, and offers to stop following the article when that is the subscription', async () => {
    const s = await scene({ language: 'en', subscribed: 'article' });
    await deliver(QUEUE, [replyMessage(s)]);
    const [mail] = sent();
    expect(mail?.subject).toBe('New reply on “Animer une conversation”');
    const token = decodeURIComponent(/token=([^>]+)>/.exec(mail?.headers['List-Unsubscribe'] ?? '')?.[1] ?? '');
    expect(await verifyNotificationToken(token, 'unsubscribe', env.COMMENT_TOKEN_KEY, now())).toMatchObject({
      claim: { scope: 'article', articleId: s.articleId },
    });
  });

  it('sends once when the queue delivers the same message twice, in one batch or two', async () => {
    const s = await scene();
    const twice = await deliver(QUEUE, [replyMessage(s), replyMessage(s)]);
    expect(twice.explicitAcks).toEqual(['message-0', 'message-1']);
    await deliver(QUEUE, [replyMessage(s)], { attempts: 2 });
    expect(send).toHaveBeenCalledTimes(1);
    expect(await rowOf(replyMessage(s))).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('retries a send the binding refused, keeps the error, then sends once', async () => {
    const s = await scene();
    send.mockRejectedValueOnce(new Error('upstream 503'));
    // getQueueResult does not report a retry's delay (the test harness drops retry()'s options): watched here.
    const retries: unknown[] = [];
    const first = await deliver(QUEUE, [replyMessage(s)], {
      before: (batch) => {
        for (const message of batch.messages) {
          const retry = message.retry.bind(message);
          message.retry = (options) => {
            retries.push(options);
            retry(options);
          };
        }
      },
    });
    expect(retries).toEqual([{ delaySeconds: 30 }]);
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages.map(({ msgId }) => msgId)).toEqual(['message-0']);
    expect(await rowOf(replyMessage(s))).toMatchObject({
      state: 'queued',
      reason: 'send failed: Error: upstream 503',
      attempts: 1,
    });
    const second = await deliver(QUEUE, [replyMessage(s)], { attempts: 2 });
    expect(second.explicitAcks).toEqual(['message-0']);
    expect(send).toHaveBeenCalledTimes(2);
    expect(await rowOf(replyMessage(s))).toMatchObject({ state: 'sent', reason: null, attempts: 2 });
  });

  it('marks the notification failed, with the last error, when its retries are spent (dead-letter queue)', async () => {
    const s = await scene();
    send.mockRejectedValue(new Error('destination refused'));
    for (let attempts = 1; attempts <= 3; attempts++) {
      const result = await deliver(QUEUE, [replyMessage(s)], { attempts });
      expect(result.retryMessages.map(({ msgId }) => msgId)).toEqual(['message-0']);
    }
    const dead = await deliver(DLQ, [replyMessage(s)]);
    expect(dead.explicitAcks).toEqual(['message-0']);
    expect(await rowOf(replyMessage(s))).toMatchObject({
      state: 'failed',
      reason: 'send failed: Error: destination refused',
      attempts: 3,
    });
    // A late copy of the message changes nothing.
    send.mockResolvedValue({ messageId: 'late' });
    await deliver(QUEUE, [replyMessage(s)], { attempts: 4 });
    expect(send).toHaveBeenCalledTimes(3);
    expect((await rowOf(replyMessage(s)))?.state).toBe('failed');
  });

  it('holds back replies to an address sent 20 within the hour: queued again for later, its retries untouched', async () => {
    const s = await scene();
    const recent = now() - 600;
    // 20 replies sent to the subscriber, the first over an hour ago.
    for (let i = 0; i < REPLIES_PER_HOUR; i++) {
      const other = await insertComment({ articleId: s.articleId, parentId: s.parentId, email: REPLIER });
      await env.DB.prepare(
        `INSERT INTO notifications (kind, comment_id, recipient, state, attempts, created_at, sent_at)
         VALUES ('reply', ?1, ?2, 'sent', 1, ?3, ?3)`,
      )
        .bind(other, SUBSCRIBER, i === 0 ? now() - 3700 : recent)
        .run();
    }
    const requeue = vi.spyOn(env.NOTIFICATIONS, 'send').mockResolvedValue(undefined as never);
    // 19 within the hour (one is older): this one goes out.
    await deliver(QUEUE, [replyMessage(s)]);
    expect(send).toHaveBeenCalledTimes(1);
    // Now 20 within the hour: the next waits.
    const next = await scene();
    const result = await deliver(QUEUE, [replyMessage(next)]);
    expect(result.explicitAcks).toEqual(['message-0']);
    expect(send).toHaveBeenCalledTimes(1);
    expect(requeue).toHaveBeenCalledWith(replyMessage(next), { delaySeconds: CAPPED_DELAY_SECONDS });
    expect(await rowOf(replyMessage(next))).toMatchObject({ state: 'queued', attempts: 0, reason: null });
  });

  it('records a dead letter as failed even when no attempt reached D1', async () => {
    const s = await scene();
    await deliver(DLQ, [replyMessage(s)]);
    expect(await rowOf(replyMessage(s))).toMatchObject({ state: 'failed', reason: 'retries exhausted', attempts: 0 });
    expect(send).not.toHaveBeenCalled();
  });

  it('sends nothing and says why when notifications are off (no MAIL_FROM)', async () => {
    const s = await scene();
    const result = await deliver(QUEUE, [replyMessage(s)], { env: { ...env, MAIL_FROM: '' } });
    expect(result.explicitAcks).toEqual(['message-0']);
    expect(send).not.toHaveBeenCalled();
    expect(await rowOf(replyMessage(s))).toMatchObject({ state: 'skipped', reason: 'disabled', sent_at: null });
  });

  it.each([
    ['a held reply', { replyStatus: 'pending' as const }, 'not_public'],
    ['a reply sent to spam', { replyStatus: 'spam' as const }, 'not_public'],
    ['a trashed reply', { replyStatus: 'trash' as const }, 'not_public'],
    ['the subscriber’s own reply', { replierEmail: 'Subscriber@Example.org' }, 'own_reply'],
    ['an address never confirmed', { confirmed: false }, 'unconfirmed'],
    ['an address that unsubscribed', { subscribed: 'none' as const }, 'unsubscribed'],
  ])('sends nothing for %s, and records why', async (_name, options, reason) => {
    const s = await scene(options);
    const result = await deliver(QUEUE, [replyMessage(s)]);
    expect(result.explicitAcks).toEqual(['message-0']);
    expect(send).not.toHaveBeenCalled();
    expect(await rowOf(replyMessage(s))).toMatchObject({ state: 'skipped', reason });
  });

  it('drops a message whose comment was deleted for good, or that is not a notification, without sending', async () => {
    const s = await scene();
    await env.DB.prepare('DELETE FROM comments WHERE id = ?1').bind(s.replyId).run();
    const result = await deliver(QUEUE, [
      replyMessage(s),
      { kind: 'reply', commentId: 'x', recipient: SUBSCRIBER },
      'hello',
      { kind: 'author', commentId: s.parentId, recipient: SUBSCRIBER },
    ]);
    expect(result.explicitAcks).toEqual(['message-0', 'message-1', 'message-2', 'message-3']);
    expect(send).not.toHaveBeenCalled();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM notifications').first('n')).toBe(0);
  });
});

describe('confirmation e-mails', () => {
  const confirmMessage = (s: Scene): NotificationMessage => ({
    kind: 'confirm',
    commentId: s.parentId,
    recipient: SUBSCRIBER,
  });

  it('sends the commenter one e-mail with a confirmation link for their address', async () => {
    const s = await scene({ confirmed: false });
    await deliver(QUEUE, [confirmMessage(s), confirmMessage(s)]);
    expect(send).toHaveBeenCalledTimes(1);
    const [mail] = sent();
    expect(mail?.to).toBe(SUBSCRIBER);
    const token = /http:\/\/localhost:8787\/_causerie\/email\/confirm\?token=(\S+)/.exec(mail?.text ?? '')?.[1];
    expect(
      await verifyNotificationToken(decodeURIComponent(token ?? ''), 'confirm', env.COMMENT_TOKEN_KEY, now()),
    ).toMatchObject({
      ok: true,
      claim: { purpose: 'confirm', email: SUBSCRIBER, commentId: s.parentId },
    });
    expect(mail?.headers['List-Unsubscribe']).toMatch(
      /^<http:\/\/localhost:8787\/_causerie\/email\/unsubscribe\?token=/,
    );
    expect(await rowOf(confirmMessage(s))).toMatchObject({ state: 'sent' });
  });

  it('sends it for a held comment that passed Turnstile, never for one that did not, or spam', async () => {
    const s = await scene({ confirmed: false });
    await env.DB.prepare("UPDATE comments SET status = 'pending', turnstile_verified = 0 WHERE id = ?1")
      .bind(s.parentId)
      .run();
    await deliver(QUEUE, [confirmMessage(s)]);
    expect(await rowOf(confirmMessage(s))).toMatchObject({ state: 'skipped', reason: 'not_verified' });

    const verified = await scene({ confirmed: false });
    await env.DB.prepare("UPDATE comments SET status = 'pending', turnstile_verified = 1 WHERE id = ?1")
      .bind(verified.parentId)
      .run();
    await deliver(QUEUE, [confirmMessage(verified)]);
    expect(await rowOf(confirmMessage(verified))).toMatchObject({ state: 'sent' });

    const spam = await scene({ confirmed: false });
    await env.DB.prepare("UPDATE comments SET status = 'spam', turnstile_verified = 1 WHERE id = ?1")
      .bind(spam.parentId)
      .run();
    await deliver(QUEUE, [confirmMessage(spam)]);
    expect(await rowOf(confirmMessage(spam))).toMatchObject({ state: 'skipped', reason: 'not_verified' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('never mails an address that did not write the comment, nor writes twice to one that never confirmed', async () => {
    const s = await scene({ confirmed: false });
    const stranger: NotificationMessage = { kind: 'confirm', commentId: s.parentId, recipient: 'stranger@example.org' };
    await deliver(QUEUE, [stranger]);
    expect(await rowOf(stranger)).toMatchObject({ state: 'skipped', reason: 'not_the_commenter' });

    await deliver(QUEUE, [confirmMessage(s)]);
    const later = await scene({ confirmed: false });
    await deliver(QUEUE, [confirmMessage(later)]);
    expect(await rowOf(confirmMessage(later))).toMatchObject({ state: 'skipped', reason: 'confirmation_already_sent' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends none to an address already confirmed', async () => {
    const s = await scene({ confirmed: true });
    await deliver(QUEUE, [confirmMessage(s)]);
    expect(send).not.toHaveBeenCalled();
    expect(await rowOf(confirmMessage(s))).toMatchObject({ state: 'skipped', reason: 'already_confirmed' });
  });
});

it('refuses a batch from a queue it does not consume, so that it is retried rather than lost', async () => {
  await expect(deliver('some-other-queue', [{}])).rejects.toThrow(/No consumer for the queue "some-other-queue"/);
});
