// public/ is served by Workers static assets before the Worker runs.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';

it.each([
  ['/style.css', 'text/css'],
  ['/favicon.svg', 'image/svg+xml'],
])('serves %s', async (path, type) => {
  const response = await env.ASSETS.fetch(new Request(`http://localhost${path}`));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain(type);
});
