// A local stand-in for Turnstile's siteverify on 127.0.0.1. Cloudflare's
// documented test secrets are honoured first:
//   2x0000000000000000000000000000000AA  always fails (invalid-input-response);
//   3x0000000000000000000000000000000AA  "token already spent" (timeout-or-duplicate);
// then the token chooses the answer, so a run can mix them in a known proportion:
//   "failure:…"  success: false, invalid-input-response (the commenter must retry);
//   "slow:…"     success, but only after `slowMs` (past TURNSTILE_TIMEOUT_MS:
//                the Worker gives up, retries once, then holds the comment);
//   anything else: success for the blog's hostname and the comment form's action.
// Given a widget script (./widget-stand-in.ts), it serves it too, at
// /turnstile/v0/api.js: what `npm run dev` points TURNSTILE_SCRIPT_URL at.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_SECRET_ERRORS } from '../lib/turnstile-test-keys.ts';

export type SiteverifyBehaviour = 'success' | 'failure' | 'slow';

export interface SiteverifyStandIn {
  url: string;
  /** Where the widget stand-in is served (when one was given). */
  scriptUrl: string;
  /** Requests answered or started, all behaviours together. */
  calls: () => number;
  callsBy: () => Record<SiteverifyBehaviour, number>;
  close: () => Promise<void>;
}

export interface SiteverifyOptions {
  /** How long a "slow:" token waits before its answer (ms). */
  slowMs?: number;
  /** The text of a widget stand-in to serve as /turnstile/v0/api.js. */
  widgetScript?: string;
}

const SCRIPT_PATH = '/turnstile/v0/api.js';
const SITEVERIFY_PATH = '/turnstile/v0/siteverify';

export function behaviourOfToken(token: string): SiteverifyBehaviour {
  if (token.startsWith('failure:')) return 'failure';
  if (token.startsWith('slow:')) return 'slow';
  return 'success';
}

export async function startSiteverifyStandIn(
  hostname: string,
  options: SiteverifyOptions = {},
): Promise<SiteverifyStandIn> {
  const counts: Record<SiteverifyBehaviour, number> = { success: 0, failure: 0, slow: 0 };
  const passed = JSON.stringify({ success: true, hostname, action: 'comment', cdata: '', 'error-codes': [] });
  const failed = JSON.stringify({ success: false, 'error-codes': ['invalid-input-response'] });
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    if (request.method === 'GET' && path === SCRIPT_PATH && options.widgetScript !== undefined) {
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'content-length': Buffer.byteLength(options.widgetScript),
        'cache-control': 'no-store',
      });
      response.end(options.widgetScript);
      return;
    }
    if (request.method !== 'POST' || path !== SITEVERIFY_PATH) {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const secretError = TEST_SECRET_ERRORS[form.get('secret') ?? ''];
      const behaviour = secretError ? 'failure' : behaviourOfToken(form.get('response') ?? '');
      counts[behaviour]++;
      const answer = secretError
        ? JSON.stringify({ success: false, 'error-codes': [secretError] })
        : behaviour === 'failure'
          ? failed
          : passed;
      const send = () => {
        // The Worker may have given up on a slow answer and closed the connection.
        if (response.destroyed) return;
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        response.end(answer);
      };
      if (behaviour === 'slow') setTimeout(send, options.slowMs ?? 5000).unref();
      else send();
    });
    response.on('error', () => {});
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${SITEVERIFY_PATH}`,
    scriptUrl: `http://127.0.0.1:${port}${SCRIPT_PATH}`,
    calls: () => counts.success + counts.failure + counts.slow,
    callsBy: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
