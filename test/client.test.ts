// The comment form's browser script, as built by scripts/build-client.ts (in
// test/global-setup.ts) and served by Workers static assets.
import { env } from 'cloudflare:test';
import { beforeAll, expect, it } from 'vitest';

let response: Response;
let code: string;

beforeAll(async () => {
  response = await env.ASSETS.fetch(new Request('http://localhost/js/comment-form.js'));
  code = await response.text();
});

it('is served as JavaScript', () => {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/javascript/);
});

it('loads Turnstile from the address the page names (TURNSTILE_SCRIPT_URL), not one of its own', () => {
  // The page's CSP allows that address's origin only: a hard-coded one would be blocked.
  expect(code).toContain('turnstileScript');
  expect(code).not.toContain('challenges.cloudflare.com');
});

it('needs no eval, so it runs under a strict script-src', () => {
  expect(code).not.toContain('eval(');
  expect(code).not.toContain('new Function');
});

it('stays small', () => {
  // Widget loading and its failures, the counter, the draft and the reply links.
  expect(new TextEncoder().encode(code).byteLength).toBeLessThan(8192);
});
