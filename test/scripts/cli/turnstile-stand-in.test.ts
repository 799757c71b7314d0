// The local Turnstile that `npm run dev` starts with the test keys: the
// widget's script, and siteverify answering as Cloudflare documents its test
// secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteverifyStandIn, startSiteverifyStandIn } from '../../../scripts/turnstile/siteverify-stand-in.ts';
import { challengeToken, turnstileStandInScript } from '../../../scripts/turnstile/widget-stand-in.ts';

let standIn: SiteverifyStandIn;

beforeAll(async () => {
  standIn = await startSiteverifyStandIn('localhost', { widgetScript: turnstileStandInScript('success') });
});

afterAll(() => standIn.close());

async function verify(secret: string, token = challengeToken('success')): Promise<unknown> {
  const response = await fetch(standIn.url, { method: 'POST', body: new URLSearchParams({ secret, response: token }) });
  return response.json();
}

describe('the local Turnstile of `npm run dev`', () => {
  it('serves the widget’s script where TURNSTILE_SCRIPT_URL points, query string and all', async () => {
    const response = await fetch(`${standIn.scriptUrl}?render=explicit`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toContain('window.turnstile = {');
  });

  it('passes the token of the "always passes" secret, for the blog and the comment form', async () => {
    expect(await verify('1x0000000000000000000000000000000AA')).toMatchObject({
      success: true,
      hostname: 'localhost',
      action: 'comment',
    });
  });

  it('fails every token for the "always fails" secret, and calls it spent for the third', async () => {
    expect(await verify('2x0000000000000000000000000000000AA')).toEqual({
      success: false,
      'error-codes': ['invalid-input-response'],
    });
    expect(await verify('3x0000000000000000000000000000000AA')).toEqual({
      success: false,
      'error-codes': ['timeout-or-duplicate'],
    });
  });

  it('answers nothing but those two addresses', async () => {
    expect((await fetch(new URL('/elsewhere', standIn.url))).status).toBe(404);
    expect((await fetch(standIn.url)).status).toBe(404);
  });
});
