// IP addresses are never stored: only a salted hash, enough to rate-limit and
// to let the author see that two comments came from the same place.
export function clientIp(request: Request): string | null {
  return request.headers.get('cf-connecting-ip')?.trim() || null;
}

export async function hashIp(ip: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}\u0000${ip}`));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
