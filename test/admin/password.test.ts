// The desk's password hash, made and checked inside workerd, as the login does.
import { describe, expect, it } from 'vitest';
import {
  hashAdminPassword,
  isAdminPasswordHash,
  PBKDF2_ITERATIONS,
  verifyAdminPassword,
} from '../../src/admin/auth/password.ts';

const PASSWORD = 'correct horse battery staple';
// Salt 00 01 … 0f; the hashes were computed with Node's own PBKDF2
// (node:crypto pbkdf2Sync, SHA-256, 32 bytes), not with the code under test.
const SALT = Uint8Array.from({ length: 16 }, (_, i) => i);
const KNOWN_HASH = 'pbkdf2-sha256:100000:AAECAwQFBgcICQoLDA0ODw:SdScJfWXhGIJ8Nkud3CrZOHHXpS0zmxQkmXuZxddKh4';
const KNOWN_HASH_20000 = 'pbkdf2-sha256:20000:AAECAwQFBgcICQoLDA0ODw:4UJj0C97dw987QpPMv3TxtPGq8Nc4lcilGulfeu9GCk';

describe('hashAdminPassword', () => {
  it('is PBKDF2-HMAC-SHA256 with 100,000 iterations, in a format without "$"', async () => {
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(await hashAdminPassword(PASSWORD, SALT)).toBe(KNOWN_HASH);
    const hash = await hashAdminPassword(PASSWORD);
    // 16-byte salt and 32-byte hash: 22 and 43 base64url characters.
    expect(hash).toMatch(/^pbkdf2-sha256:100000:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('$');
  });

  it('salts each hash: the same password twice gives two different hashes, both valid', async () => {
    const first = await hashAdminPassword(PASSWORD);
    const second = await hashAdminPassword(PASSWORD);
    expect(first).not.toBe(second);
    expect(first.split(':')[2]).not.toBe(second.split(':')[2]);
    expect(await verifyAdminPassword(PASSWORD, first)).toBe(true);
    expect(await verifyAdminPassword(PASSWORD, second)).toBe(true);
  });
});

describe('verifyAdminPassword', () => {
  // 100,000 is the most Cloudflare allows; local workerd would take more, so
  // the count itself is asserted too.
  it('accepts the right password, hashed and checked in workerd with 100,000 iterations', async () => {
    const hash = await hashAdminPassword(PASSWORD);
    expect(hash.split(':')[1]).toBe('100000');
    expect(await verifyAdminPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyAdminPassword(PASSWORD, KNOWN_HASH)).toBe(true);
  });

  it('refuses a wrong password, and one differing by a single character or case', async () => {
    expect(await verifyAdminPassword('Tr0ub4dor&3 is not it', KNOWN_HASH)).toBe(false);
    expect(await verifyAdminPassword('correct horse battery stapla', KNOWN_HASH)).toBe(false);
    expect(await verifyAdminPassword('Correct horse battery staple', KNOWN_HASH)).toBe(false);
    expect(await verifyAdminPassword(`${PASSWORD} `, KNOWN_HASH)).toBe(false);
    expect(await verifyAdminPassword('', KNOWN_HASH)).toBe(false);
  });

  it('takes "é" typed as one character (NFC) or as "e" and an accent (NFD) as the same password', async () => {
    const composed = 'café crème brûlée';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyAdminPassword(decomposed, await hashAdminPassword(composed))).toBe(true);
    expect(await verifyAdminPassword(composed, await hashAdminPassword(decomposed))).toBe(true);
  });

  it('recomputes with the iterations stored in the hash', async () => {
    expect(await verifyAdminPassword(PASSWORD, KNOWN_HASH_20000)).toBe(true);
    // The same hash claiming another count no longer matches.
    expect(await verifyAdminPassword(PASSWORD, KNOWN_HASH_20000.replace(':20000:', ':20001:'))).toBe(false);
  });

  it('says false, without throwing, to iteration counts production refuses or that are too weak', async () => {
    // Cloudflare's runtime throws above 100,000 iterations; the local workerd
    // the tests run in does not, so the limit is checked here, in the parser.
    for (const iterations of ['100001', '1000000', '9999', '1', '0']) {
      const hash = KNOWN_HASH.replace(':100000:', `:${iterations}:`);
      expect(await verifyAdminPassword(PASSWORD, hash), iterations).toBe(false);
      expect(isAdminPasswordHash(hash), iterations).toBe(false);
    }
  });

  it.each([
    ['empty', ''],
    ['another algorithm', KNOWN_HASH.replace('pbkdf2-sha256', 'pbkdf2-sha1')],
    ['"$" separators', KNOWN_HASH.replaceAll(':', '$')],
    ['quotes kept from .dev.vars', `"${KNOWN_HASH}"`],
    ['surrounding spaces', ` ${KNOWN_HASH}`],
    ['a missing part', KNOWN_HASH.split(':').slice(0, 3).join(':')],
    ['an extra part', `${KNOWN_HASH}:AAAA`],
    ['iterations not a number', KNOWN_HASH.replace(':100000:', ':1e5:')],
    ['iterations with a leading zero', KNOWN_HASH.replace(':100000:', ':0100000:')],
    ['standard base64 in the salt', KNOWN_HASH.replace('AAECAwQFBgcICQoLDA0ODw', 'AAECAwQFBgcICQoLDA0ODw==')],
    ['a short salt', KNOWN_HASH.replace('AAECAwQFBgcICQoLDA0ODw', 'AAECAwQFBgcI')],
    ['a short hash', KNOWN_HASH.slice(0, -4)],
    ['a hash that is not base64url', `${KNOWN_HASH.slice(0, -1)}*`],
    ['a hash one character too long', `${KNOWN_HASH}A`],
  ])('says false, without throwing, to a malformed hash: %s', async (_, stored) => {
    expect(await verifyAdminPassword(PASSWORD, stored)).toBe(false);
    expect(isAdminPasswordHash(stored)).toBe(false);
  });
});

describe('isAdminPasswordHash', () => {
  it('recognises what hashAdminPassword makes', async () => {
    expect(isAdminPasswordHash(await hashAdminPassword(PASSWORD))).toBe(true);
    expect(isAdminPasswordHash(KNOWN_HASH_20000)).toBe(true);
    expect(isAdminPasswordHash(PASSWORD)).toBe(false);
  });
});
