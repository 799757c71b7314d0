// The commenter's own view of their held comments: a short-lived cookie,
// signed with COMMENT_TOKEN_KEY, listing the comment ids it may show. Only
// the browser that posted holds it, so nobody else sees a held comment.
import { readCookie } from '../cookies';
import { fromBase64Url, signText, toBase64Url, verifyTextSignature } from '../signing';

const COOKIE = 'causerie_pending';
export const PENDING_TOKEN_SECONDS = 30 * 60;
const MAX_IDS = 10;

interface PendingClaim {
  article: number;
  ids: number[];
  expires: number;
}

const encoder = new TextEncoder();

export async function signPendingClaim(claim: PendingClaim, secret: string): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(claim)));
  return `${payload}.${await signText(payload, secret)}`;
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
    if (!(await verifyTextSignature(payload, signature, secret))) return [];
    const bytes = fromBase64Url(payload);
    if (!bytes) return [];
    const claim = JSON.parse(new TextDecoder().decode(bytes)) as PendingClaim;
    if (claim.article !== articleId || claim.expires < now || !Array.isArray(claim.ids)) return [];
    return claim.ids.filter((id) => Number.isSafeInteger(id)).slice(0, MAX_IDS);
  } catch {
    return [];
  }
}

export function pendingCookieFromRequest(request: Request): string | null {
  return readCookie(request, COOKIE);
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
