// /archives, and the articles of one year (/2024) or month (/2024/03), paged
// like the home page.
import type { IRequest } from 'itty-router';
import { parsePeriod } from '../archives/periods';
import { TAGS } from '../cache/tags';
import { readSettings } from '../config';
import { countPublishedByMonth, listPublishedArticlesInPeriod } from '../db/archives';
import { withMenu } from '../db/menu';
import { readSession } from '../db/session';
import { renderArchivesPage, renderPeriodPage } from '../views/archives';
import { parsePageParam } from './params';
import { errorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

// Publishing, unpublishing or a scheduled article coming due purges "articles";
// a comment changing a count purges "archives" (tagsForCommentChange).
const CACHE_TAGS = [TAGS.archives, TAGS.articles].join(',');

// Paths shaped like a year (four digits) and a month (two), as itty-router
// paths whose lookaheads keep out every other path: an article or a child
// page is never taken for a period, and "which methods does this path allow"
// (src/index.ts) never counts these routes for /<slug>/trackback. No "(?:":
// itty-router would read ":name" in it as a parameter.
export const YEAR_PATH = '/(?=\\d{4}/?$):year';
export const MONTH_PATH = '/(?=\\d{4}/\\d{2}/?$):year/:month';

export async function archivesRoute(request: IRequest, env: Env): Promise<Response> {
  const now = nowSeconds();
  const ctx = pageContext(env);
  const db = withMenu(readSession(env, request), now);
  const months = await countPublishedByMonth(db, now, ctx.settings.timeZone);
  return htmlResponse(renderArchivesPage({ ...ctx, menu: db.menu() ?? ctx.menu }, months), 200, {
    'cache-tag': CACHE_TAGS,
  });
}

export async function periodRoute(request: IRequest, env: Env): Promise<Response | undefined> {
  const now = nowSeconds();
  const period = parsePeriod(request.params.year, request.params.month, now, readSettings(env).timeZone);
  if (period === null) return undefined;
  if (period === 'not-found') return errorPage(env, 404);
  const ctx = pageContext(env);
  const param = parsePageParam(new URL(request.url));
  if ('error' in param) return errorPage(env, param.error);
  if ('redirectTo' in param) return redirect(param.redirectTo);
  const db = withMenu(readSession(env, request), now);
  const articles = await listPublishedArticlesInPeriod(db, period, ctx.settings.timeZone, {
    page: param.page,
    pageSize: ctx.settings.pageSize,
    now,
  });
  // An empty month, and a page past the last, are not there.
  if (articles.total === 0 || param.page > articles.pageCount) return errorPage(env, 404);
  return htmlResponse(renderPeriodPage({ ...ctx, menu: db.menu() ?? ctx.menu }, period, articles), 200, {
    'cache-tag': CACHE_TAGS,
  });
}
