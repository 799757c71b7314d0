// The whole export, checked and converted in memory: nothing is written
// until every post and comment has been read without error. Every problem
// found is reported together, so one run lists all there is to fix.
import { isBlogAddress, slugify } from '../post.ts';
import { authorEmails, bylineAuthors, creatorLogin, type ImportedAuthor } from './authors.ts';
import { convertComments, type ImportedComment, type ImportedMention } from './comments.ts';
import { convertPage, pageParents, pageSlugOf, type ReparentedPage } from './pages.ts';
import {
  convertPost,
  DEFAULT_CATEGORIES,
  exportLanguage,
  IMPORTED_STATUSES,
  type ImportedPost,
  type PostOptions,
  slugOf,
} from './posts.ts';
import { type LegacyRedirect, legacyRedirects } from './redirects.ts';
import { htmlToLine } from './text.ts';
import { parseWxr, WxrError, type WxrExport, type WxrItem } from './wxr.ts';

export interface ConvertedExport {
  wxr: WxrExport;
  posts: ImportedPost[];
  /** WordPress pages, for content/pages (their comments are in `comments`, keyed by slug like posts'). */
  pages: ImportedPost[];
  /** Pages below a child page on WordPress, attached to their top-level ancestor. */
  reparented: ReparentedPage[];
  comments: ImportedComment[];
  mentions: ImportedMention[];
  /** Old category, tag and attachment addresses and where they lead (the legacy_redirects table). */
  redirects: LegacyRedirect[];
  /** What was left out, e.g. "page" → 3, "comment of type note" → 1. */
  skipped: Map<string, number>;
  /** Posts whose slug is one of the blog's own addresses, and the slug they were given instead. */
  renamed: { where: string; wordpressId: number; from: string; to: string; oldAddress: string | null }[];
  /** Lines for the author, each naming its element. */
  notes: string[];
  /** The authors the posts' bylines name, by login: none when one author wrote everything. */
  authors: Map<string, ImportedAuthor>;
}

export interface ConvertOptions extends PostOptions {
  /** Causerie's BLOG_URL: mentions of a post with no old address point to its new one. */
  blogUrl: string;
  /** Where a file of the old blog is now (see BodyContext); by default every address is kept. */
  mediaPath?: (url: string) => string | null;
}

/** Item types whose wp:post_id the import relies on: posts (wordpress_id) and attachments (featured images). */
const READ_TYPES = new Set(['post', 'page', 'attachment']);

export function convertExport(xml: string, options: ConvertOptions): ConvertedExport {
  const wxr = parseWxr(xml);
  const problems = [...wxr.problems];
  const attachments = new Map(
    wxr.items.filter((item) => item.type === 'attachment').map((item) => [item.postId, item] as const),
  );
  options = {
    ...options,
    body: { baseUrl: wxr.baseUrl, attachments, mediaPath: options.mediaPath ?? (() => null) },
  };
  const language = exportLanguage(wxr, options.defaultLanguage);
  const authorIds = new Set([...wxr.authors.values()].filter((id): id is number => id !== null));
  const skipped = new Map<string, number>();
  const skip = (what: string, count = 1) => {
    if (count > 0) skipped.set(what, (skipped.get(what) ?? 0) + count);
  };
  const result: ConvertedExport = {
    wxr,
    posts: [],
    pages: [],
    reparented: [],
    comments: [],
    mentions: [],
    redirects: [],
    skipped,
    renamed: [],
    notes: [],
    authors: new Map(),
  };

  // WordPress's own importer skips an item whose id it has already seen
  // (menu items often repeat): only the ids of what is read must be unique.
  const seen = new Map<number, string>();
  for (const item of wxr.items) {
    if (!READ_TYPES.has(item.type)) continue;
    const other = seen.get(item.postId);
    if (other) problems.push(`${item.where}: wp:post_id ${item.postId} is also used by ${other}`);
    else seen.set(item.postId, item.where);
  }

  const imported: { item: WxrItem; slug: string }[] = [];
  const slugs = new Map<string, number>();
  // A page may not take a tag's name (/tag/x and /x would be one name in menus and search).
  const tagSlugs = importedTagSlugs(wxr.items);
  // Posts first: of a post and a page sharing a slug, the page takes "-<id>" (its old address still leads to it).
  const postsThenPages = [
    ...wxr.items.filter((item) => item.type !== 'page'),
    ...wxr.items.filter((item) => item.type === 'page'),
  ];
  for (const item of postsThenPages) {
    if (item.type === 'attachment') continue;
    if (item.type !== 'post' && item.type !== 'page') {
      skip(item.type);
      skip(`comment of a ${item.type}`, item.comments.length);
      continue;
    }
    if (!IMPORTED_STATUSES.has(item.status)) {
      skip(`${item.type} with status "${item.status}"`);
      continue;
    }
    // Two posts may share a slug (drafts without one, same titles): the later gets its id.
    let slug = item.type === 'page' ? pageSlugOf(item) : slugOf(item);
    if (item.type === 'page' && tagSlugs.has(slug)) {
      const unique = `${slug.slice(0, 180)}-${item.postId}`;
      result.notes.push(`${item.where}: slug "${slug}" is also a tag's (/tag/${slug}), using "${unique}"`);
      slug = unique;
    }
    if (slugs.has(slug)) {
      const unique = `${slug.slice(0, 180)}-${item.postId}`;
      result.notes.push(`${item.where}: slug "${slug}" is taken by wp:post_id ${slugs.get(slug)}, using "${unique}"`);
      slug = unique;
    }
    slugs.set(slug, item.postId);
    imported.push({ item, slug });
  }

  // "/archives", "/search", "/2024"… are the blog's own: such a post takes the next free "-2", "-3".
  for (const entry of imported) {
    if (!isBlogAddress(entry.slug)) continue;
    let number = 2;
    while (slugs.has(`${entry.slug}-${number}`)) number++;
    const to = `${entry.slug}-${number}`;
    slugs.set(to, entry.item.postId);
    const { where, postId } = entry.item;
    result.renamed.push({ where, wordpressId: postId, from: entry.slug, to, oldAddress: oldAddressOf(entry.item) });
    entry.slug = to;
  }

  result.authors = bylineAuthors(
    wxr,
    imported.map((entry) => entry.item),
  );
  const emails = authorEmails(wxr);
  const converting: ConvertOptions = {
    ...options,
    authorOf: (item) => result.authors.get(creatorLogin(wxr, item))?.name ?? null,
  };
  const pageTree = pageParents(
    imported.filter((entry) => entry.item.type === 'page'),
    result.notes,
  );
  result.reparented = pageTree.reparented;
  for (const { item, slug } of imported) {
    try {
      const isPage = item.type === 'page';
      const post = isPage
        ? convertPage(item, wxr, slug, pageTree.parents.get(item) ?? null, converting)
        : convertPost(item, wxr, slug, converting);
      const creatorId = wxr.authors.get(creatorLogin(wxr, item));
      const threads = convertComments(item, {
        articleSlug: slug,
        targetUrl: /^https?:\/\//.test(item.link) ? item.link : new URL(slug, `${options.blogUrl}/`).href,
        authorIds: creatorId == null ? authorIds : new Set([...authorIds, creatorId]),
        authorEmails: emails,
        timeZone: options.timeZone,
        language,
      });
      (isPage ? result.pages : result.posts).push(post);
      result.notes.push(...post.notes.map((note) => `${item.where}: ${note}`));
      result.comments.push(...threads.comments);
      result.mentions.push(...threads.mentions);
      result.notes.push(...threads.notes);
      skip('comment of another type (not a comment, pingback or trackback)', threads.skipped);
    } catch (error) {
      if (!(error instanceof WxrError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new WxrError(problems.join('\n'));
  const addresses = legacyRedirects(wxr, result);
  result.redirects = addresses.redirects;
  result.notes.push(...addresses.notes);
  return result;
}

/** The report's lines for renamed posts: where each is now, and the old address that still leads there. */
export function renamedLines(converted: Pick<ConvertedExport, 'renamed'>): string[] {
  return converted.renamed.map(
    ({ where, wordpressId, from, to, oldAddress }) =>
      `${where}: slug "${from}" is the blog's own address (/${from}): renamed "${to}"; ${oldAddress ? `its old address ${oldAddress} and ` : ''}/?p=${wordpressId} lead to /${to}`,
  );
}

/** The old address's path as WordPress wrote it ("/archives/"): the Worker redirects it, slash included. */
function oldAddressOf(item: WxrItem): string | null {
  try {
    const { pathname } = new URL(item.link);
    return pathname === '/' ? null : pathname;
  } catch {
    return null;
  }
}

/** The tag slugs the imported posts will carry (as posts.ts makes them, the default category aside). */
function importedTagSlugs(items: readonly WxrItem[]): Set<string> {
  const slugs = new Set<string>();
  for (const item of items) {
    if (item.type !== 'post') continue;
    for (const category of item.categories) {
      if (category.domain !== 'post_tag' && category.domain !== 'category') continue;
      if (category.domain === 'category' && DEFAULT_CATEGORIES.has(category.nicename)) continue;
      const slug = slugify(htmlToLine(category.name));
      if (slug) slugs.add(slug);
    }
  }
  return slugs;
}

/** The report's lines for pages moved up WordPress's tree. */
export function reparentedLines(converted: Pick<ConvertedExport, 'reparented'>): string[] {
  return converted.reparented.map(
    ({ where, slug, from, to }) =>
      `${where}: "${slug}" was a child of "${from}", itself a child page: now a child of "${to}" (/${to}/${slug}); its old address leads there`,
  );
}
