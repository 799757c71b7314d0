// Getting into the desk: the password login and its rate limit, sessions
// that expire, tampered cookies, logging out, and Cloudflare Access.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { accessEnv, signAccessJwt } from '../../support/access';
import { ADMIN_PASSWORD, adminGet, freshLoginIp, logIn, passwordEnv, postForm } from '../../support/admin';
import { callWorker } from '../../support/worker';

async function tryPassword(password: string, ip: string, extra: Record<string, unknown> = {}) {
  return postForm(
    '/admin/login',
    { password, next: '/admin/articles' },
    { env: await passwordEnv(extra), headers: { 'cf-connecting-ip': ip } },
  );
}

describe('password login', () => {
  it('shows a login form in the blog’s language', async () => {
    const response = await callWorker('/admin/login', { env: await passwordEnv() });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toMatch(/<input id="password" name="password" type="password"/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
  });

  it('lets the right password in with a signed, HttpOnly, Secure, SameSite=Strict session cookie', async () => {
    const response = await tryPassword(ADMIN_PASSWORD, freshLoginIp());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/articles');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^causerie_admin=[\w-]+\.\d+\.[\w-]+; Path=\/admin; Max-Age=43200; HttpOnly; Secure; SameSite=Strict$/,
    );
    const desk = await adminGet(
      { cookie: cookie.split(';')[0] as string, env: await passwordEnv() },
      '/admin/articles',
    );
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain('Connecté·e\u00a0: Élise Durand');
  });

  it('refuses a wrong password, keeps the form, and sets no cookie', async () => {
    const response = await tryPassword('not the password at all', freshLoginIp());
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    const page = await response.text();
    expect(page).toContain('Mot de passe incorrect.');
    expect(page).toContain('name="next" value="/admin/articles"');
  });

  it('answers 429 after too many failures from one address, even to the right password', async () => {
    const ip = freshLoginIp();
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await tryPassword('wrong guess', ip, { ADMIN_LOGIN_MAX_FAILURES: 3 })).status).toBe(401);
    const limited = await tryPassword(ADMIN_PASSWORD, ip, { ADMIN_LOGIN_MAX_FAILURES: 3 });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(await limited.text()).toContain('Trop de tentatives');
    // Another address is not affected.
    expect((await tryPassword(ADMIN_PASSWORD, freshLoginIp(), { ADMIN_LOGIN_MAX_FAILURES: 3 })).status).toBe(303);
  });

  it('counts an IPv6 client by its /64: changing the last 64 bits buys no new tries', async () => {
    const subnet = `2001:db8:${(Date.now() % 0xffff).toString(16)}:${crypto.randomUUID().slice(0, 4)}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const ip = `${subnet}::${attempt + 1}`;
      expect((await tryPassword('wrong guess', ip, { ADMIN_LOGIN_MAX_FAILURES: 3 })).status).toBe(401);
    }
    const sameSubnet = await tryPassword(ADMIN_PASSWORD, `${subnet}:ab:cd:ef:1`, { ADMIN_LOGIN_MAX_FAILURES: 3 });
    expect(sameSubnet.status).toBe(429);
    // The next /64 is someone else.
    const nextSubnet = `2001:db9:${crypto.randomUUID().slice(0, 4)}::1`;
    expect((await tryPassword(ADMIN_PASSWORD, nextSubnet, { ADMIN_LOGIN_MAX_FAILURES: 3 })).status).toBe(303);
  });

  it('never redirects a login elsewhere than the desk', async () => {
    const response = await postForm(
      '/admin/login',
      { password: ADMIN_PASSWORD, next: 'https://evil.example/' },
      { env: await passwordEnv(), headers: { 'cf-connecting-ip': freshLoginIp() } },
    );
    expect(response.headers.get('location')).toBe('/admin/comments');
  });

  it('goes next only to a desk path, resolved as a browser would resolve it', async () => {
    const cases: [string, string][] = [
      ['/admin/articles?status=draft', '/admin/articles?status=draft'],
      ['/admin/./articles', '/admin/articles'],
      ['/admin/../x', '/admin/comments'],
      ['/admin/%2e%2e/x', '/admin/comments'],
      ['/admin/..\\x', '/admin/comments'],
      ['//evil.example/admin', '/admin/comments'],
      ['/\\evil.example/admin', '/admin/comments'],
      ['/%2F%2Fevil.example', '/admin/comments'],
      ['/administrator', '/admin/comments'],
      ['admin/articles', '/admin/comments'],
      // Control characters: the URL parser would drop a tab ("/adminx"); a header cannot carry NUL.
      ['/admin\tx', '/admin/comments'],
      ['/admin/\u0000', '/admin/comments'],
      ['/admin\u0085x', '/admin/comments'],
      ['/admin\u001b[2J', '/admin/comments'],
    ];
    for (const [next, location] of cases) {
      const response = await postForm(
        '/admin/login',
        { password: ADMIN_PASSWORD, next },
        { env: await passwordEnv(), headers: { 'cf-connecting-ip': freshLoginIp() } },
      );
      expect([next, response.status, response.headers.get('location')]).toEqual([next, 303, location]);
    }
  });

  it('answers 400, never 500, to a next holding a CR or an LF', async () => {
    for (const next of ['/admin\r\nset-cookie: x=1', '/admin/\n', '/admin\rx', '//evil.example\n']) {
      const posted = await postForm(
        '/admin/login',
        { password: ADMIN_PASSWORD, next },
        { env: await passwordEnv(), headers: { 'cf-connecting-ip': freshLoginIp() } },
      );
      expect([JSON.stringify(next), posted.status]).toEqual([JSON.stringify(next), 400]);
      expect(posted.headers.get('set-cookie')).toBeNull();
      expect(posted.headers.get('cache-control')).toBe('no-store');
      expect(await posted.text()).toContain('Requête invalide');
      const shown = await callWorker(`/admin/login?${new URLSearchParams({ next })}`, { env: await passwordEnv() });
      expect([JSON.stringify(next), shown.status]).toEqual([JSON.stringify(next), 400]);
      expect(shown.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('refuses a login form posted from another site', async () => {
    const response = await postForm(
      '/admin/login',
      { password: ADMIN_PASSWORD },
      {
        env: await passwordEnv(),
        headers: { origin: 'https://evil.example', 'cf-connecting-ip': freshLoginIp() },
      },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('sessions', () => {
  it('turns away a cookie whose signature was tampered with', async () => {
    const client = await logIn();
    const [id, expires, signature] = client.cookie.replace('causerie_admin=', '').split('.') as [
      string,
      string,
      string,
    ];
    const tampered = [
      `causerie_admin=${id}.${Number(expires) + 3600}.${signature}`,
      `causerie_admin=${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}.${expires}.${signature}`,
      `causerie_admin=${id}.${expires}.${signature.slice(0, -2)}AA`,
      'causerie_admin=garbage',
    ];
    for (const cookie of tampered) {
      const response = await adminGet({ ...client, cookie }, '/admin/comments');
      expect(response.status, cookie).toBe(303);
    }
  });

  it('expires: a session older than ADMIN_SESSION_HOURS is over', async () => {
    const client = await logIn();
    // Age the session as time would: its stored expiry has passed.
    await env.DB.prepare('UPDATE admin_sessions SET expires_at = 1').run();
    const response = await adminGet(client, '/admin/comments');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fcomments');
  });

  it('logging out ends the session for good, even for a copy of the cookie', async () => {
    const client = await logIn();
    const page = await (await adminGet(client, '/admin/articles')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] as string;
    const out = await postForm('/admin/logout', { csrf }, { env: client.env, cookie: client.cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/admin/login?out=1');
    expect(out.headers.get('set-cookie')).toMatch(/^causerie_admin=; Path=\/admin; Max-Age=0/);
    expect((await adminGet(client, '/admin/articles')).status).toBe(303);
  });
});

describe('Cloudflare Access', () => {
  it('lets in a request carrying a valid Access JWT, named by its e-mail', async () => {
    const token = await signAccessJwt();
    const response = await callWorker('/admin/comments', {
      env: accessEnv,
      init: { headers: { 'cf-access-jwt-assertion': token } },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('editor@example.org');
  });

  it.each([
    ['expired', { iat: 1_000, exp: 2_000 }, {}],
    ['for another application', { aud: ['another-application-aud'] }, {}],
    ['signed by an unknown key', {}, { key: 'unknown' as const }],
  ])('refuses a JWT %s', async (_label, claims, options) => {
    const token = await signAccessJwt(claims, options);
    const response = await callWorker('/admin/comments', {
      env: accessEnv,
      init: { headers: { 'cf-access-jwt-assertion': token } },
    });
    expect(response.status).toBe(403);
  });

  it('refuses a malformed JWT', async () => {
    const response = await callWorker('/admin/comments', {
      env: accessEnv,
      init: { headers: { 'cf-access-jwt-assertion': 'not.a.jwt' } },
    });
    expect(response.status).toBe(403);
  });

  it('prefers Access over a password: a password session does not open an Access desk', async () => {
    const client = await logIn();
    const response = await adminGet({ cookie: client.cookie, env: { ...client.env, ...accessEnv } }, '/admin/comments');
    expect(response.status).toBe(403);
    const login = await callWorker('/admin/login', { env: { ...(await passwordEnv()), ...accessEnv } });
    expect(login.status).toBe(303);
  });
});
