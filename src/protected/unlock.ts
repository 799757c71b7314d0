// Reading a password-protected article: after the right password, a cookie
// for that article alone, for UNLOCK_DAYS (WordPress keeps its own for 10
// days). It is signed with a key made of COMMENT_TOKEN_KEY (secret) and the
// article's password hash (public in the repository, so never alone): a new
// password makes every cookie given for the old one worthless.
import { readCookie } from '../cookies';
import { signText, verifyTextSignature } from '../signing';

export const UNLOCK_DAYS = 10;
const UNLOCK_SECONDS = UNLOCK_DAYS * 86_400;
const COOKIE_PREFIX = 'causerie_unlock_';
/** Requests carrying one are personal: src/cache/serve.ts neither serves them from cache nor caches them. */
export const UNLOCK_COOKIE_PATTERN = /(?:^|;\s*)causerie_unlock_\d+=/;

export interface ProtectedArticle {
  id: number;
  password_hash: string;
}

function cookieName(article: ProtectedArticle): string {
  return `${COOKIE_PREFIX}${article.id}`;
}

/** Null without COMMENT_TOKEN_KEY: signed with the public hash alone, a cookie could be forged. */
function unlockKey(env: Env, article: ProtectedArticle): string | null {
  return env.COMMENT_TOKEN_KEY ? `article-unlock\u0000${env.COMMENT_TOKEN_KEY}\u0000${article.password_hash}` : null;
}

/** The Set-Cookie header of an unlocked article, scoped to its path; null when nothing can be signed. */
export async function unlockCookieHeader(
  env: Env,
  article: ProtectedArticle,
  path: string,
  now: number,
  secure: boolean,
): Promise<string | null> {
  const key = unlockKey(env, article);
  if (!key) return null;
  const payload = `${article.id}.${now + UNLOCK_SECONDS}`;
  return [
    `${cookieName(article)}=${payload}.${await signText(payload, key)}`,
    `Path=${path}`,
    `Max-Age=${UNLOCK_SECONDS}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Whether the request carries this article's unexpired cookie, signed for its current password. */
export async function isUnlocked(request: Request, env: Env, article: ProtectedArticle, now: number): Promise<boolean> {
  const key = unlockKey(env, article);
  const value = readCookie(request, cookieName(article));
  if (!key || !value) return false;
  const match = /^(\d+)\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(value);
  if (!match || match[1] !== String(article.id) || Number(match[2]) <= now) return false;
  return verifyTextSignature(`${match[1]}.${match[2]}`, match[3] as string, key);
}
