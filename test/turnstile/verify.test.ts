// verifyTurnstileToken against the siteverify stand-in, reached through the
// real outbound fetch (intercepted at the network boundary by Miniflare).
import { describe, expect, it } from 'vitest';
import { verifyTurnstileToken } from '../../src/turnstile/verify';
import type { SiteverifyCall } from '../support/siteverify-stub';

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';
const REAL_SECRET = 'a-real-looking-secret';

const verify = (token: string, secret = REAL_SECRET, remoteIp: string | null = '203.0.113.7') =>
  verifyTurnstileToken({
    token,
    secret,
    remoteIp,
    hostname: 'localhost',
    action: 'comment',
    siteverifyUrl: SITEVERIFY,
    timeoutMs: 2000,
  });

async function callsFor(token: string): Promise<SiteverifyCall[]> {
  const calls = (await (await fetch('https://challenges.cloudflare.com/__stub/calls')).json()) as SiteverifyCall[];
  return calls.filter((call) => call.response === token);
}

/** The stand-in's calls for `token` made while `action` ran (other test files share its log). */
async function callsDuring(token: string, action: () => Promise<unknown>): Promise<SiteverifyCall[]> {
  const before = (await callsFor(token)).length;
  await action();
  return (await callsFor(token)).slice(before);
}

describe('verifyTurnstileToken', () => {
  it('accepts a genuine token for this hostname and action', async () => {
    expect(await verify('pass')).toEqual({ outcome: 'passed' });
  });

  it('sends the secret, the token, the visitor IP and an idempotency key, form-encoded', async () => {
    await verify('pass', REAL_SECRET, '198.51.100.23');
    const call = (await callsFor('pass')).find((c) => c.remoteip === '198.51.100.23');
    expect(call).toMatchObject({ secret: REAL_SECRET, response: 'pass', remoteip: '198.51.100.23' });
    expect(call?.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a missing token without calling siteverify', async () => {
    const before = (await callsFor('')).length;
    expect(await verify('')).toEqual({ outcome: 'rejected', reason: 'missing-input-response' });
    expect((await callsFor('')).length).toBe(before);
  });

  it.each([
    ['missing-input-response', 'rejected'],
    ['invalid-input-response', 'rejected'],
    ['timeout-or-duplicate', 'rejected'],
    ['missing-input-secret', 'unavailable'],
    ['invalid-input-secret', 'unavailable'],
    ['bad-request', 'unavailable'],
    ['internal-error', 'unavailable'],
  ])('treats the documented error code %s as %s', async (code, outcome) => {
    expect(await verify(`error:${code}`)).toEqual({ outcome, reason: code });
  });

  it('rejects a token solved on another hostname or for another action', async () => {
    expect(await verify('wrong-hostname')).toEqual({ outcome: 'rejected', reason: 'hostname-mismatch' });
    expect(await verify('wrong-action')).toEqual({ outcome: 'rejected', reason: 'action-mismatch' });
  });

  it('accepts the placeholder hostname and action only from Cloudflare’s test secrets', async () => {
    expect(await verify('XXXX.DUMMY.TOKEN.XXXX', '1x0000000000000000000000000000000AA')).toEqual({ outcome: 'passed' });
    expect(await verify('XXXX.DUMMY.TOKEN.XXXX', '2x0000000000000000000000000000000AA')).toEqual({
      outcome: 'rejected',
      reason: 'invalid-input-response',
    });
    expect(await verify('XXXX.DUMMY.TOKEN.XXXX', '3x0000000000000000000000000000000AA')).toEqual({
      outcome: 'rejected',
      reason: 'timeout-or-duplicate',
    });
  });

  it('retries once, with the same idempotency key, after a 5xx or a network error', async () => {
    const after503 = await callsDuring('http-503-then-pass', async () => {
      expect(await verify('http-503-then-pass')).toEqual({ outcome: 'passed' });
    });
    expect(after503).toHaveLength(2);
    expect(after503[0]?.idempotency_key).toBe(after503[1]?.idempotency_key);

    const afterReset = await callsDuring('network-error-then-pass', async () => {
      expect(await verify('network-error-then-pass')).toEqual({ outcome: 'passed' });
    });
    expect(afterReset).toHaveLength(2);
    expect(afterReset[0]?.idempotency_key).toBe(afterReset[1]?.idempotency_key);
  });

  it('reports siteverify as unavailable when it keeps failing, times out or answers nonsense', async () => {
    const calls = await callsDuring('http-500', async () => {
      expect(await verify('http-500')).toEqual({ outcome: 'unavailable', reason: 'siteverify-http-500' });
    });
    expect(calls).toHaveLength(2);
    expect(await verify('slow')).toEqual({ outcome: 'unavailable', reason: 'siteverify-timeout' });
    expect(await verify('malformed')).toMatchObject({ outcome: 'unavailable' });
  });

  it('holds rather than fails open when no secret is configured', async () => {
    expect(await verify('pass', '')).toEqual({ outcome: 'unavailable', reason: 'missing-input-secret' });
  });
});
