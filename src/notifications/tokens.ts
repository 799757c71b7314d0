// The signed links of notification e-mails: confirming an address (valid 7
// days) and unsubscribing (this thread, this article, or everything). A token
// is the claim as base64url JSON and its HMAC-SHA256 (src/signing.ts, keyed
// with COMMENT_TOKEN_KEY): no id in a link can be guessed or changed, and
// rotating the key revokes every link at once. The signed text starts with
// the token's purpose, so a token of one kind (or a pending-comment cookie,
// signed with the same key) never passes for another.
import { fromBase64Url, signText, toBase64Url, verifyTextSignature } from '../signing';

export type UnsubscribeScope = 'thread' | 'article' | 'all';

export type NotificationClaim =
  | { purpose: 'confirm'; email: string; commentId: number }
  | { purpose: 'unsubscribe'; email: string; scope: 'thread'; commentId: number }
  | { purpose: 'unsubscribe'; email: string; scope: 'article'; articleId: number }
  | { purpose: 'unsubscribe'; email: string; scope: 'all' };

export type TokenPurpose = NotificationClaim['purpose'];

export const TOKEN_LIFETIME_SECONDS: Record<TokenPurpose, number> = {
  confirm: 7 * 86_400,
  // Long enough for an old e-mail's link to work; every new e-mail carries a fresh one.
  unsubscribe: 365 * 86_400,
};

export type TokenCheck =
  | { ok: true; claim: NotificationClaim; expires: number }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'wrong_purpose' };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const signedText = (purpose: TokenPurpose, payload: string) => `causerie-notification:${purpose}:${payload}`;

export async function signNotificationToken(claim: NotificationClaim, secret: string, now: number): Promise<string> {
  if (!secret) throw new Error('notification tokens need COMMENT_TOKEN_KEY');
  const expires = now + TOKEN_LIFETIME_SECONDS[claim.purpose];
  const payload = toBase64Url(encoder.encode(JSON.stringify({ ...claim, expires })));
  return `${payload}.${await signText(signedText(claim.purpose, payload), secret)}`;
}

/** The claim of a token signed for `purpose`, or why it is refused. Constant-time (crypto.subtle.verify). */
export async function verifyNotificationToken(
  token: string,
  purpose: TokenPurpose,
  secret: string,
  now: number,
): Promise<TokenCheck> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 2000) return { ok: false, reason: 'malformed' };
  const parsed = parseClaim(payload);
  if (!parsed) return { ok: false, reason: 'malformed' };
  // Checked against the purpose the token claims, so that a genuine token used for
  // something else says so rather than "forged".
  if (!(await verifyTextSignature(signedText(parsed.claim.purpose, payload), signature, secret))) {
    return { ok: false, reason: 'forged' };
  }
  if (parsed.claim.purpose !== purpose) return { ok: false, reason: 'wrong_purpose' };
  if (parsed.expires < now) return { ok: false, reason: 'expired' };
  return { ok: true, ...parsed };
}

function parseClaim(payload: string): { claim: NotificationClaim; expires: number } | null {
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const data = value as Record<string, unknown>;
  const { email, expires } = data;
  if (typeof email !== 'string' || !Number.isSafeInteger(expires)) return null;
  const id = (name: string) =>
    Number.isSafeInteger(data[name]) && (data[name] as number) > 0 ? (data[name] as number) : null;
  let claim: NotificationClaim | null = null;
  if (data.purpose === 'confirm') {
    const commentId = id('commentId');
    if (commentId) claim = { purpose: 'confirm', email, commentId };
  } else if (data.purpose === 'unsubscribe') {
    const commentId = id('commentId');
    const articleId = id('articleId');
    if (data.scope === 'thread' && commentId) claim = { purpose: 'unsubscribe', email, scope: 'thread', commentId };
    else if (data.scope === 'article' && articleId)
      claim = { purpose: 'unsubscribe', email, scope: 'article', articleId };
    else if (data.scope === 'all') claim = { purpose: 'unsubscribe', email, scope: 'all' };
  }
  return claim ? { claim, expires: expires as number } : null;
}
