import type { IRequest } from 'itty-router';
import { TAGS } from '../cache/tags';
import { withMenu } from '../db/menu';
import { readSession } from '../db/session';
import { listPublishedArticlesByTag } from '../db/tags';
import { tagPath } from '../views/layout';
import { renderTagPage } from '../views/tag';
import { parsePageParam, parseSlug } from './params';
import { errorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

export async function tagRoute(request: IRequest, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const slug = parseSlug(request.params.tag);
  if ('error' in slug) return errorPage(env, slug.error);
  if ('redirectToSlug' in slug) return redirect(tagPath(slug.redirectToSlug) + url.search);
  const param = parsePageParam(url);
  if ('error' in param) return errorPage(env, param.error);
  if ('redirectTo' in param) return redirect(param.redirectTo);
  const ctx = pageContext(env);
  const now = nowSeconds();
  const db = withMenu(readSession(env, request), now);
  const data = await listPublishedArticlesByTag(db, slug.slug, {
    page: param.page,
    pageSize: ctx.settings.pageSize,
    now,
  });
  if (!data || param.page > data.articles.pageCount) return errorPage(env, 404);
  return htmlResponse(renderTagPage({ ...ctx, menu: db.menu() ?? ctx.menu }, data), 200, {
    'cache-tag': [TAGS.tag(data.tag.slug), TAGS.articles].join(','),
  });
}
