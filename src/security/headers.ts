// The one place that decides the security headers. The Worker applies them to
// every response it sends, at the very end (after the cache, so a cache hit,
// a 304, a HEAD, a redirect or an error page gets them too); public/_headers
// gives the same ones to the static files, which never reach the Worker.

/**
 * What every page allows. Images may be https URLs of another host: an
 * article's front matter `image`, and imported WordPress articles link their
 * media where they were (the importer turns http into https). `data:` images
 * are not needed by any page, so they are left out. Inline styles are not
 * allowed either: no page uses a style attribute or a <style> block.
 */
function pagePolicy(sources: { script: string; frame: string; img: string }): string {
  return [
    "default-src 'self'",
    `script-src ${sources.script}`,
    `frame-src ${sources.frame}`,
    "connect-src 'self'",
    `img-src ${sources.img}`,
    "style-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const ARTICLE_IMAGES = "'self' https:";

/**
 * Pages with the comment form: our own script (same origin, no inline code,
 * so neither nonce nor hash is needed) and Turnstile's script and iframe, from
 * the origin of TURNSTILE_SCRIPT_URL (Cloudflare's, or `npm run dev`'s local
 * stand-in) and nothing else from elsewhere.
 */
export function commentFormPageCsp(turnstileScriptUrl: string): string {
  const turnstile = new URL(turnstileScriptUrl).origin;
  return pagePolicy({ script: `'self' ${turnstile}`, frame: turnstile, img: ARTICLE_IMAGES });
}

/** Every other page runs no script at all (JSON-LD is a data block, which CSP does not govern). */
export const PAGE_CSP = pagePolicy({ script: "'none'", frame: "'none'", img: ARTICLE_IMAGES });

/** The desk: no script, no image from elsewhere (it shows none). */
export const DESK_CSP = pagePolicy({ script: "'none'", frame: "'none'", img: "'self'" });

/**
 * Feeds, the sitemap, robots.txt, JSON, plain text, redirects, static files:
 * nothing to load. Harmless for a feed reader, and it matters when a browser
 * opens an XML document itself: an XHTML <script> inside would otherwise run.
 */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * An SVG opened by itself is a document that may carry script: none runs
 * (no script-src, and a sandbox without allow-scripts gives it an opaque
 * origin, so it could not reach the blog's cookies or pages anyway). Its own
 * inline styles still apply.
 */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/**
 * Powerful features nobody here needs, denied to the page and any frame in it
 * (Turnstile's iframe included: it uses none of them). Opting out of ad
 * interest groups: `interest-cohort` (FLoC) and `browsing-topics` (the
 * Topics API that replaced it). Only features Chromium knows: an unknown one
 * (e.g. `bluetooth`) costs a console error on every page.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'interest-cohort',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** Headers every response gets, whatever it is. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  // Only meaningful over https (browsers ignore it on http://localhost); two
  // years would be the preload list's wish, one year is the usual commitment.
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': PERMISSIONS_POLICY,
  // frame-ancestors 'none' says it to current browsers; this, to old ones.
  'x-frame-options': 'DENY',
};

/** The desk's addresses (comment ids, queues) are nobody else's business, not even their origin. */
const DESK_REFERRER_POLICY = 'same-origin';

/** The pages of e-mail links carry a signed token in their address: no Referer at all, not even to the blog. */
const EMAIL_LINK_REFERRER_POLICY = 'no-referrer';

export type Audience = 'public' | 'desk' | 'email-link';

/**
 * The response with its security headers. A public HTML page keeps the
 * comment-form policy (this blog's, `commentFormPolicy`) when its route asked
 * for it; any other policy a route may have set is replaced, so no route can
 * loosen the rules.
 */
export function withSecurityHeaders(response: Response, audience: Audience, commentFormPolicy: string): Response {
  const secured = new Response(response.body, response);
  const headers = secured.headers;
  for (const [name, value] of Object.entries(COMMON_HEADERS)) headers.set(name, value);
  headers.set('content-security-policy', contentSecurityPolicy(response, audience, commentFormPolicy));
  if (audience === 'desk') headers.set('referrer-policy', DESK_REFERRER_POLICY);
  if (audience === 'email-link') headers.set('referrer-policy', EMAIL_LINK_REFERRER_POLICY);
  return secured;
}

function contentSecurityPolicy(response: Response, audience: Audience, commentFormPolicy: string): string {
  if (/^image\/svg\+xml\b/i.test(response.headers.get('content-type') ?? '')) return SVG_CSP;
  if (!isHtml(response)) return RESOURCE_CSP;
  if (audience === 'desk') return DESK_CSP;
  return response.headers.get('content-security-policy') === commentFormPolicy ? commentFormPolicy : PAGE_CSP;
}

function isHtml(response: Response): boolean {
  return /^text\/html\b/i.test(response.headers.get('content-type') ?? '');
}
