import type { IRequest } from 'itty-router';
import { TAGS } from '../cache/tags';
import { listPublishedArticles } from '../db/articles';
import { withMenu } from '../db/menu';
import { readSession } from '../db/session';
import { renderHomePage } from '../views/home';
import { parsePageParam } from './params';
import { errorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

export async function homeRoute(request: IRequest, env: Env): Promise<Response> {
  const param = parsePageParam(new URL(request.url));
  if ('error' in param) return errorPage(env, param.error);
  if ('redirectTo' in param) return redirect(param.redirectTo);
  const ctx = pageContext(env);
  const now = nowSeconds();
  const db = withMenu(readSession(env, request), now);
  const articles = await listPublishedArticles(db, { page: param.page, pageSize: ctx.settings.pageSize, now });
  if (param.page > articles.pageCount) return errorPage(env, 404);
  return htmlResponse(renderHomePage({ ...ctx, menu: db.menu() ?? ctx.menu }, articles), 200, {
    'cache-tag': [TAGS.home, TAGS.articles].join(','),
  });
}
