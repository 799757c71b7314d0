// One address per page. A GET for another spelling of it answers a single
// 301 straight to the final canonical URL, never a chain: every rule is
// applied at once, and an old WordPress address is resolved from its
// normalised form (so "/Feed/" and "/2012/03/14/Slug/" are one hop too).
//
// Rules: runs of slashes collapse (a Location of "//host" would leave the
// blog), the trailing slash goes (except "/"), ASCII letters are lowercased
// (every path of the blog is lowercase; percent-escapes keep their bytes and
// take uppercase hex), "/index.php" is "/", and "?page=1" / "?cpage=1" are the
// bare page. The rest of the query string is kept, tracking parameters aside.
// A path that is an article's old address (wordpress_path) leads to the
// article, unless it is still the address of a published article here.
import { normalizedPageUrl } from '../cache/key';
import { serveWithCache } from '../cache/serve';
import { readSettings } from '../config';
import { isAdminPath } from './admin';
import { legacyRoute, redirectToCanonical } from './legacy';
import { parseLegacyAddress } from './legacy-address';

// Folders of public/: Workers static assets serve them before the Worker
// runs, and their file names are case-sensitive, so nothing here rewrites them.
// The same goes for the bucket's files under /media/ (src/routes/media.ts).
const ASSET_FOLDERS = ['/images/', '/js/', '/media/'];
const INTERNAL_PREFIX = '/_causerie/';

export async function canonicalRedirect(request: Request, env: Env, ctx: ExecutionContext): Promise<Response | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const url = new URL(request.url);
  if (isLeftAlone(url.pathname)) return null;
  const pathname = canonicalPathname(url.pathname);
  const legacy = parseLegacyAddress(pathname, url.search);
  if (!legacy && pathname + canonicalSearch(url.search) === url.pathname + url.search) return null;
  // Through the cache like a page: where an address leads depends on what is
  // published. The cache ignores tracking parameters (src/cache/key.ts), so
  // the Location is built from the query as the cache sees it.
  const get = request.method === 'GET' ? request : new Request(request, { method: 'GET' });
  const query = new URL(normalizedPageUrl(get.url, readSettings(env).baseUrl)).search;
  const location = pathname + canonicalSearch(query);
  const response = await serveWithCache(get, env, ctx, () =>
    legacy ? legacyRoute(legacy, get, env) : redirectToCanonical(get, env, pathname, location),
  );
  return request.method === 'HEAD' ? new Response(null, response) : response;
}

function isLeftAlone(pathname: string): boolean {
  return (
    isAdminPath(pathname) ||
    pathname.startsWith(INTERNAL_PREFIX) ||
    ASSET_FOLDERS.some((folder) => pathname.startsWith(folder))
  );
}

export function canonicalPathname(pathname: string): string {
  const lower = pathname
    .replace(/\/{2,}/g, '/')
    .replace(/%[0-9a-f]{2}|[A-Z]+/gi, (match) => (match.startsWith('%') ? match.toUpperCase() : match.toLowerCase()));
  const withoutIndex = lower.replace(/^\/index\.php(?=\/|$)/, '');
  const trimmed = withoutIndex.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** Drops a lone "page=1" or "cpage=1" (the first page is the bare URL); keeps everything else byte for byte. */
export function canonicalSearch(search: string): string {
  if (search === '') return '';
  const pairs = search.slice(1).split('&');
  const kept = pairs.filter((pair) => {
    const name = /^(c?page)=0*1$/.exec(pair)?.[1];
    return !name || pairs.filter((other) => other.startsWith(`${name}=`)).length > 1;
  });
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}
