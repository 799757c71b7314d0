// The old addresses no rule of the Worker can derive from the address alone,
// for the legacy_redirects table (migrations/0018_legacy_redirects.sql):
//
//   /category/<parent>/<child>, /category/<child>, ?cat=<term id>   the tag the category became
//   /tag/<wordpress slug>                                            the tag, when its slug is not its name's
//   an attachment's page and ?attachment_id=N (?p=N too)            the post or page it belongs to
//
// WordPress's default category ("Uncategorized") is no tag here (it said
// nothing about a post): its addresses lead to /archives, which lists every
// article as that category did. A category or tag that no published post
// carries would be an empty tag page (a 404 here): /archives too.
// An attachment that belongs to no post has no page of its own here: no row,
// its addresses answer 404 (its file's old address is not the blog's).
import { normaliseLegacyPath, slugify } from '../post.ts';
import { DEFAULT_CATEGORIES, type ImportedPost } from './posts.ts';
import { htmlToLine, truncate } from './text.ts';
import type { WxrExport, WxrTerm } from './wxr.ts';

export interface LegacyRedirect {
  /** legacyPathKey's form of an old path ("/category/foo-parent/foo-a-foo-parent"), or "?cat=12", "?attachment_id=611". */
  address: string;
  tagSlug: string | null;
  /** The published article or page with this wordpress_id. */
  wordpressId: number | null;
  location: string | null;
}

/** Where a category or tag with nothing to list leads: every article, by date. */
export const EMPTY_TERM_LOCATION = '/archives';

export function legacyRedirects(
  wxr: WxrExport,
  imported: { posts: readonly ImportedPost[]; pages: readonly ImportedPost[] },
): { redirects: LegacyRedirect[]; notes: string[] } {
  const notes: string[] = [];
  const byAddress = new Map<string, LegacyRedirect>();
  const add = (address: string | null, target: Omit<LegacyRedirect, 'address'>) => {
    if (address !== null && !byAddress.has(address)) byAddress.set(address, { address, ...target });
  };

  const published = new Set(imported.posts.filter((post) => !post.draft).map((post) => post.wordpressId));
  const listed = new Set<string>();
  for (const item of wxr.items) {
    if (item.type !== 'post' || !published.has(item.postId)) continue;
    for (const category of item.categories) {
      if (category.domain !== 'category' && category.domain !== 'post_tag') continue;
      if (category.domain === 'category' && DEFAULT_CATEGORIES.has(category.nicename)) continue;
      listed.add(tagSlugOf(category.name));
    }
  }
  const target = (term: WxrTerm): Omit<LegacyRedirect, 'address'> => {
    const slug = tagSlugOf(term.name);
    const isDefault = term.taxonomy === 'category' && DEFAULT_CATEGORIES.has(term.slug);
    return !isDefault && slug !== '' && listed.has(slug)
      ? { tagSlug: slug, wordpressId: null, location: null }
      : { tagSlug: null, wordpressId: null, location: EMPTY_TERM_LOCATION };
  };

  const categories = new Map(wxr.terms.filter((term) => term.taxonomy === 'category').map((term) => [term.slug, term]));
  for (const term of wxr.terms) {
    if (term.taxonomy === 'post_tag') {
      add(normaliseLegacyPath(`/tag/${term.slug}`), target(term));
      continue;
    }
    add(normaliseLegacyPath(`/category/${categoryPath(term, categories).join('/')}`), target(term));
    // WordPress also answers a child category at its own slug alone.
    add(normaliseLegacyPath(`/category/${term.slug}`), target(term));
    if (term.id > 0) add(`?cat=${term.id}`, target(term));
  }

  const importedIds = new Set([...imported.posts, ...imported.pages].map((post) => post.wordpressId));
  for (const item of wxr.items) {
    if (item.type !== 'attachment') continue;
    const parent = item.pageFields.parent;
    if (parent === 0 || !importedIds.has(parent)) {
      notes.push(
        `${item.where}: attachment of no imported post: its old addresses (/?attachment_id=${item.postId}) answer 404`,
      );
      continue;
    }
    const toParent = { tagSlug: null, wordpressId: parent, location: null };
    add(`?attachment_id=${item.postId}`, toParent);
    add(oldPath(item.link), toParent);
  }
  return { redirects: [...byAddress.values()], notes };
}

/** A tag's slug as posts.ts names tags: the name as plain text, at most 100 characters, slugified. */
function tagSlugOf(name: string): string {
  return slugify(truncate(htmlToLine(name), 100));
}

/** The nicenames from the top-level ancestor down to the category ("foo-parent", "foo-a-foo-parent"). */
function categoryPath(term: WxrTerm, categories: Map<string, WxrTerm>): string[] {
  const path = [term.slug];
  for (let parent = categories.get(term.parent); parent && path.length < 20; parent = categories.get(parent.parent)) {
    if (path.includes(parent.slug)) break;
    path.unshift(parent.slug);
  }
  return path;
}

/** The old address's path, normalised; null when it was "/?attachment_id=N" (covered by its own row). */
function oldPath(link: string): string | null {
  try {
    const { pathname } = new URL(link);
    return pathname === '/' ? null : normaliseLegacyPath(pathname);
  } catch {
    return null;
  }
}
