// Password-protected articles and pages. Without the article's cookie its
// page shows the title and the password form; POST /<slug>/unlock checks the
// password and gives the cookie (src/protected/unlock.ts). Every answer about
// a protected article is private and no-store: never kept by a cache, so
// never served from one (src/cache/serve.ts caches nothing private).
import type { IRequest } from 'itty-router';
import { verifyPassword } from '../admin/auth/password';
import { forgetLastGood } from '../cache/last-good';
import { clientIp, rateLimitKey } from '../comments/ip';
import { readSettings } from '../config';
import { findArticleForPassword } from '../db/protected';
import { readSession } from '../db/session';
import { isUnlocked, unlockCookieHeader } from '../protected/unlock';
import { isCrossSitePost } from '../spam/origin';
import type { PasswordRefusal } from '../views/i18n/protected';
import { contentPath } from '../views/layout';
import { renderLockedArticlePage } from '../views/locked-article';
import { readFormBody } from './form-body';
import { parseSlug } from './params';
import { errorPage, formBodyErrorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

export const PRIVATE_NO_STORE = 'private, no-store';
/** Far longer than any password a reader types. */
const MAX_PASSWORD_FORM_BYTES = 4096;

interface GatedArticle {
  id: number;
  slug: string;
  title: string;
  language: 'fr' | 'en';
  password_hash?: string | null;
  parent_slug?: string | null;
}

/**
 * 'open' for an article anyone may read; 'unlocked' when the reader gave its
 * password (the page is then theirs alone: private, no-store); else the
 * locked page to answer with.
 */
export async function protectedArticleAccess(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  article: GatedArticle,
  now: number,
): Promise<'open' | 'unlocked' | Response> {
  const hash = article.password_hash;
  if (!hash) return 'open';
  // A copy kept while the article was public must not outlive it (src/cache/last-good.ts).
  forgetLastGood(ctx, request.url, readSettings(env).baseUrl);
  if (await isUnlocked(request, env, { id: article.id, password_hash: hash }, now)) return 'unlocked';
  return lockedPage(env, article, 200);
}

function lockedPage(env: Env, article: GatedArticle, status: number, refusal?: PasswordRefusal): Response {
  const ctx = pageContext(env, article.language);
  const path = contentPath(article.slug, article.parent_slug ?? null);
  const body = renderLockedArticlePage(
    ctx,
    { title: article.title, language: article.language, path, action: `/${article.slug}/unlock` },
    refusal,
  );
  return htmlResponse(body, status, {
    'cache-control': PRIVATE_NO_STORE,
    ...(refusal === 'rate_limited' ? { 'retry-after': '60' } : {}),
  });
}

/** POST /<slug>/unlock: the right password → the article's cookie and 303 back to it; else the form again. */
export async function articlePasswordRoute(request: IRequest, env: Env): Promise<Response> {
  const slug = parseSlug(request.params.slug);
  if (!('slug' in slug)) return errorPage(env, 404);
  const settings = readSettings(env);
  if (isCrossSitePost(request, [new URL(settings.baseUrl).origin, new URL(request.url).origin])) {
    return errorPage(env, 403);
  }
  const body = await readFormBody(request, MAX_PASSWORD_FORM_BYTES);
  if ('error' in body) return formBodyErrorPage(env, body.error);
  const now = nowSeconds();
  const article = await findArticleForPassword(readSession(env, request), slug.slug, now);
  if (!article) return errorPage(env, 404, { 'cache-control': 'no-store' });
  const path = contentPath(article.slug, article.parent_slug);
  if (!article.password_hash) return redirect(path, 303);
  const ip = clientIp(request);
  const { success } = await env.ARTICLE_PASSWORD_RATE_LIMITER.limit({ key: await rateLimitKey(ip, env.IP_HASH_SALT) });
  if (!success) return lockedPage(env, article, 429, 'rate_limited');
  const password = body.form.get('password');
  if (typeof password !== 'string' || !(await verifyPassword(password, article.password_hash))) {
    return lockedPage(env, article, 403, 'wrong');
  }
  const protectedArticle = { id: article.id, password_hash: article.password_hash };
  const cookie = await unlockCookieHeader(env, protectedArticle, path, now, new URL(request.url).protocol === 'https:');
  if (!cookie) return lockedPage(env, article, 503, 'unavailable');
  return new Response(null, {
    status: 303,
    headers: { location: path, 'set-cookie': cookie, 'cache-control': PRIVATE_NO_STORE },
  });
}
