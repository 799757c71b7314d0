// Comment forms are posted from the blog's own pages. A browser says where a
// POST comes from (Sec-Fetch-Site, else Origin); anything cross-site is a
// forgery. Clients that send neither (old browsers, curl) still meet Turnstile.
export function isCrossSitePost(request: Request, allowedOrigins: string[]): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  return !allowedOrigins.includes(origin);
}
