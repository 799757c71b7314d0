// Driving the moderation desk as its author would: log in with the password,
// read the CSRF token from a page, post its forms.
import { hashAdminPassword } from '../../src/admin/auth/password';
import { callWorker } from './worker';

export const ADMIN_PASSWORD = 'une phrase de passe assez longue';

let passwordHash: Promise<string> | undefined;

/** The env a password-protected desk runs with (hashing once per test file). */
export async function passwordEnv(extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  passwordHash ??= hashAdminPassword(ADMIN_PASSWORD);
  return { ADMIN_PASSWORD_HASH: await passwordHash, ...extra };
}

export interface AdminClient {
  cookie: string;
  env: Record<string, unknown>;
}

let ipCounter = 0;
/** Each login comes from its own address, so failures in one test do not rate-limit another. */
export function freshLoginIp(): string {
  ipCounter++;
  return `198.51.100.${ipCounter % 250}`;
}

export function postForm(
  path: string,
  fields: Record<string, string | string[]>,
  options: { env: Record<string, unknown>; cookie?: string; headers?: Record<string, string>; cache?: CacheContext },
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return callWorker(path, {
    env: options.env,
    cache: options.cache,
    init: {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost:8787',
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...options.headers,
      },
    },
  });
}

export async function logIn(extraEnv: Record<string, unknown> = {}): Promise<AdminClient> {
  const env = await passwordEnv(extraEnv);
  const response = await postForm(
    '/admin/login',
    { password: ADMIN_PASSWORD, next: '/admin/comments' },
    { env, headers: { 'cf-connecting-ip': freshLoginIp() } },
  );
  if (response.status !== 303) throw new Error(`login answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, env };
}

export function adminGet(client: AdminClient, path: string, cache?: CacheContext): Promise<Response> {
  return callWorker(path, { env: client.env, cache, init: { headers: { cookie: client.cookie } } });
}

export function csrfTokenIn(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** A form post from the desk: reads a page first for its CSRF token, as a browser would have it. */
export async function adminPost(
  client: AdminClient,
  path: string,
  fields: Record<string, string | string[]>,
  options: { cache?: CacheContext; env?: Record<string, unknown> } = {},
): Promise<Response> {
  const page = await adminGet(client, '/admin/articles');
  const csrf = csrfTokenIn(await page.text());
  return postForm(
    path,
    { csrf, ...fields },
    { env: { ...client.env, ...options.env }, cookie: client.cookie, cache: options.cache },
  );
}
