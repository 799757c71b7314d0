// HMAC signatures and the base64url text they travel as: the signed cookies
// (a commenter's pending view, the desk's session) and the CSRF tokens.
const encoder = new TextEncoder();

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Null unless `text` is canonical unpadded base64url: atob ignores the unused
 * low bits of the last character, so several spellings decode to the same
 * bytes, and a signed value must have one spelling only.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return toBase64Url(bytes) === text ? bytes : null;
}

// Importing a key costs more than the signature: one per secret per isolate.
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(secret, key);
  }
  return key;
}

export async function signText(text: string, secret: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(text));
  return toBase64Url(new Uint8Array(signature));
}

/** Constant-time (crypto.subtle.verify); false for anything malformed. */
export async function verifyTextSignature(text: string, signature: string, secret: string): Promise<boolean> {
  const signatureBytes = fromBase64Url(signature);
  if (!secret || !signatureBytes) return false;
  try {
    return await crypto.subtle.verify('HMAC', await hmacKey(secret), signatureBytes, encoder.encode(text));
  } catch {
    return false;
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
