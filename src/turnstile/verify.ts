// Server-side verification of a Turnstile token with siteverify.
// Three outcomes, because they call for three different answers:
//   passed      the token is genuine, for this blog and this form;
//   rejected    the commenter must try again (missing, invalid, expired, spent);
//   unavailable siteverify could not say (network, timeout, 5xx, our own
//               misconfiguration): the comment is kept, held, marked unverified.

export type TurnstileOutcome =
  | { outcome: 'passed' }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'unavailable'; reason: string };

export interface TurnstileCheck {
  token: string;
  secret: string;
  remoteIp: string | null;
  /** Hostname of the blog: a token solved on another site is refused. */
  hostname: string;
  action: string;
  siteverifyUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Cloudflare's documented test secrets accept any token and answer with
 * placeholder hostname and action values. A blog configured with one of them
 * has no protection to weaken, so only then are those placeholders accepted;
 * a real secret gets the strict checks.
 */
export const TEST_SECRETS = new Set([
  '1x0000000000000000000000000000000AA',
  '2x0000000000000000000000000000000AA',
  '3x0000000000000000000000000000000AA',
]);

const TOKEN_ERRORS = new Set(['missing-input-response', 'invalid-input-response', 'timeout-or-duplicate']);
const DEFAULT_TIMEOUT_MS = 3000;
/** Longer tokens are refused without asking siteverify. */
export const MAX_TOKEN_LENGTH = 2048;

interface SiteverifyAnswer {
  success?: unknown;
  'error-codes'?: unknown;
  hostname?: unknown;
  action?: unknown;
}

export async function verifyTurnstileToken(check: TurnstileCheck): Promise<TurnstileOutcome> {
  if (!check.token) return { outcome: 'rejected', reason: 'missing-input-response' };
  if (check.token.length > MAX_TOKEN_LENGTH) return { outcome: 'rejected', reason: 'invalid-input-response' };
  if (!check.secret) return { outcome: 'unavailable', reason: 'missing-input-secret' };
  const body = new URLSearchParams({ secret: check.secret, response: check.token });
  if (check.remoteIp) body.set('remoteip', check.remoteIp);
  // The same key on the retry lets siteverify recognise it as a retry, not a
  // second use of a single-use token.
  body.set('idempotency_key', crypto.randomUUID());

  let answer = await callSiteverify(check, body);
  if (answer.kind === 'retry') answer = await callSiteverify(check, body);
  if (answer.kind !== 'answer') return { outcome: 'unavailable', reason: answer.reason };
  return judge(answer.data, check);
}

type Attempt = { kind: 'answer'; data: SiteverifyAnswer } | { kind: 'retry' | 'failed'; reason: string };

async function callSiteverify(check: TurnstileCheck, body: URLSearchParams): Promise<Attempt> {
  const doFetch = check.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(check.siteverifyUrl, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(check.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'retry', reason: isTimeout(error) ? 'siteverify-timeout' : 'siteverify-unreachable' };
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    return { kind: 'retry', reason: `siteverify-http-${response.status}` };
  }
  try {
    const data = (await response.json()) as SiteverifyAnswer;
    if (typeof data !== 'object' || data === null) throw new TypeError('not an object');
    return { kind: 'answer', data };
  } catch (error) {
    // The deadline can fall between the headers and the end of the body: a timeout, not a bad answer.
    if (isTimeout(error)) return { kind: 'retry', reason: 'siteverify-timeout' };
    return { kind: 'failed', reason: `siteverify-malformed-answer-http-${response.status}` };
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function judge(data: SiteverifyAnswer, check: TurnstileCheck): TurnstileOutcome {
  const codes = Array.isArray(data['error-codes']) ? data['error-codes'].map(String) : [];
  if (data.success !== true) {
    const tokenError = codes.find((code) => TOKEN_ERRORS.has(code));
    if (tokenError) return { outcome: 'rejected', reason: tokenError };
    // Secret or request errors are ours, and internal-error is Cloudflare's:
    // neither is the commenter's fault.
    return { outcome: 'unavailable', reason: codes[0] ?? 'siteverify-unsuccessful' };
  }
  const testSecret = TEST_SECRETS.has(check.secret);
  if (data.hostname !== check.hostname && !(testSecret && data.hostname === 'example.com')) {
    return { outcome: 'rejected', reason: 'hostname-mismatch' };
  }
  if (data.action !== check.action && !(testSecret && (data.action === '' || data.action === undefined))) {
    return { outcome: 'rejected', reason: 'action-mismatch' };
  }
  return { outcome: 'passed' };
}
