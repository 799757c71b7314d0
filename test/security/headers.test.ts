// Every response carries the security headers, and every page keeps to the
// policy it is sent with: no inline script (JSON-LD data blocks aside), no
// event handler or style attribute, scripts only from the blog itself.
// The table below names every route of the Worker; the first test reads the
// routes out of src/index.ts, FEED_ROUTES and ADMIN_ROUTES, so a route added
// without a line here (and so without this check) fails.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import headersFile from '../../public/_headers?raw';
import { localYearMonth, periodPath } from '../../src/archives/periods';
import indexSource from '../../src/index.ts?raw';
import { CONFIRM_PATH, UNSUBSCRIBE_PATH } from '../../src/notifications/paths';
import { signNotificationToken } from '../../src/notifications/tokens';
import { ADMIN_ROUTES } from '../../src/routes/admin';
import { MONTH_PATH, YEAR_PATH } from '../../src/routes/archives';
import { isEmailLinkPath } from '../../src/routes/email-links';
import { FEED_ROUTES } from '../../src/routes/feeds';
import { CHILD_PAGE_PATH } from '../../src/routes/page';
import { type Audience, COMMON_HEADERS, RESOURCE_CSP } from '../../src/security/headers';
import { WEBMENTION_PATH } from '../../src/webmention/paths';
import { faultyDb, fetchWorker, isRead } from '../faults/faulty-db';
import { insertArticle, insertComment } from '../fixtures';
import { type AdminClient, adminGet, csrfTokenIn, logIn } from '../support/admin';
import { freshIp } from '../support/comments';
import { liveMarkup } from '../support/live-markup';
import { publishDemoPages } from '../support/pages';
import { callWorker } from '../support/worker';

const TURNSTILE = 'https://challenges.cloudflare.com';
const COMMENT_SCRIPT = '/js/comment-form.js';
const SLUG = 'en-tetes';

interface Probe {
  path: string;
  method?: 'GET' | 'POST' | 'HEAD';
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as the signed-in author. */
  desk?: boolean;
}

let admin: AdminClient;
let csrf = '';
let commentId = 0;
let articleId = 0;
let confirmLink = '';
let unsubscribeLink = '';

beforeAll(async () => {
  articleId = await insertArticle({ slug: SLUG, title: 'Les en-têtes', tags: ['Sécurité'], legacyWpId: 90_210 });
  commentId = await insertComment({ articleId, status: 'pending', body: 'Un avis à modérer.' });
  await insertComment({ articleId, status: 'approved', body: 'Un avis publié.' });
  await env.MEDIA.put('bulles-0a1b2c3d.svg', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"/>', {
    httpMetadata: { contentType: 'image/svg+xml' },
  });
  await publishDemoPages();
  admin = await logIn();
  const email = 'en-tetes@example.org';
  const token = (claim: Parameters<typeof signNotificationToken>[0]) =>
    signNotificationToken(claim, env.COMMENT_TOKEN_KEY ?? '', Math.floor(Date.now() / 1000));
  confirmLink = `${CONFIRM_PATH}?token=${await token({ purpose: 'confirm', email, commentId })}`;
  unsubscribeLink = `${UNSUBSCRIBE_PATH}?token=${await token({ purpose: 'unsubscribe', email, scope: 'thread', commentId })}`;
  await env.DB.batch([
    env.DB.prepare('INSERT INTO subscriber_addresses (email, created_at) VALUES (?1, 0)').bind(email),
    env.DB.prepare(
      "INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES (?1, ?2, 'thread', ?3, 0)",
    ).bind(email, articleId, commentId),
  ]);
  csrf = csrfTokenIn(await (await adminGet(admin, '/admin/articles')).text());
});

const comment = (fields: Record<string, string>) => ({
  author: 'Camille',
  email: 'camille@example.org',
  url: '',
  body: 'Bonjour.',
  'cf-turnstile-response': 'pass',
  ...fields,
});

/** Every route, by method and pattern as the router has it, with real requests to try it with. */
const ROUTES: Record<string, () => Probe[]> = {
  'GET /': () => [{ path: '/' }],
  'GET /tag/:tag': () => [{ path: '/tag/securite' }],
  'GET /robots.txt': () => [{ path: '/robots.txt' }],
  'GET /sitemap.xml': () => [{ path: '/sitemap.xml' }],
  'GET /sitemap-:part.xml': () => [{ path: '/sitemap-1.xml' }, { path: '/sitemap-9.xml' }],
  'GET /search': () => [{ path: '/search?q=en-t%C3%AAtes' }, { path: '/search?q=' }],
  'GET /media/*': () => [{ path: '/media/bulles-0a1b2c3d.svg' }, { path: '/media/absente-0a1b2c3d.png' }],
  'POST /webmention': () => [{ path: WEBMENTION_PATH, method: 'POST', form: { source: 'nope', target: 'nope' } }],
  'GET /archives': () => [{ path: '/archives' }],
  [`GET ${YEAR_PATH}`]: () => [{ path: periodPath({ year: articleMonth().year }) }, { path: '/0000' }],
  [`GET ${MONTH_PATH}`]: () => [{ path: periodPath(articleMonth()) }, { path: '/2024/13' }],
  'GET /:slug': () => [
    { path: `/${SLUG}` },
    { path: '/nulle-part' },
    { path: '/a-propos' },
    { path: '/mentions-legales' },
  ],
  [`GET ${CHILD_PAGE_PATH}`]: () => [
    { path: '/mentions-legales/donnees-personnelles' },
    { path: '/donnees-personnelles' },
    { path: '/a-propos/nulle-part' },
  ],
  'GET /:slug/comments': () => [{ path: `/${SLUG}/comments` }],
  'POST /:slug/comments': () => [
    { path: `/${SLUG}/comments`, method: 'POST', form: comment({ body: '' }) },
    { path: `/${SLUG}/comments`, method: 'POST', form: comment({ body: `Merci ${crypto.randomUUID()}` }) },
  ],
  'POST /:slug/trackback': () => [{ path: `/${SLUG}/trackback`, method: 'POST', form: { url: 'javascript:x' } }],
  'POST /:slug/unlock': () => [{ path: `/${SLUG}/unlock`, method: 'POST', form: { password: 'pas le bon' } }],
  'POST /_causerie/cache/purge': () => [{ path: '/_causerie/cache/purge', method: 'POST' }],
  [`GET ${CONFIRM_PATH}`]: () => [{ path: confirmLink }, { path: `${CONFIRM_PATH}?token=forged.link` }],
  [`POST ${CONFIRM_PATH}`]: () => [
    { path: confirmLink, method: 'POST' },
    { path: CONFIRM_PATH, method: 'POST' },
  ],
  [`GET ${UNSUBSCRIBE_PATH}`]: () => [{ path: unsubscribeLink }, { path: UNSUBSCRIBE_PATH }],
  [`POST ${UNSUBSCRIBE_PATH}`]: () => [
    { path: unsubscribeLink, method: 'POST', form: { 'List-Unsubscribe': 'One-Click' } },
    { path: `${UNSUBSCRIBE_PATH}?token=x`, method: 'POST' },
  ],
  'GET /feed.xml': () => [{ path: '/feed.xml' }],
  'GET /atom.xml': () => [{ path: '/atom.xml' }],
  'GET /feed.json': () => [{ path: '/feed.json' }],
  'GET /tag/:tag/feed.xml': () => [{ path: '/tag/securite/feed.xml' }],
  'GET /tag/:tag/atom.xml': () => [{ path: '/tag/securite/atom.xml' }],
  'GET /tag/:tag/feed.json': () => [{ path: '/tag/securite/feed.json' }],
  'GET /:slug/comments/feed.xml': () => [{ path: `/${SLUG}/comments/feed.xml` }],
  'GET /:slug/comments/atom.xml': () => [{ path: `/${SLUG}/comments/atom.xml` }],
  'GET /:slug/comments/feed.json': () => [{ path: `/${SLUG}/comments/feed.json` }],
  'GET /admin/login': () => [{ path: '/admin/login' }],
  'POST /admin/login': () => [{ path: '/admin/login', method: 'POST', form: { password: 'pas le bon' } }],
  'GET /admin': () => [{ path: '/admin', desk: true }, { path: '/admin' }],
  'POST /admin/logout': () => [{ path: '/admin/logout', method: 'POST', form: {} }],
  'GET /admin/comments': () => [{ path: '/admin/comments?status=pending', desk: true }],
  'POST /admin/comments': () => [{ path: '/admin/comments', method: 'POST', form: { action: 'approve' }, desk: true }],
  'GET /admin/comments/:id/edit': () => [{ path: `/admin/comments/${commentId}/edit`, desk: true }],
  'POST /admin/comments/:id/edit': () => [
    { path: `/admin/comments/${commentId}/edit`, method: 'POST', form: { author: '' }, desk: true },
  ],
  'GET /admin/comments/:id/reply': () => [{ path: `/admin/comments/${commentId}/reply`, desk: true }],
  'POST /admin/comments/:id/reply': () => [
    { path: `/admin/comments/${commentId}/reply`, method: 'POST', form: { body: '' }, desk: true },
  ],
  'GET /admin/mentions': () => [{ path: '/admin/mentions?status=pending', desk: true }],
  'POST /admin/mentions': () => [{ path: '/admin/mentions', method: 'POST', form: { action: 'approve' }, desk: true }],
  'GET /admin/articles': () => [{ path: '/admin/articles', desk: true }],
  'POST /admin/articles/:id/comments': () => [
    { path: `/admin/articles/${articleId}/comments`, method: 'POST', form: { comments: 'open' }, desk: true },
  ],
  'GET /admin/articles/:id/subscribers': () => [{ path: `/admin/articles/${articleId}/subscribers`, desk: true }],
  'POST /admin/articles/:id/subscribers': () => [
    { path: `/admin/articles/${articleId}/subscribers`, method: 'POST', form: { subscription: '1' }, desk: true },
  ],
  'GET /admin/notifications': () => [{ path: '/admin/notifications', desk: true }],
};

/** The month of the article inserted above (a day ago), on the blog's clock. */
const articleMonth = () => localYearMonth(Math.floor(Date.now() / 1000) - 86_400, env.BLOG_TIMEZONE);

/** The routes src/index.ts gives the router, read from its source. */
function routesOfTheWorker(): string[] {
  const constants: Record<string, string> = {
    WEBMENTION_PATH,
    CHILD_PAGE_PATH,
    YEAR_PATH,
    MONTH_PATH,
    CONFIRM_PATH,
    UNSUBSCRIBE_PATH,
  };
  const routes = [...indexSource.matchAll(/\.(get|post)\(\s*(?:'([^']+)'|([A-Z_]+)\b)/g)].map(
    ([, method, literal, constant]) => `${method?.toUpperCase()} ${literal ?? constants[constant ?? '']}`,
  );
  return [
    ...routes,
    ...FEED_ROUTES.map((route) => `GET ${route.path}`),
    ...ADMIN_ROUTES.map((route) => `${route.method} ${route.path}`),
  ];
}

function send(probe: Probe, extraEnv: Record<string, unknown> = {}): Promise<Response> {
  const method = probe.method ?? 'GET';
  const headers: Record<string, string> = { 'cf-connecting-ip': freshIp(), ...probe.headers };
  let body: URLSearchParams | undefined;
  if (probe.form) {
    body = new URLSearchParams(probe.desk ? { csrf, ...probe.form } : probe.form);
    Object.assign(headers, {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://localhost:8787',
      'sec-fetch-site': 'same-origin',
    });
  }
  if (probe.desk) headers.cookie = admin.cookie;
  return callWorker(probe.path, { env: { ...admin.env, ...extraEnv }, init: { method, headers, body } });
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

/** The rules of the README's "Security headers" for an HTML page. */
function expectPagePolicy(csp: string, where: string): void {
  const policy = directives(csp);
  const sources = (name: string) => policy.get(name) ?? [];
  const within = (name: string, allowed: string[]) =>
    expect(
      sources(name).filter((source) => !allowed.includes(source)),
      `${where}: ${name}`,
    ).toEqual([]);
  expect(sources('default-src'), where).toEqual(["'self'"]);
  expect(sources('script-src').length, `${where}: script-src is explicit`).toBeGreaterThan(0);
  within('script-src', ["'self'", TURNSTILE, "'none'"]);
  within('frame-src', [TURNSTILE, "'none'"]);
  within('connect-src', ["'self'"]);
  within('style-src', ["'self'"]);
  within('img-src', ["'self'", 'https:']);
  expect(sources('object-src'), where).toEqual(["'none'"]);
  expect(sources('base-uri'), where).toEqual(["'none'"]);
  expect(sources('form-action'), where).toEqual(["'self'"]);
  expect(sources('frame-ancestors'), where).toEqual(["'none'"]);
  expect(csp, where).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
}

function isHtml(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').startsWith('text/html');
}

/** The header set, and for a page with a body, what the page itself contains. */
async function expectSecured(response: Response, where: string, audience: Audience = 'public') {
  const header = (name: string) => response.headers.get(name);
  expect(response.status, where).toBeLessThan(600);
  expect(header('strict-transport-security'), where).toBe('max-age=31536000; includeSubDomains');
  expect(header('x-content-type-options'), where).toBe('nosniff');
  expect(header('x-frame-options'), where).toBe('DENY');
  // The e-mail links' pages carry a token in their address: no Referer at all.
  expect(header('referrer-policy'), where).toBe(
    { desk: 'same-origin', 'email-link': 'no-referrer', public: 'strict-origin-when-cross-origin' }[audience],
  );
  const permissions = header('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation', 'interest-cohort', 'browsing-topics', 'payment']) {
    expect(permissions, where).toContain(`${feature}=()`);
  }
  const csp = header('content-security-policy') ?? '';
  if (!isHtml(response)) {
    expect(directives(csp).get('default-src'), where).toEqual(["'none'"]);
    expect(directives(csp).get('frame-ancestors'), where).toEqual(["'none'"]);
    return;
  }
  expectPagePolicy(csp, where);
  const scriptSources = directives(csp).get('script-src') ?? [];
  const body = await response.text();
  if (body === '') return;
  // A script the page loads must be one its policy lets run, and the only one.
  const allowed = scriptSources.includes("'self'") ? [COMMENT_SCRIPT] : [];
  expect(await liveMarkup(body, allowed), where).toEqual([]);
  if (body.includes(COMMENT_SCRIPT)) expect(scriptSources, where).toEqual(["'self'", TURNSTILE]);
}

describe('security headers on every route', () => {
  it('lists every route of the Worker here', () => {
    const routes = routesOfTheWorker();
    expect(routes.length).toBeGreaterThan(30);
    expect(indexSource).toContain('for (const route of ADMIN_ROUTES)');
    expect(indexSource).toContain('for (const route of FEED_ROUTES)');
    expect(indexSource, 'a route method this test does not read').not.toMatch(/\.(all|put|delete|patch|options)\(/);
    expect([...routes].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s', async (name, probes) => {
    for (const probe of probes()) {
      const response = await send(probe);
      const where = `${name}: ${probe.method ?? 'GET'} ${probe.path}${probe.desk ? ' (signed in)' : ''} → ${response.status}`;
      expect(response.status, where).toBeLessThan(500);
      const audience = probe.path.startsWith('/admin') ? 'desk' : isEmailLinkPath(probe.path) ? 'email-link' : 'public';
      await expectSecured(response, where, audience);
    }
  });

  it('the article and the comment form sent back allow our script and Turnstile, nothing else', async () => {
    const article = await send({ path: `/${SLUG}` });
    const refused = await send({
      path: `/${SLUG}/comments`,
      method: 'POST',
      form: comment({ email: 'pas une adresse' }),
    });
    for (const response of [article, refused]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(directives(csp).get('script-src')).toEqual(["'self'", TURNSTILE]);
      expect(directives(csp).get('frame-src')).toEqual([TURNSTILE]);
      expect(await response.text()).toContain(`<script src="${COMMENT_SCRIPT}" defer></script>`);
    }
  });

  it('the form pages allow the origin of TURNSTILE_SCRIPT_URL instead, and the form loads the widget from there', async () => {
    const standIn = { TURNSTILE_SCRIPT_URL: 'http://127.0.0.1:41234/turnstile/v0/api.js' };
    const article = await send({ path: `/${SLUG}` }, standIn);
    const refused = await send(
      { path: `/${SLUG}/comments`, method: 'POST', form: comment({ email: 'pas une adresse' }) },
      standIn,
    );
    expect(refused.status).toBe(422);
    for (const response of [article, refused]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(directives(csp).get('script-src')).toEqual(["'self'", 'http://127.0.0.1:41234']);
      expect(directives(csp).get('frame-src')).toEqual(['http://127.0.0.1:41234']);
      expect(await response.text()).toContain(
        'data-turnstile-script="http://127.0.0.1:41234/turnstile/v0/api.js?render=explicit"',
      );
    }
    // Cloudflare's origin is not allowed any more: one origin, the configured one.
    expect(article.headers.get('content-security-policy')).not.toContain(TURNSTILE);
  });

  it('a page whose route sent another blog’s form policy falls back to the policy without scripts', async () => {
    const otherBlog = { TURNSTILE_SCRIPT_URL: 'https://turnstile.example/api.js' };
    const cached = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600 };
    // Cached with Cloudflare's origin, then served by a blog configured for another one.
    await callWorker(`/${SLUG}?policy-change`, { env: cached });
    const response = await callWorker(`/${SLUG}?policy-change`, { env: { ...cached, ...otherBlog } });
    expect(directives(response.headers.get('content-security-policy') ?? '').get('script-src')).toEqual(["'none'"]);
  });

  it('pages without the form run no script at all, the desk included', async () => {
    for (const probe of [
      { path: '/' },
      { path: '/search?q=x' },
      { path: '/nulle-part' },
      { path: '/admin/comments', desk: true },
    ]) {
      const response = await send(probe);
      const policy = directives(response.headers.get('content-security-policy') ?? '');
      expect(policy.get('script-src'), probe.path).toEqual(["'none'"]);
      expect(policy.get('frame-src'), probe.path).toEqual(["'none'"]);
    }
  });
});

describe('security headers on every kind of answer', () => {
  const cached = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600, SERVER_TIMING: 'on' };

  it('HEAD', async () => {
    for (const path of ['/', `/${SLUG}`, '/feed.xml']) {
      const response = await send({ path, method: 'HEAD' });
      expect(response.status).toBe(200);
      await expectSecured(response, `HEAD ${path}`);
    }
  });

  it('a cache hit, and a 304 from the cache', async () => {
    const path = `/${SLUG}`;
    await callWorker(path, { env: cached });
    const hit = await callWorker(path, { env: cached });
    expect(hit.headers.get('server-timing')).toContain('HIT');
    const csp = hit.headers.get('content-security-policy') ?? '';
    expect(directives(csp).get('script-src')).toEqual(["'self'", TURNSTILE]);
    const etag = hit.headers.get('etag') ?? '';
    await expectSecured(hit, 'cache hit');
    const notModified = await callWorker(path, { env: cached, init: { headers: { 'if-none-match': etag } } });
    expect(notModified.status).toBe(304);
    await expectSecured(notModified, '304');
    expect(notModified.headers.get('content-security-policy')).toBe(csp);
  });

  it('redirects: another spelling, an old WordPress address, after a comment', async () => {
    for (const path of [`/${SLUG}/`, `/${SLUG.toUpperCase()}`, '/?p=90210']) {
      const response = await send({ path });
      expect(response.status, path).toBe(301);
      await expectSecured(response, `redirect ${path}`);
    }
  });

  it('errors: 400, 404, 405, the desk refusing a stranger, 503 and 500', async () => {
    // The 503 and the 500 are logged for the operator (and kept out of the test output).
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answers: [string, Response][] = [
      ['400', await send({ path: '/%E0%A4%A' })],
      ['404', await send({ path: '/a/b/c' })],
      ['405', await send({ path: '/', method: 'POST', form: {} })],
      ['desk 404', await send({ path: '/admin/nope', desk: true })],
      ['desk 403', await send({ path: '/admin/comments', method: 'POST', form: {} })],
      [
        '503',
        await fetchWorker(`/${SLUG}`, {
          db: faultyDb({ call: (call) => (isRead(call) ? 'error' : undefined) }).db,
        }),
      ],
      // A configuration error the Worker cannot recover from: the 500 page.
      ['500', await send({ path: '/' }, { EDGE_CACHE: 'sometimes' })],
    ];
    expect(answers.map(([name, response]) => `${name} ${response.status}`)).toEqual([
      '400 400',
      '404 404',
      '405 405',
      'desk 404 404',
      'desk 403 403',
      '503 503',
      '500 500',
    ]);
    expect(errors.mock.calls.map(([message]) => message)).toEqual(['D1 failing', 'Unhandled error']);
    expect(String(errors.mock.calls[1]?.[3])).toContain('EDGE_CACHE');
    errors.mockRestore();
    for (const [name, response] of answers) {
      await expectSecured(response, name, name.startsWith('desk') ? 'desk' : 'public');
    }
  });

  it('the last good copy served while D1 fails', async () => {
    const path = '/tag/securite';
    await fetchWorker(path, { env: cached });
    const failing = faultyDb({ call: (call) => (isRead(call) ? 'error' : undefined) });
    const stale = await fetchWorker(path, { env: cached, db: failing.db });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('server-timing') ?? '').toMatch(/STALE|HIT/);
    await expectSecured(stale, 'last good copy');
  });
});

describe('static files (public/_headers)', () => {
  it('say the same as src/security/headers.ts', () => {
    const lines = headersFile
      .split('\n')
      .filter((line) => /^\s+\S/.test(line))
      .map((line) => line.trim());
    const declared = new Map(
      lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    expect(Object.fromEntries(declared)).toEqual({ ...COMMON_HEADERS, 'content-security-policy': RESOURCE_CSP });
    expect(headersFile).toMatch(/^\/\*$/m);
  });

  it.each(['/style.css', '/admin.css', '/favicon.svg', COMMENT_SCRIPT])('%s is served with them', async (path) => {
    const response = await env.ASSETS.fetch(new Request(`http://localhost${path}`));
    expect(response.status).toBe(200);
    await expectSecured(response, path);
  });
});
