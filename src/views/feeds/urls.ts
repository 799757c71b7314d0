// Addresses in feeds. Feed readers show entries away from the blog, with no
// base URL: every link must be absolute. Ids must never change, whatever
// happens to titles or slugs, or readers show old entries as new.
import type { BlogSettings } from '../../config';

// The year in every tag: URI (RFC 4151). It is part of the ids readers have
// already stored: changing it would make every entry look new again.
const ID_YEAR = 2026;

export interface FeedIds {
  blog: string;
  tag: (slug: string) => string;
  article: (id: number) => string;
  comments: (articleId: number) => string;
  comment: (id: number) => string;
}

/** "tag:blog.example,2026:article:12", from the blog's host (and path, for a blog under a folder). */
export function feedIds(settings: BlogSettings): FeedIds {
  const base = new URL(`${settings.baseUrl}/`);
  const folder = base.pathname === '/' ? '' : base.pathname.slice(1);
  const prefix = `tag:${base.hostname},${ID_YEAR}:${folder}`;
  return {
    blog: `${prefix}feed`,
    tag: (slug) => `${prefix}tag:${slug}`,
    article: (id) => `${prefix}article:${id}`,
    comments: (articleId) => `${prefix}article:${articleId}:comments`,
    comment: (id) => `${prefix}comment:${id}`,
  };
}

/** An address as the page's reader would follow it, made absolute against the page's URL. */
export function resolveUrl(value: string, pageUrl: string): string {
  const trimmed = value.trim();
  // Already absolute ("https:", "mailto:", "data:"…): left exactly as written.
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return value;
  try {
    return new URL(trimmed, pageUrl).href;
  } catch {
    return value;
  }
}

// An opening tag: its name, then its attributes (quoted values may hold ">").
const OPENING_TAG = /(<[a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)(\s*\/?>)/gi;
// One attribute, consumed whole: a value that merely contains ' href="…"' is never taken for one.
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'srcset']);

/**
 * The article body's relative addresses (`href="/…"`, `src="img.png"`,
 * `srcset`) made absolute, in opening tags only: text that merely looks like
 * an attribute (in a code sample, escaped) is left alone. Only for the
 * author's trusted body HTML.
 */
export function absolutizeBodyUrls(bodyHtml: string, pageUrl: string): string {
  return bodyHtml.replace(
    OPENING_TAG,
    (_tag, start: string, attributes: string, end: string) =>
      start +
      attributes.replace(ATTRIBUTE, (attribute, ...parts) => absolutizeAttribute(attribute, parts, pageUrl)) +
      end,
  );
}

function absolutizeAttribute(attribute: string, parts: unknown[], pageUrl: string): string {
  const [space, name, equals, double, single, bare] = parts as [string, string, string?, string?, string?, string?];
  const lowerName = name.toLowerCase();
  if (!equals || !URL_ATTRIBUTES.has(lowerName)) return attribute;
  const value = double ?? single ?? bare ?? '';
  const resolved = lowerName === 'srcset' ? resolveSrcset(value, pageUrl) : resolveUrl(value, pageUrl);
  const quote = single !== undefined ? "'" : '"';
  return `${space}${name}${equals}${quote}${resolved}${quote}`;
}

/** "a.jpg 1x, /b.jpg 2x": each candidate's address, descriptors kept. */
function resolveSrcset(value: string, pageUrl: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url, ...descriptors] = candidate.trim().split(/\s+/);
      return url ? [resolveUrl(url, pageUrl), ...descriptors].join(' ') : '';
    })
    .filter(Boolean)
    .join(', ');
}

const IMAGE_TYPES: Record<string, string> = {
  avif: 'image/avif',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  webp: 'image/webp',
};

/** The media type of an image, from its file extension; null when it cannot be told. */
export function imageType(url: string): string | null {
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return (extension && IMAGE_TYPES[extension]) || null;
}
