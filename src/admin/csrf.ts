// CSRF tokens bound to the session: an HMAC of the session's identity, so a
// token taken from one session is worthless in another, and nothing is stored.
import { signText, verifyTextSignature } from '../signing';

export const CSRF_FIELD = 'csrf';

export function csrfTokenFor(sessionBinding: string, key: string): Promise<string> {
  return signText(`csrf:${sessionBinding}`, key);
}

export function isValidCsrfToken(sessionBinding: string, token: string, key: string): Promise<boolean> {
  if (!token) return Promise.resolve(false);
  return verifyTextSignature(`csrf:${sessionBinding}`, token, key);
}
