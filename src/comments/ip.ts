// IP addresses are never stored: only a salted hash, enough to rate-limit and
// to let the author see that two comments came from the same place.
import { clientGroup } from '../security/ip';

export function clientIp(request: Request): string | null {
  return request.headers.get('cf-connecting-ip')?.trim() || null;
}

export async function hashIp(ip: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}\u0000${ip}`));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The key a rate limiter counts a client under: its IPv4 address, or the /64
 * of its IPv6 address (see clientGroup), hashed when there is a salt so that
 * the limiter never holds an address either.
 */
export async function rateLimitKey(ip: string | null, salt: string | undefined): Promise<string> {
  if (!ip) return 'no-ip';
  const group = clientGroup(ip);
  return salt ? hashIp(group, salt) : group;
}
