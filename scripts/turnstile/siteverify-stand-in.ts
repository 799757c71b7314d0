// A local stand-in for Turnstile's siteverify on 127.0.0.1. The token chooses
// the answer, so a run can mix them in a known proportion:
//   "failure:…"  success: false, invalid-input-response (the commenter must retry);
//   "slow:…"     success, but only after `slowMs` (past TURNSTILE_TIMEOUT_MS:
//                the Worker gives up, retries once, then holds the comment);
//   anything else: success for the blog's hostname and the comment form's action.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SiteverifyBehaviour = 'success' | 'failure' | 'slow';

export interface SiteverifyStandIn {
  url: string;
  /** Requests answered or started, all behaviours together. */
  calls: () => number;
  callsBy: () => Record<SiteverifyBehaviour, number>;
  close: () => Promise<void>;
}

export interface SiteverifyOptions {
  /** How long a "slow:" token waits before its answer (ms). */
  slowMs?: number;
}

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
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const token = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('response') ?? '';
      const behaviour = behaviourOfToken(token);
      counts[behaviour]++;
      const answer = behaviour === 'failure' ? failed : passed;
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
    url: `http://127.0.0.1:${port}/turnstile/v0/siteverify`,
    calls: () => counts.success + counts.failure + counts.slow,
    callsBy: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
