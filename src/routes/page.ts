// Standalone pages: /<slug>, and a child page at /<parent>/<slug>. A page is
// a row of `articles` (kind = 'page'), read by the article page's one batch;
// src/routes/article.ts hands it over here when the row is a page. A child
// page asked for at its own /<slug> answers 301 to /<parent>/<slug>, so a
// page moved under a parent keeps its old links.

import type { IRequest } from 'itty-router';
import { TAGS } from '../cache/tags';
import { readSettings } from '../config';
import { type ArticlePageData, getPublishedArticlePage } from '../db/articles';
import { type MenuReadingDb, withMenu } from '../db/menu';
import { readSession } from '../db/session';
import { withImageSrcsets } from '../media/srcset';
import { RESERVED_FIRST_SEGMENTS } from '../reserved-paths';
import { commentFormPageCsp } from '../security/headers';
import { contentPath } from '../views/layout';
import { renderStandalonePage } from '../views/page';
import { PRIVATE_NO_STORE, protectedArticleAccess } from './article-password';
import { ownPendingComments } from './own-pending';
import { parseCommentPageParam, parseSlug } from './params';
import { errorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

/** First path segments that are never a page: the blog's own addresses. */
export const NOT_A_PARENT = RESERVED_FIRST_SEGMENTS;

/**
 * /<parent>/<slug>, as an itty-router path whose lookaheads keep out what
 * other routes answer: a year (/2024/03, the date archives), the blog's own
 * addresses (/admin/logout stays a 405), /<slug>/comments and
 * /<slug>/trackback. The router's "which methods does this path allow"
 * (src/index.ts) then never counts this route for them.
 */
// No "(?:": itty-router would read ":name" in it as a parameter.
export const CHILD_PAGE_PATH = `/(?!(\\d{4}|${NOT_A_PARENT.join('|')})/):parent/(?!(comments|trackback)/?$):slug`;

/** GET /<parent>/<slug>. */
export async function childPageRoute(request: IRequest, env: Env, execution: ExecutionContext): Promise<Response> {
  const { parent: rawParent, slug: rawSlug } = request.params;
  const url = new URL(request.url);
  const parent = parseSlug(rawParent);
  const slug = parseSlug(rawSlug);
  if ('error' in parent || 'error' in slug) return errorPage(env, 404);
  if ('redirectToSlug' in parent || 'redirectToSlug' in slug) {
    const lower = (param: typeof slug) => ('slug' in param ? param.slug : param.redirectToSlug);
    return redirect(`/${lower(parent)}/${lower(slug)}${url.search}`);
  }
  const cpage = parseCommentPageParam(url);
  if ('error' in cpage) return errorPage(env, cpage.error);
  if ('redirectTo' in cpage) return redirect(cpage.redirectTo);
  const now = nowSeconds();
  const db = withMenu(readSession(env, request), now);
  const data = await getPublishedArticlePage(db, slug.slug, now, {
    page: cpage.page,
    perPage: readSettings(env).comments.perPage,
  });
  if (data?.article.kind !== 'page' || data.article.parent_slug !== parent.slug) return errorPage(env, 404);
  return standalonePageResponse(request, env, execution, db, data, now);
}

/** The page's response once its row is read: at its own address only, with the comments it shows. */
export async function standalonePageResponse(
  request: IRequest,
  env: Env,
  execution: ExecutionContext,
  db: MenuReadingDb,
  data: ArticlePageData,
  now: number,
): Promise<Response> {
  const url = new URL(request.url);
  const path = contentPath(data.article.slug, data.article.parent_slug);
  if (path !== url.pathname) return redirect(path + url.search);
  if (data.commentPage > data.commentPageCount) return errorPage(env, 404);
  const access = await protectedArticleAccess(request, env, execution, data.article, now);
  if (access instanceof Response) return access;
  const own = await ownPendingComments(request, env, db, data.article.id, now);
  const headers: Record<string, string> = {
    'content-security-policy': commentFormPageCsp(readSettings(env).comments.turnstileScriptUrl),
    'cache-tag': TAGS.article(data.article.id),
  };
  if (own.claimed || access === 'unlocked') headers['cache-control'] = PRIVATE_NO_STORE;
  const ctx = pageContext(env, data.article.language, db.menu());
  const page = htmlResponse(renderStandalonePage(ctx, data, { ownPendingComments: own.comments }), 200, headers);
  return ctx.settings.imageTransformations ? withImageSrcsets(page) : page;
}
