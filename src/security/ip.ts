// IP addresses read as bytes, one parser for two jobs: judging whether an
// address the Worker is asked to fetch reaches this host or a private network
// (the Webmention/trackback SSRF filter), and grouping clients for rate limits.
//
// Hand-written rather than ipaddr.js: that library (v2.5.0) costs 3.8 KiB
// gzipped once minified, most of it formatting and CIDR helpers we do not
// use, and the Worker's size budget has no room for it; what is needed
// here is a strict parse of canonical text (the URL parser has already
// normalised every IPv4 spelling such as 0x7f.1 or 2130706433, and DNS
// answers are canonical) and a prefix table.

/** 4 bytes (IPv4) or 16 (IPv6). */
export type IpBytes = Uint8Array;

/** A dotted-quad IPv4 or an IPv6 address (brackets allowed, a dotted IPv4 tail too), as bytes; null otherwise. */
export function parseIp(text: string): IpBytes | null {
  const address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return address.includes(':') ? parseIpv6(address) : parseIpv4(address);
}

function parseIpv4(text: string): IpBytes | null {
  const parts = text.split('.');
  // Leading zeros are refused: 010 would be octal to some readers and decimal to others.
  if (parts.length !== 4 || !parts.every((part) => /^(?:0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)) {
    return null;
  }
  return Uint8Array.from(parts, Number);
}

function parseIpv6(text: string): IpBytes | null {
  let address = text;
  let ipv4: IpBytes | null = null;
  const lastColon = address.lastIndexOf(':');
  if (address.slice(lastColon + 1).includes('.')) {
    ipv4 = parseIpv4(address.slice(lastColon + 1));
    if (!ipv4) return null;
    address = `${address.slice(0, lastColon + 1)}0:0`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string | undefined) => (half ? half.split(':') : []);
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  if (ipv4) bytes.set(ipv4, 12);
  return bytes;
}

/** Does `bytes` start with the first `bits` bits of `prefix`? */
function inPrefix(bytes: IpBytes, prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

/** IPv4 blocks that are this host, a private network, or not a destination at all. */
const NON_PUBLIC_IPV4: [number[], number][] = [
  [[0], 8], // "this" network
  [[10], 8],
  [[100, 64], 10], // carrier-grade NAT
  [[127], 8], // loopback
  [[169, 254], 16], // link-local, cloud metadata
  [[172, 16], 12],
  [[192, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2], 24], // documentation
  [[192, 88, 99], 24], // 6to4 relay anycast (deprecated)
  [[192, 168], 16],
  [[198, 18], 15], // benchmarking
  [[198, 51, 100], 24], // documentation
  [[203, 0, 113], 24], // documentation
  [[224], 4], // multicast
  [[240], 4], // reserved, broadcast
];

/** IPv6 blocks inside global unicast (2000::/3) that are still not somewhere to fetch from. */
const NON_PUBLIC_IPV6: [number[], number][] = [
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x3f, 0xff], 20], // documentation
  [[0x20, 0x01, 0x00, 0x02, 0, 0], 48], // benchmarking
  [[0x20, 0x01, 0x00, 0x10], 28], // ORCHID, deprecated
  [[0x20, 0x01, 0x00, 0x20], 28], // ORCHIDv2
];

const TEREDO = [0x20, 0x01, 0, 0];
const SIX_TO_FOUR = [0x20, 0x02];
const NAT64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
const NAT64_LOCAL = [0, 0x64, 0xff, 0x9b, 0, 1];
const MAPPED = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
const SIIT = [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0];

/**
 * The IPv4 addresses an IPv6 address carries and leads to: IPv4-compatible
 * ::a.b.c.d (:: and ::1 included), IPv4-mapped ::ffff:a.b.c.d, SIIT
 * ::ffff:0:a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::, and
 * Teredo's server (bits 32–63) and client (the last 32 bits, inverted).
 */
function embeddedIpv4(bytes: IpBytes): IpBytes[] {
  if (inPrefix(bytes, [], 96) || inPrefix(bytes, MAPPED, 96) || inPrefix(bytes, SIIT, 96) || inPrefix(bytes, NAT64, 96))
    return [bytes.slice(12)];
  if (inPrefix(bytes, SIX_TO_FOUR, 16)) return [bytes.slice(2, 6)];
  if (inPrefix(bytes, TEREDO, 32)) return [bytes.slice(4, 8), bytes.slice(12).map((byte) => byte ^ 0xff)];
  return [];
}

/** An address (as bytes) that reaches this host, a private network, or nothing one may fetch from. */
export function isNonPublicIp(bytes: IpBytes): boolean {
  if (bytes.length === 4) return NON_PUBLIC_IPV4.some(([prefix, bits]) => inPrefix(bytes, prefix, bits));
  // The local-use NAT64 prefix (RFC 8215) only means something inside one network,
  // and may embed its IPv4 at several places: refused whole.
  if (inPrefix(bytes, NAT64_LOCAL, 48)) return true;
  const carried = embeddedIpv4(bytes);
  if (carried.length > 0 && carried.some(isNonPublicIp)) return true;
  // Mapped, compatible, SIIT and NAT64 addresses are their IPv4 address and nothing else.
  if (carried.length > 0 && !inPrefix(bytes, SIX_TO_FOUR, 16) && !inPrefix(bytes, TEREDO, 32)) return false;
  // Everything else outside global unicast 2000::/3 (loopback, link-local, unique
  // local fc00::/7, multicast, site-local, discard-only 100::/64…) is not public.
  if (!inPrefix(bytes, [0x20], 3)) return true;
  return NON_PUBLIC_IPV6.some(([prefix, bits]) => inPrefix(bytes, prefix, bits));
}

/**
 * Who a client is, for rate limits: an IPv4 address itself (an IPv4-mapped
 * IPv6 address counts as its IPv4), an IPv6 address its /64, the block one
 * subscriber usually holds whole, so that changing the last 64 bits buys no
 * fresh allowance. Written canonically ("2001:db8:1:2::/64"); text that is no
 * address is kept as it is.
 */
export function clientGroup(ip: string): string {
  const bytes = parseIp(ip.trim());
  if (!bytes) return ip.trim();
  if (bytes.length === 4 || inPrefix(bytes, MAPPED, 96)) return bytes.slice(-4).join('.');
  const groups = [0, 2, 4, 6].map((index) => (((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0)).toString(16));
  return `${groups.join(':')}::/64`;
}
