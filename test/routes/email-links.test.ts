// The two addresses notification e-mails link to, through the whole Worker
// (SELF) against the real local D1: GET pages that change nothing, POSTs that
// confirm or unsubscribe (RFC 8058 one-click included), the links of real
// e-mails written by the queue consumer, and refused links.
import { createExecutionContext, createMessageBatch, env, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import worker from '../../src/index';
import type { OutgoingMail } from '../../src/notifications/messages';
import { CONFIRM_PATH, tokenUrl, UNSUBSCRIBE_PATH } from '../../src/notifications/paths';
import { type NotificationClaim, signNotificationToken, verifyNotificationToken } from '../../src/notifications/tokens';
import { DAY, insertArticle, insertComment, now } from '../fixtures';

const KEY = env.COMMENT_TOKEN_KEY ?? '';
const ORIGIN = 'http://localhost:8787';
let count = 0;

interface Scene {
  email: string;
  other: string;
  articleA: number;
  articleB: number;
  /** The subscriber's comments: A1 follows its thread, A2 asked for article A, B1 follows its thread. */
  a1: number;
  a2: number;
  b1: number;
}

/** Two articles, an address following a thread on each and article A as a whole, and another address following the same. */
async function scene(options: { confirmed?: boolean; language?: 'fr' | 'en' } = {}): Promise<Scene> {
  const n = ++count;
  const email = `lecteur-${n}@example.org`;
  const other = `autre-${n}@example.org`;
  const language = options.language ?? 'fr';
  const articleA = await insertArticle({ slug: `liens-a-${n}`, title: `Les liens A${n}`, language });
  const articleB = await insertArticle({ slug: `liens-b-${n}`, title: `Les liens B${n}`, language });
  const a1 = await insertComment({ articleId: articleA, email });
  const a2 = await insertComment({ articleId: articleA, email });
  const b1 = await insertComment({ articleId: articleB, email });
  const oa = await insertComment({ articleId: articleA, email: other });
  const ob = await insertComment({ articleId: articleB, email: other });
  const at = now() - DAY;
  const address = env.DB.prepare(
    'INSERT INTO subscriber_addresses (email, confirmed_at, created_at) VALUES (?1, ?2, ?3)',
  );
  const follow = env.DB.prepare(
    'INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
  );
  await env.DB.batch([
    address.bind(email, options.confirmed ? at : null, at),
    address.bind(other, at, at),
    follow.bind(email, articleA, 'thread', a1, at),
    follow.bind(email, articleA, 'article', a2, at),
    follow.bind(email, articleB, 'thread', b1, at),
    follow.bind(other, articleA, 'thread', oa, at),
    follow.bind(other, articleA, 'article', oa, at),
    follow.bind(other, articleB, 'thread', ob, at),
  ]);
  return { email, other, articleA, articleB, a1, a2, b1 };
}

async function linkPath(claim: NotificationClaim, at = now()): Promise<string> {
  const path = claim.purpose === 'confirm' ? CONFIRM_PATH : UNSUBSCRIBE_PATH;
  return tokenUrl('', path, await signNotificationToken(claim, KEY, at));
}

function request(path: string, init: RequestInit & { language?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.language) headers.set('accept-language', init.language);
  return SELF.fetch(new Request(`${ORIGIN}${path}`, { redirect: 'manual', ...init, headers }));
}

const oneClick = (path: string) =>
  request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });

async function follows(email: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    'SELECT scope, comment_id FROM subscriptions WHERE email = ?1 ORDER BY comment_id, scope',
  )
    .bind(email)
    .all<{ scope: string; comment_id: number }>();
  return results.map((row) => `${row.scope} ${row.comment_id}`);
}

async function confirmedAt(email: string): Promise<number | null | undefined> {
  const row = await env.DB.prepare('SELECT confirmed_at FROM subscriber_addresses WHERE email = ?1')
    .bind(email)
    .first<{ confirmed_at: number | null }>();
  return row?.confirmed_at;
}

/** The forms of a page: where each POSTs and what its button says. */
function formsOf(page: string): { action: string; label: string }[] {
  return [
    ...page.matchAll(
      /<form method="post" action="([^"]+)">\s*<p class="form-submit"><button type="submit">([^<]+)<\/button>/g,
    ),
  ].map(([, action, label]) => ({ action: (action as string).replaceAll('&amp;', '&'), label: label as string }));
}

function expectPrivate(response: Response): void {
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-robots-tag')).toBe('noindex');
  // Never looked up in the edge cache: serveWithCache would have said HIT, MISS or BYPASS.
  expect(response.headers.get('server-timing') ?? '').not.toContain('cache;desc');
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the confirmation link', () => {
  it('GET shows one button that POSTs the same link, and confirms nothing', async () => {
    const s = await scene();
    const path = await linkPath({ purpose: 'confirm', email: s.email, commentId: s.a1 });
    const response = await request(path);
    expect(response.status).toBe(200);
    expectPrivate(response);
    const page = await response.text();
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain(`confirmez l’adresse ${s.email}.`);
    expect(formsOf(page)).toEqual([{ action: path, label: 'Confirmer mon adresse' }]);
    expect(await confirmedAt(s.email)).toBeNull();
    // HEAD is a GET without a body: still nothing confirmed.
    expect((await request(path, { method: 'HEAD' })).status).toBe(200);
    expect(await confirmedAt(s.email)).toBeNull();
  });

  it('POST confirms the address, says what will come and how to stop; again, says it already was', async () => {
    const s = await scene({ language: 'en' });
    const path = await linkPath({ purpose: 'confirm', email: s.email, commentId: s.a1 });
    const before = now();
    const first = await request(path, { method: 'POST' });
    expect(first.status).toBe(200);
    expectPrivate(first);
    const page = await first.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<h1>Address confirmed</h1>');
    expect(page).toContain(
      `You will receive an e-mail each time a reply to your comment on “Les liens A${count}” is published.`,
    );
    expect(page).toContain('Every e-mail has an “Unsubscribe” link that stops them in one click.');
    const [stop] = formsOf(page);
    expect(stop?.label).toBe('Stop every e-mail from this blog');
    const stopToken = new URL(stop?.action ?? '', ORIGIN).searchParams.get('token') ?? '';
    expect(await verifyNotificationToken(stopToken, 'unsubscribe', KEY, now())).toMatchObject({
      ok: true,
      claim: { scope: 'all', email: s.email },
    });
    const confirmed = await confirmedAt(s.email);
    expect(confirmed).toBeGreaterThanOrEqual(before);

    const again = await request(path, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('<h1>Address already confirmed</h1>');
    expect(await confirmedAt(s.email)).toBe(confirmed);
    // Nothing kept from the first GET either: the page now says it is done.
    const later = await request(path);
    expect(await later.text()).toContain('was already confirmed: nothing has changed.');
  });

  it('the article-wide choice is named on the confirmed page', async () => {
    const s = await scene();
    const path = await linkPath({ purpose: 'confirm', email: s.email, commentId: s.a2 });
    const page = await (await request(path, { method: 'POST' })).text();
    expect(page).toContain(`chaque fois qu’un nouveau commentaire sera publié sur «\u00a0Les liens A${count}\u00a0».`);
    expect(page).not.toContain('une réponse à votre commentaire');
  });

  it('a link whose comment was deleted, or whose address follows nothing, leads nowhere and confirms nothing', async () => {
    const s = await scene();
    const deleted = await linkPath({ purpose: 'confirm', email: s.email, commentId: s.a1 });
    await env.DB.prepare('DELETE FROM comments WHERE id = ?1').bind(s.a1).run();
    const stranger = await linkPath({ purpose: 'confirm', email: 'personne@example.org', commentId: s.a2 });
    for (const path of [deleted, stranger]) {
      for (const method of ['GET', 'POST']) {
        const response = await request(path, { method });
        expect(response.status, `${method} ${path}`).toBe(410);
        expectPrivate(response);
        expect(await response.text()).toContain('<h1>Ce lien ne mène plus nulle part</h1>');
      }
    }
    expect(await confirmedAt(s.email)).toBeNull();
    expect(await confirmedAt('personne@example.org')).toBeUndefined();
  });
});

describe('the unsubscribe link', () => {
  it('a one-click POST (RFC 8058), with no cookie and no CSRF token, unsubscribes', async () => {
    const s = await scene({ confirmed: true });
    const path = await linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'thread', commentId: s.a1 });
    const response = await oneClick(path);
    expect(response.status).toBe(200);
    expectPrivate(response);
    expect(await response.text()).toContain('Vous ne recevrez plus d’e-mail pour les réponses à ce commentaire.');
    expect(await follows(s.email)).toEqual([`article ${s.a2}`, `thread ${s.b1}`]);
  });

  it('a one-click POST sent as multipart/form-data works too', async () => {
    const s = await scene({ confirmed: true });
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const path = await linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'all' });
    const response = await request(path, { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(await follows(s.email)).toEqual([]);
  });

  it('each scope removes exactly what it says, for this address only, and twice is as once', async () => {
    const s = await scene({ confirmed: true });
    const otherBefore = await follows(s.other);
    const thread = await linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'thread', commentId: s.b1 });
    const article = await linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'article', articleId: s.articleA });
    const all = await linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'all' });

    for (const _ of [1, 2]) expect((await oneClick(thread)).status).toBe(200);
    expect(await follows(s.email)).toEqual([`thread ${s.a1}`, `article ${s.a2}`]);

    const response = await oneClick(article);
    expect(await response.text()).toContain(
      `Vous ne recevrez plus d’e-mail au sujet de «\u00a0Les liens A${count}\u00a0».`,
    );
    expect(await follows(s.email)).toEqual([]);
    expect((await oneClick(article)).status).toBe(200);

    const t = await scene({ confirmed: true });
    const allOfT = await linkPath({ purpose: 'unsubscribe', email: t.email, scope: 'all' });
    const page = await (await oneClick(allOfT)).text();
    expect(page).toContain('Vous ne recevrez plus aucun e-mail de notification de ce blog.');
    expect(page).toContain('Votre adresse reste confirmée');
    expect(await follows(t.email)).toEqual([]);
    expect((await oneClick(allOfT)).status).toBe(200);
    expect((await oneClick(all)).status).toBe(200);
    // The address keeps its confirmation; the other addresses keep everything.
    expect(await confirmedAt(t.email)).toBeGreaterThan(0);
    expect(await follows(s.other)).toEqual(otherBefore);
    expect(await follows(t.other)).toHaveLength(3);
  });

  it('GET offers this thread, this article and everything, each a POST of its own scope, and removes nothing', async () => {
    const s = await scene({ confirmed: true, language: 'en' });
    const path = await linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'thread', commentId: s.a1 });
    const response = await request(path);
    expect(response.status).toBe(200);
    expectPrivate(response);
    const page = await response.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(`Which e-mails should ${s.email} stop receiving?`);
    const forms = formsOf(page);
    expect(forms.map((form) => form.label)).toEqual([
      'Replies to this comment',
      `Everything about “Les liens A${count}”`,
      'Every e-mail from this blog',
    ]);
    expect(forms[0]?.action).toBe(path);
    const claims = await Promise.all(
      forms.map(async (form) => {
        const token = new URL(form.action, ORIGIN).searchParams.get('token') ?? '';
        const check = await verifyNotificationToken(token, 'unsubscribe', KEY, now());
        return check.ok ? check.claim : check.reason;
      }),
    );
    expect(claims).toEqual([
      { purpose: 'unsubscribe', email: s.email, scope: 'thread', commentId: s.a1 },
      { purpose: 'unsubscribe', email: s.email, scope: 'article', articleId: s.articleA },
      { purpose: 'unsubscribe', email: s.email, scope: 'all' },
    ]);
    expect(await follows(s.email)).toHaveLength(3);
    // The article's button, pressed.
    const pressed = await request(forms[1]?.action ?? '', { method: 'POST' });
    expect(await pressed.text()).toContain(`You will no longer receive e-mails about “Les liens A${count}”.`);
    expect(await follows(s.email)).toEqual([`thread ${s.b1}`]);
    // Asked again, the page still answers (no copy kept): a token for everything only offers everything.
    const everything = await linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'all' });
    expect(formsOf(await (await request(everything, { language: 'fr' })).text()).map((form) => form.label)).toEqual([
      'Tous les e-mails de ce blog',
    ]);
  });

  it('still answers when the thread’s comment is gone, in the reader’s language', async () => {
    const s = await scene({ confirmed: true });
    const path = await linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'thread', commentId: s.b1 });
    await env.DB.prepare('DELETE FROM comments WHERE id = ?1').bind(s.b1).run();
    const page = await request(path, { language: 'en-GB,en;q=0.8' });
    expect(page.status).toBe(200);
    expect(formsOf(await page.text()).map((form) => form.label)).toEqual([
      'Replies to this comment',
      'Every e-mail from this blog',
    ]);
    const done = await request(path, { method: 'POST', language: 'en' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You will no longer receive e-mails about replies to this comment.');
  });
  it('shows the address of the token as text, never as markup', async () => {
    const hostile = '"><script>alert(1)</script>@example.org';
    const page = await (await request(await linkPath({ purpose: 'unsubscribe', email: hostile, scope: 'all' }))).text();
    expect(page).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.org');
    expect(page).not.toContain('<script>alert(1)');
  });
});

describe('the links of real e-mails', () => {
  let send: MockInstance<(mail: EmailMessageBuilder) => Promise<EmailSendResult>>;

  async function deliver(body: unknown): Promise<OutgoingMail> {
    send = vi.spyOn(env.EMAIL, 'send') as unknown as typeof send;
    const batch = createMessageBatch('causerie-notifications', [
      { id: `m-${++count}`, timestamp: new Date(), attempts: 1, body },
    ]);
    createExecutionContext();
    await worker.queue?.(batch, env);
    expect(send).toHaveBeenCalledTimes(1);
    return send.mock.calls[0]?.[0] as unknown as OutgoingMail;
  }

  it('the confirmation e-mail’s link confirms, through its page’s button; its List-Unsubscribe unsubscribes', async () => {
    const s = await scene();
    const mail = await deliver({ kind: 'confirm', commentId: s.a1, recipient: s.email });
    const confirmUrl = /(http:\/\/localhost:8787\/_causerie\/email\/confirm\?token=\S+)/.exec(mail.text)?.[1] ?? '';
    expect(mail.html).toContain(`href="${confirmUrl}"`);
    const page = await request(confirmUrl.slice(ORIGIN.length));
    expect(await confirmedAt(s.email)).toBeNull();
    const [button] = formsOf(await page.text());
    const done = await request(button?.action ?? '', { method: 'POST' });
    expect(await done.text()).toContain('<h1>Adresse confirmée</h1>');
    expect(await confirmedAt(s.email)).toBeGreaterThan(0);

    const unsubscribeUrl = /^<(.+)>$/.exec(mail.headers['List-Unsubscribe'] ?? '')?.[1] ?? '';
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect((await oneClick(unsubscribeUrl.slice(ORIGIN.length))).status).toBe(200);
    expect(await follows(s.email)).toEqual([]);
  });

  it('the reply e-mail’s List-Unsubscribe, one-click, stops that thread and nothing else', async () => {
    const s = await scene({ confirmed: true });
    const reply = await insertComment({ articleId: s.articleB, parentId: s.b1, email: 'remi@example.org' });
    const mail = await deliver({ kind: 'reply', commentId: reply, recipient: s.email });
    const unsubscribeUrl = /^<(.+)>$/.exec(mail.headers['List-Unsubscribe'] ?? '')?.[1] ?? '';
    expect(mail.text).toContain(unsubscribeUrl);
    const response = await oneClick(unsubscribeUrl.slice(ORIGIN.length));
    expect(response.status).toBe(200);
    expect(await follows(s.email)).toEqual([`thread ${s.a1}`, `article ${s.a2}`]);
  });
});

describe('refused links', () => {
  const cases: { name: string; make: (s: Scene) => Promise<string>; fr: string; en: string }[] = [
    {
      name: 'an expired confirmation',
      make: (s) => linkPath({ purpose: 'confirm', email: s.email, commentId: s.a1 }, now() - 8 * DAY),
      fr: 'Ce lien de confirmation a expiré\u00a0: il était valable 7\u00a0jours.',
      en: 'This confirmation link has expired: it was valid for 7 days.',
    },
    {
      name: 'an expired unsubscribe link',
      make: (s) => linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'all' }, now() - 366 * DAY),
      fr: 'Utilisez le lien «\u00a0Se désabonner\u00a0» d’un e-mail plus récent',
      en: 'Use the “Unsubscribe” link of a more recent e-mail (each e-mail has its own), or write to the blog’s author, Élise Durand.',
    },
    {
      name: 'a forged confirmation (signed with another key)',
      make: async (s) =>
        tokenUrl(
          '',
          CONFIRM_PATH,
          await signNotificationToken({ purpose: 'confirm', email: s.email, commentId: s.a1 }, 'another key', now()),
        ),
      fr: 'Ce lien n’est pas reconnu par ce blog',
      en: 'This blog does not recognise this link',
    },
    {
      name: 'a malformed unsubscribe link',
      make: async () => `${UNSUBSCRIBE_PATH}?token=eyJlbWFpbCI6`,
      fr: 'Ce lien est incomplet ou abîmé',
      en: 'This link is incomplete or damaged',
    },
    {
      name: 'a confirmation link without its token',
      make: async () => CONFIRM_PATH,
      fr: 'Copiez le lien entier depuis l’e-mail de confirmation',
      en: 'Copy the whole link from the confirmation e-mail',
    },
    {
      name: 'an unsubscribe token on the confirmation address',
      make: async (s) =>
        `${CONFIRM_PATH}?token=${(await linkPath({ purpose: 'unsubscribe', email: s.email, scope: 'all' })).split('=')[1]}`,
      fr: 'Ce lien n’est pas un lien de confirmation.',
      en: 'This is not a confirmation link.',
    },
  ];

  it.each(cases)('$name: a 400 page in French and in English, and nothing changes', async ({ make, fr, en }) => {
    const s = await scene();
    const path = await make(s);
    for (const method of ['GET', 'POST']) {
      for (const [language, text] of [
        ['fr-FR,fr;q=0.9', fr],
        ['en-US,en;q=0.9', en],
      ] as const) {
        const response = await request(path, { method, language });
        expect(response.status, `${method} ${language}`).toBe(400);
        expectPrivate(response);
        const page = await response.text();
        expect(page).toContain(`<html lang="${language.slice(0, 2)}">`);
        expect(page).toContain(text);
      }
    }
    expect(await confirmedAt(s.email)).toBeNull();
    expect(await follows(s.email)).toHaveLength(3);
  });

  it('an expired link, by the clock: valid on its last second, refused the next', async () => {
    const s = await scene();
    vi.useFakeTimers({ toFake: ['Date'] });
    const signedAt = now();
    const path = await linkPath({ purpose: 'confirm', email: s.email, commentId: s.a1 }, signedAt);
    vi.setSystemTime((signedAt + 7 * DAY) * 1000);
    expect((await request(path)).status).toBe(200);
    vi.setSystemTime((signedAt + 7 * DAY + 1) * 1000);
    expect((await request(path)).status).toBe(400);
  });
});

describe('the addresses themselves', () => {
  it('answer 405 with Allow to other methods; other spellings are neither redirected nor looked up', async () => {
    const response = await request(CONFIRM_PATH, { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST, HEAD');
    // The router takes a trailing slash as the same address: the same private answer, no 301.
    const slashed = await request(`${UNSUBSCRIBE_PATH}/?token=x`);
    expect(slashed.status).toBe(400);
    expectPrivate(slashed);
    for (const path of [
      '/_causerie/Email/unsubscribe?token=x',
      '/_causerie/email/',
      '/_causerie/email/other?token=x',
    ]) {
      const other = await request(path);
      expect(other.status, path).toBe(404);
      expect(other.headers.get('cache-control') ?? '', path).not.toContain('public');
      expect(other.headers.get('server-timing') ?? '', path).not.toContain('cache;desc');
    }
  });
});
