// Checks the Cloudflare Access assertion that arrives with every request to
// the moderation desk when the blog sits behind Access. A request that reached
// the Worker some other way (workers.dev, a second route) has no genuine
// assertion, so the desk must verify it rather than trust that Access ran.
// The signing keys are read from the configured team domain only, never from
// anything the token says, so a forged token cannot choose where we fetch.
import { type CompactJws, importRs256PublicKey, parseCompactJws, verifyRs256Signature } from './jwt';

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
  keys: Map<string, CryptoKey>;
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
  const jws = parseCompactJws(token);
  if (!jws) return fail('malformed');
  // Only RS256: `none` or an HMAC algorithm would let the token's author
  // choose how (or whether) it is checked.
  if (jws.header.alg !== 'RS256' || jws.header.crit !== undefined) return fail('bad-signature');
  const kid = jws.header.kid;
  if (typeof kid !== 'string' || !kid) return fail('malformed');

  const key = await signingKey(teamHost, kid, config.now);
  if (typeof key === 'string') return fail(key);
  if (!(await verifyRs256Signature(jws, key))) return fail('bad-signature');
  return checkClaims(jws, teamHost, config);
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

function checkClaims(jws: CompactJws, teamHost: string, config: AccessConfig): AccessResult {
  const { iss, aud, exp, nbf, iat, email, sub } = jws.payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return fail('malformed');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return fail('malformed');
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) return fail('malformed');
  if (email !== undefined && typeof email !== 'string') return fail('malformed');
  if (sub !== undefined && typeof sub !== 'string') return fail('malformed');
  if (!email && !sub) return fail('malformed');

  if (iss !== `https://${teamHost}`) return fail('wrong-issuer');
  // Access sends an array; RFC 7519 also allows a single string.
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(config.audience)) return fail('wrong-audience');
  if (config.now >= exp + CLOCK_SKEW_SECONDS) return fail('expired');
  if (config.now + CLOCK_SKEW_SECONDS < Math.max(nbf ?? iat, iat)) return fail('not-yet-valid');

  return { ok: true, identity: { email: email ?? '', subject: sub ?? '', issuedAt: iat, expiresAt: exp } };
}

type KeyLookup = CryptoKey | 'unknown-key' | 'keys-unavailable';

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

async function fetchKeys(teamHost: string): Promise<Map<string, CryptoKey> | null> {
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
    const keys = new Map<string, CryptoKey>();
    for (const jwk of body.keys) {
      const kid = (jwk as { kid?: unknown } | null)?.kid;
      const key = typeof kid === 'string' ? await importRs256PublicKey(jwk) : null;
      if (typeof kid === 'string' && key) keys.set(kid, key);
    }
    return keys;
  } catch {
    return null;
  }
}
