import { describe, expect, it } from 'vitest';
import { signPendingClaim } from '../../src/comments/pending-token';
import {
  type NotificationClaim,
  signNotificationToken,
  TOKEN_LIFETIME_SECONDS,
  verifyNotificationToken,
} from '../../src/notifications/tokens';
import { toBase64Url } from '../../src/signing';

const SECRET = 'test-comment-token-key';
const NOW = 1_800_000_000;
const confirm: NotificationClaim = { purpose: 'confirm', email: 'reader@example.org', commentId: 42 };

describe('notification tokens', () => {
  it('a confirmation token is valid for 7 days, then refused as expired', async () => {
    const token = await signNotificationToken(confirm, SECRET, NOW);
    const lastSecond = NOW + 7 * 86_400;
    expect(await verifyNotificationToken(token, 'confirm', SECRET, lastSecond)).toEqual({
      ok: true,
      claim: confirm,
      expires: lastSecond,
    });
    expect(await verifyNotificationToken(token, 'confirm', SECRET, lastSecond + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it.each<NotificationClaim>([
    { purpose: 'unsubscribe', email: 'reader@example.org', scope: 'thread', commentId: 7 },
    { purpose: 'unsubscribe', email: 'reader@example.org', scope: 'article', articleId: 3 },
    { purpose: 'unsubscribe', email: 'reader@example.org', scope: 'all' },
  ])('carries an unsubscribe scope ($scope) intact', async (claim) => {
    const token = await signNotificationToken(claim, SECRET, NOW);
    const check = await verifyNotificationToken(token, 'unsubscribe', SECRET, NOW + 300 * 86_400);
    expect(check).toEqual({ ok: true, claim, expires: NOW + TOKEN_LIFETIME_SECONDS.unsubscribe });
  });

  it('refuses a token for another purpose as such', async () => {
    const token = await signNotificationToken(
      { purpose: 'unsubscribe', email: 'reader@example.org', scope: 'all' },
      SECRET,
      NOW,
    );
    expect(await verifyNotificationToken(token, 'confirm', SECRET, NOW)).toEqual({
      ok: false,
      reason: 'wrong_purpose',
    });
  });

  it('refuses a token whose claim was changed, or signed with another key, as forged', async () => {
    const token = await signNotificationToken(confirm, SECRET, NOW);
    const [, signature] = token.split('.');
    const changed = toBase64Url(
      new TextEncoder().encode(JSON.stringify({ ...confirm, email: 'victim@example.org', expires: NOW + 86_400 })),
    );
    expect(await verifyNotificationToken(`${changed}.${signature}`, 'confirm', SECRET, NOW)).toEqual({
      ok: false,
      reason: 'forged',
    });
    const otherKey = await signNotificationToken(confirm, 'another-key', NOW);
    expect(await verifyNotificationToken(otherKey, 'confirm', SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
    // The purpose is part of what is signed: rewriting it in the payload breaks the signature.
    const [payload] = token.split('.');
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload ?? ''), (c) => c.charCodeAt(0))));
    const relabelled = toBase64Url(
      new TextEncoder().encode(JSON.stringify({ ...json, purpose: 'unsubscribe', scope: 'all' })),
    );
    expect(await verifyNotificationToken(`${relabelled}.${signature}`, 'unsubscribe', SECRET, NOW)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('never takes the pending-comment cookie, signed with the same key, for a token', async () => {
    const cookie = await signPendingClaim({ article: 1, ids: [42], expires: NOW + 60 }, SECRET);
    const check = await verifyNotificationToken(cookie, 'confirm', SECRET, NOW);
    expect(check.ok).toBe(false);
  });

  it.each(['', 'abc', 'a.b.c', '.', 'e30.', `${'a'.repeat(3000)}.b`, '!!!.???'])(
    'refuses %j as malformed',
    async (token) => {
      expect(await verifyNotificationToken(token, 'confirm', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    },
  );

  it('signs nothing without a key', async () => {
    await expect(signNotificationToken(confirm, '', NOW)).rejects.toThrow(/COMMENT_TOKEN_KEY/);
  });
});
