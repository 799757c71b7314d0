// The reader's side of notifications: the form's opt-in boxes, and what a
// posted comment hands to the queue (the queue binding is watched by a spy and
// kept from delivering; consumer.test.ts drives delivery).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { insertArticle, insertComment, now } from '../fixtures';
import { postCommentWith } from '../support/comments';
import { watchNotificationQueue } from '../support/notification-queue';
import { callWorker } from '../support/worker';

const queue = watchNotificationQueue();
const queued = queue.queued;
let slugs = 0;

beforeAll(async () => {
  await insertArticle({ slug: 'abonnement', title: 'S’abonner' });
  await insertArticle({ slug: 'subscribe', title: 'Subscribing', language: 'en' });
});

const uniqueEmail = () => `lectrice-${crypto.randomUUID().slice(0, 8)}@example.org`;

/** The form as a browser posts it; `notify` holds the ticked boxes. */
const post = postCommentWith;

function idFrom(response: Response): number {
  const match = /#comment-(\d+)$/.exec(response.headers.get('location') ?? '');
  if (!match) throw new Error(`no comment anchor in ${response.headers.get('location')}`);
  return Number(match[1]);
}

async function subscriptionsOf(email: string) {
  const { results } = await env.DB.prepare(
    `SELECT s.scope, s.comment_id, a.confirmed_at FROM subscriptions s JOIN subscriber_addresses a ON a.email = s.email
      WHERE s.email = ?1 ORDER BY s.scope`,
  )
    .bind(email)
    .all<{ scope: string; comment_id: number; confirmed_at: number | null }>();
  return results;
}

async function outboxCount(): Promise<number> {
  return (await env.DB.prepare('SELECT count(*) AS n FROM notification_outbox').first<{ n: number }>())?.n ?? 0;
}

describe('the form', () => {
  it('offers the two boxes, unticked, when notifications are on, in the article’s language', async () => {
    const html = await (await callWorker('/abonnement')).text();
    expect(html).toContain(
      '<p><label><input type="checkbox" name="notify" value="replies"> Me prévenir par e-mail des réponses à mon commentaire</label></p>',
    );
    expect(html).toContain(
      '<p><label><input type="checkbox" name="notify" value="article"> Me prévenir par e-mail de tous les nouveaux commentaires sur cet article</label></p>',
    );
    const english = await (await callWorker('/subscribe')).text();
    expect(english).toContain('value="replies"> E-mail me replies to my comment</label>');
    expect(english).toContain('value="article"> E-mail me every new comment on this article</label>');
  });

  it('offers nothing when notifications are off, and subscribes nobody even if a box is posted', async () => {
    const html = await (await callWorker('/abonnement', { env: { MAIL_FROM: '' } })).text();
    expect(html).toContain('id="comment-form"');
    expect(html).not.toContain('name="notify"');
    const email = uniqueEmail();
    const response = await post('abonnement', { email, notify: ['replies'] }, { MAIL_FROM: '' });
    expect(response.status).toBe(303);
    expect(await subscriptionsOf(email)).toEqual([]);
    expect(queue.sendBatch()).not.toHaveBeenCalled();
  });

  it('asks for the address when a box is ticked without one, keeping everything typed and the boxes ticked', async () => {
    const response = await post('abonnement', { email: '', body: 'Gardez mon texte.', notify: ['replies', 'article'] });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain(
      'Indiquez votre adresse e-mail pour recevoir les notifications (elle ne sera pas publiée), ou décochez la case.',
    );
    expect(html).toContain('>Gardez mon texte.</textarea>');
    expect(html).toContain('name="notify" value="replies" checked>');
    expect(html).toContain('name="notify" value="article" checked>');
    expect(queue.sendBatch()).not.toHaveBeenCalled();
  });

  it('keeps a ticked box when the form comes back for another reason, and the unticked one unticked', async () => {
    const response = await post('abonnement', { email: uniqueEmail(), body: '', notify: ['article'] });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('name="notify" value="article" checked>');
    expect(html).toContain('name="notify" value="replies">');
  });
});

describe('posting with a box ticked', () => {
  it('subscribes the address (lowercased) to the thread and queues one confirmation', async () => {
    const email = uniqueEmail();
    const response = await post('abonnement', { email: email.toUpperCase(), notify: ['replies'] });
    expect(response.status).toBe(303);
    const id = idFrom(response);
    expect(await subscriptionsOf(email)).toEqual([{ scope: 'thread', comment_id: id, confirmed_at: null }]);
    expect(queued()).toEqual([{ kind: 'confirm', commentId: id, recipient: email }]);
    expect(await outboxCount()).toBe(0);
  });

  it('subscribes to the thread and the article with both boxes, and still sends one confirmation', async () => {
    const email = uniqueEmail();
    const id = idFrom(await post('abonnement', { email, notify: ['replies', 'article'] }));
    expect((await subscriptionsOf(email)).map(({ scope, comment_id }) => [scope, comment_id])).toEqual([
      ['article', id],
      ['thread', id],
    ]);
    expect(queued()).toEqual([{ kind: 'confirm', commentId: id, recipient: email }]);
  });

  it('subscribes nobody and queues nothing without a box', async () => {
    const email = uniqueEmail();
    expect((await post('abonnement', { email })).status).toBe(303);
    expect(await subscriptionsOf(email)).toEqual([]);
    expect(queue.sendBatch()).not.toHaveBeenCalled();
    expect(await outboxCount()).toBe(0);
  });

  it('queues no confirmation for an address already confirmed, which stays confirmed', async () => {
    const email = uniqueEmail();
    const confirmedAt = now() - 100;
    await env.DB.prepare('INSERT INTO subscriber_addresses (email, confirmed_at, created_at) VALUES (?1, ?2, ?2)')
      .bind(email, confirmedAt)
      .run();
    const id = idFrom(await post('abonnement', { email, notify: ['replies'] }));
    expect(await subscriptionsOf(email)).toEqual([{ scope: 'thread', comment_id: id, confirmed_at: confirmedAt }]);
    expect(queue.sendBatch()).not.toHaveBeenCalled();
  });

  it('stores nothing and sends nothing for spam', async () => {
    const email = uniqueEmail();
    const blocklist = { COMMENT_BLOCKLIST: { words: ['casino'], emails: [], ips: [] } };
    const response = await post('abonnement', { email, body: 'Meilleur casino', notify: ['replies'] }, blocklist);
    expect(response.status).toBe(303);
    const stored = await env.DB.prepare('SELECT status FROM comments WHERE author_email = ?1')
      .bind(email)
      .first<{ status: string }>();
    expect(stored?.status).toBe('spam');
    expect(await subscriptionsOf(email)).toEqual([]);
    expect(queue.sendBatch()).not.toHaveBeenCalled();
  });

  it('sends no confirmation for a comment held without Turnstile, until the desk approves it', async () => {
    const email = uniqueEmail();
    // Siteverify failing: the comment is held, not verified.
    const response = await post('abonnement', { email, 'cf-turnstile-response': 'http-500', notify: ['replies'] });
    const id = idFrom(response);
    const stored = await env.DB.prepare('SELECT status, turnstile_verified FROM comments WHERE id = ?1')
      .bind(id)
      .first();
    expect(stored).toEqual({ status: 'pending', turnstile_verified: 0 });
    expect(await subscriptionsOf(email)).toHaveLength(1);
    expect(queue.sendBatch()).not.toHaveBeenCalled();
    expect(await outboxCount()).toBe(0);

    const { adminPost, logIn } = await import('../support/admin');
    const admin = await logIn();
    const approved = await adminPost(admin, '/admin/comments', { one: `approve:${id}`, status: 'pending' });
    expect(approved.status).toBe(303);
    expect(queued()).toEqual([{ kind: 'confirm', commentId: id, recipient: email }]);
    expect(await outboxCount()).toBe(0);
  });

  it('never fails the comment when the queue throws: the outbox keeps it for the cron', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    queue.sendBatch().mockRejectedValueOnce(new Error('queue unavailable'));
    const email = uniqueEmail();
    const response = await post('abonnement', { email, notify: ['replies'] });
    expect(response.status).toBe(303);
    const id = idFrom(response);
    expect(await subscriptionsOf(email)).toHaveLength(1);
    expect(logged).toHaveBeenCalled();
    const row = await env.DB.prepare('SELECT comment_id FROM notification_outbox WHERE comment_id = ?1')
      .bind(id)
      .first();
    expect(row).toEqual({ comment_id: id });

    const { drainNotificationOutbox } = await import('../../src/notifications/hand-over');
    await drainNotificationOutbox(env, now() + 120);
    expect(queued()).toEqual([{ kind: 'confirm', commentId: id, recipient: email }]);
    expect(await outboxCount()).toBe(0);
  });
});

describe('a reply published at once', () => {
  it('queues the reply for the confirmed follower of its parent, never its own author', async () => {
    const articleId = await insertArticle({ slug: `fil-${++slugs}`, title: 'Un fil' });
    const follower = uniqueEmail();
    const parent = await insertComment({ articleId, email: follower });
    await env.DB.batch([
      env.DB.prepare('INSERT INTO subscriber_addresses (email, confirmed_at, created_at) VALUES (?1, ?2, ?2)').bind(
        follower,
        now(),
      ),
      env.DB.prepare(
        "INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, 'thread', ?3, ?4)",
      ).bind(follower, articleId, parent, now()),
    ]);
    // A returning commenter (same name and address as an approved comment): published at once.
    const replier = uniqueEmail();
    await insertComment({ articleId, email: replier, author: 'Camille Martin' });
    const response = await post(`fil-${slugs}`, { email: replier, parent_id: String(parent), body: 'Je réponds.' });
    const reply = idFrom(response);
    const stored = await env.DB.prepare('SELECT status FROM comments WHERE id = ?1').bind(reply).first();
    expect(stored).toEqual({ status: 'approved' });
    expect(queued()).toEqual([{ kind: 'reply', commentId: reply, recipient: follower }]);
    expect(await outboxCount()).toBe(0);
  });
});
