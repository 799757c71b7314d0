// /archives, and the articles of one year (/2024) or month (/2024/03), paged
// like the home page. "/:year" and "/:year/:month" also match an article's
// slug or a child page: anything not shaped like a year (four digits) and a
// month (two) returns undefined, and the router goes on to the next route.
import type { IRequest } from 'itty-router';
import { parsePeriod } from '../archives/periods';
import { TAGS } from '../cache/tags';
import { readSettings } from '../config';
import { countPublishedByMonth, listPublishedArticlesInPeriod } from '../db/archives';
import { readSession } from '../db/session';
import { renderArchivesPage, renderPeriodPage } from '../views/archives';
import { parsePageParam } from './params';
import { errorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

// Publishing, unpublishing or a scheduled article coming due purges "articles";
// a comment changing a count purges "archives" (tagsForCommentChange).
const CACHE_TAGS = [TAGS.archives, TAGS.articles].join(',');

export async function archivesRoute(request: IRequest, env: Env): Promise<Response> {
  const ctx = pageContext(env);
  const months = await countPublishedByMonth(readSession(env, request), nowSeconds(), ctx.settings.timeZone);
  return htmlResponse(renderArchivesPage(ctx, months), 200, { 'cache-tag': CACHE_TAGS });
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
  const articles = await listPublishedArticlesInPeriod(readSession(env, request), period, ctx.settings.timeZone, {
    page: param.page,
    pageSize: ctx.settings.pageSize,
    now,
  });
  // An empty month, and a page past the last, are not there.
  if (articles.total === 0 || param.page > articles.pageCount) return errorPage(env, 404);
  return htmlResponse(renderPeriodPage(ctx, period, articles), 200, { 'cache-tag': CACHE_TAGS });
}
