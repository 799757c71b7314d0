// Old WordPress addresses answered with a 301 to their new home (the
// spellings are recognised by legacy-address.ts), and a page that does not
// exist here looked up as an article's old address.
//
// Answers depend on which articles are published, so they carry the
// "articles" cache tag: publishing purges them with every list.
import { TAGS } from '../cache/tags';
import { findSlugByLegacyId, findSlugByLegacyPath } from '../db/legacy';
import { readSession } from '../db/session';
import { feedPath } from '../views/feeds/links';
import { contentPath } from '../views/layout';
import { authorAddressRoute } from './author';
import { type LegacyAddress, legacyPathKey, WORDPRESS_FEEDS } from './legacy-address';
import { nextPageLocation, storedRedirectLocation } from './legacy-redirects';
import { parseSlug } from './params';
import { errorPage, nowSeconds } from './respond';

/** The 301 (or 404) for a recognised old address. */
export async function legacyRoute(address: LegacyAddress, request: Request, env: Env): Promise<Response> {
  if (address.kind === 'location') return permanentRedirect(address.location);
  if (address.kind === 'unknown-post') return errorPage(env, 404);
  if (address.kind === 'author') return authorAddressRoute(address, request, env);
  const db = readSession(env, request);
  const now = nowSeconds();
  if (address.kind === 'recorded') {
    const view = { feed: address.feed, page: address.page };
    const location = (await storedRedirectLocation(db, address.address, view, now)) ?? address.fallback;
    return location === null ? errorPage(env, 404) : permanentRedirect(location);
  }
  const target =
    address.kind === 'post-id'
      ? await findSlugByLegacyId(db, address.id, now)
      : await findSlugByLegacyPath(db, address.path, address.slug, now);
  if (target === null && address.kind === 'post-id' && address.view === 'article') {
    // "?p=611" where 611 was an attachment: the post it belonged to.
    const attachment = await storedRedirectLocation(db, `?attachment_id=${address.id}`, { feed: null, page: 1 }, now);
    if (attachment !== null) return permanentRedirect(attachment);
  }
  if (target === null) return errorPage(env, 404);
  const location =
    address.view === 'article'
      ? contentPath(target.slug, target.parent_slug)
      : feedPath({ kind: 'comments', slug: target.slug, title: '' }, address.view);
  return permanentRedirect(location);
}

/**
 * A page that does not exist here may be an article's old address in any
 * other WordPress permalink shape (/%postname%/, /blog/%year%/%postname%.html…):
 * the wordpress_path front matter key names it.
 */
export async function redirectFromOldPath(request: Request, env: Env, notFound: Response): Promise<Response> {
  if (notFound.status !== 404 || request.method !== 'GET') return notFound;
  const target = await oldAddressTarget(request, env, new URL(request.url).pathname);
  return target === null ? notFound : permanentRedirect(target);
}

/** Another spelling of `pathname` ("/Old-Slug/"): to the article it was the old address of, or else to `location`. */
export async function redirectToCanonical(
  request: Request,
  env: Env,
  pathname: string,
  location: string,
): Promise<Response> {
  const target = await oldAddressTarget(request, env, pathname);
  return permanentRedirect(target ?? location);
}

/**
 * Where an old address that no route answers leads: the article it was the
 * address of, else what the importer recorded for it (/tag/mustread, an
 * attachment's page), else the part of a split post it names (/slug/2).
 */
async function oldAddressTarget(request: Request, env: Env, pathname: string): Promise<string | null> {
  const owner = await oldAddressOwner(request, env, pathname);
  if (owner !== null) return owner;
  const key = legacyPathKey(pathname);
  if (key === null) return null;
  const db = readSession(env, request);
  const now = nowSeconds();
  const stored = await storedRedirectLocation(db, key, { feed: null, page: 1 }, now);
  // "/tag/classic" recorded as the tag "classic": its own address, answered 404 (an emptied tag, a page past the last): no loop.
  if (stored !== null) return stored === key ? null : stored;
  return nextPageLocation(db, key, now);
}

/**
 * The address of the article or page whose wordpress_path is `pathname`,
 * unless that path is still its own address here (its other pages,
 * "?cpage=9", may be missing: they are still that article's).
 */
async function oldAddressOwner(request: Request, env: Env, pathname: string): Promise<string | null> {
  const commentFeed = await commentFeedOwner(request, env, pathname);
  if (commentFeed !== null) return commentFeed;
  const path = legacyPathKey(pathname);
  if (path === null) return null;
  const parsed = parseSlug(/^\/([^/]+)$/.exec(pathname)?.[1]);
  const slug = 'slug' in parsed ? parsed.slug : null;
  const found = await findSlugByLegacyPath(readSession(env, request), path, slug, nowSeconds(), 'slug');
  if (found === null) return null;
  const address = contentPath(found.slug, found.parent_slug);
  return address === path ? null : address;
}

/**
 * WordPress's comment feed of a post at any permalink ("/paragraph/feed/",
 * "/blog/2014/x.html/feed/atom/"): that article's comments feed, when what
 * precedes "/feed" is its address here or its old one (slug first).
 */
async function commentFeedOwner(request: Request, env: Env, pathname: string): Promise<string | null> {
  const match = /^(\/.+)\/feed(?:\/([a-z0-9-]+))?$/.exec(pathname);
  const format = match && WORDPRESS_FEEDS[match[2] ?? ''];
  const path = match && legacyPathKey(match[1] as string);
  if (!format || !path) return null;
  const parsed = parseSlug(/^\/([^/]+)$/.exec(match[1] as string)?.[1]);
  const slug = 'slug' in parsed ? parsed.slug : null;
  const found = await findSlugByLegacyPath(readSession(env, request), path, slug, nowSeconds(), 'slug');
  return found === null ? null : feedPath({ kind: 'comments', slug: found.slug, title: '' }, format);
}

function permanentRedirect(location: string): Response {
  return new Response(null, { status: 301, headers: { location, 'cache-tag': TAGS.articles } });
}
