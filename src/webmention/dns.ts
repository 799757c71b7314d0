// Where a public-looking name really points. A Worker's fetch resolves names
// itself and offers no lookup, so a name whose DNS answers 127.0.0.1 or
// 10.0.0.5 (DNS rebinding to reach a private service) would pass a check of
// the name alone. Before each fetch the name is resolved with DNS-over-HTTPS,
// A and AAAA, and any private answer refuses the fetch; so does a name that
// does not exist. A resolver that fails (an error status, a body that is not
// its JSON, a malformed answer) is asked once more, then the fetch is refused
// as "unavailable", which callers treat as a failure to retry or report,
// never as a public answer and never as a crash.
// A resolver answering differently a moment later could still slip through:
// Cloudflare's own network refuses to connect Workers to private ranges, this
// check keeps the promise where that is not the case (local dev, other hosts).
import { parseIp } from '../security/ip';
import { isPrivateAddress } from './address';

type DnsAnswer = { type?: unknown; data?: unknown };
const RECORD_TYPES = { A: 1, AAAA: 28 } as const;
type RecordType = keyof typeof RECORD_TYPES;

export type DnsVerdict = 'public' | 'private' | 'unresolved' | 'unavailable';

export async function checkHostAddresses(hostname: string, dohUrl: string, signal: AbortSignal): Promise<DnsVerdict> {
  // IP literals were judged by isPrivateHost; nothing to resolve.
  if (parseIp(hostname)) return 'public';
  const answers = await Promise.all(
    (Object.keys(RECORD_TYPES) as RecordType[]).map(async (type) => {
      const first = await lookUp(hostname, type, dohUrl, signal);
      return first === 'unavailable' && !signal.aborted ? lookUp(hostname, type, dohUrl, signal) : first;
    }),
  );
  if (answers.includes('unavailable')) return 'unavailable';
  if (answers.includes('nxdomain')) return 'unresolved';
  const addresses = answers.flat();
  if (addresses.length === 0) return 'unresolved';
  return addresses.some(isPrivateAddress) ? 'private' : 'public';
}

/** The addresses of one record type (CNAMEs followed by the resolver), "nxdomain", or "unavailable" when the resolver failed. */
async function lookUp(
  hostname: string,
  type: RecordType,
  dohUrl: string,
  signal: AbortSignal,
): Promise<string[] | 'nxdomain' | 'unavailable'> {
  try {
    const url = new URL(dohUrl);
    url.searchParams.set('name', hostname);
    url.searchParams.set('type', type);
    const response = await fetch(url, { headers: { accept: 'application/dns-json' }, signal });
    if (!response.ok) {
      await response.body?.cancel();
      return 'unavailable';
    }
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) return 'unavailable';
    const { Status: status, Answer: answer = [] } = body as { Status?: unknown; Answer?: unknown };
    // 2: SERVFAIL, the resolver's own trouble. 0: NOERROR (an empty answer is
    // fine: an IPv4-only host has no AAAA). Anything else: no such name.
    if (status === 2 || typeof status !== 'number' || !Array.isArray(answer)) return 'unavailable';
    if (status !== 0) return 'nxdomain';
    return (answer as DnsAnswer[])
      .filter((record) => typeof record === 'object' && record !== null && record.type === RECORD_TYPES[type])
      .map((record) => (typeof record.data === 'string' ? record.data : 'not an address'));
  } catch {
    return 'unavailable';
  }
}
