// Reads one content/posts/*.md file: YAML front matter + Markdown body.
// Every problem is reported as "file:line: message" so the author can fix it.
import { type Document, isCollection, isMap, isScalar, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import { slugify } from '../../src/slug.ts';
import { renderMarkdown } from './markdown.ts';
import { applyFrenchTypography } from './typography.ts';

export interface Post {
  file: string;
  slug: string;
  title: string;
  description: string;
  language: 'fr' | 'en';
  /** Unix seconds. */
  publishedAt: number;
  /** Unix seconds, when the front matter says when the article was last updated. */
  updatedAt: number | null;
  tags: { slug: string; name: string }[];
  image: { url: string; alt: string; credit: string | null; creditUrl: string | null } | null;
  /** Explicit size from the front matter, else read from the image file. */
  imageSize: { width: number; height: number } | null;
  draft: boolean;
  bodyHtml: string;
  excerpt: string;
  /** Plain text of the whole body, for the search index. */
  bodyText: string;
  /** Slug of the same article in the other language (hreflang). */
  translation: string | null;
  /** Where the article lived on a WordPress blog: old links answer 301 to it. */
  legacy: { wordpressId: number | null; path: string | null };
}

export class PostError extends Error {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'PostError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

const KEYS = new Set([
  'title',
  'slug',
  'date',
  'updated',
  'tags',
  'description',
  'language',
  'image',
  'image_alt',
  'image_credit',
  'image_credit_url',
  'image_width',
  'image_height',
  'draft',
  'translation',
  'wordpress_id',
  'wordpress_path',
]);

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,198}[a-z0-9])?$/;
/**
 * Addresses the blog itself answers at "/<name>" (src/index.ts, and the old
 * WordPress ones src/routes/legacy.ts redirects): an article there could never be read.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'admin',
  'archives',
  'category',
  'comments',
  'feed',
  'page',
  'search',
  'tag',
  'webmention',
]);
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function parsePost(file: string, source: string, defaultLanguage: 'fr' | 'en'): Post {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.includes('\u0000')) throw new PostError(file, 1, 'the file contains a NUL character');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match)
    throw new PostError(
      file,
      1,
      'front matter missing: the file must start with a "---" line and close it with another "---" line',
    );
  const frontMatter = match[1] as string;
  const body = text.slice(match[0].length);
  // Line numbers inside the front matter start after the opening "---".
  const lineCounter = new LineCounter();
  const doc = parseDocument(frontMatter, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
  const firstError = doc.errors[0];
  if (firstError)
    throw new PostError(
      file,
      lineAt(errorOffset(doc, firstError)),
      `front matter is not valid YAML: ${firstError.message.split('\n')[0]}`,
    );
  if (!isMap(doc.contents)) throw new PostError(file, 2, 'front matter must be a list of "key: value" lines');

  const lines = new Map<string, number>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = isScalar(pair.key) && pair.key.range ? lineAt(pair.key.range[0]) : 2;
    if (!KEYS.has(key))
      throw new PostError(file, line, `unknown front matter key "${key}" (known keys: ${[...KEYS].join(', ')})`);
    lines.set(key, line);
  }
  const data = doc.toJS() as Record<string, unknown>;
  const fail = (key: string, reason: string): never => {
    throw new PostError(file, lines.get(key) ?? 2, reason);
  };
  const optionalText = (key: string): string | null => {
    const value = data[key];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string' && typeof value !== 'number') return fail(key, `"${key}" must be text`);
    return String(value).trim();
  };

  const title = optionalText('title') ?? fail('title', 'the front matter needs a "title"');
  if (title.length > 300) fail('title', `the title is ${title.length} characters long: 300 at most`);
  const baseName = file.split('/').pop()?.replace(/\.md$/, '') ?? '';
  const slug = optionalText('slug') ?? baseName;
  if (!SLUG.test(slug))
    fail('slug', `slug "${slug}" must be lowercase letters, digits and hyphens (e.g. "mon-article")`);
  if (RESERVED_SLUGS.has(slug))
    fail('slug', `slug "${slug}" is an address the blog itself uses (/${slug}): choose another one`);

  const language = optionalText('language') ?? defaultLanguage;
  if (language !== 'fr' && language !== 'en')
    return fail('language', `language must be "fr" or "en", not "${language}"`);

  const publishedAt = parseDate(
    optionalText('date') ?? fail('date', 'the front matter needs a "date" (e.g. 2026-10-06T09:30:00+02:00)'),
    (reason) => fail('date', reason),
  );
  const updatedText = optionalText('updated');
  const updatedAt = updatedText === null ? null : parseDate(updatedText, (reason) => fail('updated', reason));

  const tags = parseTags(data.tags, (reason) => fail('tags', reason));
  const draft = data.draft ?? false;
  if (typeof draft !== 'boolean') fail('draft', '"draft" must be true or false');

  const imageUrl = optionalText('image');
  let image: Post['image'] = null;
  if (imageUrl) {
    if (!/^(\/[^/]|https:\/\/)/.test(imageUrl))
      fail('image', 'image must be a path under public/ (starting with "/") or an https:// URL');
    const alt =
      optionalText('image_alt') ??
      fail('image', 'an image needs "image_alt", its description for readers who cannot see it');
    const creditUrl = optionalText('image_credit_url');
    if (creditUrl && !/^https?:\/\//.test(creditUrl))
      fail('image_credit_url', 'image_credit_url must be an http(s) URL');
    image = { url: imageUrl, alt, credit: optionalText('image_credit'), creditUrl };
  }
  const width = data.image_width;
  const height = data.image_height;
  let imageSize: Post['imageSize'] = null;
  if (width !== undefined || height !== undefined) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
      fail(
        width === undefined ? 'image_height' : 'image_width',
        'image_width and image_height must both be positive whole numbers',
      );
    }
    imageSize = { width: width as number, height: height as number };
  }

  const translation = optionalText('translation');
  if (translation !== null && (!SLUG.test(translation) || translation === slug))
    fail('translation', `translation "${translation}" must be the slug of the same article in the other language`);
  const wordpressId = data.wordpress_id ?? null;
  if (wordpressId !== null && (!Number.isSafeInteger(wordpressId) || (wordpressId as number) < 1))
    fail('wordpress_id', 'wordpress_id must be the old post number, a positive whole number (the 42 of "/?p=42")');
  const wordpressPath = optionalText('wordpress_path');
  const legacyPath = wordpressPath === null ? null : normaliseLegacyPath(wordpressPath);
  if (wordpressPath !== null && legacyPath === null)
    fail('wordpress_path', "wordpress_path must be the old address's path, e.g. /2012/03/14/mon-article/");

  if (body.trim() === '')
    throw new PostError(file, text.slice(0, match[0].length).split('\n').length, 'the article has no body');
  const rendered = renderMarkdown(body, language);
  const typeset = (value: string) => (language === 'fr' ? applyFrenchTypography(value) : value);
  return {
    file,
    slug,
    title: typeset(title),
    description: typeset(optionalText('description') ?? ''),
    language,
    publishedAt,
    updatedAt,
    tags,
    image: image && { ...image, alt: typeset(image.alt), credit: image.credit && typeset(image.credit) },
    imageSize,
    draft: draft as boolean,
    bodyHtml: rendered.html,
    excerpt: rendered.excerpt,
    bodyText: rendered.text,
    translation,
    legacy: { wordpressId: wordpressId as number | null, path: legacyPath },
  };
}

function parseDate(value: string, fail: (reason: string) => never): number {
  // Date.parse rolls 2026-02-30 over to March 2: the day must exist in its month.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const dayExists = day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  // A date-time without an offset is UTC, whatever the machine's time zone.
  const iso = value.replace(' ', 'T');
  const withZone = /T[\d:.]+$/.test(iso) ? `${iso}Z` : iso;
  const time = DATE.test(value) && dayExists ? Date.parse(withZone) : Number.NaN;
  if (Number.isNaN(time)) fail(`"${value}" is not a date: write it like 2026-10-06T09:30:00+02:00`);
  return Math.floor(time / 1000);
}

/**
 * Where the author should look for a YAML error. `yaml` reports an unclosed
 * quote or bracket where the text it swallowed ends (often the last line), and
 * an over-indented line at the start of the line it continues.
 */
function errorOffset(doc: Document, error: YAMLError): number {
  const [start] = error.pos;
  const multilineKey = doc.errors.find((other) => other.code === 'MULTILINE_IMPLICIT_KEY' && other.pos[0] === start);
  if (multilineKey) return multilineKey.pos[1];
  let offset = start;
  visit(doc, (_key, node) => {
    const unclosable =
      (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) ||
      (isCollection(node) && node.flow === true);
    // Outer nodes are visited first, so the innermost one wins.
    if (unclosable && node.range && node.range[0] < start && node.range[1] === start) offset = node.range[0];
  });
  return offset;
}

function parseTags(value: unknown, fail: (reason: string) => never): Post['tags'] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list)) return fail('tags must be a list, e.g. [Communauté, Modération]');
  const tags = new Map<string, string>();
  for (const item of list) {
    if (typeof item !== 'string' && typeof item !== 'number') fail('each tag must be text');
    const name = String(item).trim();
    const slug = slugify(name);
    if (!slug || name.length > 100)
      fail(`tag "${name}" cannot be used: it needs letters or digits and at most 100 characters`);
    tags.set(slug, name);
  }
  return [...tags].map(([slug, name]) => ({ slug, name }));
}

/**
 * An old WordPress path as the Worker looks it up: lowercase, no query, no
 * trailing slash ("/2012/03/14/Mon-Article/" → "/2012/03/14/mon-article");
 * null when it is not a path.
 */
export function normaliseLegacyPath(value: string): string | null {
  let path = value.trim();
  try {
    if (/^https?:\/\//.test(path)) path = new URL(path).pathname;
    path = decodeURI(path);
  } catch {
    return null;
  }
  path = path.toLowerCase().replace(/\/+$/, '');
  if (!path.startsWith('/') || path.length < 2 || path.length > 500 || /[?#\s]/.test(path)) return null;
  return path;
}

export { slugify } from '../../src/slug.ts';
