// Old WordPress addresses that need the blog's data to answer: those the
// importer recorded in legacy_redirects (categories and tags whose WordPress
// slug is not their name's, nested categories, ?cat=, attachments), and the
// parts of a post split with <!--nextpage--> ("/slug/2", "/2012/03/14/slug/2"),
// which are anchors of the one page here ("/slug#page-2").
import { findSlugByLegacyPath, findStoredRedirect } from '../db/legacy';
import type { Db } from '../db/session';
import { type FeedFormat, feedPath } from '../views/feeds/links';
import { contentPath, pagePath, tagPath } from '../views/layout';
import { parseSlug } from './params';

/** What the old address asked for besides the place: a feed of it, or one of its pages. */
export interface RedirectView {
  feed: FeedFormat | null;
  page: number;
}

/** Where the recorded old `address` leads now, in the view asked; null when nowhere (not recorded, or its post is gone). */
export async function storedRedirectLocation(
  db: Db,
  address: string,
  view: RedirectView,
  now: number,
): Promise<string | null> {
  const row = await findStoredRedirect(db, address, now);
  if (row === null) return null;
  if (row.tag_slug !== null) {
    const tag = { kind: 'tag' as const, slug: row.tag_slug, name: '' };
    return view.feed ? feedPath(tag, view.feed) : pagePath(tagPath(row.tag_slug), view.page);
  }
  // An attachment's post: its page, whatever feed or page the old address named.
  if (row.slug !== null) return contentPath(row.slug, row.parent_slug);
  if (row.location === null) return null;
  return view.feed ? feedPath({ kind: 'blog' }, view.feed) : row.location;
}

const PART = /^(\/.+)\/([1-9][0-9]{0,3})$/;
const DATED = /^\/[0-9]{4}\/[0-9]{2}(?:\/[0-9]{2})?\/([^/]+)$/;

/**
 * "/slug/2", "/2012/03/14/slug/2", "/parent/child/2": part 2 of that
 * published article or page, an anchor of its one page here ("#page-2";
 * part 1 is the page itself). Null for anything else.
 */
export async function nextPageLocation(db: Db, key: string, now: number): Promise<string | null> {
  const part = PART.exec(key);
  if (!part) return null;
  const base = part[1] as string;
  const single = /^\/([^/]+)$/.exec(base)?.[1];
  const parsed = parseSlug(single ?? DATED.exec(base)?.[1]);
  const slug = 'slug' in parsed ? parsed.slug : null;
  const found = await findSlugByLegacyPath(db, base, slug, now, single ? 'slug' : 'legacy-path');
  if (found === null) return null;
  const number = Number(part[2]);
  return contentPath(found.slug, found.parent_slug) + (number === 1 ? '' : `#page-${number}`);
}
