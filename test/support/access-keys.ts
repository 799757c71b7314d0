// Signing keys for a stand-in Cloudflare Access team, made afresh each time
// vitest loads its config (Node side). The outbound stub publishes the known
// key's public half at the team's certs URL; the unknown key is published
// nowhere, like an attacker's. The private halves reach tests as bindings.
// Web Crypto makes them, not node:crypto: this file is typechecked both with
// the Workers types (as part of test/) and with Node's (through
// vitest.config.ts), and only crypto.subtle is known to both.

export const TEST_ACCESS_TEAM_DOMAIN = 'test-team.cloudflareaccess.com';

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** An AUD tag shaped like Access's: 64 hex digits. */
export const TEST_ACCESS_AUD = hex(crypto.getRandomValues(new Uint8Array(32)));

export interface Jwk {
  kid: string;
  [member: string]: unknown;
}

export interface TestSigningKey {
  kid: string;
  /** Public JWK as Access publishes it in `keys`. */
  publicJwk: Jwk;
  privateJwk: Jwk;
}

async function signingKey(): Promise<TestSigningKey> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  if (!('privateKey' in pair)) throw new Error('RSA key generation returned a single key');
  // Access names its keys by a SHA-256 thumbprint; any 64 hex digits will do.
  const kid = hex(crypto.getRandomValues(new Uint8Array(32)));
  // Node's and the Workers' typings name the JWK type differently; a JWK it is.
  const { n, e } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as unknown as Record<string, unknown>;
  const privateJwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as unknown as Record<string, unknown>;
  return {
    kid,
    publicJwk: { kid, kty: 'RSA', alg: 'RS256', use: 'sig', e, n },
    privateJwk: { ...privateJwk, kid },
  };
}

export const knownAccessKey = await signingKey();
export const unknownAccessKey = await signingKey();
