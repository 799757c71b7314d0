import type { IRequest } from 'itty-router';
import { TAGS } from '../cache/tags';
import { readSettings } from '../config';
import { getPublishedArticlePage } from '../db/articles';
import { withMenu } from '../db/menu';
import { readSession } from '../db/session';
import { withImageSrcsets } from '../media/srcset';
import { commentFormPageCsp } from '../security/headers';
import { renderArticlePage } from '../views/article';
import { absoluteUrl, articlePath } from '../views/layout';
import { WEBMENTION_PATH } from '../webmention/paths';
import { PRIVATE_NO_STORE, protectedArticleAccess } from './article-password';
import { ownPendingComments } from './own-pending';
import { standalonePageResponse } from './page';
import { parseCommentPageParam, parseSlug } from './params';
import { errorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

export async function articleRoute(request: IRequest, env: Env, execution: ExecutionContext): Promise<Response> {
  const slug = parseSlug(request.params.slug);
  if ('error' in slug) return errorPage(env, slug.error);
  if ('redirectToSlug' in slug) return redirect(articlePath(slug.redirectToSlug) + new URL(request.url).search);
  const cpage = parseCommentPageParam(new URL(request.url));
  if ('error' in cpage) return errorPage(env, cpage.error);
  if ('redirectTo' in cpage) return redirect(cpage.redirectTo);
  const now = nowSeconds();
  const commentsPage = { page: cpage.page, perPage: readSettings(env).comments.perPage };
  const db = withMenu(readSession(env, request), now);
  const data = await getPublishedArticlePage(db, slug.slug, now, commentsPage);
  if (data?.article.kind === 'page') return standalonePageResponse(request, env, execution, db, data, now);
  if (!data || cpage.page > data.commentPageCount) return errorPage(env, 404);
  const access = await protectedArticleAccess(request, env, execution, data.article, now);
  if (access instanceof Response) return access;
  const own = await ownPendingComments(request, env, db, data.article.id, now);
  const headers: Record<string, string> = {
    // The comment form loads our script and Turnstile.
    'content-security-policy': commentFormPageCsp(readSettings(env).comments.turnstileScriptUrl),
    // Related-article lists change whenever any article does.
    'cache-tag': [TAGS.article(data.article.id), TAGS.articles].join(','),
    // Webmention discovery: senders look at this header before the HTML.
    link: `<${absoluteUrl(readSettings(env), WEBMENTION_PATH)}>; rel="webmention"`,
  };
  if (own.claimed || access === 'unlocked') headers['cache-control'] = PRIVATE_NO_STORE;
  // The page speaks the article's language, interface included.
  const ctx = pageContext(env, data.article.language, db.menu());
  const page = htmlResponse(renderArticlePage(ctx, data, { ownPendingComments: own.comments }), 200, headers);
  return ctx.settings.imageTransformations ? withImageSrcsets(page) : page;
}
