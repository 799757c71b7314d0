// One WordPress post → one content/posts/<slug>.md file, in the front matter
// scripts/lib/post.ts reads. The file is parsed back with parsePost before
// anything is written, so a post the publish step would refuse stops the
// import instead.
import { stringify } from 'yaml';
import { normaliseLegacyPath, PostError, type PostKind, parsePost, slugify } from '../post.ts';
import { type BodyContext, bodyContext, convertBody, imageUrl } from './body.ts';
import { isoSeconds, wordpressDate } from './dates.ts';
import { PROTECTED_NOTE, type Protection } from './passwords.ts';
import { htmlToLine, truncate } from './text.ts';
import { WxrError, type WxrExport, type WxrItem } from './wxr.ts';

export interface ImportedPost {
  where: string;
  wordpressId: number;
  slug: string;
  /** The Markdown file's whole text. */
  markdown: string;
  draft: boolean;
  /** The old path as the Worker looks it up (normalised), when the post had one besides "/?p=ID". */
  legacyPath: string | null;
  /** The post's old address, which its pingbacks and trackbacks point to. */
  link: string;
  notes: string[];
  /** Set while a published password-protected post waits for its hash (scripts/lib/wordpress/passwords.ts). */
  protection?: Protection;
}

export interface PostOptions {
  /** The blog's time zone, for dates WordPress kept in local time only (drafts). */
  timeZone: string;
  /** Causerie's BLOG_LANGUAGE: used when the export's language is neither French nor English. */
  defaultLanguage: 'fr' | 'en';
  /** How bodies are converted (attachments, copied media); by default, with no attachments and every address kept. */
  body?: BodyContext;
  /** The name a post's byline shows (front matter `author`); none: the blog's author (see authors.ts). */
  authorOf?: (item: WxrItem) => string | null;
}

/** publish and future (scheduled: Causerie shows it when its date comes) are public; these stay drafts. */
const DRAFT_STATUSES = new Set(['draft', 'pending', 'private']);
export const IMPORTED_STATUSES = new Set(['publish', 'future', ...DRAFT_STATUSES]);
/** WordPress's default category says nothing about a post. */
export const DEFAULT_CATEGORIES = new Set(['uncategorized', 'non-classe']);

export function exportLanguage(wxr: WxrExport, fallback: 'fr' | 'en'): 'fr' | 'en' {
  const primary = wxr.language.toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : fallback;
}

export function convertPost(item: WxrItem, wxr: WxrExport, slug: string, options: PostOptions): ImportedPost {
  const notes: string[] = [];
  const language = exportLanguage(wxr, options.defaultLanguage);
  const date = (gmt: string, local: string, names: { gmt: string; local: string }) => {
    const result = wordpressDate(gmt, local, options.timeZone, names);
    if (!result.ok) throw new WxrError(`${item.where}: ${result.reason}`);
    return result.seconds;
  };
  const published = date(item.dateGmt, item.date, { gmt: 'wp:post_date_gmt', local: 'wp:post_date' });
  const modified =
    item.modifiedGmt || item.modified
      ? date(item.modifiedGmt, item.modified, { gmt: 'wp:post_modified_gmt', local: 'wp:post_modified' })
      : published;

  const title = importedTitle(item, language, notes);

  const { draft, isProtected, body } = importedBody(item, wxr, options, notes);
  if (body.html === '<p></p>') notes.push('empty body');

  const frontMatter: Record<string, unknown> = {
    title,
    slug,
    date: isoSeconds(published),
    ...(modified > published ? { updated: isoSeconds(modified) } : {}),
    language,
    tags: tagsOf(item, notes),
  };
  Object.assign(frontMatter, postSettings(item));
  const author = options.authorOf?.(item);
  if (author) frontMatter.author = author;
  Object.assign(frontMatter, featuredImage(item, wxr, title, notes, options.body?.mediaPath));
  if (draft) frontMatter.draft = true;
  frontMatter.wordpress_id = item.postId;
  const path = oldPath(item.link);
  if (path) frontMatter.wordpress_path = path;
  if ((frontMatter.tags as string[]).length === 0) delete frontMatter.tags;

  return importedFile(
    item,
    'article',
    { slug, frontMatter, body: body.html, draft, path, notes, isProtected },
    options.defaultLanguage,
  );
}

/**
 * The body of a post or page, and whether it stays a draft: a published
 * protected item is one until hashImportedPasswords gives it its hash, so it
 * is never public without its password. Its notes go into `notes`.
 */
export function importedBody(item: WxrItem, wxr: WxrExport, options: PostOptions, notes: string[]) {
  const draft = DRAFT_STATUSES.has(item.status) || item.password !== '';
  const isProtected = item.password !== '' && !DRAFT_STATUSES.has(item.status);
  if (isProtected) notes.push(PROTECTED_NOTE);
  const body = convertBody(
    item.content,
    options.body ?? bodyContext(wxr.baseUrl),
    item.postId,
    item.meta.get('footnotes'),
  );
  notes.push(...body.notes);
  return { draft, isProtected, body };
}

/**
 * The file an imported post or page becomes, checked as content:publish will
 * read it (a problem names the item), with what the import keeps of it.
 */
export function importedFile(
  item: WxrItem,
  kind: PostKind,
  file: {
    slug: string;
    frontMatter: Record<string, unknown>;
    body: string;
    draft: boolean;
    /** Its old path (wordpress_path), when it had one besides "/?p=ID". */
    path: string | null;
    notes: string[];
    /** Published with a password: its hash is added later (passwords.ts). */
    isProtected: boolean;
  },
  defaultLanguage: 'fr' | 'en',
): ImportedPost {
  const { slug, frontMatter, body } = file;
  const markdown = `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${body}\n`;
  try {
    parsePost(`${slug}.md`, markdown, defaultLanguage, undefined, kind);
  } catch (error) {
    if (error instanceof PostError) throw new WxrError(`${item.where}: ${error.reason}`);
    throw error;
  }
  return {
    where: item.where,
    wordpressId: item.postId,
    slug,
    markdown,
    draft: file.draft,
    legacyPath: file.path ? normaliseLegacyPath(file.path) : null,
    link: item.link,
    notes: file.notes,
    ...(file.isProtected ? { protection: { password: item.password, frontMatter, body, kind } } : {}),
  };
}

/**
 * The post's own settings: its excerpt (what listings show), pinned when it
 * was sticky, comments closed when they were closed on WordPress.
 */
/** The item's title as plain text, named when it has none and cut at 300 characters, each said in `notes`. */
export function importedTitle(item: WxrItem, language: 'fr' | 'en', notes: string[]): string {
  const title = htmlToLine(item.title);
  if (!title) {
    const named = `${language === 'fr' ? 'Sans titre' : 'Untitled'} (${item.postId})`;
    notes.push(`no title: called "${named}"`);
    return named;
  }
  if ([...title].length <= 300) return title;
  notes.push('title cut to 300 characters');
  return truncate(title, 300);
}

function postSettings(item: WxrItem): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const excerpt = htmlToLine(item.excerpt);
  if (excerpt) settings.excerpt = excerpt;
  if (item.sticky) settings.pinned = true;
  if (item.commentStatus === 'closed') settings.comments = false;
  return settings;
}

/** wp:post_name (percent-encoded when it has accents) made a Causerie slug; else the title's. */
export function slugOf(item: WxrItem): string {
  let name = item.postName;
  try {
    name = decodeURIComponent(name);
  } catch {
    // A stray "%" is kept as written; slugify drops it.
  }
  return slugify(name) || slugify(htmlToLine(item.title)) || `article-${item.postId}`;
}

function tagsOf(item: WxrItem, notes: string[]): string[] {
  const tags = new Map<string, string>();
  for (const category of item.categories) {
    if (category.domain !== 'category' && category.domain !== 'post_tag') continue;
    if (category.domain === 'category' && DEFAULT_CATEGORIES.has(category.nicename)) continue;
    let name = htmlToLine(category.name);
    if ([...name].length > 100) {
      name = truncate(name, 100);
      notes.push(`tag "${name}" cut to 100 characters`);
    }
    const slug = slugify(name);
    if (!slug) {
      notes.push(`tag "${name}" left out: it has no letter or digit`);
      continue;
    }
    if (!tags.has(slug)) tags.set(slug, name);
  }
  return [...tags.values()];
}

/** The _thumbnail_id attachment's URL (or its copy in content/media), alt text and caption (as the image credit). */
function featuredImage(
  item: WxrItem,
  wxr: WxrExport,
  title: string,
  notes: string[],
  mediaPath: BodyContext['mediaPath'] = () => null,
): Record<string, string> {
  const id = item.meta.get('_thumbnail_id')?.trim();
  if (!id) return {};
  const attachment = wxr.items.find((other) => other.type === 'attachment' && String(other.postId) === id);
  const url = attachment ? imageUrl(attachment.attachmentUrl, wxr.baseUrl) : '';
  if (!attachment || !url) {
    notes.push(`featured image (attachment ${id}) is not in the export: left out`);
    return {};
  }
  const caption = htmlToLine(attachment.excerpt);
  const alt = htmlToLine(attachment.meta.get('_wp_attachment_image_alt') ?? '') || caption || title;
  const copy = mediaPath(new URL(attachment.attachmentUrl.trim(), wxr.baseUrl || undefined).href);
  return { image: copy ?? url, image_alt: alt, ...(caption ? { image_credit: caption } : {}) };
}

/** The path of the post's old address, unless it was only "/?p=42" (wordpress_id covers that). */
function oldPath(link: string): string | null {
  try {
    const { pathname } = new URL(link);
    return normaliseLegacyPath(pathname) ? pathname : null;
  } catch {
    return null;
  }
}
