// Which URLs the Worker may fetch on someone else's word (a Webmention's
// source, a trackback's url, a discovered endpoint): http(s) only, no
// credentials, and never a host that names this machine or a private network.
// Names are checked here; what a public name resolves to is checked by dns.ts.
// Addresses are judged as bytes by src/security/ip.ts.
import { isNonPublicIp, parseIp } from '../security/ip';

export const MAX_URL_LENGTH = 2000;

/** An absolute http(s) URL without user:password, or null. */
export function parseHttpUrl(value: string): URL | null {
  if (value.length === 0 || value.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url;
}

/**
 * The URL as compared with another: no fragment, no trailing slash on the
 * path (the root keeps its "/"). The URL parser already lowercases the host,
 * drops default ports and normalises IPv4 forms such as 0x7f.1 or 2130706433.
 */
export function normaliseUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  if (copy.pathname.length > 1) copy.pathname = copy.pathname.replace(/\/+$/, '');
  return copy.href;
}

const PRIVATE_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.intranet', '.corp'];

/** A host name or IP literal (as URL.hostname gives it) that must not be fetched. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const address = parseIp(host);
  if (address) return isNonPublicIp(address);
  // The URL parser turns every numeric spelling into a dotted quad or fails:
  // anything else made of digits and dots, or bracketed, is no name to look up.
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return true;
  if (host === 'localhost' || PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix))) return true;
  // A single label ("intranet", "router") only means something inside a network.
  return !host.includes('.');
}

/** An address from a DNS answer (A or AAAA) that must not be fetched; one that does not parse is refused too. */
export function isPrivateAddress(address: string): boolean {
  const bytes = parseIp(address.trim());
  return bytes ? isNonPublicIp(bytes) : true;
}
