// Addresses of the old WordPress blog, recognised: each spelling becomes where
// it leads (legacy.ts answers with the 301). Pure: no database, no request.
// Paths arrive already normalised (lowercase, single slashes, no trailing
// slash: see canonical.ts), so each WordPress spelling needs one rule here.
//
//   /?p=1287, /?page_id=1287, /archives/1287   the article or page with wordpress_id 1287
//                                              (a child page: /<parent>/<slug>)
//   /2012/03/14/slug, /2012/03/slug            the article with that wordpress_path,
//                                              else the published article with that slug
//   …/slug/feed[/atom]                         that article's comments feed
//   /feed, /feed/rss2, /comments/feed, /?feed= /feed.xml (…/atom: /atom.xml)
//   /category/x[/feed][/page/N], /tag/x/feed   /tag/x, its feed, its pages; when the importer
//     (/category/a/b, /?cat=N,                 recorded the address (legacy_redirects: a WordPress
//      /?category_name=x)                      slug that is not the name's, a nested category,
//                                              a term id), the tag it recorded
//   /tag/x (no such tag here)                  the tag the importer recorded for it
//   /?attachment_id=N, /?p=N (an attachment),  the post or page the file belonged to (recorded
//   an attachment's own permalink              by the importer); 404 for a file of no post
//   /slug/2, /2012/03/14/slug/2                part 2 of a <!--nextpage--> post: /slug#page-2
//   /page/N, /?paged=N                         /?page=N
//   /2012/03/14[/page/N]                       /2012/03 (the day's month, first page)
//   /2012/page/N, /2012/03/page/N              /2012?page=N, /2012/03?page=N
//   /2012/feed, /2012/03/feed                  /feed.xml
//   /?s=words                                  /search?q=words (the words byte for byte)
//   /?tag=x[&feed=][&paged=N]                  /tag/x, its feed, its pages (the first tag of "a,b" or "a+b")
//   /author/x[/page/N], /?author=N,            that author's page (src/routes/author.ts), else /
//   /?author_name=x                            and its pages (one author: the blog is the author's page)
//   /author/x/feed                             /feed.xml (…/atom: /atom.xml)
//   /slug/feed[/atom]                          that article's comments feed, when slug (or the
//                                              path before /feed) is a published article's
//                                              address or old address; else as any other path
//   (/2012/ and /2012/03/ are the date archives' own addresses, slash aside)

import { slugify } from '../slug';
import { type FeedFormat, feedPath } from '../views/feeds/links';
import { pagePath, tagPath } from '../views/layout';
import type { AuthorAddress } from './author';
import { parseSlug } from './params';

/** Where an old article address leads: the article itself or its comments feed. */
type ArticleView = 'article' | FeedFormat;

export type LegacyAddress =
  | { kind: 'location'; location: string }
  | { kind: 'post-id'; id: number; view: ArticleView }
  | { kind: 'post-path'; path: string; slug: string | null; view: ArticleView }
  // An address the importer may have recorded (legacy_redirects); else `fallback`, or a 404.
  | { kind: 'recorded'; address: string; feed: FeedFormat | null; page: number; fallback: string | null }
  | { kind: 'unknown-post' }
  | AuthorAddress;

export const WORDPRESS_FEEDS: Record<string, FeedFormat> = {
  '': 'rss',
  rss: 'rss',
  rss2: 'rss',
  rdf: 'rss',
  atom: 'atom',
  'comments-rss2': 'rss',
  'comments-atom': 'atom',
};
const POST_ID = /^[1-9][0-9]{0,14}$/;
// What WordPress appends to a post's address and that means "this post" here.
const POST_SUFFIX = /\/(?:comment-page-[0-9]+|amp|embed|trackback)$/;

/** Recognises an old WordPress address; null for anything else, left to the blog's routes. */
export function parseLegacyAddress(pathname: string, search: string): LegacyAddress | null {
  if (pathname === '/') return parseQueryAddress(search);
  let base = pathname;
  let page = 1;
  const paged = /\/page\/([0-9]{1,7})$/.exec(base);
  if (paged) {
    page = Number(paged[1]);
    base = base.slice(0, paged.index);
  }
  let feed: FeedFormat | null = null;
  const feedMatch = /(?:^|\/)feed(?:\/([a-z0-9-]+))?$/.exec(base);
  if (feedMatch && !paged) {
    feed = WORDPRESS_FEEDS[feedMatch[1] ?? ''] ?? null;
    if (!feed) return null;
    base = base.slice(0, feedMatch.index);
  }
  if (base === '' || base === '/comments') {
    if (feed) return { kind: 'location', location: feedPath({ kind: 'blog' }, feed) };
    return paged && base === '' ? { kind: 'location', location: pagePath('/', page) } : null;
  }
  const category = /^\/category\/(?:[^/]+\/)*([^/]+)$/.exec(base);
  const tag = /^\/tag\/([^/]+)$/.exec(base);
  const taxonomy = category ? categorySlug(category[1] as string) : tag && (feed || paged) ? tag[1] : null;
  const author = /^\/author\/([^/]+)$/.exec(base);
  if (author) {
    if (feed) return { kind: 'location', location: feedPath({ kind: 'blog' }, feed) };
    return { kind: 'author', key: { segment: author[1] as string }, page, paged: paged !== null };
  }
  if (taxonomy) {
    const location = feed
      ? feedPath({ kind: 'tag', slug: taxonomy, name: '' }, feed)
      : pagePath(tagPath(taxonomy), page);
    const address = legacyPathKey(base);
    return address === null
      ? { kind: 'location', location }
      : { kind: 'recorded', address, feed, page, fallback: location };
  }
  const dateArchive = /^(\/[0-9]{4}(?:\/[0-9]{2})?)(\/[0-9]{2})?$/.exec(base);
  if (dateArchive && (feed || paged || dateArchive[2])) {
    // A day's archive becomes its month's first page; a year's or a month's
    // first page is answered at its own address (the router's /:year/:month).
    const period = dateArchive[1] as string;
    return {
      kind: 'location',
      location: feed ? feedPath({ kind: 'blog' }, feed) : pagePath(period, dateArchive[2] ? 1 : page),
    };
  }
  if (paged) return null;
  const view: ArticleView = feed ?? 'article';
  const post = base.replace(POST_SUFFIX, '');
  const archive = /^\/archives\/([0-9]+)$/.exec(post);
  if (archive) return postById(archive[1] as string, view);
  const permalink = /^\/[0-9]{4}\/[0-9]{2}(?:\/[0-9]{2})?\/([^/]+)$/.exec(post);
  if (!permalink) return null;
  const path = legacyPathKey(post);
  if (path === null) return null;
  const slug = parseSlug(permalink[1]);
  return { kind: 'post-path', path, slug: 'slug' in slug ? slug.slug : null, view };
}

function parseQueryAddress(search: string): LegacyAddress | null {
  const query = new URLSearchParams(search);
  const feedName = query.get('feed');
  const feed = feedName === null ? null : (WORDPRESS_FEEDS[feedName] ?? 'rss');
  const id = query.get('p') ?? query.get('page_id');
  if (id !== null) return postById(id, feed ?? 'article');
  // The words as they were sent: /search decodes them, and refuses malformed UTF-8 itself.
  const words = search
    .slice(1)
    .split('&')
    .findLast((pair) => pair === 's' || pair.startsWith('s='));
  if (words !== undefined) return { kind: 'location', location: `/search?q=${words.slice(2)}` };
  const paged = query.get('paged');
  const page = paged !== null && /^[0-9]{1,7}$/.test(paged) ? Number(paged) : 1;
  const attachment = query.get('attachment_id');
  if (attachment !== null) {
    if (!POST_ID.test(attachment)) return { kind: 'unknown-post' };
    return { kind: 'recorded', address: `?attachment_id=${attachment}`, feed: null, page: 1, fallback: null };
  }
  const category = query.get('cat');
  if (category !== null && POST_ID.test(category))
    return { kind: 'recorded', address: `?cat=${category}`, feed, page, fallback: null };
  const categoryName = query.get('category_name');
  const tag = query.get('tag');
  const term = categoryName
    ? { prefix: '/category/', name: categoryName }
    : tag
      ? { prefix: '/tag/', name: tag }
      : null;
  // ?tag= and ?category_name= name WordPress slugs: the first of "a,b" or "a+b".
  const termSlug = term === null ? '' : (term.name.split(/[,+ ]/)[0] as string);
  const tagSlug = slugify(termSlug);
  if (term !== null && tagSlug !== '') {
    const location = feed ? feedPath({ kind: 'tag', slug: tagSlug, name: '' }, feed) : pagePath(tagPath(tagSlug), page);
    const address = legacyPathKey(term.prefix + encodeURIComponent(termSlug));
    return address === null
      ? { kind: 'location', location }
      : { kind: 'recorded', address, feed, page, fallback: location };
  }
  if (feed !== null) return { kind: 'location', location: feedPath({ kind: 'blog' }, feed) };
  const authorId = query.get('author');
  const login = query.get('author_name');
  if (login) return { kind: 'author', key: { login: login.toLowerCase() }, page, paged: false };
  if (authorId !== null && POST_ID.test(authorId))
    return { kind: 'author', key: { userId: Number(authorId) }, page, paged: false };
  // An author not named: the blog's own pages.
  const author = authorId !== null || login !== null;
  if (paged !== null || author || tag !== null) return { kind: 'location', location: pagePath('/', page) };
  return null;
}

function postById(id: string, view: ArticleView): LegacyAddress {
  // The reader asked for one article: a malformed number is a missing article, not the home page.
  return POST_ID.test(id) ? { kind: 'post-id', id: Number(id), view } : { kind: 'unknown-post' };
}

/** As content:publish stores wordpress_path: decoded, lowercase, no trailing slash. */
export function legacyPathKey(pathname: string): string | null {
  try {
    const path = decodeURI(pathname).toLowerCase().replace(/\/+$/, '');
    return path.length >= 2 && path.length <= 500 ? path : null;
  } catch {
    return null;
  }
}

/** WordPress category slugs become tag slugs the way content:publish derives them from names. */
export function categorySlug(segment: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return null;
  }
  const slug = slugify(name);
  return slug === '' ? null : slug;
}
