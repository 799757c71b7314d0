// Where a public-looking name really points. A Worker's fetch resolves names
// itself and offers no lookup, so a name whose DNS answers 127.0.0.1 or
// 10.0.0.5 (DNS rebinding to reach a private service) would pass a check of
// the name alone. Before each fetch the name is resolved with DNS-over-HTTPS,
// A and AAAA, and any private answer refuses the fetch; so does a failed lookup.
// A resolver answering differently a moment later could still slip through:
// Cloudflare's own network refuses to connect Workers to private ranges, this
// check keeps the promise where that is not the case (local dev, other hosts).
import { isPrivateAddress } from './address';

type DnsAnswer = { type?: number; data?: string };
const RECORD_TYPES = { A: 1, AAAA: 28 } as const;

export type DnsVerdict = 'public' | 'private' | 'unresolved';

export async function checkHostAddresses(hostname: string, dohUrl: string, signal: AbortSignal): Promise<DnsVerdict> {
  // IP literals were judged by isPrivateHost; nothing to resolve.
  if (hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(hostname)) return 'public';
  const answers = await Promise.all(
    (Object.keys(RECORD_TYPES) as (keyof typeof RECORD_TYPES)[]).map((type) => lookUp(hostname, type, dohUrl, signal)),
  );
  if (answers.some((answer) => answer === null)) return 'unresolved';
  const addresses = answers.flat() as string[];
  if (addresses.length === 0) return 'unresolved';
  return addresses.some(isPrivateAddress) ? 'private' : 'public';
}

/** The addresses of one record type (CNAMEs followed by the resolver), or null when the lookup failed. */
async function lookUp(
  hostname: string,
  type: keyof typeof RECORD_TYPES,
  dohUrl: string,
  signal: AbortSignal,
): Promise<string[] | null> {
  const url = new URL(dohUrl);
  url.searchParams.set('name', hostname);
  url.searchParams.set('type', type);
  try {
    const response = await fetch(url, { headers: { accept: 'application/dns-json' }, signal });
    if (!response.ok) return null;
    const body = (await response.json()) as { Status?: number; Answer?: DnsAnswer[] };
    // 0: NOERROR (an empty answer is fine: an IPv4-only host has no AAAA). Anything else: no such name.
    if (body.Status !== 0) return null;
    return (body.Answer ?? [])
      .filter((answer) => answer.type === RECORD_TYPES[type] && typeof answer.data === 'string')
      .map((answer) => answer.data as string);
  } catch {
    return null;
  }
}
