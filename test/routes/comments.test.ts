import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_FORM_MAX_BYTES } from '../../src/comments/validate';
import { fr } from '../../src/views/i18n/fr';
import { get, getHtml, insertArticle, insertComment } from '../fixtures';
import {
  approve,
  commentIdFrom,
  commentsByEmail,
  cookieFrom,
  freshIp,
  postComment,
  sameSubnetIp,
  storedComment,
} from '../support/comments';

let articleId: number;
let otherArticleId: number;

beforeAll(async () => {
  articleId = await insertArticle({ slug: 'billet', title: 'Un billet' });
  otherArticleId = await insertArticle({ slug: 'autre', title: 'Un autre billet' });
  await insertArticle({ slug: 'ferme', title: 'Fermé' });
  await env.DB.prepare("UPDATE articles SET comments_open = 0 WHERE slug = 'ferme'").run();
  await insertArticle({ slug: 'brouillon', status: 'draft' });
  await insertArticle({ slug: 'in-english', title: 'In English', language: 'en' });
});

const uniqueEmail = () => `reader-${crypto.randomUUID().slice(0, 8)}@example.org`;

describe('posting a comment', () => {
  it('holds a first comment for moderation and answers 303 to its anchor', async () => {
    const email = uniqueEmail();
    const response = await postComment('billet', { email, body: 'Premier message.' });
    expect(response.status).toBe(303);
    const id = commentIdFrom(response);
    expect(response.headers.get('location')).toBe(`/billet#comment-${id}`);
    expect(await storedComment(id)).toMatchObject({
      article_id: articleId,
      status: 'pending',
      held_reason: 'first_comment',
      turnstile_verified: 1,
      author_email: email,
    });
  });

  it('stores only a salted hash of the IP address', async () => {
    const response = await postComment('billet', { email: uniqueEmail() }, { ip: '192.0.2.77' });
    const stored = await storedComment(commentIdFrom(response));
    expect(stored?.ip_hash).toMatch(/^[0-9a-f]{64}$/);
    const unsalted = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('192.0.2.77'));
    expect(stored?.ip_hash).not.toBe(
      [...new Uint8Array(unsalted)].map((b) => b.toString(16).padStart(2, '0')).join(''),
    );
    const row = await env.DB.prepare("SELECT count(*) AS n FROM comments WHERE ip_hash LIKE '%192.0.2.77%'").first<{
      n: number;
    }>();
    expect(row?.n).toBe(0);
  });

  it('publishes at once for a returning commenter with an approved comment', async () => {
    const email = uniqueEmail();
    await approve(commentIdFrom(await postComment('billet', { email, body: 'Premier.' })));
    const second = await postComment('billet', { email: email.toUpperCase(), body: 'Deuxième, publié tout de suite.' });
    expect(await storedComment(commentIdFrom(second))).toMatchObject({ status: 'approved', held_reason: null });
    const { html } = await getHtml('/billet');
    expect(html).toContain('Deuxième, publié tout de suite.');
  });

  it('holds a returning e-mail under a new name once, as WordPress does, then trusts the pair', async () => {
    const email = uniqueEmail();
    await approve(commentIdFrom(await postComment('billet', { author: 'Camille', email, body: 'Premier.' })));
    const renamed = await postComment('billet', { author: 'Le vrai Camille', email, body: 'Sous un autre nom.' });
    expect(await storedComment(commentIdFrom(renamed))).toMatchObject({
      status: 'pending',
      held_reason: 'first_comment',
    });
    await approve(commentIdFrom(renamed));
    const again = await postComment('billet', { author: 'Le vrai Camille', email, body: 'Encore, même nom.' });
    expect(await storedComment(commentIdFrom(again))).toMatchObject({ status: 'approved', held_reason: null });
  });

  it('shows the comment as it was written: invisible characters and look-alikes are only folded for matching', async () => {
    const email = uniqueEmail();
    await approve(commentIdFrom(await postComment('billet', { email, body: 'Bonjour.' })));
    const body = 'Un mot cou\u00adpé, un \u0430 cyrillique, du ｐｌｅｉｎｅ ｃｈａｓｓｅ et 👩\u200d💻.';
    const response = await postComment('billet', { email, body });
    expect(await storedComment(commentIdFrom(response))).toMatchObject({ status: 'approved', body });
    const { html } = await getHtml('/billet');
    expect(html).toContain(body);
  });

  it('holds a comment with too many links even from a known commenter', async () => {
    const email = uniqueEmail();
    await approve(commentIdFrom(await postComment('billet', { email })));
    const links = 'https://a.example https://b.example https://c.example';
    const response = await postComment('billet', { email, body: `Voyez ${links}` });
    expect(await storedComment(commentIdFrom(response))).toMatchObject({
      status: 'pending',
      held_reason: 'too_many_links',
    });
  });
});

describe('read replicas', () => {
  it('hands the commenter a D1 bookmark so their next pages read their own write', async () => {
    const response = await postComment('billet', { email: uniqueEmail(), body: 'Avec signet.' });
    const cookies = response.headers.get('set-cookie') ?? '';
    const bookmark = /causerie_d1=([0-9a-f-]+); Path=\/; Max-Age=60; HttpOnly; SameSite=Lax/.exec(cookies)?.[1];
    expect(bookmark).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-/);
    const page = await get('/billet', { headers: { cookie: `causerie_d1=${bookmark}` } });
    expect(page.status).toBe(200);
  });
});

describe('the commenter’s own view of a held comment', () => {
  it('shows the held comment to its author only, marked, and never for caching', async () => {
    const response = await postComment('billet', { email: uniqueEmail(), body: 'Visible de moi seul.' });
    const id = commentIdFrom(response);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^causerie_pending=[^;]+; Path=\/billet; Max-Age=1800; HttpOnly; SameSite=Lax/);

    const mine = await get('/billet', { headers: { cookie: cookieFrom(response) } });
    const html = await mine.text();
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain(`<li id="comment-${id}" class="comment pending">`);
    expect(html).toContain('Votre commentaire est en attente de modération.');
    expect(html).toContain('Visible de moi seul.');

    const theirs = await getHtml('/billet');
    expect(theirs.html).not.toContain('Visible de moi seul.');
    expect(theirs.response.headers.get('cache-control')).not.toContain('private');
  });

  it('ignores a forged, tampered or other-article token', async () => {
    const response = await postComment('billet', { email: uniqueEmail(), body: 'Secret en attente.' });
    const cookie = cookieFrom(response);
    const [name, token] = cookie.split('=') as [string, string];
    const [payload, signature] = token.split('.') as [string, string];
    const forged = `${name}=${payload}.${signature.slice(0, -2)}AA`;
    expect(await (await get('/billet', { headers: { cookie: forged } })).text()).not.toContain('Secret en attente.');
    expect(await (await get('/autre', { headers: { cookie } })).text()).not.toContain('Secret en attente.');
  });

  it('keeps earlier held comments in the same cookie', async () => {
    const first = await postComment('billet', { email: uniqueEmail(), body: 'Premier en attente.' });
    const second = await postComment(
      'billet',
      { email: uniqueEmail(), body: 'Second en attente.' },
      { cookie: cookieFrom(first) },
    );
    const html = await (await get('/billet', { headers: { cookie: cookieFrom(second) } })).text();
    expect(html).toContain('Premier en attente.');
    expect(html).toContain('Second en attente.');
  });
});

describe('validation', () => {
  const expectRejected = async (fields: Record<string, string>, field: string, message: string) => {
    const response = await postComment('billet', { email: uniqueEmail(), ...fields });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Votre commentaire n’a pas été envoyé : corrigez les champs signalés ci-dessous.');
    expect(html).toContain(`id="comment-${field}" name="${field}"`);
    expect(html).toMatch(
      // The text's field is also described by the formatting it takes.
      new RegExp(
        `id="comment-${field}"[^>]*aria-invalid="true" aria-describedby="comment-${field}-error(?: comment-body-hint)?" autofocus`,
      ),
    );
    expect(html).toContain(`<span id="comment-${field}-error" class="field-error">${message}</span>`);
    return html;
  };

  it.each([
    [{ author: '' }, 'author', 'Indiquez votre nom.'],
    [{ author: 'x'.repeat(101) }, 'author', 'Votre nom ne doit pas dépasser 100 caractères.'],
    [{ email: '' }, 'email', 'Indiquez votre adresse e-mail (elle ne sera pas publiée).'],
    [
      { email: 'pas-une-adresse' },
      'email',
      'Cette adresse e-mail ne semble pas valide, par exemple prenom@exemple.fr.',
    ],
    [
      { email: `${'a'.repeat(64)}@${'b'.repeat(187)}.fr` },
      'email',
      'L’adresse e-mail ne doit pas dépasser 254 caractères.',
    ],
    [
      { url: 'ftp://example.org/x' },
      'url',
      'L’adresse du site doit être une adresse web commençant par http:// ou https://.',
    ],
    [
      { url: 'javascript:alert(1)' },
      'url',
      'L’adresse du site doit être une adresse web commençant par http:// ou https://.',
    ],
    [
      { url: `https://example.org/${'a'.repeat(1990)}` },
      'url',
      'L’adresse du site ne doit pas dépasser 2 000 caractères.',
    ],
    [{ body: '   \n\t  ' }, 'body', 'Écrivez votre commentaire.'],
    [{ body: 'é'.repeat(10_001) }, 'body', 'Votre commentaire dépasse 10 000 caractères : raccourcissez-le.'],
  ])('refuses %o on the %s field', async (fields, field, message) => {
    await expectRejected(fields as Record<string, string>, field, message);
  });

  it.each([
    'a@b.c?cc=x@y.z',
    'a%0d%0abcc:@x',
    '"a b"@c.d',
    'lecteur?cc=victime@exemple.fr',
    'lecteur&bcc=victime@exemple.fr',
    'lecteur%0abcc=victime@exemple.fr',
    'lecteur@exemple.fr,victime@exemple.fr',
  ])('refuses %j, which a mailto: link would read as more than one address, keeping the rest', async (email) => {
    const html = await expectRejected(
      { email, body: 'Mon texte, intact.' },
      'email',
      'Cette adresse e-mail ne semble pas valide, par exemple prenom@exemple.fr.',
    );
    expect(html).toContain(`value="${email.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`);
    expect(html).toContain('>Mon texte, intact.</textarea>');
  });

  it.each(['a@b.c?cc=x@y.z', 'a%0d%0abcc:@x', '"a b"@c.d', 'reader?cc=victim@example.org'])(
    'refuses %j on an English article, in English',
    async (email) => {
      const response = await postComment('in-english', { email, body: 'My text, whole.' });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain('This email address does not look valid, for example name@example.com.');
      expect(html).toContain(`value="${email.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`);
      expect(html).toContain('>My text, whole.</textarea>');
    },
  );

  it('keeps everything typed in the re-rendered form, escaped', async () => {
    const html = await expectRejected(
      {
        author: 'Zoé "Z" <b>',
        url: 'https://zoe.example/?a=1&b=2',
        body: 'Mon texte </textarea><script>x()</script>',
        email: 'bad',
      },
      'email',
      'Cette adresse e-mail ne semble pas valide, par exemple prenom@exemple.fr.',
    );
    expect(html).toContain('value="Zoé &quot;Z&quot; &lt;b&gt;"');
    expect(html).toContain('value="https://zoe.example/?a=1&amp;b=2"');
    expect(html).toContain('value="bad"');
    expect(html).toContain('>Mon texte &lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;</textarea>');
  });

  it('accepts 10,000 characters of 4 bytes each (120,000 bytes sent) with every other field at its limit', async () => {
    const email = uniqueEmail();
    const body = '𩸽'.repeat(10_000);
    const response = await postComment('billet', {
      author: '𠮷'.repeat(100),
      email,
      url: `https://example.org/${'𠮷'.repeat(1980)}`,
      body,
    });
    expect(response.status).toBe(303);
    const [stored] = await commentsByEmail(email);
    expect(stored?.body).toBe(body);
  });

  it('accepts 8,000 Japanese characters (a 72 KB request)', async () => {
    const email = uniqueEmail();
    const body = 'あいうえお漢字かな'.repeat(1000).slice(0, 8000);
    const response = await postComment('billet', { email, body });
    expect(response.status).toBe(303);
    expect((await commentsByEmail(email))[0]?.body).toBe(body);
  });

  it('refuses 10,001 characters of 4 bytes with 422, keeping all of them', async () => {
    const body = '😀'.repeat(10_001);
    const html = await expectRejected({ body }, 'body', fr.form.errors.body.too_long ?? '');
    expect(html).toContain(`>${body}</textarea>`);
  });

  it('accepts the limits exactly', async () => {
    const response = await postComment('billet', {
      author: 'n'.repeat(100),
      // 254 characters, with DNS labels of at most 63.
      email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.fr`,
      url: `https://example.org/${'a'.repeat(1980)}`,
      body: 'é'.repeat(10_000),
    });
    expect(response.status).toBe(303);
  });

  it('adds https:// to a bare domain, normalises Unicode and strips control characters', async () => {
    const response = await postComment('billet', {
      email: uniqueEmail(),
      author: 'Ame\u0301lie\u0007 \u202eRoux',
      url: 'amelie.example',
      body: 'Ligne\u0000 une\r\nligne deux\u0008',
    });
    const stored = await storedComment(commentIdFrom(response));
    expect(stored).toMatchObject({
      author_name: 'Amélie Roux',
      author_url: 'https://amelie.example',
      body: 'Ligne une\nligne deux',
    });
  });
});

describe('defences beside Turnstile', () => {
  it('says the check never ran, without blaming the reader, when the form comes with no token', async () => {
    const email = uniqueEmail();
    const response = await postComment('billet', { 'cf-turnstile-response': '', email, body: 'Écrit hors ligne.' });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain(fr.form.notices.turnstile_missing);
    expect(fr.form.notices.turnstile_missing).toContain('n’a pas pu se charger');
    expect(html).not.toContain('Refaites');
    expect(html).not.toContain(fr.form.notices.turnstile);
    expect(html).toContain('>Écrit hors ligne.</textarea>');
    expect(html).toContain(`value="${email}"`);
    expect(await commentsByEmail(email)).toEqual([]);
  });

  it('answers 403 and keeps the form when the challenge is invalid or spent', async () => {
    for (const token of ['nonsense', 'error:timeout-or-duplicate', 'wrong-hostname']) {
      const email = uniqueEmail();
      const response = await postComment('billet', {
        'cf-turnstile-response': token,
        email,
        body: 'Gardé malgré tout.',
      });
      expect(response.status, token).toBe(403);
      const html = await response.text();
      expect(html).toContain('La vérification anti-robot a échoué ou a expiré.');
      expect(html).toContain('>Gardé malgré tout.</textarea>');
      expect(html).toContain(`value="${email}"`);
      expect(await commentsByEmail(email)).toEqual([]);
    }
  });

  it('holds the comment, unverified, when siteverify is down', async () => {
    const email = uniqueEmail();
    await approve(commentIdFrom(await postComment('billet', { email })));
    const response = await postComment('billet', {
      email,
      body: 'Pendant la panne.',
      'cf-turnstile-response': 'http-500',
    });
    expect(response.status).toBe(303);
    const stored = await storedComment(commentIdFrom(response));
    expect(stored).toMatchObject({ status: 'pending', held_reason: 'unverified', turnstile_verified: 0 });
    const html = await (await get('/billet', { headers: { cookie: cookieFrom(response) } })).text();
    expect(html).toContain('Votre commentaire est en attente de modération.');
  });

  it('drops what fills the honeypot without telling the robot', async () => {
    const email = uniqueEmail();
    const response = await postComment('billet', { email, contact_me_by_fax_only: 'http://spam.example' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/billet#comments');
    expect(await commentsByEmail(email)).toEqual([]);
  });

  it('limits each IP address to a few comments a minute, keeping the form', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await postComment('billet', { email: uniqueEmail(), body: `Message ${i}` }, { ip });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    expect(last?.headers.get('retry-after')).toBe('60');
    const html = (await last?.text()) ?? '';
    expect(html).toContain('Patientez une minute avant de réessayer.');
    expect(html).toContain('>Message 5</textarea>');
  });

  it('counts every address of one IPv6 /64 together, and an IPv4-mapped address as its IPv4', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await postComment(
        'billet',
        { email: uniqueEmail(), body: `Sous-réseau ${i}` },
        { ip: sameSubnetIp(ip, i + 1) },
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    const [b, c, d] = crypto.getRandomValues(new Uint8Array(3));
    const v4 = `100.${64 + ((b ?? 0) % 64)}.${c}.${d}`;
    const mapped: number[] = [];
    for (let i = 0; i < 6; i++) {
      const ipOfTry = i % 2 === 0 ? v4 : `::ffff:${v4}`;
      mapped.push((await postComment('billet', { email: uniqueEmail(), body: `Mappée ${i}` }, { ip: ipOfTry })).status);
    }
    expect(mapped).toEqual([303, 303, 303, 303, 303, 429]);
  });

  it('refuses the same text from the same person on the same article within ten minutes', async () => {
    const email = uniqueEmail();
    expect((await postComment('billet', { email, body: 'Deux fois la même chose.' })).status).toBe(303);
    const again = await postComment('billet', { email, body: 'Deux fois la même chose.' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Vous avez déjà envoyé ce commentaire il y a quelques minutes.');
    expect((await postComment('autre', { email, body: 'Deux fois la même chose.' })).status).toBe(303);
    expect(await commentsByEmail(email)).toHaveLength(2);
  });

  it.each([
    ['runs of white space', 'Deux   fois la\n\nmême  chose.'],
    ['invisible characters', 'Deux fois\u200b la mê\u00adme cho\u200dse.'],
  ])('refuses the same text again with only %s changed', async (_label, resent) => {
    const email = uniqueEmail();
    expect((await postComment('billet', { email, body: 'Deux fois la même chose.' })).status).toBe(303);
    const again = await postComment('billet', { email, body: resent });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Vous avez déjà envoyé ce commentaire il y a quelques minutes.');
    expect(await commentsByEmail(email)).toHaveLength(1);
  });

  it('refuses cross-site posts', async () => {
    const crossSite: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': '', origin: 'https://evil.example' },
    ];
    for (const headers of crossSite) {
      const response = await postComment('billet', { email: uniqueEmail() }, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.text()).toContain('Ce formulaire doit être envoyé depuis une page de ce blog.');
    }
    const sameOrigin = await postComment(
      'billet',
      { email: uniqueEmail() },
      { headers: { 'sec-fetch-site': '', origin: 'http://localhost:8787' } },
    );
    expect(sameOrigin.status).toBe(303);
  });
});

describe('threads', () => {
  it('accepts a reply to an approved comment of the same article', async () => {
    const parent = await insertComment({ articleId, author: 'Parent', body: 'Parent.' });
    const email = uniqueEmail();
    await approve(commentIdFrom(await postComment('billet', { email })));
    const reply = await postComment('billet', { email, parent_id: String(parent), body: 'Une réponse.' });
    expect(await storedComment(commentIdFrom(reply))).toMatchObject({ parent_id: parent, status: 'approved' });
  });

  it('attaches replies deeper than the maximum depth to the deepest allowed level', async () => {
    const level1 = await insertComment({ articleId });
    const level2 = await insertComment({ articleId, parentId: level1 });
    const level3 = await insertComment({ articleId, parentId: level2 });
    const reply = await postComment('billet', { email: uniqueEmail(), parent_id: String(level3) });
    expect((await storedComment(commentIdFrom(reply)))?.parent_id).toBe(level2);
  });

  it('refuses a parent that is held, spam, or from another article, keeping the text', async () => {
    const held = await insertComment({ articleId, status: 'pending' });
    const elsewhere = await insertComment({ articleId: otherArticleId });
    for (const parent of [held, elsewhere, 999_999]) {
      const response = await postComment('billet', {
        email: uniqueEmail(),
        parent_id: String(parent),
        body: 'Ma réponse.',
      });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain('Le commentaire auquel vous répondiez n’est plus disponible.');
      expect(html).toContain('<input type="hidden" name="parent_id" value="">');
      expect(html).toContain('>Ma réponse.</textarea>');
    }
  });
});

describe('articles that take no comments', () => {
  it('refuses comments on a closed article and says so', async () => {
    const response = await postComment('ferme', { email: uniqueEmail() });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Les commentaires sont fermés pour cet article.');
    const { html } = await getHtml('/ferme');
    expect(html).toContain('<p class="comments-closed">Les commentaires sont fermés pour cet article.</p>');
    expect(html).not.toContain('<form id="comment-form"');
  });

  it('answers 404 for unknown and draft articles', async () => {
    expect((await postComment('inconnu')).status).toBe(404);
    expect((await postComment('brouillon')).status).toBe(404);
  });
});

describe('hostile and unusual input', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    '</textarea><script>alert(1)</script>',
    'javascript:alert(1)',
    '<a href="javascript:alert(1)">clic</a>',
    '{{constructor.constructor("alert(1)")()}}',
  ];

  it('renders XSS payloads in every field inert on the article page', async () => {
    for (const payload of payloads) {
      const email = uniqueEmail();
      const response = await postComment('billet', {
        email,
        author: `Nom ${payload}`.slice(0, 100),
        body: `Texte ${payload} https://ok.example/?q=<b>`,
        url: 'https://ok.example/"onmouseover="alert(1)',
      });
      expect(response.status, payload).toBe(303);
      await approve(commentIdFrom(response));
    }
    const { html } = await getHtml('/billet');
    const comments = /<section id="comments"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    // No element or attribute a payload could have opened: only escaped text.
    expect(comments).not.toMatch(/<(script|img|svg)\b/i);
    const tagsWithoutValues = comments.replace(/"[^"]*"/g, '""');
    expect(tagsWithoutValues).not.toMatch(/<[^>]*\son\w+=/i);
    expect(comments).not.toMatch(/href="javascript:/i);
    expect(comments).toContain('Texte &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(comments).toContain(
      'href="https://ok.example/&quot;onmouseover=&quot;alert(1)" rel="nofollow ugc noopener"',
    );
  });

  it('stores SQL metacharacters and emoji verbatim and shows them back', async () => {
    const text = "Robert'); DROP TABLE comments;-- 😀👩‍👩‍👧 \\ % _ \" ' ;";
    const response = await postComment('billet', { email: uniqueEmail(), author: "O'Brien 😀", body: text });
    const id = commentIdFrom(response);
    await approve(id);
    expect(await storedComment(id)).toMatchObject({ author_name: "O'Brien 😀", body: text });
    const { html } = await getHtml('/billet');
    expect(html).toContain('Robert&#39;); DROP TABLE comments;-- 😀👩‍👩‍👧 \\ % _ &quot; &#39; ;');
  });
});

describe('the form as served', () => {
  it('never cuts the comment in the browser, and hands its script the counter’s words', async () => {
    const { html } = await getHtml('/billet');
    const textarea = html.match(/<textarea [^>]*name="body"[^>]*>/)?.[0] ?? '';
    expect(textarea).not.toBe('');
    expect(textarea).not.toContain('maxlength');
    const counter = html.match(/<p id="comment-body-counter"[^>]*>/)?.[0] ?? '';
    expect(counter).toContain('hidden');
    expect(counter).toContain('data-max="10000"');
    expect(counter).toContain(`data-over-other="${fr.form.counter.over.other}"`);
    expect(html).toContain('<p id="comment-body-announcer" class="visually-hidden" aria-live="polite"></p>');
    expect(html).toContain(`data-failed="${fr.form.turnstile.failed}"`);
  });
});

describe('a body past the cap', () => {
  it('holds the whole form at its limits, in any script', () => {
    // 10,000 characters of 4 bytes, each byte sent as %XX, and the other fields.
    expect(COMMENT_FORM_MAX_BYTES).toBeGreaterThan(120_000 + 12 * (100 + 254 + 2000 + 2048));
    expect(COMMENT_FORM_MAX_BYTES).toBeLessThan(256 * 1024);
  });

  it('answers 413 with the article, the form and as much of the text as arrived', async () => {
    const email = uniqueEmail();
    const text = 'あ'.repeat(COMMENT_FORM_MAX_BYTES / 9 + 100);
    const response = await postComment('billet', { author: 'Aya Tanaka', email, body: text });
    expect(response.status).toBe(413);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('<h1');
    expect(html).toContain('Un billet');
    expect(html).toContain(fr.form.notices.too_large);
    expect(html).toContain('value="Aya Tanaka"');
    expect(html).toContain(`value="${email}"`);
    const kept = html.match(/<textarea [^>]*data-partial>([^<]*)<\/textarea>/)?.[1] ?? '';
    // Everything up to the cap, cut on a whole character.
    expect(kept.length).toBeGreaterThan(COMMENT_FORM_MAX_BYTES / 9 - 100);
    expect(text.startsWith(kept)).toBe(true);
    expect(await commentsByEmail(email)).toEqual([]);
  });

  it('keeps a cut-off reply a reply: the form sends parent_id before the text', async () => {
    const parent = await insertComment({ articleId, author: 'Maëlle Parent', body: 'Le commentaire parent.' });
    const served = (await getHtml('/billet')).html;
    expect(served.indexOf('name="parent_id"')).toBeLessThan(served.indexOf('name="body"'));
    const fields = new URLSearchParams({
      parent_id: String(parent),
      author: 'Lou',
      email: uniqueEmail(),
      url: '',
      body: '😀'.repeat(20_000),
    });
    const response = await SELF.fetch('http://localhost:8787/billet/comments', {
      method: 'POST',
      body: fields,
      headers: { 'sec-fetch-site': 'same-origin', 'cf-connecting-ip': freshIp() },
    });
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain(`<input type="hidden" name="parent_id" value="${parent}">`);
    expect(html).toContain(fr.form.replyToLabel.replace('%s', 'Maëlle Parent'));
  });

  it('keeps the text of a streamed body that grows past the cap', async () => {
    const chunk = new TextEncoder().encode('y'.repeat(16_000));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('author=Lou&email=lou%40example.org&url=&body=Début+'));
      },
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const { SELF } = await import('cloudflare:test');
    const response = await SELF.fetch('http://localhost:8787/billet/comments', {
      method: 'POST',
      body: stream,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        'cf-connecting-ip': freshIp(),
      },
    });
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain(fr.form.notices.too_large);
    expect(html).toContain('value="lou@example.org"');
    expect(html).toMatch(/data-partial>Début y{1000,}<\/textarea>/);
  });
});

describe('malformed requests', () => {
  it('answers 415 for another content type and 400 for invalid UTF-8', async () => {
    const json = await postComment('billet', {}, { headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
    const { SELF } = await import('cloudflare:test');
    const invalid = await SELF.fetch('http://localhost:8787/billet/comments', {
      method: 'POST',
      body: new Uint8Array([0x62, 0x6f, 0x64, 0x79, 0x3d, 0xff, 0xfe]),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    });
    expect(invalid.status).toBe(400);
  });

  it('sends a GET on the form address (a reload after a refused comment) back to the article’s form', async () => {
    const response = await get('/billet/comments');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/billet#respond');
    expect((await get('/pas-de-tel-billet/comments')).headers.get('location')).toBe('/pas-de-tel-billet#respond');
  });

  it('answers 405 with Allow to other methods on the form address', async () => {
    const response = await SELF.fetch('http://localhost:8787/billet/comments', { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST, HEAD');
  });
});
