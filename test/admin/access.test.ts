// Cloudflare Access assertions checked against real RS256 signatures and a
// stand-in team whose certs endpoint is served by the outbound stub
// (test/support/outbound.ts). The key cache lives in module memory for the
// whole file, so tests that count certs fetches each use a team of their own.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { verifyAccessJwt, verifyAccessRequest } from '../../src/admin/auth/access';
import { ACCESS_AUD, ACCESS_EMAIL, ACCESS_TEAM_DOMAIN, base64Url, nowSeconds, signAccessJwt } from '../support/access';

const config = (overrides: Partial<{ teamDomain: string; audience: string; now: number }> = {}) => ({
  teamDomain: ACCESS_TEAM_DOMAIN,
  audience: ACCESS_AUD,
  now: nowSeconds(),
  ...overrides,
});

/** A team hostname no other test uses, so its key cache starts empty. */
const freshTeam = (prefix = 'team') => `${prefix}-${crypto.randomUUID().slice(0, 8)}.cloudflareaccess.com`;

async function certFetches(team: string): Promise<number> {
  return (await fetch(`https://${team}/__stub/cert-fetches`)).json();
}

const requestWith = (token?: string) =>
  new Request(
    'https://blog.example/admin',
    token === undefined ? {} : { headers: { 'Cf-Access-Jwt-Assertion': token } },
  );

const knownKid = (JSON.parse(env.TEST_ACCESS_PRIVATE_JWK) as { kid: string }).kid;

/** Swaps a token's payload for other claims, keeping its header and signature. */
function withPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64Url(JSON.stringify(claims))}.${signature}`;
}

describe('verifyAccessRequest', () => {
  it('accepts a genuine assertion and returns who signed in and for how long', async () => {
    const iat = nowSeconds();
    const token = await signAccessJwt({ iat, exp: iat + 600, sub: 'user-42' });
    expect(await verifyAccessRequest(requestWith(token), config())).toEqual({
      ok: true,
      identity: { email: ACCESS_EMAIL, subject: 'user-42', issuedAt: iat, expiresAt: iat + 600 },
    });
  });

  it('refuses a request without the assertion header, or with an empty one', async () => {
    expect(await verifyAccessRequest(requestWith(), config())).toEqual({ ok: false, reason: 'missing' });
    expect(await verifyAccessRequest(requestWith(''), config())).toEqual({ ok: false, reason: 'missing' });
  });

  it('does not read the CF_Authorization cookie, only the header', async () => {
    const token = await signAccessJwt();
    const request = new Request('https://blog.example/admin', { headers: { cookie: `CF_Authorization=${token}` } });
    expect(await verifyAccessRequest(request, config())).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('verifyAccessJwt: claims', () => {
  it('accepts an identity with only an email, or only a subject', async () => {
    const emailOnly = await verifyAccessJwt(await signAccessJwt({ sub: undefined }), config());
    expect(emailOnly).toMatchObject({ ok: true, identity: { email: ACCESS_EMAIL, subject: '' } });
    const serviceToken = await verifyAccessJwt(await signAccessJwt({ email: undefined, sub: 'svc' }), config());
    expect(serviceToken).toMatchObject({ ok: true, identity: { email: '', subject: 'svc' } });
  });

  it('refuses an expired token, with a minute of tolerance for clock drift', async () => {
    const now = nowSeconds();
    const token = await signAccessJwt({ iat: now - 7200, nbf: now - 7200, exp: now - 30 });
    expect(await verifyAccessJwt(token, config({ now }))).toMatchObject({ ok: true });
    expect(await verifyAccessJwt(token, config({ now: now + 31 }))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token not valid yet, with the same tolerance', async () => {
    const now = nowSeconds();
    const notBefore = await signAccessJwt({ nbf: now + 120 });
    expect(await verifyAccessJwt(notBefore, config({ now }))).toEqual({ ok: false, reason: 'not-yet-valid' });
    expect(await verifyAccessJwt(notBefore, config({ now: now + 60 }))).toMatchObject({ ok: true });
    const issuedLater = await signAccessJwt({ iat: now + 300, nbf: undefined, exp: now + 3600 });
    expect(await verifyAccessJwt(issuedLater, config({ now }))).toEqual({ ok: false, reason: 'not-yet-valid' });
  });

  it('refuses a token for another Access application', async () => {
    const token = await signAccessJwt({ aud: ['0'.repeat(64)] });
    expect(await verifyAccessJwt(token, config())).toEqual({ ok: false, reason: 'wrong-audience' });
    const genuine = await signAccessJwt();
    expect(await verifyAccessJwt(genuine, config({ audience: '1'.repeat(64) }))).toEqual({
      ok: false,
      reason: 'wrong-audience',
    });
  });

  it('refuses a token issued by another team, and never fetches that team’s keys', async () => {
    const otherTeam = freshTeam('other');
    const token = await signAccessJwt({ iss: `https://${otherTeam}` });
    expect(await verifyAccessJwt(token, config())).toEqual({ ok: false, reason: 'wrong-issuer' });
    expect(await certFetches(otherTeam)).toBe(0);
  });

  it.each([
    ['without an expiry', { exp: undefined }],
    ['with an expiry that is not a number', { exp: '9999999999' }],
    ['without an issue time', { iat: undefined }],
    ['without an email or a subject', { email: undefined, sub: undefined }],
  ])('refuses a signed token %s as malformed', async (_, claims) => {
    const token = await signAccessJwt(claims as Record<string, unknown>);
    expect(await verifyAccessJwt(token, config())).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses every token when Access is only half configured', async () => {
    const token = await signAccessJwt();
    expect(await verifyAccessJwt(token, config({ audience: '' }))).toEqual({ ok: false, reason: 'wrong-audience' });
    expect(await verifyAccessJwt(token, config({ teamDomain: '' }))).toEqual({ ok: false, reason: 'keys-unavailable' });
  });
});

describe('verifyAccessJwt: signatures', () => {
  it('refuses a token signed by a key the team never published', async () => {
    const token = await signAccessJwt({}, { key: 'unknown' });
    expect(await verifyAccessJwt(token, config())).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('refuses a token signed by another key that names the published key’s id', async () => {
    const token = await signAccessJwt({}, { key: 'unknown', header: { kid: knownKid } });
    expect(await verifyAccessJwt(token, config())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a genuine token whose claims were edited', async () => {
    const token = await signAccessJwt();
    const now = nowSeconds();
    const forged = withPayload(token, {
      aud: [ACCESS_AUD],
      email: 'intruder@example.net',
      sub: 'intruder',
      iss: `https://${ACCESS_TEAM_DOMAIN}`,
      iat: now,
      exp: now + 3600,
      type: 'app',
    });
    expect(await verifyAccessJwt(forged, config())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['naming another algorithm', { alg: 'RS512' }],
    ['naming no algorithm', { alg: 'none' }],
    ['with critical extensions', { crit: ['exp'] }],
  ])('refuses an RS256-signed token whose header is %s', async (_, header) => {
    const token = await signAccessJwt({}, { header });
    expect(await verifyAccessJwt(token, config())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses an unsigned token (alg none)', async () => {
    const [header, payload] = (await signAccessJwt({}, { header: { alg: 'none' } })).split('.');
    expect(await verifyAccessJwt(`${header}.${payload}.`, config())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses an HS256 token keyed with the team’s public key', async () => {
    const [header, payload] = (await signAccessJwt({}, { header: { alg: 'HS256' } })).split('.');
    const published = await (await fetch(`https://${ACCESS_TEAM_DOMAIN}/cdn-cgi/access/certs`)).text();
    const hmacKey = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(published),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(`${header}.${payload}`));
    const token = `${header}.${payload}.${base64Url(new Uint8Array(mac))}`;
    expect(await verifyAccessJwt(token, config())).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

describe('verifyAccessJwt: malformed tokens', () => {
  it.each([
    ['two parts', async (token: string) => token.split('.').slice(0, 2).join('.')],
    ['four parts', async (token: string) => `${token}.${token.split('.')[2]}`],
    ['a header that is not base64url', async (token: string) => `!${token}`],
    ['padded base64', async (token: string) => token.replace('.', '==.')],
    ['a header that is not JSON', async (token: string) => withHeaderText(token, '{"alg":"RS256"')],
    ['a header that is a JSON array', async (token: string) => withHeaderText(token, '["RS256"]')],
    ['a payload that is not JSON', async (token: string) => withPayloadText(token, 'email=editor@example.org')],
    ['no key id', async () => signAccessJwt({}, { header: { kid: undefined } })],
  ])('refuses a token with %s', async (_, spoil) => {
    const token = await spoil(await signAccessJwt());
    expect(await verifyAccessJwt(token, config())).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a base64url segment spelled in a non-canonical way', async () => {
    const token = await signAccessJwt();
    const [header = '', payload, signature] = token.split('.');
    // A header of 3n+1 bytes ends in a character carrying 4 unused bits; set them.
    const respelled = respellLastCharacter(header);
    expect(respelled).not.toBe(header);
    expect(await verifyAccessJwt(`${respelled}.${payload}.${signature}`, config())).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('verifyAccessJwt: the team’s keys', () => {
  it('fetches the keys once and serves later tokens from memory', async () => {
    const team = freshTeam();
    const iss = `https://${team}`;
    expect(await verifyAccessJwt(await signAccessJwt({ iss }), config({ teamDomain: team }))).toMatchObject({
      ok: true,
    });
    expect(await verifyAccessJwt(await signAccessJwt({ iss }), config({ teamDomain: team }))).toMatchObject({
      ok: true,
    });
    expect(await certFetches(team)).toBe(1);
  });

  it('accepts the team domain written as a URL, sharing the same cached keys', async () => {
    const team = freshTeam();
    const token = await signAccessJwt({ iss: `https://${team}` });
    expect(await verifyAccessJwt(token, config({ teamDomain: team }))).toMatchObject({ ok: true });
    expect(await verifyAccessJwt(token, config({ teamDomain: `https://${team.toUpperCase()}/` }))).toMatchObject({
      ok: true,
    });
    expect(await certFetches(team)).toBe(1);
  });

  it('fetches the keys again once they are an hour old', async () => {
    const team = freshTeam();
    const now = nowSeconds();
    const token = await signAccessJwt({ iss: `https://${team}`, exp: now + 7200 });
    await verifyAccessJwt(token, config({ teamDomain: team, now }));
    await verifyAccessJwt(token, config({ teamDomain: team, now: now + 3599 }));
    expect(await certFetches(team)).toBe(1);
    expect(await verifyAccessJwt(token, config({ teamDomain: team, now: now + 3600 }))).toMatchObject({ ok: true });
    expect(await certFetches(team)).toBe(2);
  });

  it('picks up a rotated key, but refetches at most once a minute whatever key ids arrive', async () => {
    const team = freshTeam('rotating');
    const now = nowSeconds();
    const token = await signAccessJwt({ iss: `https://${team}` });
    // The first fetch publishes no key yet.
    expect(await verifyAccessJwt(token, config({ teamDomain: team, now }))).toEqual({
      ok: false,
      reason: 'unknown-key',
    });
    for (let i = 0; i < 10; i++) {
      const forged = await signAccessJwt({ iss: `https://${team}` }, { header: { kid: `forged-${i}` } });
      expect(await verifyAccessJwt(forged, config({ teamDomain: team, now: now + 30 }))).toEqual({
        ok: false,
        reason: 'unknown-key',
      });
    }
    expect(await certFetches(team)).toBe(1);
    expect(await verifyAccessJwt(token, config({ teamDomain: team, now: now + 60 }))).toMatchObject({ ok: true });
    expect(await certFetches(team)).toBe(2);
  });

  it('reports the keys unavailable when the certs endpoint fails, and retries after a minute', async () => {
    const team = 'down.cloudflareaccess.com';
    const now = nowSeconds();
    const before = await certFetches(team);
    const token = await signAccessJwt({ iss: `https://${team}` });
    const down = { ok: false, reason: 'keys-unavailable' };
    expect(await verifyAccessJwt(token, config({ teamDomain: team, now }))).toEqual(down);
    expect(await verifyAccessJwt(token, config({ teamDomain: team, now: now + 59 }))).toEqual(down);
    expect(await certFetches(team)).toBe(before + 1);
    expect(await verifyAccessJwt(token, config({ teamDomain: team, now: now + 60 }))).toEqual(down);
    expect(await certFetches(team)).toBe(before + 2);
  });
});

function withHeaderText(token: string, text: string): string {
  return `${base64Url(text)}${token.slice(token.indexOf('.'))}`;
}

function withPayloadText(token: string, text: string): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64Url(text)}.${signature}`;
}

/** The same bytes with the unused low bits of the last character set. */
function respellLastCharacter(segment: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(segment.at(-1) ?? '');
  const unusedBits = segment.length % 4 === 2 ? 0b1111 : 0b11;
  return segment.slice(0, -1) + alphabet[last | unusedBits];
}
