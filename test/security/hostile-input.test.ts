// The hostile-input corpus (test/support/hostile-corpus.ts) through every form
// field and every query parameter the Worker reads. Never a 5xx; what is
// stored is exactly what the rules promise; what is shown again (the comment
// once approved, the form sent back, the search box, the desk) is text, with
// no element or attribute of the payload alive in the page.
import { env } from 'cloudflare:test';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatComment } from '../../src/comments/format';
import { LIMITS } from '../../src/comments/validate';
import { MAX_QUERY_LENGTH } from '../../src/search/query';
import { insertArticle, insertComment } from '../fixtures';
import {
  ADMIN_PASSWORD,
  type AdminClient,
  adminGet,
  csrfTokenIn,
  freshLoginIp,
  logIn,
  postForm,
} from '../support/admin';
import { commentIdFrom, postComment, type StoredComment, storedComment } from '../support/comments';
import {
  expectedLine,
  expectedText,
  HOSTILE_CORPUS,
  type HostilePayload,
  lengthPayloads,
} from '../support/hostile-corpus';
import { attributeOf, liveMarkup, textIn } from '../support/live-markup';
import { pageLinkingTo, postForm as postAsSite, storedMention, stubPage, uniquePath } from '../support/webmention';
import { callWorker } from '../support/worker';

const SLUG = 'entrees-hostiles';
const BLOG = 'http://localhost:8787';
const COMMENT_SCRIPT = '/js/comment-form.js';
let articleId = 0;
let admin: AdminClient;
let csrf = '';
let counter = 0;

beforeAll(async () => {
  articleId = await insertArticle({ slug: SLUG, title: 'Entrées hostiles', tags: ['Sécurité'] });
  admin = await logIn();
  csrf = csrfTokenIn(await (await adminGet(admin, '/admin/articles')).text());
});

const unique = () => `${Date.now().toString(36)}-${++counter}`;
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The page has no live markup beyond its own; which script it may load depends on its policy. */
async function expectInert(response: Response, where: string): Promise<string> {
  const html = await response.text();
  const csp = response.headers.get('content-security-policy') ?? '';
  const allowed = /script-src 'self'/.test(csp) ? [COMMENT_SCRIPT] : [];
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    expect(await liveMarkup(html, allowed), where).toEqual([]);
  }
  return html;
}

function expectSameOriginRedirect(response: Response, where: string): void {
  if (response.status < 300 || response.status >= 400) return;
  const location = response.headers.get('location') ?? '';
  expect(location, where).toMatch(/^\/(?![/\\])/);
}

/** Approves a comment, reads it on the article as a reader would, then puts it away. */
async function shownComment(id: number): Promise<{ author: string | null; body: string | null; href: string | null }> {
  await env.DB.prepare("UPDATE comments SET status = 'approved' WHERE id = ?1").bind(id).run();
  const response = await callWorker(`/${SLUG}`);
  expect(response.status).toBe(200);
  const html = await expectInert(response, `article showing comment ${id}`);
  const shown = {
    author: await textIn(html, `#comment-${id} .comment-author`),
    body: await textIn(html, `#comment-${id} .comment-body`),
    href: await attributeOf(html, `#comment-${id} .comment-author a`, 'href'),
  };
  await env.DB.prepare("UPDATE comments SET status = 'trash' WHERE id = ?1").bind(id).run();
  return shown;
}

async function sendComment(fields: Record<string, string>): Promise<Response> {
  const tag = unique();
  return postComment(SLUG, { email: `hostile-${tag}@example.org`, body: `Texte ${tag}`, ...fields });
}

/** The value the form sent back shows in a field. */
async function refilled(html: string, field: 'author' | 'email' | 'url' | 'body'): Promise<string | null> {
  return field === 'body'
    ? textIn(html, 'textarea[name="body"]')
    : attributeOf(html, `input[name="${field}"]`, 'value');
}

const byName = (payload: HostilePayload) => [payload.name, payload] as const;

describe('the comment form', () => {
  it.each(HOSTILE_CORPUS.map(byName))('name: %s', async (name, payload) => {
    const response = await sendComment({ author: payload.value });
    const expected = expectedLine(payload);
    if (payload.blank) {
      expect(response.status, name).toBe(422);
      const html = await expectInert(response, name);
      expect(await refilled(html, 'author')).toBe(expected);
      return;
    }
    expect(response.status, name).toBe(303);
    const id = commentIdFrom(response);
    expect((await storedComment(id))?.author_name).toBe(expected);
    expect((await shownComment(id)).author).toBe(expected);
  });

  it.each(HOSTILE_CORPUS.map(byName))('comment: %s', async (name, payload) => {
    const response = await sendComment({ body: payload.value });
    const expected = expectedText(payload);
    if (payload.blank) {
      expect(response.status, name).toBe(422);
      const html = await expectInert(response, name);
      expect(await refilled(html, 'body')).toBe(expected);
      return;
    }
    expect(response.status, name).toBe(303);
    const id = commentIdFrom(response);
    expect((await storedComment(id))?.body).toBe(expected);
    // Shown as its light Markdown reads: entities and backslash escapes resolved, "*…*" as emphasis.
    expect(squeeze((await shownComment(id)).body ?? '')).toBe(squeeze(formatComment(expected).text));
  });

  it.each(HOSTILE_CORPUS.map(byName))('website: %s', async (name, payload) => {
    const response = await sendComment({ url: payload.value });
    const typed = expectedLine(payload);
    // An address without a scheme gets https:// (the documented courtesy).
    const candidates = [typed, `https://${typed}`];
    expect([303, 422], name).toContain(response.status);
    if (response.status === 422) {
      const html = await expectInert(response, name);
      expect(candidates).toContain(await refilled(html, 'url'));
      return;
    }
    const id = commentIdFrom(response);
    const stored = (await storedComment(id)) as StoredComment;
    if (typed === '') {
      expect(stored.author_url).toBeNull();
      return;
    }
    expect(candidates).toContain(stored.author_url);
    expect(stored.author_url).toMatch(/^https?:\/\//);
    expect((await shownComment(id)).href).toBe(stored.author_url);
  });

  it.each(HOSTILE_CORPUS.map(byName))('e-mail: %s', async (name, payload) => {
    const response = await postComment(SLUG, { email: payload.value, body: `Texte ${unique()}` });
    const expected = expectedLine(payload).toLowerCase();
    expect([303, 422], name).toContain(response.status);
    if (response.status === 422) {
      const html = await expectInert(response, name);
      expect(await refilled(html, 'email')).toBe(expected);
      return;
    }
    expect(payload.blank).toBeFalsy();
    const id = commentIdFrom(response);
    expect((await storedComment(id))?.author_email).toBe(expected);
    // Never shown to readers: not on the page, whatever it is.
    await env.DB.prepare("UPDATE comments SET status = 'approved' WHERE id = ?1").bind(id).run();
    expect(await (await callWorker(`/${SLUG}`)).text()).not.toContain(expected);
    await env.DB.prepare("UPDATE comments SET status = 'trash' WHERE id = ?1").bind(id).run();
  });

  it.each(HOSTILE_CORPUS.map(byName))('hidden fields: %s', async (name, payload) => {
    // The reply's parent: anything but a number is a new comment.
    const asParent = await sendComment({ parent_id: payload.value });
    expect(asParent.status, name).toBe(303);
    expect((await storedComment(commentIdFrom(asParent)))?.parent_id).toBeNull();
    // The Turnstile token: refused, the form kept, nothing stored.
    const before = await commentCount();
    const asToken = await sendComment({ 'cf-turnstile-response': payload.value, author: 'Jeton' });
    expect(asToken.status, name).toBe(403);
    expect(await refilled(await expectInert(asToken, name), 'author')).toBe('Jeton');
    // The honeypot: anything in it is a robot, answered as if stored, stored nowhere.
    const asHoneypot = await sendComment({ contact_me_by_fax_only: payload.value });
    if (payload.value === '') {
      expect(asHoneypot.status).toBe(303);
      expect(await commentCount()).toBe(before + 1);
    } else {
      expect(asHoneypot.status, name).toBe(303);
      expect(asHoneypot.headers.get('location') ?? '').not.toMatch(/#comment-\d+$/);
      expect(await commentCount()).toBe(before);
    }
  });

  const SITE = 'https://example.org/';

  it.each([
    ['author', LIMITS.author, ''],
    ['url', LIMITS.url, SITE],
    ['body', LIMITS.body, ''],
  ] as const)('%s around its limit of %i characters', async (field, limit, prefix) => {
    for (const length of lengthPayloads(limit - prefix.length)) {
      const value = prefix + length.value;
      const response = await sendComment({ [field]: value });
      const where = `${field}: ${length.name} → ${response.status}`;
      // No 413 here: the body cap holds every field at its limit in any script
      // (10,000 emoji are 120,000 bytes once encoded), and ten times a limit in ASCII.
      if (!length.fits) {
        expect(response.status, where).toBe(422);
        expect([...((await refilled(await expectInert(response, where), field)) ?? '')].length).toBeGreaterThan(limit);
        continue;
      }
      expect(response.status, where).toBe(303);
      const stored = (await storedComment(commentIdFrom(response))) as StoredComment;
      const column = { author: stored.author_name, url: stored.author_url, body: stored.body }[field];
      expect(column, where).toBe(prefix + length.expected);
    }
  });

  it('an e-mail address ten times its limit is refused, the form kept', async () => {
    const response = await sendComment({ email: `${'a'.repeat(LIMITS.email * 10)}@example.org` });
    expect(response.status).toBe(422);
    await expectInert(response, 'overlong e-mail');
  });
});

async function commentCount(): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM comments WHERE article_id = ?1')
    .bind(articleId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe('search', () => {
  const echo = (value: string) =>
    value
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ')
      .trim();

  it.each(HOSTILE_CORPUS.map(byName))('q: %s', async (name, payload) => {
    const response = await callWorker(`/search?q=${encodeURIComponent(payload.value)}`);
    expect(response.status, name).toBe(200);
    const html = await expectInert(response, name);
    expect(await attributeOf(html, '#site-search-q', 'value')).toBe(echo(payload.value));
  });

  it('an overlong query is refused, echoed cut, never run', async () => {
    const response = await callWorker(`/search?q=${'<b>x</b> '.repeat(MAX_QUERY_LENGTH)}`);
    expect(response.status).toBe(400);
    const html = await expectInert(response, 'overlong query');
    expect((await attributeOf(html, '#site-search-q', 'value'))?.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
  });
});

/** Every query parameter a route reads, on that route. */
const QUERY_PARAMETERS: [path: string, parameter: string, desk?: boolean][] = [
  ['/', 'page'],
  ['/tag/securite', 'page'],
  [`/${SLUG}`, 'cpage'],
  ['/search?q=commun', 'page'],
  // Old WordPress addresses.
  ['/', 'p'],
  ['/', 'page_id'],
  ['/', 'paged'],
  ['/', 'feed'],
  ['/admin/login', 'next'],
  ['/admin/login', 'out'],
  ['/admin/comments', 'status', true],
  ['/admin/comments', 'page', true],
  ['/admin/comments', 'done', true],
  ['/admin/comments', 'n', true],
  ['/admin/comments', 'error', true],
  ['/admin/mentions', 'status', true],
  ['/admin/mentions', 'page', true],
  ['/admin/mentions', 'done', true],
  ['/admin/mentions', 'n', true],
  ['/admin/articles', 'page', true],
  ['/admin/articles', 'done', true],
];

// Each case sends the whole corpus (about 40 requests): 1.4 s for the desk's
// comment list on a quiet machine, past the default 5 s on a loaded one.
const WHOLE_CORPUS_TIMEOUT_MS = 30_000;

describe('query parameters', () => {
  it.each(QUERY_PARAMETERS)('%s ?%s=', { timeout: WHOLE_CORPUS_TIMEOUT_MS }, async (path, parameter, desk) => {
    for (const payload of [...HOSTILE_CORPUS, { name: 'overlong', value: '9'.repeat(5000) }]) {
      const url = `${path}${path.includes('?') ? '&' : '?'}${parameter}=${encodeURIComponent(payload.value)}`;
      const response = await callWorker(url, {
        env: admin.env,
        init: desk ? { headers: { cookie: admin.cookie } } : {},
      });
      const where = `${url} (${payload.name}) → ${response.status}`;
      expect(response.status, where).toBeLessThan(500);
      expectSameOriginRedirect(response, where);
      await expectInert(response, where);
    }
  });
});

describe('the desk', () => {
  it.each(HOSTILE_CORPUS.map(byName))('login: %s as the password and as where to go next', async (name, payload) => {
    const wrong = await postForm(
      '/admin/login',
      { password: payload.value, next: payload.value },
      { env: admin.env, headers: { 'cf-connecting-ip': freshLoginIp() } },
    );
    // A line break in where to go next is a header injection attempt: refused whole (400).
    if (/[\r\n]/.test(payload.value)) {
      expect(wrong.status, name).toBe(400);
      await expectInert(wrong, name);
      const right = await postForm(
        '/admin/login',
        { password: ADMIN_PASSWORD, next: payload.value },
        { env: admin.env, headers: { 'cf-connecting-ip': freshLoginIp() } },
      );
      expect([right.status, right.headers.get('set-cookie')], name).toEqual([400, null]);
      return;
    }
    expect(wrong.status, name).toBe(401);
    const html = await expectInert(wrong, name);
    expect(await attributeOf(html, 'input[name="next"]', 'value')).toMatch(/^\/admin/);
    const right = await postForm(
      '/admin/login',
      { password: ADMIN_PASSWORD, next: payload.value },
      { env: admin.env, headers: { 'cf-connecting-ip': freshLoginIp() } },
    );
    expect(right.status, name).toBe(303);
    expect(right.headers.get('location')).toMatch(/^\/admin(?:[/?#]|$)/);
  });

  it.each(HOSTILE_CORPUS.map(byName))('editing a comment: %s in every field', async (name, payload) => {
    const id = await insertComment({ articleId, status: 'pending', body: 'À corriger.' });
    for (const field of ['author', 'email', 'url', 'body'] as const) {
      const fields = {
        author: 'Camille',
        email: 'camille@example.org',
        url: '',
        body: 'Corrigé.',
        [field]: payload.value,
      };
      const response = await postForm(
        `/admin/comments/${id}/edit`,
        { csrf, ...fields },
        { env: admin.env, cookie: admin.cookie },
      );
      const where = `${field}: ${name} → ${response.status}`;
      expect([303, 422], where).toContain(response.status);
      const page = response.status === 422 ? response : await adminGet(admin, `/admin/comments/${id}/edit`);
      const html = await expectInert(page, where);
      if (response.status === 303) {
        const stored = (await storedComment(id)) as StoredComment;
        const column = {
          author: stored.author_name,
          email: stored.author_email,
          url: stored.author_url ?? '',
          body: stored.body,
        }[field];
        if (field === 'author') expect(column, where).toBe(expectedLine(payload));
        if (field === 'body') expect(column, where).toBe(expectedText(payload));
        expect(await refilled(html, field), where).toBe(column);
      } else if (field === 'author' || field === 'body') {
        expect(payload.blank, where).toBe(true);
      }
    }
  });

  it.each(HOSTILE_CORPUS.map(byName))("the author's reply: %s", async (name, payload) => {
    const id = await insertComment({ articleId, status: 'approved', body: 'Une question.' });
    const response = await postForm(
      `/admin/comments/${id}/reply`,
      { csrf, body: payload.value },
      { env: admin.env, cookie: admin.cookie },
    );
    if (payload.blank) {
      expect(response.status, name).toBe(422);
      expect(await textIn(await expectInert(response, name), 'textarea[name="body"]')).toBe(expectedText(payload));
      return;
    }
    expect(response.status, name).toBe(303);
    const reply = await env.DB.prepare('SELECT body FROM comments WHERE parent_id = ?1')
      .bind(id)
      .first<{ body: string }>();
    expect(reply?.body).toBe(expectedText(payload));
    await expectInert(await callWorker(`/${SLUG}`), `article with the reply to ${id}`);
  });
});

describe('Webmention and trackbacks', () => {
  it.each(HOSTILE_CORPUS.map(byName))('webmention source and target: %s', async (name, payload) => {
    for (const fields of [
      { source: payload.value, target: `${BLOG}/${SLUG}` },
      { source: `https://site.example${uniquePath()}`, target: payload.value },
    ]) {
      const response = await postAsSite('/webmention', fields);
      // A well-formed https source (a few payloads are) is taken, to be verified later.
      expect([202, 400], name).toContain(response.status);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    }
  });

  it.each(HOSTILE_CORPUS.map(byName))('trackback url: %s', async (name, payload) => {
    const response = await postAsSite(`/${SLUG}/trackback`, { url: payload.value });
    expect([200, 400], name).toContain(response.status);
    const answer = new XMLParser().parse(await response.text()) as { response: { error: number } };
    expect(answer.response.error, name).toBe(response.status === 200 ? 0 : 1);
  });

  it.each(HOSTILE_CORPUS.filter((payload) => payload.kind !== 'blank').map(byName))(
    'trackback title, excerpt and blog name: %s, shown once approved',
    async (name, payload) => {
      const url = `https://vieux-blog.example${uniquePath()}`;
      await stubPage(url, { body: pageLinkingTo(`${BLOG}/${SLUG}`) });
      const response = await postAsSite(`/${SLUG}/trackback`, {
        url,
        title: payload.value,
        excerpt: payload.value,
        blog_name: payload.value,
      });
      expect(response.status, name).toBe(200);
      const mention = await storedMention(url);
      expect(mention?.verification, name).toBe('verified');
      await env.DB.prepare("UPDATE mentions SET status = 'approved' WHERE id = ?1")
        .bind(mention?.id ?? 0)
        .run();
      await expectInert(await callWorker(`/${SLUG}`), `article with trackback ${name}`);
      await expectInert(await adminGet(admin, '/admin/mentions?status=approved'), `desk with trackback ${name}`);
      await env.DB.prepare("UPDATE mentions SET status = 'trash' WHERE id = ?1")
        .bind(mention?.id ?? 0)
        .run();
    },
  );
});

describe('the checker itself', () => {
  // Payloads that are inert even unescaped: nothing in them means markup.
  const INERT_RAW = new Set([
    'template expressions',
    'entity-encoded script',
    'numeric entities',
    'percent-encoded script',
    'markup in an HTML comment',
  ]);
  const markup = HOSTILE_CORPUS.filter((payload) => payload.kind === 'markup');

  it.each(markup.map(byName))('would catch %s if it reached a page unescaped', async (name, payload) => {
    const pages = [
      `<p>${payload.value}</p>`,
      `<input name="author" value="${payload.value}">`,
      `<a href="${payload.value}">x</a>`,
      `<textarea name="body">${payload.value}</textarea>`,
    ].map((body) => `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
    const found = (await Promise.all(pages.map((page) => liveMarkup(page)))).flat();
    if (INERT_RAW.has(name)) expect(found).toEqual([]);
    else expect(found.length, name).toBeGreaterThan(0);
  });
});
