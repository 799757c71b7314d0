// The Cache API key of a page: the blog's own origin (whatever host the
// request came through), the path, the query parameters sorted, tracking
// parameters dropped, and the current cache version.
const TRACKING = /^(utm_.*|fbclid|gclid|mc_.*|ref)$/i;

export function normalizedPageUrl(requestUrl: string, baseUrl: string): string {
  const url = new URL(requestUrl);
  const base = new URL(baseUrl);
  const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name));
  params.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  const query = new URLSearchParams(params).toString();
  return `${base.origin}${url.pathname}${query ? `?${query}` : ''}`;
}

export function cacheKey(requestUrl: string, baseUrl: string, version: number): string {
  const page = new URL(normalizedPageUrl(requestUrl, baseUrl));
  return `${page.origin}/__cache/v${version}${page.pathname}${page.search}`;
}
