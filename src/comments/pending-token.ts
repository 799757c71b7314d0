// The commenter's own view of their held comments: a short-lived cookie,
// signed with COMMENT_TOKEN_KEY, listing the comment ids it may show. Only
// the browser that posted holds it, so nobody else sees a held comment.
const COOKIE = 'causerie_pending';
export const PENDING_TOKEN_SECONDS = 30 * 60;
const MAX_IDS = 10;

interface PendingClaim {
  article: number;
  ids: number[];
  expires: number;
}

const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export async function signPendingClaim(claim: PendingClaim, secret: string): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(claim)));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(payload));
  return `${payload}.${toBase64Url(new Uint8Array(signature))}`;
}

/** The ids the token shows on this article, or none if it is forged, expired or for another article. */
export async function readPendingClaim(
  token: string | null,
  articleId: number,
  secret: string,
  now: number,
): Promise<number[]> {
  if (!token || !secret) return [];
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return [];
  try {
    const valid = await crypto.subtle.verify(
      'HMAC',
      await hmacKey(secret),
      fromBase64Url(signature),
      encoder.encode(payload),
    );
    if (!valid) return [];
    const claim = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as PendingClaim;
    if (claim.article !== articleId || claim.expires < now || !Array.isArray(claim.ids)) return [];
    return claim.ids.filter((id) => Number.isSafeInteger(id)).slice(0, MAX_IDS);
  } catch {
    return [];
  }
}

export function pendingCookieFromRequest(request: Request): string | null {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return null;
}

/** Adds a comment to the commenter's claim (keeping their earlier ones on this article). */
export async function pendingCookieHeader(options: {
  articleId: number;
  articlePath: string;
  commentId: number;
  previousIds: number[];
  secret: string;
  now: number;
  secure: boolean;
}): Promise<string> {
  const ids = [...options.previousIds.filter((id) => id !== options.commentId), options.commentId].slice(-MAX_IDS);
  const token = await signPendingClaim(
    { article: options.articleId, ids, expires: options.now + PENDING_TOKEN_SECONDS },
    options.secret,
  );
  return [
    `${COOKIE}=${token}`,
    `Path=${options.articlePath}`,
    `Max-Age=${PENDING_TOKEN_SECONDS}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
