// The desk's password, stored in the ADMIN_PASSWORD_HASH secret as
// "pbkdf2-sha256:<iterations>:<salt>:<hash>" (salt and hash in base64url).
// A protected article's password (front matter `password`) is hashed the same way.
// The format has no "$": wrangler may expand it when it reads .dev.vars.
// Web Crypto only, and no imports: `npm run admin:password` runs this file in
// Node to make the hash that the Worker checks.

/** Workers' Web Crypto refuses PBKDF2 above 100,000 iterations. */
export const PBKDF2_ITERATIONS = 100_000;
/** Fewer would make a stolen hash cheap to brute-force: such a hash is refused. */
const MIN_ITERATIONS = 10_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PREFIX = 'pbkdf2-sha256';

const encoder = new TextEncoder();

/** A new hash with a random salt (or the one given, 16 bytes, for reproducible tests). */
export async function hashAdminPassword(password: string, salt?: Uint8Array): Promise<string> {
  const saltBytes = salt ?? crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  if (saltBytes.length !== SALT_BYTES) throw new Error(`the salt must be ${SALT_BYTES} bytes`);
  const hash = await derive(password, saltBytes, PBKDF2_ITERATIONS);
  return [PREFIX, PBKDF2_ITERATIONS, toBase64Url(saltBytes), toBase64Url(hash)].join(':');
}

/** Whether the password matches the stored hash; false for anything malformed, never throws. */
export async function verifyAdminPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  try {
    return sameBytes(await derive(password, parsed.salt, parsed.iterations), parsed.hash);
  } catch {
    return false;
  }
}

/** Whether the text is a hash that verifyAdminPassword can check. */
export function isAdminPasswordHash(stored: string): boolean {
  return parseHash(stored) !== null;
}

interface ParsedHash {
  iterations: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

function parseHash(stored: string): ParsedHash | null {
  const match = /^pbkdf2-sha256:([1-9][0-9]{0,8}):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)$/.exec(stored);
  if (!match) return null;
  const iterations = Number(match[1]);
  if (iterations < MIN_ITERATIONS || iterations > PBKDF2_ITERATIONS) return null;
  const salt = fromBase64Url(match[2] as string);
  const hash = fromBase64Url(match[3] as string);
  if (salt?.length !== SALT_BYTES || hash?.length !== HASH_BYTES) return null;
  return { iterations, salt, hash };
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  // NFC: "é" typed as one code point or as "e" and an accent is the same password.
  const key = await crypto.subtle.importKey('raw', encoder.encode(password.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
    key,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/** Looks at every byte whatever the first difference, so timing says nothing of where it is. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Null when the text is not base64url (the caller has already checked the alphabet). */
function fromBase64Url(text: string): Uint8Array | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

// The same scheme under the names of what it also protects: an article's password.
export {
  hashAdminPassword as hashPassword,
  isAdminPasswordHash as isPasswordHash,
  verifyAdminPassword as verifyPassword,
};
