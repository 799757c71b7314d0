import type { IRequest } from 'itty-router';
import { getPublishedArticlePage } from '../db/articles';
import { renderArticlePage } from '../views/article';
import { articlePath } from '../views/layout';
import { parseSlug } from './params';
import { errorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

export async function articleRoute(request: IRequest, env: Env): Promise<Response> {
  const slug = parseSlug(request.params.slug);
  if ('error' in slug) return errorPage(env, slug.error);
  if ('redirectToSlug' in slug) return redirect(articlePath(slug.redirectToSlug) + new URL(request.url).search);
  const data = await getPublishedArticlePage(env.DB, slug.slug, nowSeconds());
  if (!data) return errorPage(env, 404);
  // The page speaks the article's language, interface included.
  return htmlResponse(renderArticlePage(pageContext(env, data.article.language), data));
}
