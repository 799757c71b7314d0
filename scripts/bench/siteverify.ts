// A local stand-in for Turnstile's siteverify on 127.0.0.1: every token passes
// for the blog's hostname and the comment form's action.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SiteverifyStandIn {
  url: string;
  calls: () => number;
  close: () => Promise<void>;
}

export async function startSiteverifyStandIn(hostname: string): Promise<SiteverifyStandIn> {
  let calls = 0;
  const answer = JSON.stringify({
    success: true,
    hostname,
    action: 'comment',
    cdata: '',
    'error-codes': [],
  });
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      calls++;
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      response.end(answer);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/turnstile/v0/siteverify`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
