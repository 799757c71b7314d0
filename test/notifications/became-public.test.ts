// Every way a comment becomes public after it was posted hands its e-mails to
// the queue: the desk's approval, the author's reply from the desk, and the
// CLI's approval through the outbox the every-minute cron drains. The queue
// binding is watched by a spy; the last test delivers for real.
import { createExecutionContext, createMessageBatch, createScheduledController, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSetStatusStatements } from '../../scripts/lib/comments-cli';
import worker from '../../src/index';
import { drainNotificationOutbox, OUTBOX_GRACE_SECONDS } from '../../src/notifications/hand-over';
import { insertArticle, insertComment, now } from '../fixtures';
import { type AdminClient, adminPost, logIn } from '../support/admin';
import { postCommentWith } from '../support/comments';
import { watchNotificationQueue } from '../support/notification-queue';

const queue = watchNotificationQueue();
const QUEUED = queue.batches;
const queued = queue.queued;
let admin: AdminClient;
let scenes = 0;

beforeAll(async () => {
  admin = await logIn();
});

async function subscribe(email: string, articleId: number, commentId: number, confirmed: boolean) {
  await env.DB.batch([
    env.DB.prepare(
      'INSERT INTO subscriber_addresses (email, confirmed_at, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING',
    ).bind(email, confirmed ? now() : null, now()),
    env.DB.prepare(
      "INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, 'thread', ?3, ?4)",
    ).bind(email, articleId, commentId, now()),
  ]);
}

/** A confirmed reader following their comment, and a held reply to it. */
async function scene() {
  const slug = `public-${++scenes}`;
  const articleId = await insertArticle({ slug, title: 'Devenir public' });
  const follower = `follower-${scenes}@example.org`;
  const parent = await insertComment({ articleId, email: follower });
  await subscribe(follower, articleId, parent, true);
  const reply = await insertComment({
    articleId,
    parentId: parent,
    email: `replier-${scenes}@example.org`,
    status: 'pending',
  });
  return { slug, articleId, follower, parent, reply };
}

async function outboxIds(): Promise<number[]> {
  const { results } = await env.DB.prepare('SELECT comment_id FROM notification_outbox ORDER BY comment_id').all<{
    comment_id: number;
  }>();
  return results.map(({ comment_id }) => comment_id);
}

describe('the desk', () => {
  it('approving a held reply queues it for the confirmed follower, once, and only when its status changed', async () => {
    const s = await scene();
    const response = await adminPost(admin, '/admin/comments', { one: `approve:${s.reply}`, status: 'pending' });
    expect(response.status).toBe(303);
    expect(queued()).toEqual([{ kind: 'reply', commentId: s.reply, recipient: s.follower }]);
    expect(await outboxIds()).toEqual([]);
    // Already approved: approving again tells nobody again.
    await adminPost(admin, '/admin/comments', { action: 'approve', id: String(s.reply), status: 'approved' });
    expect(queued()).toHaveLength(1);
  });

  it('marking as spam or trash queues nothing', async () => {
    const s = await scene();
    await adminPost(admin, '/admin/comments', { one: `spam:${s.reply}`, status: 'pending' });
    await adminPost(admin, '/admin/comments', { one: `trash:${s.reply}`, status: 'spam' });
    expect(queue.sendBatch()).not.toHaveBeenCalled();
    expect(await outboxIds()).toEqual([]);
  });

  it('the author’s reply is told to the subscriber of the comment it answers, and approves a held one', async () => {
    const s = await scene();
    // The held reply's author asked to follow it too, never confirmed: their confirmation goes when it is approved.
    const replier = `replier-${scenes}@example.org`;
    await subscribe(replier, s.articleId, s.reply, false);
    const held = await adminPost(admin, `/admin/comments/${s.parent}/reply`, { body: 'Merci, je réponds.' });
    expect(held.status).toBe(303);
    const authorReply = await env.DB.prepare('SELECT max(id) AS id FROM comments WHERE is_author = 1').first<{
      id: number;
    }>();
    expect(queued()).toEqual([{ kind: 'reply', commentId: authorReply?.id, recipient: s.follower }]);

    QUEUED.length = 0;
    await adminPost(admin, `/admin/comments/${s.reply}/reply`, { body: 'Et à vous aussi.' });
    // The held reply became public: its follower is told, its author gets their confirmation. The
    // author's answer to it is public too, but its one follower is not confirmed: no e-mail for it.
    expect(queued()).toEqual([
      { kind: 'reply', commentId: s.reply, recipient: s.follower },
      { kind: 'confirm', commentId: s.reply, recipient: replier },
    ]);
    expect(await outboxIds()).toEqual([]);
  });
});

describe('the CLI and the cron', () => {
  it('an approval by the CLI goes to the outbox in its own statements, and the cron hands it over', async () => {
    const s = await scene();
    // The statements `npm run comments -- approve <id>` runs through wrangler.
    await env.DB.batch(buildSetStatusStatements([s.reply], 'approved').map((sql) => env.DB.prepare(sql)));
    expect(await outboxIds()).toEqual([s.reply]);
    expect(queue.sendBatch()).not.toHaveBeenCalled();

    const controller = createScheduledController({
      scheduledTime: (now() + OUTBOX_GRACE_SECONDS + 1) * 1000,
      cron: '* * * * *',
    });
    if (!worker.scheduled) throw new Error('the Worker exports no scheduled handler');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await worker.scheduled(controller, env, createExecutionContext());
    expect(queued()).toEqual([{ kind: 'reply', commentId: s.reply, recipient: s.follower }]);
    expect(await outboxIds()).toEqual([]);
  });

  it('leaves a row written within the last minute to the request that wrote it', async () => {
    const s = await scene();
    await env.DB.batch(buildSetStatusStatements([s.reply], 'approved').map((sql) => env.DB.prepare(sql)));
    expect(await drainNotificationOutbox(env, now())).toBe(0);
    expect(await outboxIds()).toEqual([s.reply]);
    await drainNotificationOutbox(env, now() + OUTBOX_GRACE_SECONDS + 1);
    expect(await outboxIds()).toEqual([]);
  });

  it('with notifications off, empties the outbox and queues nothing', async () => {
    const s = await scene();
    await env.DB.batch(buildSetStatusStatements([s.reply], 'approved').map((sql) => env.DB.prepare(sql)));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await drainNotificationOutbox({ ...env, MAIL_FROM: '' }, now() + OUTBOX_GRACE_SECONDS + 1);
    expect(queue.sendBatch()).not.toHaveBeenCalled();
    expect(await outboxIds()).toEqual([]);
  });
});

describe('end to end', () => {
  it('a comment posted with the box ticked ends in exactly one confirmation e-mail', async () => {
    await insertArticle({ slug: 'bout-en-bout', title: 'De bout en bout' });
    const email = `e2e-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const response = await postCommentWith('bout-en-bout', {
      author: 'Camille',
      email,
      body: 'Prévenez-moi.',
      notify: 'replies',
    });
    expect(response.status).toBe(303);
    const messages = QUEUED.flat();
    expect(messages).toHaveLength(1);

    const send = vi.spyOn(env.EMAIL, 'send');
    const batch = createMessageBatch(
      'causerie-notifications',
      messages.map(({ body: message }, i) => ({ id: `m-${i}`, timestamp: new Date(), attempts: 1, body: message })),
    );
    if (!worker.queue) throw new Error('the Worker exports no queue handler');
    await worker.queue(batch, env);
    expect(send).toHaveBeenCalledTimes(1);
    const mail = send.mock.calls[0]?.[0] as unknown as { to: string; subject: string; text: string };
    expect(mail.to).toBe(email);
    expect(mail.text).toContain('/_causerie/email/confirm?token=');
    // Delivered again (a queue may): still one e-mail.
    await worker.queue(batch, env);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
