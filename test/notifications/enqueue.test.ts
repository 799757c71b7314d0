// The producer side: who is told of a reply, and what goes on the queue. The
// queue binding is watched (and kept from delivering) by a spy: the consumer's
// own tests drive delivery.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { listReplyRecipients } from '../../src/db/notifications';
import { enqueueNotifications, enqueueReplyNotifications } from '../../src/notifications/enqueue';
import type { NotificationMessage } from '../../src/notifications/queue-message';
import { insertArticle, insertComment, now } from '../fixtures';

let slugs = 0;

async function follow(
  email: string,
  articleId: number,
  scope: 'thread' | 'article',
  commentId: number,
  confirmed = true,
) {
  await env.DB.batch([
    env.DB.prepare(
      'INSERT INTO subscriber_addresses (email, confirmed_at, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING',
    ).bind(email, confirmed ? now() : null, now()),
    env.DB.prepare(
      'INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    ).bind(email, articleId, scope, commentId, now()),
  ]);
}

async function conversation(replyStatus: 'approved' | 'pending' = 'approved') {
  const articleId = await insertArticle({ slug: `enqueue-${++slugs}` });
  const parent = await insertComment({ articleId, email: 'asker@example.org' });
  const elsewhere = await insertComment({ articleId, email: 'reader@example.org' });
  const reply = await insertComment({ articleId, parentId: parent, email: 'replier@example.org', status: replyStatus });
  await follow('asker@example.org', articleId, 'thread', parent);
  await follow('reader@example.org', articleId, 'article', elsewhere);
  // Follows the thread and the article: told once.
  await follow('both@example.org', articleId, 'thread', parent);
  await follow('both@example.org', articleId, 'article', elsewhere);
  // Never confirmed: never told.
  await follow('unconfirmed@example.org', articleId, 'article', elsewhere, false);
  // The reply's own author, following the article: not told of their own reply.
  await follow('replier@example.org', articleId, 'article', reply);
  // Follows another comment's thread: not this one.
  await follow('other@example.org', articleId, 'thread', elsewhere);
  return { articleId, parent, reply };
}

let sendBatch: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM subscriptions'), env.DB.prepare('DELETE FROM subscriber_addresses')]);
  sendBatch = vi.fn().mockResolvedValue(undefined);
  vi.spyOn(env.NOTIFICATIONS, 'sendBatch').mockImplementation(sendBatch as never);
});

afterEach(() => {
  vi.restoreAllMocks();
});

it('tells a public reply to the confirmed followers of its thread and article, once each, never its author', async () => {
  const { reply } = await conversation();
  expect(await listReplyRecipients(env.DB, reply)).toEqual([
    'asker@example.org',
    'both@example.org',
    'reader@example.org',
  ]);
  expect(await enqueueReplyNotifications(env, env.DB, reply)).toBe(3);
  expect(sendBatch).toHaveBeenCalledTimes(1);
  expect(sendBatch.mock.calls[0]?.[0]).toEqual(
    ['asker@example.org', 'both@example.org', 'reader@example.org'].map((recipient) => ({
      body: { kind: 'reply', commentId: reply, recipient },
    })),
  );
});

it('tells nobody of a reply that is not public', async () => {
  const { reply } = await conversation('pending');
  expect(await listReplyRecipients(env.DB, reply)).toEqual([]);
  expect(await enqueueReplyNotifications(env, env.DB, reply)).toBe(0);
  expect(sendBatch).not.toHaveBeenCalled();
});

it('queues nothing while notifications are off', async () => {
  const { reply } = await conversation();
  expect(await enqueueReplyNotifications({ ...env, MAIL_FROM: '' }, env.DB, reply)).toBe(0);
  expect(sendBatch).not.toHaveBeenCalled();
});

it('sends the queue at most 100 messages at a time', async () => {
  const messages: NotificationMessage[] = Array.from({ length: 150 }, (_, i) => ({
    kind: 'reply',
    commentId: 1,
    recipient: `r${i}@example.org`,
  }));
  expect(await enqueueNotifications(env, messages)).toBe(150);
  expect(sendBatch.mock.calls.map(([batch]) => (batch as unknown[]).length)).toEqual([100, 50]);
});
