// Real Cloudflare Access assertions for tests, signed RS256 with the keys
// vitest.config.ts made for a stand-in team (test/support/access-keys.ts),
// whose certs the outbound stub serves. Typical use in an admin route test:
//
//   const token = await signAccessJwt();
//   await callWorker('/admin', {
//     env: accessEnv,
//     init: { headers: { 'cf-access-jwt-assertion': token } },
//   });
import { env } from 'cloudflare:test';

export interface AccessClaims {
  aud: string[] | string;
  email: string;
  sub: string;
  iss: string;
  iat: number;
  exp: number;
  nbf: number;
  type: string;
  [claim: string]: unknown;
}

export interface SignOptions {
  /** 'known' (default) is published at the team's certs URL; 'unknown' is not. */
  key?: 'known' | 'unknown';
  /** Merged over the default header `{ alg: 'RS256', typ: 'JWT', kid }`. */
  header?: Record<string, unknown>;
}

export const ACCESS_TEAM_DOMAIN = env.TEST_ACCESS_TEAM_DOMAIN;
export const ACCESS_AUD = env.TEST_ACCESS_AUD;
export const ACCESS_EMAIL = 'editor@example.org';

/** Env overrides that put the desk behind the stand-in Access team. */
export const accessEnv = { ACCESS_TEAM_DOMAIN, ACCESS_AUD };

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Unpadded base64url of bytes or of a string's UTF-8. */
export function base64Url(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * A compact RS256 token whose claims default to a valid one for the stand-in
 * team, issued now and valid for an hour. `claims` override the defaults; a
 * claim set to undefined is left out (e.g. `{ exp: undefined }`).
 */
export async function signAccessJwt(claims: Partial<AccessClaims> = {}, options: SignOptions = {}): Promise<string> {
  const jwk = JSON.parse(
    options.key === 'unknown' ? env.TEST_ACCESS_UNKNOWN_PRIVATE_JWK : env.TEST_ACCESS_PRIVATE_JWK,
  ) as JsonWebKey & { kid: string };
  const iat = nowSeconds();
  const payload = {
    aud: [ACCESS_AUD],
    email: ACCESS_EMAIL,
    sub: '7335d417-61da-459d-899c-0a01c76a2f94',
    iss: `https://${ACCESS_TEAM_DOMAIN}`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    type: 'app',
    identity_nonce: 'test-identity-nonce',
    country: 'FR',
    ...claims,
  };
  const header = { alg: 'RS256', typ: 'JWT', kid: jwk.kid, ...options.header };
  const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}`;
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64Url(new Uint8Array(signature))}`;
}
