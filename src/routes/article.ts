import type { IRequest } from 'itty-router';
import { pendingCookieFromRequest, readPendingClaim } from '../comments/pending-token';
import { getPublishedArticlePage } from '../db/articles';
import { listPendingCommentsByIds } from '../db/comments';
import { renderArticlePage } from '../views/article';
import { articlePath } from '../views/layout';
import { parseSlug } from './params';
import { COMMENT_PAGE_CSP, errorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

export async function articleRoute(request: IRequest, env: Env): Promise<Response> {
  const slug = parseSlug(request.params.slug);
  if ('error' in slug) return errorPage(env, slug.error);
  if ('redirectToSlug' in slug) return redirect(articlePath(slug.redirectToSlug) + new URL(request.url).search);
  const now = nowSeconds();
  const data = await getPublishedArticlePage(env.DB, slug.slug, now);
  if (!data) return errorPage(env, 404);
  // A commenter who just posted sees their held comment; only they hold the
  // signed cookie, and that personal page is never stored anywhere.
  const pendingIds = await readPendingClaim(
    pendingCookieFromRequest(request),
    data.article.id,
    env.COMMENT_TOKEN_KEY ?? '',
    now,
  );
  const ownPendingComments = await listPendingCommentsByIds(env.DB, data.article.id, pendingIds);
  const headers: Record<string, string> = { 'content-security-policy': COMMENT_PAGE_CSP };
  if (pendingIds.length > 0) headers['cache-control'] = 'private, no-store';
  // The page speaks the article's language, interface included.
  const ctx = pageContext(env, data.article.language);
  return htmlResponse(renderArticlePage(ctx, data, { ownPendingComments }), 200, headers);
}
