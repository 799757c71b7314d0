// A stand-in for Cloudflare's siteverify, answering the Worker's outbound
// fetches at the network boundary (Miniflare's outboundService, in Node).
// The token the test sends chooses the answer. Every other outbound request
// is refused, so a test can never reach the real network.
const SITEVERIFY_HOST = 'challenges.cloudflare.com';
export const TEST_HOSTNAME = 'localhost';

export interface SiteverifyCall {
  secret: string;
  response: string;
  remoteip: string | null;
  idempotency_key: string | null;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const passed = (overrides: Record<string, unknown> = {}) =>
  json({
    success: true,
    challenge_ts: new Date().toISOString(),
    hostname: TEST_HOSTNAME,
    action: 'comment',
    cdata: '',
    'error-codes': [],
    ...overrides,
  });

export function createSiteverifyStub(): (request: Request) => Promise<Response> {
  const calls: SiteverifyCall[] = [];
  const attemptsByKey = new Map<string, number>();
  return async (request) => {
    const url = new URL(request.url);
    if (url.hostname !== SITEVERIFY_HOST) return new Response('outbound network is closed in tests', { status: 599 });
    if (url.pathname === '/__stub/calls') return json(calls);
    const form = new URLSearchParams(await request.text());
    const call: SiteverifyCall = {
      secret: form.get('secret') ?? '',
      response: form.get('response') ?? '',
      remoteip: form.get('remoteip'),
      idempotency_key: form.get('idempotency_key'),
    };
    calls.push(call);
    const attempt = (attemptsByKey.get(call.idempotency_key ?? '') ?? 0) + 1;
    attemptsByKey.set(call.idempotency_key ?? '', attempt);
    const token = call.response;
    // Cloudflare's documented test secrets behave as documented.
    if (call.secret === '1x0000000000000000000000000000000AA') return passed({ hostname: 'example.com', action: '' });
    if (call.secret === '2x0000000000000000000000000000000AA') {
      return json({ success: false, 'error-codes': ['invalid-input-response'] });
    }
    if (call.secret === '3x0000000000000000000000000000000AA') {
      return json({ success: false, 'error-codes': ['timeout-or-duplicate'] });
    }
    if (token.startsWith('error:')) return json({ success: false, 'error-codes': [token.slice('error:'.length)] });
    switch (token) {
      case 'pass':
        return passed();
      case 'wrong-hostname':
        return passed({ hostname: 'evil.example' });
      case 'wrong-action':
        return passed({ action: 'login' });
      case 'http-500':
        return new Response('upstream failure', { status: 500 });
      case 'http-503-then-pass':
        return attempt === 1 ? new Response('busy', { status: 503 }) : passed();
      case 'network-error-then-pass':
        if (attempt === 1) throw new Error('connection reset');
        return passed();
      case 'malformed':
        return new Response('<html>not json</html>', { status: 200, headers: { 'content-type': 'text/html' } });
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, 5000));
        return passed();
      default:
        return json({ success: false, 'error-codes': ['invalid-input-response'] });
    }
  };
}
