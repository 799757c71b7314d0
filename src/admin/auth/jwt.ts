// Just enough of JWS (RFC 7515) to check a Cloudflare Access token: the
// compact form, RS256 only, Web Crypto only. Anything that is not exactly a
// well-formed compact token is refused rather than interpreted generously.
import { fromBase64Url } from '../../signing';

export interface CompactJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The bytes the signature covers: `base64url(header).base64url(payload)`. */
  signingInput: Uint8Array;
  signature: Uint8Array;
}

export interface RsaPublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
}

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
// Access tokens are about 1 KiB; a much longer header value is not one of them
// and is not worth decoding.
const MAX_TOKEN_LENGTH = 16_384;

function decodeJsonObject(segment: string): Record<string, unknown> | null {
  const bytes = fromBase64Url(segment);
  if (!bytes) return null;
  try {
    // Invalid UTF-8 throws, and a kept BOM makes JSON.parse throw.
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Null for anything but three base64url segments, the first two JSON objects. */
export function parseCompactJws(token: string): CompactJws | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeJsonObject(headerPart);
  const payload = decodeJsonObject(payloadPart);
  const signature = fromBase64Url(signaturePart);
  if (!header || !payload || !signature) return null;
  const signingInput = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
  return { header, payload, signingInput, signature };
}

/** Null when the JWK is not an RSA signing key usable with RS256. */
export async function importRs256PublicKey(jwk: unknown): Promise<CryptoKey | null> {
  if (typeof jwk !== 'object' || jwk === null) return null;
  const { kty, alg, n, e } = jwk as Record<string, unknown>;
  if (kty !== 'RSA' || (alg !== undefined && alg !== 'RS256')) return null;
  if (typeof n !== 'string' || typeof e !== 'string') return null;
  // Only the public parameters are passed on: use/key_ops in a published key
  // must not decide what Web Crypto lets this key do.
  const publicJwk: RsaPublicJwk = { kty, n, e };
  try {
    return await crypto.subtle.importKey('jwk', publicJwk, RS256, false, ['verify']);
  } catch {
    return null;
  }
}

export function verifyRs256Signature(jws: CompactJws, key: CryptoKey): Promise<boolean> {
  return crypto.subtle.verify(RS256, key, jws.signature, jws.signingInput);
}
