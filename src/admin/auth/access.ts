// Checks the Cloudflare Access assertion that arrives with every request to
// the moderation desk when the blog sits behind Access. A request that reached
// the Worker some other way (workers.dev, a second route) has no genuine
// assertion, so the desk must verify it rather than trust that Access ran.
// The signing keys are read from the configured team domain only, never from
// anything the token says, so a forged token cannot choose where we fetch.
// The token itself (JWS parsing, the RS256 signature, the registered claims)
// is checked by `jose`, as Cloudflare's own Access documentation does. The
// key set is fetched here rather than by jose's createRemoteJWKSet: that one
// shares one in-flight fetch between requests (workerd cancels a continuation
// whose request has ended), retries at once after a failed fetch, and reads
// its own clock, where this file backs off for a minute and takes `now`
// (createLocalJWKSet is not needed either: jwtVerify takes the JWK itself).
import { decodeJwt, decodeProtectedHeader, type JWK, jwtVerify } from 'jose';
import { fromBase64Url } from '../../signing';

export interface AccessIdentity {
  email: string;
  subject: string;
  issuedAt: number;
  expiresAt: number;
}

export type AccessFailure =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'unknown-key'
  | 'bad-signature'
  | 'keys-unavailable';

export type AccessResult = { ok: true; identity: AccessIdentity } | { ok: false; reason: AccessFailure };

interface AccessConfig {
  /** "team.cloudflareaccess.com", with or without https:// and a trailing slash. */
  teamDomain: string;
  /** The application's AUD tag. */
  audience: string;
  /** Unix seconds. */
  now: number;
}

const ASSERTION_HEADER = 'Cf-Access-Jwt-Assertion';
// Access tokens are about 1 KiB; a much longer header value is not one of them
// and is not worth decoding.
const MAX_TOKEN_LENGTH = 16_384;
/** Tolerated disagreement between Cloudflare's clock and this isolate's, in seconds. */
const CLOCK_SKEW_SECONDS = 60;
// Access rotates its signing key every six weeks and keeps the previous one
// valid for seven days, so an hour-old key set is still a correct one.
const KEYS_TTL_SECONDS = 3600;
// Once the keys are known, fetches per team domain are at least this far
// apart, so a flood of tokens naming made-up key ids costs Cloudflare one
// request a minute; so are retries after a failed fetch.
const MIN_FETCH_INTERVAL_SECONDS = 60;
const FETCH_TIMEOUT_MS = 3000;

interface KeySet {
  keys: Map<string, JWK>;
  /** Unix seconds of the last successful fetch; null before the first. */
  fetchedAt: number | null;
  attemptedAt: number;
  failedAt: number | null;
}

// Per isolate, keyed by normalised team domain.
const keySets = new Map<string, KeySet>();

const fail = (reason: AccessFailure): AccessResult => ({ ok: false, reason });

export async function verifyAccessRequest(request: Request, config: AccessConfig): Promise<AccessResult> {
  return verifyAccessJwt(request.headers.get(ASSERTION_HEADER) ?? '', config);
}

export async function verifyAccessJwt(token: string, config: AccessConfig): Promise<AccessResult> {
  if (!token) return fail('missing');
  const teamHost = normaliseTeamDomain(config.teamDomain);
  // Without a team or an AUD tag, no token can be for this blog.
  if (!teamHost) return fail('keys-unavailable');
  if (!config.audience) return fail('wrong-audience');
  const header = readHeader(token);
  if (!header) return fail('malformed');
  // Only RS256: `none` or an HMAC algorithm would let the token's author
  // choose how (or whether) it is checked.
  if (header.alg !== 'RS256' || header.crit !== undefined) return fail('bad-signature');
  const kid = header.kid;
  if (typeof kid !== 'string' || !kid) return fail('malformed');

  const key = await signingKey(teamHost, kid, config.now);
  if (typeof key === 'string') return fail(key);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['RS256'],
      issuer: `https://${teamHost}`,
      audience: config.audience,
      requiredClaims: ['exp', 'iat'],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: new Date(config.now * 1000),
    });
    return identityOf(payload, config.now);
  } catch (error) {
    return fail(failureOf(error));
  }
}

/**
 * The protected header of a compact token whose three parts are canonical
 * base64url and whose header and claims are JSON objects; null otherwise.
 * Read before any key is looked up, so that a malformed token costs no fetch.
 */
function readHeader(token: string): Record<string, unknown> | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !fromBase64Url(part))) return null;
  try {
    decodeJwt(token);
    return decodeProtectedHeader(token);
  } catch {
    return null;
  }
}

/** What jose refused, in this file's words (by error code: importing jose's error classes costs bundle size). */
function failureOf(error: unknown): AccessFailure {
  const { code, claim, reason } = (error ?? {}) as { code?: unknown; claim?: unknown; reason?: unknown };
  if (code === 'ERR_JWT_EXPIRED') return 'expired';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'ERR_JOSE_ALG_NOT_ALLOWED') return 'bad-signature';
  if (code !== 'ERR_JWT_CLAIM_VALIDATION_FAILED' || reason !== 'check_failed') return 'malformed';
  if (claim === 'iss') return 'wrong-issuer';
  if (claim === 'aud') return 'wrong-audience';
  if (claim === 'nbf') return 'not-yet-valid';
  return 'malformed';
}

/** Who the verified token names; jose does not check that it was issued in the past. */
function identityOf(payload: Record<string, unknown>, now: number): AccessResult {
  const { email, sub, iat, exp } = payload as { email?: unknown; sub?: unknown; iat: number; exp: number };
  if (email !== undefined && typeof email !== 'string') return fail('malformed');
  if (sub !== undefined && typeof sub !== 'string') return fail('malformed');
  if (!email && !sub) return fail('malformed');
  if (now + CLOCK_SKEW_SECONDS < iat) return fail('not-yet-valid');
  return { ok: true, identity: { email: email ?? '', subject: sub ?? '', issuedAt: iat, expiresAt: exp } };
}

/** The bare host of a team domain, or null when it is not one. */
function normaliseTeamDomain(teamDomain: string): string | null {
  const trimmed = teamDomain.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`);
    if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.username) return null;
    return url.host;
  } catch {
    return null;
  }
}

type KeyLookup = JWK | 'unknown-key' | 'keys-unavailable';

/**
 * The key named `kid`, from the cache while it is fresh. A stale cache or an
 * unknown kid leads to a fetch if `mayFetch` allows one; when a fetch fails,
 * the keys already known keep working.
 */
async function signingKey(teamHost: string, kid: string, now: number): Promise<KeyLookup> {
  let keySet = keySets.get(teamHost);
  const fresh = keySet?.fetchedAt != null && now - keySet.fetchedAt < KEYS_TTL_SECONDS;
  const cached = keySet?.keys.get(kid);
  if (cached && fresh) return cached;

  if (mayFetch(keySet, now)) {
    keySet ??= { keys: new Map(), fetchedAt: null, attemptedAt: now, failedAt: null };
    keySet.attemptedAt = now;
    keySets.set(teamHost, keySet);
    const fetched = await fetchKeys(teamHost);
    if (fetched) Object.assign(keySet, { keys: fetched, fetchedAt: now, failedAt: null });
    else keySet.failedAt = now;
  }
  const key = keySet?.keys.get(kid);
  if (key) return key;
  return keySet?.fetchedAt == null ? 'keys-unavailable' : 'unknown-key';
}

function mayFetch(keySet: KeySet | undefined, now: number): boolean {
  if (!keySet) return true;
  // Before the first success only a failure holds requests back: a request
  // cannot wait on a fetch another request started, since workerd cancels a
  // continuation whose request has ended. After it, any fetch started under a
  // minute ago holds the next one back.
  const last = keySet.fetchedAt === null ? keySet.failedAt : keySet.attemptedAt;
  return last === null || now - last >= MIN_FETCH_INTERVAL_SECONDS;
}

/** The published RSA keys by key id, or null when they cannot be read. */
async function fetchKeys(teamHost: string): Promise<Map<string, JWK> | null> {
  try {
    const response = await fetch(`https://${teamHost}/cdn-cgi/access/certs`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return null;
    }
    const body = (await response.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys)) return null;
    const keys = new Map<string, JWK>();
    for (const jwk of body.keys) {
      const { kty, kid, alg, n, e } = (jwk ?? {}) as Record<string, unknown>;
      if (kty !== 'RSA' || typeof kid !== 'string' || (alg !== undefined && alg !== 'RS256')) continue;
      // Only the public parameters are passed on: use/key_ops in a published
      // key must not decide what this Worker lets it do.
      if (typeof n === 'string' && typeof e === 'string') keys.set(kid, { kty, n, e });
    }
    return keys;
  } catch {
    return null;
  }
}
