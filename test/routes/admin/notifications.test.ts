// The desk's e-mail notifications: the log (newest first, recipients masked,
// reasons in the desk's language, errors escaped, paged), what it says when
// notifications are off, and an article's subscribers with their removal.
import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  claimNotification,
  markNotificationFailed,
  markNotificationSent,
  markNotificationSkipped,
  recordNotificationAttempt,
} from '../../../src/db/notifications';
import { NOTIFICATION_LOG_PAGE_SIZE } from '../../../src/routes/admin/notifications';
import { insertArticle, insertComment, now } from '../../fixtures';
import { adminGet, adminPost, csrfTokenIn, logIn, postForm } from '../../support/admin';
import { liveMarkup } from '../../support/live-markup';

let articleId: number;
let otherArticleId: number;
let commentId: number;
let replyId: number;

const HOSTILE_ERROR = 'Error: <script>alert("x")</script><img src=x onerror=alert(1)>';

/** A row written by the consumer's own statements, at a given time. */
async function notification(
  kind: 'confirm' | 'reply',
  comment: number,
  recipient: string,
  at: number,
  outcome: { sent?: true; skipped?: string; failed?: string; retrying?: string } = {},
): Promise<number> {
  const row = await claimNotification(env.DB, { kind, commentId: comment, recipient }, at);
  if (!row) throw new Error('no row');
  if (outcome.sent) await markNotificationSent(env.DB, row.id, at);
  if (outcome.skipped) await markNotificationSkipped(env.DB, row.id, outcome.skipped);
  if (outcome.retrying) await recordNotificationAttempt(env.DB, row.id, outcome.retrying);
  if (outcome.failed) {
    await recordNotificationAttempt(env.DB, row.id, outcome.failed);
    await markNotificationFailed(env.DB, { kind, commentId: comment, recipient }, 'retries exhausted', at);
  }
  return row.id;
}

async function subscribe(email: string, article: number, scope: 'thread' | 'article', comment: number, at = now()) {
  await env.DB.batch([
    env.DB.prepare(
      'INSERT INTO subscriber_addresses (email, confirmed_at, created_at) VALUES (?1, ?2, ?2) ON CONFLICT DO NOTHING',
    ).bind(email, at),
    env.DB.prepare(
      'INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    ).bind(email, article, scope, comment, at),
  ]);
}

const subscriptionsOf = async (article: number) =>
  (
    await env.DB.prepare('SELECT email, scope FROM subscriptions WHERE article_id = ?1 ORDER BY email, scope')
      .bind(article)
      .all<{ email: string; scope: string }>()
  ).results;

beforeAll(async () => {
  articleId = await insertArticle({ slug: 'bureau-notifications', title: 'Les notifications' });
  otherArticleId = await insertArticle({ slug: 'autre-article', title: 'Un autre' });
  commentId = await insertComment({ articleId, author: 'Amélie', email: 'amelie@example.org' });
  replyId = await insertComment({ articleId, parentId: commentId, author: 'Bruno', email: 'bruno@example.org' });
});

describe('/admin/notifications', () => {
  beforeEach(async () => {
    await env.DB.prepare('DELETE FROM notifications').run();
  });

  it('lists notifications newest first, recipients masked, kinds, states, reasons and attempts, never stored', async () => {
    const t = now();
    const confirm = await notification('confirm', commentId, 'amelie@example.org', t - 300, { sent: true });
    const skipped = await notification('reply', replyId, 'zoe@example.org', t - 200, { skipped: 'unconfirmed' });
    const failed = await notification('reply', replyId, 'robert@example.net', t - 100, {
      failed: `send failed: ${HOSTILE_ERROR}`,
    });
    const author = await logIn();
    const response = await adminGet(author, '/admin/notifications');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    const html = await response.text();
    const order = [failed, skipped, confirm].map((id) => html.indexOf(`id="notification-${id}"`));
    expect(order.every((position) => position > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Masked, and the full addresses appear nowhere.
    expect(html).toContain('a•••@example.org');
    expect(html).toContain('z•••@example.org');
    expect(html).toContain('r•••@example.net');
    for (const address of ['amelie@example.org', 'zoe@example.org', 'robert@example.net', 'bruno@example.org'])
      expect(html).not.toContain(address);
    expect(html).toContain('Confirmation');
    expect(html).toContain('Réponse');
    expect(html).toContain('Envoyée');
    expect(html).toContain('Non envoyée');
    expect(html).toContain('Adresse non confirmée');
    expect(html).toContain(`<a href="/admin/comments/${replyId}/edit">Commentaire n°\u00a0${replyId}</a> de Bruno`);
    expect(html).toContain(`<a href="/bureau-notifications#comment-${replyId}">Les notifications</a>`);
    expect(html).toContain('aria-current="page">Notifications</a>');
    expect(html).not.toContain('notifications sont désactivées');
    // The failed one stands out, its error escaped: shown as text, never live.
    const failedRow = html.slice(html.indexOf(`id="notification-${failed}"`));
    expect(failedRow).toMatch(/^id="notification-\d+" class="notification-failed"/);
    expect(failedRow).toContain('<strong>Échec</strong>');
    expect(failedRow).toContain(
      'Échec de l’envoi\u00a0: <code>Error: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</code>',
    );
    expect(html).not.toContain('<script>');
    expect(await liveMarkup(html)).toEqual([]);
  });

  it('translates every reason the consumer writes, in French and in English', async () => {
    const codes = [
      'disabled',
      'invalid_address',
      'not_public',
      'own_reply',
      'unconfirmed',
      'unsubscribed',
      'not_the_commenter',
      'not_verified',
      'already_confirmed',
      'confirmation_already_sent',
      'already_moderated',
    ];
    const t = now();
    for (const [index, code] of codes.entries())
      await notification('reply', replyId, `r${index}@example.org`, t - index, { skipped: code });
    await notification('reply', replyId, 'dead@example.org', t - 20);
    await markNotificationFailed(
      env.DB,
      { kind: 'confirm', commentId, recipient: 'letter@example.org' },
      'retries exhausted',
      t - 30,
    );
    await notification('reply', replyId, 'later@example.org', t - 40, { retrying: 'send failed: Error: busy' });
    const fr = await (await adminGet(await logIn(), '/admin/notifications')).text();
    const en = await (await adminGet(await logIn({ BLOG_LANGUAGE: 'en' }), '/admin/notifications')).text();
    for (const page of [fr, en]) {
      for (const code of codes) {
        expect(page).not.toMatch(new RegExp(`<br>${code}\\b`));
        expect(page).not.toContain(`<code>${code}</code>`);
      }
    }
    expect(fr).toContain('Commentaire déjà modéré avant l’envoi du résumé');
    expect(en).toContain('Comment already moderated before the digest went');
    expect(fr).toContain('Le destinataire a écrit cette réponse lui-même');
    expect(fr).toContain('Une confirmation a déjà été envoyée à cette adresse');
    expect(fr).toContain('Commentaire ni approuvé, ni vérifié par Turnstile');
    expect(fr).toContain('Toutes les tentatives ont échoué');
    expect(fr).toContain('En file<br>Échec de l’envoi\u00a0: <code>Error: busy</code> Nouvel essai prévu.');
    expect(en).toContain('The recipient wrote this reply');
    expect(en).toContain('A confirmation was already sent to this address');
    expect(en).toContain('Not the address of the comment’s author');
    expect(en).toContain('Every attempt failed');
    expect(en).toContain('Queued<br>Send failed: <code>Error: busy</code> It will be tried again.');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Skipped');
  });

  it('shows the author digest as its own kind', async () => {
    await env.DB.prepare(
      "INSERT INTO notifications (kind, comment_id, recipient, state, attempts, created_at, sent_at) VALUES ('author', ?1, 'auteur@example.org', 'sent', 1, ?2, ?2)",
    )
      .bind(commentId, now())
      .run();
    expect(await (await adminGet(await logIn(), '/admin/notifications')).text()).toContain('Résumé pour l’auteur');
    expect(await (await adminGet(await logIn({ BLOG_LANGUAGE: 'en' }), '/admin/notifications')).text()).toContain(
      'Author digest',
    );
  });

  it('pages by date, older then back to newer, with no row twice or missed', async () => {
    const t = now();
    const total = NOTIFICATION_LOG_PAGE_SIZE + 3;
    const ids: number[] = [];
    // Two rows share each second: the id breaks the tie.
    for (let i = 0; i < total; i++)
      ids.push(await notification('reply', replyId, `p${i}@example.org`, t - Math.floor(i / 2), { sent: true }));
    const author = await logIn();
    const shown = (html: string) => [...html.matchAll(/id="notification-(\d+)"/g)].map((match) => Number(match[1]));
    const first = await (await adminGet(author, '/admin/notifications')).text();
    const newestFirst = [...ids].reverse().sort((a, b) => {
      const at = (id: number) => t - Math.floor(ids.indexOf(id) / 2);
      return at(b) - at(a) || b - a;
    });
    expect(shown(first)).toEqual(newestFirst.slice(0, NOTIFICATION_LOG_PAGE_SIZE));
    expect(first).not.toContain('rel="prev"');
    const older = /href="(\/admin\/notifications\?before=[0-9-]+)" rel="next"/.exec(first)?.[1];
    if (!older) throw new Error('no link to older notifications');
    const second = await (await adminGet(author, older)).text();
    expect(shown(second)).toEqual(newestFirst.slice(NOTIFICATION_LOG_PAGE_SIZE));
    expect(second).not.toContain('rel="next"');
    const newer = /href="(\/admin\/notifications\?after=[0-9-]+)" rel="prev"/.exec(second)?.[1];
    if (!newer) throw new Error('no link back to newer notifications');
    expect(shown(await (await adminGet(author, newer)).text())).toEqual(
      newestFirst.slice(0, NOTIFICATION_LOG_PAGE_SIZE),
    );
    expect((await adminGet(author, '/admin/notifications?before=abc')).status).toBe(400);
  });

  it('says how to turn notifications on when they are off, and still shows the log', async () => {
    const offFr = await logIn({ MAIL_FROM: '' });
    const empty = await (await adminGet(offFr, '/admin/notifications')).text();
    expect(empty).toContain('Les notifications par e-mail sont désactivées');
    expect(empty).toContain('MAIL_FROM = &quot;blog@votre-domaine.fr&quot;');
    expect(empty).toContain('[[send_email]]\nname = &quot;EMAIL&quot;');
    expect(empty).toContain('npx wrangler queues create causerie-notifications\n');
    expect(empty).toContain('npx wrangler queues create causerie-notifications-dlq');
    expect(empty).toContain('Aucune notification pour l’instant.');

    const id = await notification('reply', replyId, 'zoe@example.org', now(), { skipped: 'disabled' });
    const offEn = await logIn({ MAIL_FROM: 'not an address', BLOG_LANGUAGE: 'en' });
    const withLog = await (await adminGet(offEn, '/admin/notifications')).text();
    expect(withLog).toContain('E-mail notifications are off');
    expect(withLog).toContain('Cloudflare Email Service');
    expect(withLog).toContain('The log of notifications already recorded is still shown below.');
    expect(withLog).toContain(`id="notification-${id}"`);
    expect(withLog).toContain('Notifications were off');
  });
});

describe('/admin/articles/:id/subscribers', () => {
  it('lists an article’s subscribers, masked, what they follow, since when, confirmed or not', async () => {
    await subscribe('camille@example.org', articleId, 'thread', commentId);
    await subscribe('camille@example.org', articleId, 'article', replyId);
    await env.DB.prepare(
      "INSERT INTO subscriber_addresses (email, created_at) VALUES ('dora@example.org', ?1) ON CONFLICT DO NOTHING",
    )
      .bind(now())
      .run();
    await env.DB.prepare(
      "INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES ('dora@example.org', ?1, 'thread', ?2, ?3)",
    )
      .bind(articleId, replyId, now())
      .run();
    const author = await logIn();
    const list = await (await adminGet(author, '/admin/articles')).text();
    expect(list).toContain(`href="/admin/articles/${articleId}/subscribers">Abonnés</a>`);
    const response = await adminGet(author, `/admin/articles/${articleId}/subscribers`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('Abonnés de «\u00a0Les notifications\u00a0»');
    expect(html).toContain('c•••@example.org');
    expect(html).toContain('d•••@example.org');
    expect(html).not.toContain('camille@example.org');
    expect(html).not.toContain('dora@example.org');
    expect(html).toContain(`Réponses au commentaire n°\u00a0${commentId}`);
    expect(html).toContain(`Tout l’article (demandé avec le commentaire n°\u00a0${replyId})`);
    expect(html).toContain('Confirmée le');
    expect(html).toContain('Non confirmée (ne reçoit rien)');
    // One row and one button per address.
    expect(html.match(/<button type="submit" class="button button-danger"/g)).toHaveLength(2);
    expect((await adminGet(author, '/admin/articles/999999/subscribers')).status).toBe(404);
  });

  it('removes an address from one article after asking, with the CSRF token only, and leaves other articles alone', async () => {
    await subscribe('eve@example.org', articleId, 'thread', commentId);
    await subscribe('eve@example.org', articleId, 'article', replyId);
    await subscribe('eve@example.org', otherArticleId, 'article', await insertComment({ articleId: otherArticleId }));
    await subscribe('fred@example.org', articleId, 'thread', commentId);
    const author = await logIn();
    const page = await (await adminGet(author, `/admin/articles/${articleId}/subscribers`)).text();
    const row = page.slice(page.indexOf('e•••@example.org'));
    const subscription = /name="subscription" value="(\d+)"/.exec(row)?.[1] as string;
    const path = `/admin/articles/${articleId}/subscribers`;

    // No token, a wrong token, another site: refused, nothing removed.
    const noToken = await postForm(
      path,
      { subscription, confirmed: 'yes' },
      { env: author.env, cookie: author.cookie },
    );
    expect(noToken.status).toBe(403);
    const wrong = await postForm(
      path,
      { csrf: 'x'.repeat(43), subscription, confirmed: 'yes' },
      { env: author.env, cookie: author.cookie },
    );
    expect(wrong.status).toBe(403);
    const csrf = csrfTokenIn(page);
    const crossSite = await postForm(
      path,
      { csrf, subscription, confirmed: 'yes' },
      { env: author.env, cookie: author.cookie, headers: { origin: 'https://evil.example' } },
    );
    expect(crossSite.status).toBe(403);
    // A GET removes nothing either.
    await adminGet(author, `${path}?subscription=${subscription}&confirmed=yes`);
    expect((await subscriptionsOf(articleId)).filter((s) => s.email === 'eve@example.org')).toHaveLength(2);

    // The button asks first.
    const asked = await adminPost(author, path, { subscription });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('Retirer cet abonné de l’article\u00a0?');
    expect(question).toContain('Ses abonnements aux autres articles ne changent pas.');
    expect(question).toContain('e•••@example.org');
    expect(question).not.toContain('eve@example.org');
    expect(question).toContain('<input type="hidden" name="confirmed" value="yes">');
    expect((await subscriptionsOf(articleId)).filter((s) => s.email === 'eve@example.org')).toHaveLength(2);

    const done = await adminPost(author, path, { subscription, confirmed: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${path}?done=removed&n=2`);
    expect((await subscriptionsOf(articleId)).map((s) => s.email)).not.toContain('eve@example.org');
    expect((await subscriptionsOf(articleId)).map((s) => s.email)).toContain('fred@example.org');
    expect(await subscriptionsOf(otherArticleId)).toContainEqual({ email: 'eve@example.org', scope: 'article' });
    const after = await (await adminGet(author, done.headers.get('location') as string)).text();
    expect(after).toContain('2 abonnements supprimés pour cette adresse sur cet article.');
    expect(after).not.toContain('e•••@example.org');

    // Posted again (another tab): nothing left to remove, and the page says so.
    const again = await adminPost(author, path, { subscription });
    expect(again.headers.get('location')).toBe(`${path}?done=removed&n=0`);
    // A subscription of another article cannot remove anything here.
    const foreign = (await env.DB.prepare(
      "SELECT id FROM subscriptions WHERE email = 'eve@example.org' AND article_id = ?1",
    )
      .bind(otherArticleId)
      .first<{ id: number }>()) as { id: number };
    const crossed = await adminPost(author, path, { subscription: String(foreign.id), confirmed: 'yes' });
    expect(crossed.headers.get('location')).toBe(`${path}?done=removed&n=0`);
    expect(await subscriptionsOf(otherArticleId)).toContainEqual({ email: 'eve@example.org', scope: 'article' });
    expect((await adminPost(author, path, { subscription: 'abc' })).status).toBe(400);
  });
});
