// One WordPress page → one content/pages/<slug>.md file. Causerie's pages
// nest one level deep (/<parent>/<slug>): a WordPress page further down the
// tree is attached to its top-level ancestor, and its old address (e.g.
// /level-1/level-2/level-3/) is kept as wordpress_path, so it still leads there.
// A page enters the header's menu only when WordPress gave it a menu order
// above 0: 0 is WordPress's default, "no order".
import { normaliseLegacyPath, slugify } from '../post.ts';
import type { ExistingFile } from './files.ts';
import {
  exportLanguage,
  type ImportedPost,
  importedBody,
  importedFile,
  importedTitle,
  type PostOptions,
  slugOf,
} from './posts.ts';
import { htmlToLine } from './text.ts';
import type { WxrExport, WxrItem } from './wxr.ts';

/** A page moved up the tree: Causerie keeps one level of children. */
export interface ReparentedPage {
  where: string;
  slug: string;
  /** Its WordPress parent's slug, and the top-level page it now hangs from. */
  from: string;
  to: string;
}

/**
 * Each page's Causerie parent: its WordPress parent when that is a top-level
 * page, else its top-level ancestor; null for a top-level page, or one whose
 * parent is not imported (trashed, or missing from the export).
 */
export function pageParents(
  pages: readonly { item: WxrItem; slug: string }[],
  notes: string[],
): { parents: Map<WxrItem, string | null>; reparented: ReparentedPage[] } {
  const byId = new Map(pages.map((page) => [page.item.postId, page]));
  const parents = new Map<WxrItem, string | null>();
  const reparented: ReparentedPage[] = [];
  for (const { item, slug } of pages) {
    const parentId = item.pageFields.parent;
    const parent = byId.get(parentId);
    if (parentId !== 0 && !parent)
      notes.push(`${item.where}: its parent page (wp:post_id ${parentId}) is not imported: a top-level page`);
    if (!parent) {
      parents.set(item, null);
      continue;
    }
    // Up to the top, stopping at a cycle WordPress should not have let through.
    let top = parent;
    const seen = new Set([item.postId]);
    while (byId.has(top.item.pageFields.parent) && !seen.has(top.item.postId)) {
      seen.add(top.item.postId);
      top = byId.get(top.item.pageFields.parent) as typeof top;
    }
    if (top.item === item) {
      notes.push(`${item.where}: its parents lead back to it: a top-level page`);
      parents.set(item, null);
      continue;
    }
    parents.set(item, top.slug);
    if (top !== parent) reparented.push({ where: item.where, slug, from: parent.slug, to: top.slug });
  }
  return { parents, reparented };
}

/**
 * A page's slug as a post's, unless that leaves only digits (a Greek
 * "επίπεδο-2" is "2"): then its title's, else "page-<id>".
 */
export function pageSlugOf(item: WxrItem): string {
  const slug = slugOf(item);
  if (/[a-z]/.test(slug)) return slug;
  const fromTitle = slugify(htmlToLine(item.title));
  return /[a-z]/.test(fromTitle) ? fromTitle : `page-${item.postId}`;
}

export function convertPage(
  item: WxrItem,
  wxr: WxrExport,
  slug: string,
  parent: string | null,
  options: PostOptions,
): ImportedPost {
  const notes: string[] = [];
  const language = exportLanguage(wxr, options.defaultLanguage);
  const title = importedTitle(item, language, notes);
  if (item.meta.get('_thumbnail_id')?.trim()) notes.push('featured image of a page: left out');
  const { draft, isProtected, body } = importedBody(item, wxr, options, notes);

  const frontMatter: Record<string, unknown> = { title, slug };
  if (parent) frontMatter.parent = parent;
  if (item.pageFields.menuOrder > 0) frontMatter.menu = item.pageFields.menuOrder;
  frontMatter.language = language;
  const author = options.authorOf?.(item);
  if (author) frontMatter.author = author;
  const description = htmlToLine(item.excerpt);
  if (description) frontMatter.description = description;
  if (item.pageFields.commentsOpen) frontMatter.comments = true;
  if (draft) frontMatter.draft = true;
  frontMatter.wordpress_id = item.postId;
  const path = oldPagePath(item.link);
  if (path) frontMatter.wordpress_path = path;

  return importedFile(
    item,
    'page',
    { slug, frontMatter, body: body.html, draft, path, notes, isProtected },
    options.defaultLanguage,
  );
}

/** The page's old path as the Worker sees it: WordPress.com sometimes writes "//greek/…". */
function oldPagePath(link: string): string | null {
  try {
    const pathname = new URL(link).pathname.replace(/\/{2,}/g, '/');
    return normaliseLegacyPath(pathname) ? pathname : null;
  } catch {
    return null;
  }
}

/**
 * Imported files (pages) that would take what a file of the other folder
 * (content/posts) already claims: content:publish would refuse the pair once
 * written, so the import stops before writing and names both.
 */
export function otherFolderConflicts(
  imported: readonly ImportedPost[],
  others: readonly ExistingFile[],
  othersDir: string,
): string[] {
  const conflicts: string[] = [];
  for (const file of others) {
    if (!file.post) continue;
    const { slug, legacy } = file.post;
    for (const page of imported) {
      const claim =
        slug === page.slug
          ? `slug "${slug}"`
          : legacy.wordpressId === page.wordpressId
            ? `wordpress_id ${page.wordpressId}`
            : legacy.path !== null && legacy.path === page.legacyPath
              ? `wordpress_path ${legacy.path}`
              : null;
      if (claim)
        conflicts.push(
          `${page.where}: ${othersDir}/${file.name} already has ${claim}: delete it or give it another ${claim.split(' ')[0]}`,
        );
    }
  }
  return conflicts;
}
