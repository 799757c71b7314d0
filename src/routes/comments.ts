// POST /<slug>/comments: the comment form. Checks run cheapest first; any
// rejection shows the article again with the form exactly as it was sent.
import type { IRequest } from 'itty-router';
import { purgeWorkersCache } from '../cache/purge';
import { tagsForCommentChange } from '../cache/tags';
import { cacheVersionBump, rememberCacheVersion } from '../cache/version';
import { formatComment } from '../comments/format';
import { clientIp, hashIp, rateLimitKey } from '../comments/ip';
import { decideModeration } from '../comments/moderation';
import { pendingCookieFromRequest, pendingCookieHeader, readPendingClaim } from '../comments/pending-token';
import { attachmentPoint } from '../comments/threads';
import { COMMENT_FORM_MAX_BYTES, parsePublicCommentForm } from '../comments/validate';
import { readSettings } from '../config';
import { findPublishedAddress } from '../db/articles';
import { findCommentPage, getCommentTarget, insertComment } from '../db/comments';
import { bookmarkCookie, readSession, writeSession } from '../db/session';
import { noteForAuthor } from '../notifications/author-notes';
import { handOverLater } from '../notifications/hand-over';
import { newCommentNotifications } from '../notifications/subscribe';
import { isUnlocked } from '../protected/unlock';
import { isCrossSitePost } from '../spam/origin';
import { verifyTurnstileToken } from '../turnstile/verify';
import { articlePath, contentPath } from '../views/layout';
import { type FormRejection, rejectCommentForm } from './comment-rejection';
import { readFormBody } from './form-body';
import { parseSlug } from './params';
import { errorPage, formBodyErrorPage, nowSeconds, redirect, UNAVAILABLE_RETRY_SECONDS } from './respond';

/**
 * GET /<slug>/comments: the address bar shows it after a refused comment, so
 * a reload or a bookmark asks for it. It leads back to the form, at the
 * article's or page's own address (a child page's /<parent>/<slug>: no
 * second redirect). Unknown or unreadable, /<slug> answers for itself.
 */
export async function commentFormAddressRoute(request: IRequest, env: Env): Promise<Response> {
  const slug = parseSlug(request.params.slug);
  if (!('slug' in slug)) return errorPage(env, 404);
  const found = await findPublishedAddress(readSession(env, request), slug.slug, nowSeconds()).catch((error) => {
    console.error('comment form address: D1 read failed, sending to /<slug>', error);
    return null;
  });
  const path = found ? contentPath(found.slug, found.parent_slug) : articlePath(slug.slug);
  return redirect(`${path}#respond`, 303);
}

export async function postCommentRoute(request: IRequest, env: Env, ctx: ExecutionContext): Promise<Response> {
  const slug = parseSlug(request.params.slug);
  if (!('slug' in slug)) return errorPage(env, 404);
  const settings = readSettings(env);
  const blogOrigins = [new URL(settings.baseUrl).origin, new URL(request.url).origin];
  if (isCrossSitePost(request, blogOrigins)) return errorPage(env, 403);
  // Past the cap, what could be read is shown again (a browser sends the
  // fields in order: name, address, site, then the text, cut where it stopped).
  const body = await readFormBody(request, COMMENT_FORM_MAX_BYTES, { keepPartial: true });
  let received: FormData;
  if ('form' in body) received = body.form;
  else if (body.error === 413) received = body.partial ?? new FormData();
  else return formBodyErrorPage(env, body.error);
  const tooLarge = !('form' in body);

  const { values, errors, honeypot, token } = parsePublicCommentForm(received);
  const reject = (rejection: FormRejection) => rejectCommentForm(env, slug.slug, values, errors, rejection);
  const now = nowSeconds();
  const db = writeSession(env);
  const ip = clientIp(request);
  // Without its secret salt a hash would be reversible: store none then.
  const ipHash = ip && env.IP_HASH_SALT ? await hashIp(ip, env.IP_HASH_SALT) : null;

  const { success: underLimit } = await env.COMMENT_RATE_LIMITER.limit({
    key: await rateLimitKey(ip, env.IP_HASH_SALT),
  });
  if (!underLimit) return reject({ status: 429, notice: 'rate_limited', headers: { 'retry-after': '60' } });

  let target: Awaited<ReturnType<typeof getCommentTarget>>;
  try {
    target = await getCommentTarget(db, { slug: slug.slug, ...values, now });
  } catch (error) {
    console.error('comment form: D1 read failed', error);
    return reject({
      status: 503,
      notice: 'unavailable',
      headers: { 'retry-after': String(UNAVAILABLE_RETRY_SECONDS) },
    });
  }
  const article = target.article;
  if (!article) return errorPage(env, 404);
  if (
    article.password_hash &&
    !(await isUnlocked(request, env, { ...article, password_hash: article.password_hash }, now))
  ) {
    return errorPage(env, 403, { 'cache-control': 'no-store' });
  }
  if (!article.comments_open) return reject({ status: 403, notice: 'closed' });
  // The fields after the text (the hidden ones) were not read: nothing more to check.
  if (tooLarge) return reject({ status: 413, notice: 'too_large', partial: true });
  // An article's address, or a page's (/<parent>/<slug> for a child page).
  const path = contentPath(article.slug, article.parent_slug);
  // Robots that fill the hidden field are told nothing and stored nowhere.
  if (honeypot) return redirect(`${path}#comments`, 303);
  if (Object.keys(errors).length > 0) return reject({ status: 422, notice: 'invalid' });
  if (values.parentId !== null && target.parentChain.length === 0) {
    return reject({ status: 422, notice: 'parent_gone', dropParent: true });
  }
  if (target.duplicate) return reject({ status: 409, notice: 'duplicate' });

  const verdict = await verifyTurnstileToken({
    token,
    secret: env.TURNSTILE_SECRET_KEY ?? '',
    remoteIp: ip,
    hostname: new URL(settings.baseUrl).hostname,
    action: 'comment',
    siteverifyUrl: settings.comments.siteverifyUrl,
    timeoutMs: settings.comments.siteverifyTimeoutMs,
  });
  if (verdict.outcome === 'rejected') {
    // No token at all: the widget never ran (blocked, offline, no JavaScript), which the reader did not choose.
    return reject({ status: 403, notice: token ? 'turnstile' : 'turnstile_missing' });
  }
  if (verdict.outcome === 'unavailable') console.warn('comment form: Turnstile unavailable, holding', verdict.reason);

  const decision = decideModeration(
    { ...values, ip, turnstileVerified: verdict.outcome === 'passed', knownCommenter: target.knownCommenter },
    settings.comments,
  );
  // A comment published at once bumps the cache version in the same batch (see insertComment).
  const bump = decision.status === 'approved' ? [cacheVersionBump(db)] : [];
  // Its subscriptions and its place in the notifications' outbox go in that batch too.
  const notifications = newCommentNotifications(env, db, {
    values,
    articleId: article.id,
    createdAt: now,
    status: decision.status,
    turnstileVerified: verdict.outcome === 'passed',
  });
  let id: number | null;
  try {
    const written = await insertComment(
      db,
      {
        articleId: article.id,
        parentId: attachmentPoint(target.parentChain, settings.comments.maxDepth),
        author: values.author,
        email: values.email,
        url: values.url || null,
        body: values.body,
        formatted: formatComment(values.body),
        status: decision.status,
        heldReason: decision.heldReason,
        turnstileVerified: verdict.outcome === 'passed',
        ipHash,
        createdAt: now,
      },
      [...bump, ...notifications.statements],
    );
    id = written.id;
    rememberCacheVersion(written.sameBatch[0]);
  } catch (error) {
    console.error('comment form: D1 write failed', error);
    return reject({
      status: 503,
      notice: 'unavailable',
      headers: { 'retry-after': String(UNAVAILABLE_RETRY_SECONDS) },
    });
  }
  // The article closed or the parent left moderation while this ran.
  if (id === null) return reject({ status: 409, notice: values.parentId ? 'parent_gone' : 'closed', dropParent: true });
  ctx.waitUntil(noteForAuthor(env, db, id));

  if (decision.status === 'spam') return redirect(`${path}#comments`, 303);
  if (notifications.handOver) handOverLater(env, ctx, db, [id]);
  // Like WordPress, send the commenter to the comments page that shows the new comment.
  const page = await findCommentPage(db, {
    slug: article.slug,
    commentId: id,
    perPage: settings.comments.perPage,
  }).catch((error) => {
    console.error('comment form: D1 read of the comment page failed, linking page 1', error);
    return 1;
  });
  const response = redirect(`${page > 1 ? `${path}?cpage=${page}` : path}#comment-${id}`, 303);
  const secret = env.COMMENT_TOKEN_KEY ?? '';
  if (decision.status === 'pending' && secret) {
    const previousIds = await readPendingClaim(pendingCookieFromRequest(request), article.id, secret, now);
    response.headers.append(
      'set-cookie',
      await pendingCookieHeader({
        articleId: article.id,
        articlePath: path,
        commentId: id,
        previousIds,
        secret,
        now,
        secure: new URL(request.url).protocol === 'https:',
      }),
    );
  }
  if (decision.status === 'approved') {
    // Published at once: every page that shows it must show it now (the Cache
    // API layer's version was bumped with the insert). The comment is stored
    // whatever happens here: a failed purge is logged, not shown as a failure.
    const tagSlugs = article.tag_slugs ? article.tag_slugs.split(',') : [];
    await purgeWorkersCache(env, ctx, tagsForCommentChange(article.id, tagSlugs)).catch((error) =>
      console.error('comment form: Workers Cache purge failed', error),
    );
  }
  // The commenter's next pages read at least up to this write, replica or not.
  const bookmark = bookmarkCookie(db, new URL(request.url).protocol === 'https:');
  if (bookmark) response.headers.append('set-cookie', bookmark);
  response.headers.set('cache-control', 'no-store');
  return response;
}
