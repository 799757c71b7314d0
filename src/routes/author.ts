// /author/<slug>: an author's articles, on a blog with several authors (front
// matter `author`). The old WordPress addresses of an author (/author/<login>,
// ?author=<user id>, ?author_name=<login>) lead there when the importer
// recorded that author (wordpress_authors); anything else, and every author
// address of a blog with one author, leads to the blog's own pages, as it
// always did. Answers depend on what is published: cache tag "articles".
import { TAGS } from '../cache/tags';
import { readSettings } from '../config';
import { findWordPressAuthor, lookUpAuthor } from '../db/authors';
import { withMenu } from '../db/menu';
import { readSession } from '../db/session';
import { slugify } from '../slug';
import { renderAuthorPage } from '../views/author';
import { authorPath, pagePath } from '../views/layout';
import { parsePageParam } from './params';
import { errorPage, htmlResponse, nowSeconds, pageContext } from './respond';

/** An author's address: the path's last segment, or WordPress's query parameters. */
export interface AuthorAddress {
  kind: 'author';
  key: { segment: string } | { login: string } | { userId: number };
  /** From WordPress's /author/x/page/N (the query's ?page=N is read by the listing itself). */
  page: number;
  paged: boolean;
}

export async function authorAddressRoute(address: AuthorAddress, request: Request, env: Env): Promise<Response> {
  const db = readSession(env, request);
  const { key } = address;
  if (!('segment' in key)) {
    const slug = await findWordPressAuthor(db, key);
    return movedTo(pagePath(slug === null ? '/' : authorPath(slug), address.page));
  }
  const name = decodedSegment(key.segment);
  if (name === null) return errorPage(env, 404);
  const url = new URL(request.url);
  const param = address.paged ? { page: address.page } : parsePageParam(url);
  if ('error' in param) return errorPage(env, param.error);
  if ('redirectTo' in param) return movedTo(param.redirectTo);
  const ctx = pageContext(env);
  const settings = readSettings(env);
  const now = nowSeconds();
  const menuDb = withMenu(db, now);
  const found = await lookUpAuthor(
    menuDb,
    name,
    { slug: slugify(settings.authorName), name: settings.authorName },
    { page: param.page, pageSize: settings.pageSize, now },
  );
  // A login that is also its author's slug, when that author has no article listed (only pages): no loop.
  if (found.kind === 'wordpress-login' && found.slug !== name)
    return movedTo(pagePath(authorPath(found.slug), param.page));
  if (found.kind !== 'listing') return movedTo(pagePath('/', param.page));
  const own = authorPath(found.author.slug);
  // WordPress's /page/N, and any other spelling (a trailing slash, capitals): one 301 to the page's own address.
  if (address.paged || url.pathname !== own) return movedTo(pagePath(own, param.page));
  if (param.page > found.articles.pageCount) return errorPage(env, 404);
  return htmlResponse(renderAuthorPage({ ...ctx, menu: menuDb.menu() ?? ctx.menu }, found), 200, {
    'cache-tag': TAGS.articles,
  });
}

function decodedSegment(segment: string): string | null {
  try {
    const name = decodeURIComponent(segment).toLowerCase();
    return name.length > 0 && name.length <= 200 ? name : null;
  } catch {
    return null;
  }
}

function movedTo(location: string): Response {
  return new Response(null, { status: 301, headers: { location, 'cache-tag': TAGS.articles } });
}
