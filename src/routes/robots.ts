// /robots.txt: crawlers may read everything but the moderation desk, and are
// told where the sitemap is.
//
// Search results (/search) are deliberately not disallowed: those pages carry
// <meta name="robots" content="noindex">, and a crawler only sees that tag on
// pages it may fetch. Disallowing them would let a linked search URL be
// indexed without its content (robots.txt stops crawling, not indexing).
//
// "/admin$" and "/admin/" (RFC 9309 patterns) rather than a bare "/admin"
// prefix, which would also hide articles such as /administrer-son-blog.
import type { IRequest } from 'itty-router';
import { TAGS } from '../cache/tags';
import { readSettings } from '../config';
import { absoluteUrl } from '../views/layout';

export function robotsRoute(_request: IRequest, env: Env): Response {
  const body = [
    'User-agent: *',
    'Disallow: /admin$',
    'Disallow: /admin/',
    '',
    `Sitemap: ${absoluteUrl(readSettings(env), '/sitemap.xml')}`,
    '',
  ].join('\n');
  return new Response(body, {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-tag': TAGS.sitemap,
    },
  });
}
