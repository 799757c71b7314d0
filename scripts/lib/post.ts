// Reads one content/posts/*.md file (an article) or content/pages/*.md file
// (a standalone page): YAML front matter + Markdown body.
// Every problem is reported as "file:line: message" so the author can fix it.

import { type Document, isCollection, isMap, isScalar, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import { isPasswordHash } from '../../src/admin/auth/password.ts';
import { RESERVED_FIRST_SEGMENTS } from '../../src/reserved-paths.ts';
import { slugify } from '../../src/slug.ts';
import { collapseWhitespace } from '../../src/whitespace.ts';
import { readImageSize } from './image-dimensions.ts';
import { renderMarkdown } from './markdown.ts';
import { isLocalFileReference } from './media.ts';
import { applyFrenchTypography } from './typography.ts';

/** A local image: its bytes, or why it cannot be read (missing, outside public/). */
export type ImageLookup = (url: string) => { bytes: Uint8Array } | { problem: string };

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
  /** First on the home page, before newer articles. */
  pinned: boolean;
  /** The hash of the password readers must type (`npm run content:password`); null: anyone may read. */
  passwordHash: string | null;
  /**
   * An article's `comments` as written: false closes its comments when the
   * file is published, true opens them; null (no key, and every page) leaves
   * D1's value as it is: open for a new article, or as the desk set it.
   */
  comments: boolean | null;
  bodyHtml: string;
  /** What listings show: the front matter's `excerpt`, else the first paragraph, shortened. */
  excerpt: string;
  /** Plain text of the whole body, for the search index. */
  bodyText: string;
  /** Slug of the same article in the other language (hreflang). */
  translation: string | null;
  /** Its own author (`author`: byline, feeds, /author/<slug>); null: the blog's, AUTHOR_NAME. */
  author: { name: string; slug: string } | null;
  /** Where the article lived on a WordPress blog: old links answer 301 to it. */
  legacy: { wordpressId: number | null; path: string | null };
  /** The line of each front matter key, for problems found later (an image file that is missing). */
  lines: Readonly<Record<string, number>>;
  /** Set for a standalone page (content/pages): what only pages have. */
  page?: PageFields;
}

/** A standalone page's own front matter: it has no date and no tags. */
export interface PageFields {
  /** The parent page's slug: the page lives at /<parent>/<slug>. */
  parent: string | null;
  /** Its place in the header's menu, smallest first; null: not in the menu. */
  menuOrder: number | null;
  /** Readers may comment (false unless the page says `comments: true`). */
  commentsOpen: boolean;
}

export type PostKind = 'article' | 'page';

/**
 * What is wrong with one file. `line` and `reason` are those of its first
 * problem; `problems` lists every problem found in the file, in line order,
 * so that one run tells the author all there is to fix.
 */
export class PostError extends Error {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly problems: readonly { line: number; reason: string }[];
  /** What the file claims although it is broken, so that a collision with another file is reported too. */
  claims: PostClaims | null = null;
  constructor(file: string, line: number, reason: string, more: { line: number; reason: string }[] = []) {
    const problems = [{ line, reason }, ...more];
    super(problems.map((problem) => `${file}:${problem.line}: ${problem.reason}`).join('\n'));
    this.name = 'PostError';
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.problems = problems;
  }

  /** One error for the problems of one file (at least one), first line first. */
  static of(file: string, problems: { line: number; reason: string }[], claims: PostClaims | null = null): PostError {
    const [first, ...more] = [...problems].sort((a, b) => a.line - b.line);
    if (!first) throw new Error('PostError.of needs at least one problem');
    const error = new PostError(file, first.line, first.reason, more);
    error.claims = claims;
    return error;
  }
}

/** The addresses a post takes: no two posts may share one. Null where the front matter's value is invalid. */
export interface PostClaims {
  slug: string | null;
  /** A page's parent, as written (checked against the other pages of the run). */
  page?: Pick<PageFields, 'parent'>;
  legacy: Post['legacy'];
  lines: Post['lines'];
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
  'pinned',
  'password',
  'comments',
  'excerpt',
  'translation',
  'author',
  'wordpress_id',
  'wordpress_path',
]);

/** A page's keys: an article's, less the date and tags, plus its place in the site. */
const PAGE_KEYS = new Set([
  'title',
  'slug',
  'parent',
  'menu',
  'description',
  'language',
  'translation_of',
  'image',
  'image_alt',
  'image_credit',
  'image_credit_url',
  'image_width',
  'image_height',
  'comments',
  'draft',
  'author',
  'password',
  // A page brought from WordPress: its ?page_id= and its old path answer 301 to it.
  'wordpress_id',
  'wordpress_path',
]);

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,198}[a-z0-9])?$/;
/** "/2024" is the archive of that year (src/routes/archives.ts): no article can live there. */
const YEAR_SLUG = /^[0-9]{4}$/;
/** Addresses the blog itself answers at "/<name>": an article there could never be read. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(RESERVED_FIRST_SEGMENTS);
/** True when "/<slug>" is one of the blog's own addresses or a year's archive: no article can live there. */
export function isBlogAddress(slug: string): boolean {
  return RESERVED_SLUGS.has(slug) || YEAR_SLUG.test(slug);
}
/**
 * The `author` key: a name, shown as written (runs of spaces made one), and
 * its address /author/<slug>. Several spellings of one name share the slug,
 * hence one page.
 */
function readAuthor(written: string | null | undefined, problem: (reason: string) => void): Post['author'] {
  if (!written) return null;
  const name = collapseWhitespace(written);
  const slug = slugify(name);
  if ([...name].length > 100) problem(`the author's name is ${[...name].length} characters long: 100 at most`);
  else if (slug === '')
    problem(`author "${name}" needs a letter or a digit: its page's address (/author/…) is made from them`);
  else return { name, slug };
  return null;
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads one post. Problems that leave nothing to read (no front matter,
 * invalid YAML) stop at once; every other problem is collected, and all of
 * them are thrown together as one PostError.
 */
export function parsePost(
  file: string,
  source: string,
  defaultLanguage: 'fr' | 'en',
  readImage?: ImageLookup,
  kind: PostKind = 'article',
): Post {
  const keys = kind === 'page' ? PAGE_KEYS : KEYS;
  const what = kind === 'page' ? 'page' : 'article';
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

  const problems: { line: number; reason: string }[] = [];
  const lines = new Map<string, number>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = isScalar(pair.key) && pair.key.range ? lineAt(pair.key.range[0]) : 2;
    if (!keys.has(key))
      problems.push({
        line,
        reason: `unknown front matter key "${key}" (known keys of ${kind === 'page' ? 'a page' : 'an article'}: ${[...keys].join(', ')})`,
      });
    else lines.set(key, line);
  }
  const data = doc.toJS() as Record<string, unknown>;
  const problem = (key: string, reason: string): undefined => {
    problems.push({ line: lines.get(key) ?? 2, reason });
    return undefined;
  };
  /** null when absent; undefined when present but not text (already reported). */
  const optionalText = (key: string): string | null | undefined => {
    const value = data[key];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string' && typeof value !== 'number') return problem(key, `"${key}" must be text`);
    return String(value).trim();
  };
  const requiredText = (key: string, missing: string): string | undefined => {
    const value = optionalText(key);
    return value === null ? problem(key, missing) : value;
  };

  const title = requiredText('title', 'the front matter needs a "title"') ?? '';
  if (title.length > 300) problem('title', `the title is ${title.length} characters long: 300 at most`);
  const baseName = file.split('/').pop()?.replace(/\.md$/, '') ?? '';
  const writtenSlug = optionalText('slug');
  const slug = writtenSlug ?? baseName;
  const slugValid = writtenSlug !== undefined && SLUG.test(slug) && !RESERVED_SLUGS.has(slug) && !YEAR_SLUG.test(slug);
  if (!SLUG.test(slug))
    problem('slug', `slug "${slug}" must be lowercase letters, digits and hyphens (e.g. "mon-article")`);
  else if (RESERVED_SLUGS.has(slug))
    problem('slug', `slug "${slug}" is an address the blog itself uses (/${slug}): choose another one`);
  else if (YEAR_SLUG.test(slug))
    problem(
      'slug',
      `slug "${slug}" is the address of a year's archive (/${slug}): add a word (e.g. "${slug}-en-bref")`,
    );

  const writtenLanguage = optionalText('language') ?? defaultLanguage;
  const language = writtenLanguage === 'fr' || writtenLanguage === 'en' ? writtenLanguage : defaultLanguage;
  if (language !== writtenLanguage) problem('language', `language must be "fr" or "en", not "${writtenLanguage}"`);

  // A page has no date: it is dated when first published (scripts/lib/sql.ts).
  const dateText =
    kind === 'page' ? null : requiredText('date', 'the front matter needs a "date" (e.g. 2026-10-06T09:30:00+02:00)');
  const publishedAt = typeof dateText === 'string' ? parseDate(dateText, (reason) => problem('date', reason)) : 0;
  const updatedText = optionalText('updated');
  const updatedAt =
    typeof updatedText === 'string' ? parseDate(updatedText, (reason) => problem('updated', reason)) : null;

  const tags = parseTags(data.tags, (reason) => problem('tags', reason));
  const draft = data.draft ?? false;
  if (typeof draft !== 'boolean') problem('draft', '"draft" must be true or false');
  const pinned = data.pinned ?? false;
  if (typeof pinned !== 'boolean')
    problem('pinned', '"pinned" must be true or false (true puts the article first on the home page)');
  const comments = kind === 'page' ? null : readArticleComments(data, problem);
  const passwordHash = optionalText('password') ?? null;
  if (passwordHash !== null && !isPasswordHash(passwordHash))
    problem(
      'password',
      '"password" must be the hash `npm run content:password` prints ("pbkdf2-sha256:…"), never the password itself',
    );
  const writtenExcerpt = kind === 'page' ? null : optionalText('excerpt');

  const imageUrl = optionalText('image');
  let image: Post['image'] = null;
  if (imageUrl) {
    if (!/^(\/[^/]|https:\/\/)/.test(imageUrl) && !isLocalFileReference(imageUrl))
      problem(
        'image',
        'image must be a file of content/ written from the post (e.g. ../media/photo.jpg), a path under public/ (starting with "/") or an https:// URL',
      );
    const alt = optionalText('image_alt');
    if (alt === null) problem('image', 'an image needs "image_alt", its description for readers who cannot see it');
    const creditUrl = optionalText('image_credit_url') ?? null;
    if (creditUrl && !/^https?:\/\//.test(creditUrl))
      problem('image_credit_url', 'image_credit_url must be an http(s) URL');
    image = { url: imageUrl, alt: alt ?? '', credit: optionalText('image_credit') ?? null, creditUrl };
  }
  const width = data.image_width;
  const height = data.image_height;
  let imageSize: Post['imageSize'] = null;
  if (width !== undefined || height !== undefined) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
      problem(
        width === undefined ? 'image_height' : 'image_width',
        'image_width and image_height must both be positive whole numbers',
      );
    } else imageSize = { width: width as number, height: height as number };
  }

  const translationKey = kind === 'page' ? 'translation_of' : 'translation';
  const translation = optionalText(translationKey) ?? null;
  if (translation !== null && (!SLUG.test(translation) || translation === slug))
    problem(
      translationKey,
      `${translationKey} "${translation}" must be the slug of the same ${what} in the other language`,
    );
  const page = kind === 'page' ? readPageFields(data, slug, problem) : undefined;
  const author = readAuthor(optionalText('author'), (reason) => problem('author', reason));
  const wordpressId = data.wordpress_id ?? null;
  if (wordpressId !== null && (!Number.isSafeInteger(wordpressId) || (wordpressId as number) < 1))
    problem('wordpress_id', 'wordpress_id must be the old post number, a positive whole number (the 42 of "/?p=42")');
  const wordpressPath = optionalText('wordpress_path') ?? null;
  const legacyPath = wordpressPath === null ? null : normaliseLegacyPath(wordpressPath);
  if (wordpressPath !== null && legacyPath === null)
    problem('wordpress_path', "wordpress_path must be the old address's path, e.g. /2012/03/14/mon-article/");

  // A local image without a written size is measured; a missing file is reported on the "image:" line.
  if (image && !imageSize && /^\/[^/]/.test(image.url) && readImage) {
    const found = readImage(image.url);
    if ('problem' in found) problem('image', found.problem);
    else imageSize = readImageSize(found.bytes);
  }

  if (body.trim() === '')
    problems.push({ line: text.slice(0, match[0].length).split('\n').length, reason: `the ${what} has no body` });
  const rendered = renderMarkdown(body, language);
  const bodyLine = match[0].split('\n').length;
  for (const found of rendered.problems) problems.push({ line: bodyLine + found.line - 1, reason: found.reason });
  if (problems.length > 0) {
    const claims: PostClaims = {
      slug: slugValid ? slug : null,
      legacy: {
        wordpressId: Number.isSafeInteger(wordpressId) && (wordpressId as number) > 0 ? (wordpressId as number) : null,
        path: legacyPath,
      },
      lines: Object.fromEntries(lines),
      ...(page ? { page: { parent: page.parent } } : {}),
    };
    throw PostError.of(file, problems, claims);
  }

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
    pinned: pinned as boolean,
    passwordHash,
    comments,
    bodyHtml: rendered.html,
    excerpt: writtenExcerpt ? typeset(collapseWhitespace(writtenExcerpt)) : rendered.excerpt,
    bodyText: rendered.text,
    translation,
    author,
    legacy: { wordpressId: wordpressId as number | null, path: legacyPath },
    lines: Object.fromEntries(lines),
    ...(page ? { page } : {}),
  };
}

/** An article's `comments`: null when absent, so that publishing leaves what the desk decided. */
function readArticleComments(
  data: Record<string, unknown>,
  problem: (key: string, reason: string) => undefined,
): boolean | null {
  const comments = data.comments ?? null;
  if (comments === null || typeof comments === 'boolean') return comments;
  return (
    problem(
      'comments',
      '"comments" must be true or false (false closes the article\'s comments, true opens them; without it they stay as they are)',
    ) ?? null
  );
}

/** parent, menu and comments of a page; a parent's existence is checked with the other files (post-set.ts). */
function readPageFields(
  data: Record<string, unknown>,
  slug: string,
  problem: (key: string, reason: string) => undefined,
): PageFields {
  let parent: string | null = null;
  if (data.parent !== undefined && data.parent !== null && data.parent !== '') {
    const written = String(data.parent).trim();
    if (!SLUG.test(written))
      problem('parent', `parent "${written}" must be the slug of another page (e.g. "a-propos")`);
    else if (written === slug) problem('parent', `a page cannot be its own parent ("${slug}")`);
    else parent = written;
  }
  const menu = data.menu ?? null;
  if (menu !== null && (!Number.isSafeInteger(menu) || (menu as number) < 0))
    problem('menu', '"menu" must be the page\'s place in the menu, a whole number (1 comes first)');
  const comments = data.comments ?? false;
  if (typeof comments !== 'boolean') problem('comments', '"comments" must be true or false');
  return {
    parent,
    menuOrder: Number.isSafeInteger(menu) && (menu as number) >= 0 ? (menu as number) : null,
    commentsOpen: comments === true,
  };
}

/** Unix seconds, or 0 once `report` was told why the value is not a date. */
function parseDate(value: string, report: (reason: string) => void): number {
  // Date.parse rolls 2026-02-30 over to March 2: the day must exist in its month.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const dayExists = day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  // A date-time without an offset is UTC, whatever the machine's time zone.
  const iso = value.replace(' ', 'T');
  const withZone = /T[\d:.]+$/.test(iso) ? `${iso}Z` : iso;
  const time = DATE.test(value) && dayExists ? Date.parse(withZone) : Number.NaN;
  if (!Number.isNaN(time)) return Math.floor(time / 1000);
  report(`"${value}" is not a date: write it like 2026-10-06T09:30:00+02:00`);
  return 0;
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

function parseTags(value: unknown, report: (reason: string) => void): Post['tags'] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list)) {
    report('tags must be a list, e.g. [Communauté, Modération]');
    return [];
  }
  const tags = new Map<string, string>();
  for (const item of list) {
    if (typeof item !== 'string' && typeof item !== 'number') {
      report('each tag must be text');
      continue;
    }
    const name = String(item).trim();
    const slug = slugify(name);
    if (!slug || name.length > 100)
      report(`tag "${name}" cannot be used: it needs letters or digits and at most 100 characters`);
    else tags.set(slug, name);
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
