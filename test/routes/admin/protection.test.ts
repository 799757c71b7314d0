// Every URL and method of the desk refuses whoever is not signed in. The table
// below lists them all: a route added to src/routes/admin/index.ts without
// being listed here (and so without this test proving it refuses strangers) fails.
import { describe, expect, it } from 'vitest';
import { ADMIN_ROUTES, PUBLIC_ADMIN_ROUTES } from '../../../src/routes/admin';
import { accessEnv, signAccessJwt } from '../../support/access';
import { passwordEnv, postForm } from '../../support/admin';
import { callWorker } from '../../support/worker';

/** Every protected route, with a concrete URL to try it on. */
const PROTECTED: Record<string, string> = {
  'GET /admin': '/admin',
  'POST /admin/logout': '/admin/logout',
  'GET /admin/comments': '/admin/comments?status=pending',
  'POST /admin/comments': '/admin/comments',
  'GET /admin/comments/:id/edit': '/admin/comments/1/edit',
  'POST /admin/comments/:id/edit': '/admin/comments/1/edit',
  'GET /admin/comments/:id/reply': '/admin/comments/1/reply',
  'POST /admin/comments/:id/reply': '/admin/comments/1/reply',
  'GET /admin/mentions': '/admin/mentions?status=pending',
  'POST /admin/mentions': '/admin/mentions',
  'GET /admin/articles': '/admin/articles',
  'POST /admin/articles/:id/comments': '/admin/articles/1/comments',
  'GET /admin/articles/:id/subscribers': '/admin/articles/1/subscribers',
  'POST /admin/articles/:id/subscribers': '/admin/articles/1/subscribers',
  'GET /admin/notifications': '/admin/notifications',
};

const routeNames = ADMIN_ROUTES.map((route) => `${route.method} ${route.path}`);
const cases = Object.entries(PROTECTED).map(([name, url]) => ({ name, method: name.split(' ')[0] as string, url }));

function attempt(method: string, url: string, env: Record<string, unknown>, headers: Record<string, string> = {}) {
  if (method === 'POST')
    return postForm(url, { id: '1', action: 'approve', body: 'x', comments: 'close' }, { env, headers });
  return callWorker(url, { env, init: { headers } });
}

describe('the desk is closed to strangers', () => {
  it('lists every admin route here, and only the login is public', () => {
    expect(routeNames.filter((name) => !PUBLIC_ADMIN_ROUTES.includes(name)).sort()).toEqual(
      Object.keys(PROTECTED).sort(),
    );
    expect(PUBLIC_ADMIN_ROUTES).toEqual(['GET /admin/login', 'POST /admin/login']);
  });

  it.each(cases)('password mode: anonymous $name is sent to the login or refused', async ({ method, url }) => {
    const response = await attempt(method, url, await passwordEnv());
    if (method === 'GET') {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
    } else {
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('session a expiré');
    }
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each(cases)('password mode: a forged session cookie on $name gets nowhere', async ({ method, url }) => {
    const forged =
      'causerie_admin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const response = await attempt(method, url, await passwordEnv(), { cookie: forged });
    expect([303, 403]).toContain(response.status);
  });

  it.each(cases)('Access mode: $name without a valid Access JWT is refused', async ({ method, url }) => {
    const response = await attempt(method, url, accessEnv);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
  });

  it.each(cases)('Access mode: $name with an expired JWT is refused', async ({ method, url }) => {
    const expired = await signAccessJwt({ iat: 1_000, exp: 2_000 });
    const response = await attempt(method, url, accessEnv, { 'cf-access-jwt-assertion': expired });
    expect(response.status).toBe(403);
  });

  it.each(cases)('not configured: $name explains how to configure and lets nobody in', async ({ method, url }) => {
    const response = await attempt(method, url, {});
    expect(response.status).toBe(503);
    const page = await response.text();
    expect(page).toContain('npm run admin:password');
    expect(page).toContain('ACCESS_TEAM_DOMAIN');
  });

  it.each(['off', 'pbkdf2-sha256:1:AAAA:AAAA', 'plain-text-password'])(
    'not configured: ADMIN_PASSWORD_HASH = %j opens no password login',
    async (value) => {
      const response = await postForm('/admin/login', { password: value }, { env: { ADMIN_PASSWORD_HASH: value } });
      expect(response.status).toBe(503);
      expect(response.headers.get('set-cookie')).toBeNull();
    },
  );

  it('the login page itself says how to configure the desk when nothing is', async () => {
    const response = await callWorker('/admin/login');
    expect(response.status).toBe(503);
    const posted = await postForm('/admin/login', { password: 'anything at all' }, { env: {} });
    expect(posted.status).toBe(503);
    expect(posted.headers.get('set-cookie')).toBeNull();
  });
});
