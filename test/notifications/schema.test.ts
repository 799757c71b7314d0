// What migration 0019 promises: one row per notification key, one
// subscription per address and thread or article, and nothing left behind
// when a comment or an address is deleted.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { insertArticle, insertComment, now } from '../fixtures';

const count = (table: string, where: string, value: unknown) =>
  env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where} = ?1`).bind(value).first<number>('n');

async function subscribedComment(slug: string) {
  const articleId = await insertArticle({ slug });
  const commentId = await insertComment({ articleId, email: 'reader@example.org' });
  await env.DB.batch([
    env.DB.prepare('INSERT INTO subscriber_addresses (email, created_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING').bind(
      'reader@example.org',
      now(),
    ),
    env.DB.prepare(
      "INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, 'thread', ?3, ?4)",
    ).bind('reader@example.org', articleId, commentId, now()),
    env.DB.prepare(
      "INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, 'article', ?3, ?4)",
    ).bind('reader@example.org', articleId, commentId, now()),
    env.DB.prepare(
      "INSERT INTO notifications (kind, comment_id, recipient, created_at) VALUES ('confirm', ?1, ?2, ?3)",
    ).bind(commentId, 'reader@example.org', now()),
  ]);
  return { articleId, commentId };
}

it('keeps one notification per kind, comment and recipient', async () => {
  const { commentId } = await subscribedComment('unique-notification');
  await expect(
    env.DB.prepare("INSERT INTO notifications (kind, comment_id, recipient, created_at) VALUES ('confirm', ?1, ?2, ?3)")
      .bind(commentId, 'reader@example.org', now())
      .run(),
  ).rejects.toThrow(/UNIQUE/);
});

it('keeps one subscription per address to a thread, and one to an article', async () => {
  const { articleId, commentId } = await subscribedComment('unique-subscription');
  const other = await insertComment({ articleId, email: 'reader@example.org' });
  const insert = (scope: string, comment: number) =>
    env.DB.prepare(
      'INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    )
      .bind('reader@example.org', articleId, scope, comment, now())
      .run();
  await expect(insert('thread', commentId)).rejects.toThrow(/UNIQUE/);
  // Following the article again from another comment: still one article subscription.
  await expect(insert('article', other)).rejects.toThrow(/UNIQUE/);
  await expect(insert('thread', other)).resolves.toBeTruthy();
});

it('deletes a comment’s subscriptions and notifications with it, and an address’s subscriptions with the address', async () => {
  const { commentId } = await subscribedComment('cascade');
  expect(await count('subscriptions', 'comment_id', commentId)).toBe(2);
  await env.DB.prepare('DELETE FROM comments WHERE id = ?1').bind(commentId).run();
  expect(await count('subscriptions', 'comment_id', commentId)).toBe(0);
  expect(await count('notifications', 'comment_id', commentId)).toBe(0);

  await subscribedComment('cascade-address');
  expect(await count('subscriptions', 'email', 'reader@example.org')).toBeGreaterThan(0);
  await env.DB.prepare('DELETE FROM subscriber_addresses WHERE email = ?1').bind('reader@example.org').run();
  expect(await count('subscriptions', 'email', 'reader@example.org')).toBe(0);
});
