// Stand-ins for other people's sites, for Webmention and trackback tests:
// every host under the reserved .example top-level domain, and the
// DNS-over-HTTPS resolver the Worker asks before fetching them.
//
// A test says what a page serves with
//   PUT https://<host>/__stub/page?path=/a-post   (JSON body: a StubPage)
// and reads what a host received (Webmentions sent to it) with
//   GET https://<host>/__stub/requests
// Paths are shared by all test files running at once: use unique ones.
// Pages every host serves without being told:
//   /gone  410;  /slow  answers after 3 s;  /huge  streams 3 MB of HTML.
// Anything else not registered answers 404; a POST not registered answers 202.
//
// DNS (https://cloudflare-dns.com/dns-query?name=…&type=A|AAAA): every
// .example name resolves to public addresses, except
//   rebind.example   A 127.0.0.1 (a public-looking name pointing inside);
//   rebind6.example  AAAA ::1;
//   rebind-siit.example, rebind-6to4.example, rebind-teredo.example  AAAA only,
//                    an IPv6 address carrying 10.0.0.1, 192.168.1.1, 127.0.0.1;
//   nxdomain.example and any name outside .example: no such name;
//   dns-down*.example      the resolver answers 503;
//   dns-garbled*.example   the resolver answers 200 with a body that is not JSON;
//   dns-odd*.example       the resolver answers JSON of the wrong shape (Answer not a list);
//   dns-baddata*.example   an A record whose data is no address;
//   dns-flaky*.example     the resolver fails the first question about each name and type, then answers.
export interface StubPage {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  contentType: string | null;
  body: string;
}

export const DOH_HOST = 'cloudflare-dns.com';
const HUGE_BYTES = 3 * 1024 * 1024;

export function isSourceSite(hostname: string): boolean {
  return hostname.endsWith('.example') || hostname === DOH_HOST;
}

export function createSourceSites(): (request: Request) => Promise<Response> {
  const pages = new Map<string, StubPage>();
  const dnsQuestions = new Map<string, number>();
  const received = new Map<string, RecordedRequest[]>();
  return async (request) => {
    const url = new URL(request.url);
    if (url.hostname === DOH_HOST) {
      const question = `${url.searchParams.get('name')} ${url.searchParams.get('type')}`;
      dnsQuestions.set(question, (dnsQuestions.get(question) ?? 0) + 1);
      return answerDns(url, dnsQuestions.get(question) ?? 1);
    }
    if (url.pathname === '/__stub/page' && request.method === 'PUT') {
      pages.set(`${url.host}${url.searchParams.get('path') ?? '/'}`, (await request.json()) as StubPage);
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/__stub/requests') return Response.json(received.get(url.host) ?? []);
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const log = received.get(url.host) ?? [];
    log.push({ method: request.method, url: url.href, contentType: request.headers.get('content-type'), body });
    received.set(url.host, log);
    const page = pages.get(`${url.host}${url.pathname}${url.search}`) ?? pages.get(`${url.host}${url.pathname}`);
    if (page) {
      if (page.delayMs) await new Promise((resolve) => setTimeout(resolve, page.delayMs));
      return new Response(page.body ?? '', {
        status: page.status ?? 200,
        headers: { 'content-type': 'text/html; charset=utf-8', ...page.headers },
      });
    }
    if (url.pathname === '/gone') return new Response('gone', { status: 410 });
    if (url.pathname === '/slow') {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return new Response('<a href="http://localhost:8787/">late</a>', { headers: { 'content-type': 'text/html' } });
    }
    if (url.pathname === '/huge') return hugePage();
    if (request.method === 'POST') return new Response('accepted', { status: 202 });
    return new Response('not found', { status: 404 });
  };
}

function hugePage(): Response {
  const chunk = new TextEncoder().encode(`<p>${'x'.repeat(65_536 - 7)}</p>`);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= HUGE_BYTES) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function answerDns(url: URL, asked: number): Response {
  const name = (url.searchParams.get('name') ?? '').toLowerCase().replace(/\.$/, '');
  const type = url.searchParams.get('type');
  const json = (body: unknown) => Response.json(body, { headers: { 'content-type': 'application/dns-json' } });
  if (name.startsWith('dns-down') || (name.startsWith('dns-flaky') && asked === 1)) {
    return new Response('resolver overloaded', { status: 503 });
  }
  if (name.startsWith('dns-garbled')) return new Response('<html>captive portal</html>', { status: 200 });
  if (name.startsWith('dns-odd')) return json({ Status: 0, Answer: 'none' });
  if (name.startsWith('dns-baddata') && type === 'A') return json({ Status: 0, Answer: [{ name, type: 1, data: 42 }] });
  if (!name.endsWith('.example') || name === 'nxdomain.example') return json({ Status: 3, Answer: [] });
  const records: Record<string, { A: string[]; AAAA: string[] }> = {
    'rebind.example': { A: ['127.0.0.1'], AAAA: [] },
    'rebind6.example': { A: ['93.184.215.14'], AAAA: ['::1'] },
    'rebind-siit.example': { A: [], AAAA: ['::ffff:0:a00:1'] },
    'rebind-6to4.example': { A: [], AAAA: ['2002:c0a8:101::1'] },
    'rebind-teredo.example': { A: [], AAAA: ['2001:0:5db8:d70e::80ff:fffe'] },
  };
  const addresses = records[name] ?? { A: ['93.184.215.14'], AAAA: ['2606:2800:21f:cb07:6820:80da:af6b:8b2c'] };
  const list = type === 'AAAA' ? addresses.AAAA : addresses.A;
  return json({ Status: 0, Answer: list.map((data) => ({ name, type: type === 'AAAA' ? 28 : 1, TTL: 300, data })) });
}
