// Causerie's Worker: builds the router and applies the rules every route
// shares (HEAD as GET without a body, 405 with Allow, 400 on malformed URLs,
// an error page in the blog's design instead of a bare 500).
import { type IRequest, Router } from 'itty-router';
import { serveWithCache } from './cache/serve';
import { readSettings } from './config';
import { forgetOldIpHashes } from './db/comments';
import { withD1Deadline } from './db/deadline';
import { isDatabaseFailure } from './db/errors';
import { forgetOldMentionIpHashes } from './db/mentions';
import { handleDeadNotifications, handleNotificationBatch } from './notifications/consumer';
import { drainNotificationOutbox } from './notifications/hand-over';
import { CONFIRM_PATH, UNSUBSCRIBE_PATH } from './notifications/paths';
import { NOTIFICATION_DEAD_LETTER_QUEUE, NOTIFICATION_QUEUE } from './notifications/queue-message';
import { ADMIN_ROUTES, isAdminPath } from './routes/admin';
import { archivesRoute, MONTH_PATH, periodRoute, YEAR_PATH } from './routes/archives';
import { articleRoute } from './routes/article';
import { articlePasswordRoute } from './routes/article-password';
import { cachePurgeRoute } from './routes/cache-purge';
import { canonicalRedirect } from './routes/canonical';
import { commentFormAddressRoute, postCommentRoute } from './routes/comments';
import {
  confirmPageRoute,
  confirmRoute,
  isEmailLinkPath,
  unsubscribePageRoute,
  unsubscribeRoute,
} from './routes/email-links';
import { FEED_ROUTES } from './routes/feeds';
import { homeRoute } from './routes/home';
import { redirectFromOldPath } from './routes/legacy';
import { isMediaPath, mediaRoute } from './routes/media';
import { CHILD_PAGE_PATH, childPageRoute } from './routes/page';
import { errorPage, unavailablePage } from './routes/respond';
import { robotsRoute } from './routes/robots';
import { searchRoute } from './routes/search';
import { sitemapPartRoute, sitemapRoute } from './routes/sitemap';
import { tagRoute } from './routes/tag';
import { trackbackRoute } from './routes/trackback';
import { webmentionRoute } from './routes/webmention';
import { publishScheduledArticles } from './scheduled/publish-due';
import { sendWebmentions } from './scheduled/send-webmentions';
import { retryQueuedMentions } from './scheduled/verify-mentions';
import { type Audience, commentFormPageCsp, PAGE_CSP, withSecurityHeaders } from './security/headers';
import { WEBMENTION_PATH } from './webmention/paths';

type RouteArgs = [env: Env, ctx: ExecutionContext];

/**
 * The methods some route answers (HEAD as GET). Any other method gets the 405
 * page, on every address. Methods workerd itself does not recognise
 * (lowercase ones, FOO) never reach the Worker: its HTTP server answers them.
 */
const IMPLEMENTED = new Set(['GET', 'POST']);

// As written in wrangler.toml [triggers] crons.
const CRON_EVERY_MINUTE = '* * * * *';
const CRON_DAILY = '17 3 * * *';

// Not exported: workerd treats every named export of the entry module as an
// entrypoint, and the router's proxy breaks that inspection.
const router = Router<IRequest, RouteArgs>();
// The desk first: "/admin" would otherwise be taken for an article's slug.
for (const route of ADMIN_ROUTES) router[route.method === 'GET' ? 'get' : 'post'](route.path, route.handler);
// Feeds before "/:slug", which would take "/feed.xml" for an article.
for (const route of FEED_ROUTES) router.get(route.path, route.handler);
router
  .get('/', homeRoute)
  .get('/tag/:tag', tagRoute)
  .get('/robots.txt', robotsRoute)
  .get('/sitemap.xml', sitemapRoute)
  .get('/sitemap-:part.xml', sitemapPartRoute)
  .get('/search', searchRoute)
  .get('/media/*', mediaRoute)
  .post(WEBMENTION_PATH, webmentionRoute)
  .get('/archives', archivesRoute)
  // Date archives ("/2024", "/2024/03") before "/:slug" and the child pages.
  .get(YEAR_PATH, periodRoute)
  .get(MONTH_PATH, periodRoute)
  .get('/:slug', articleRoute)
  // A child page; year paths (/2024/03), /<slug>/comments and the blog's own addresses are not (see CHILD_PAGE_PATH).
  .get(CHILD_PAGE_PATH, childPageRoute)
  .get('/:slug/comments', commentFormAddressRoute)
  .post('/:slug/comments', postCommentRoute)
  .post('/:slug/trackback', trackbackRoute)
  .post('/:slug/unlock', articlePasswordRoute)
  .post('/_causerie/cache/purge', cachePurgeRoute)
  // The links of notification e-mails: GET a page with buttons, POST acts (and is the one-click unsubscribe).
  .get(CONFIRM_PATH, confirmPageRoute)
  .post(CONFIRM_PATH, confirmRoute)
  .get(UNSUBSCRIBE_PATH, unsubscribePageRoute)
  .post(UNSUBSCRIBE_PATH, unsubscribeRoute);

async function handleRequest(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const url = new URL(request.url);
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return errorPage(env, 400, { 'cache-control': 'no-store' });
  }
  // Other spellings of a page, and the old WordPress addresses: one 301 to the final URL.
  const canonical = await canonicalRedirect(request, env, ctx);
  if (canonical) return canonical;
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const allowed = allowedMethods(url.pathname);
  if ((allowed.length > 0 && !allowed.includes(method)) || (allowed.length === 0 && !IMPLEMENTED.has(method))) {
    // An address no route claims still answers GET (its 404 page).
    const allow = allowed.length === 0 ? ['GET', 'HEAD'] : allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
    return errorPage(env, 405, { allow: allow.join(', '), 'cache-control': 'no-store' });
  }
  const routed = method === request.method ? request : new Request(request, { method });
  // The desk and the e-mail links (one reader's, a token in the address) are never cached, nor looked
  // up in a cache; media keep their own rules (src/routes/media.ts).
  const response =
    isAdminPath(url.pathname) || isEmailLinkPath(url.pathname)
      ? ((await router.fetch(routed, env, ctx)) ?? errorPage(env, 404, { 'cache-control': 'no-store' }))
      : isMediaPath(url.pathname)
        ? ((await router.fetch(routed, env, ctx)) ?? errorPage(env, 404))
        : await serveWithCache(routed, env, ctx, async () =>
            redirectFromOldPath(routed, env, (await router.fetch(routed, env, ctx)) ?? errorPage(env, 404)),
          );
  return request.method === 'HEAD' ? new Response(null, response) : response;
}

function allowedMethods(pathname: string): string[] {
  const methods = new Set<string>();
  for (const [method, pattern] of router.routes) {
    if (pattern.test(pathname)) methods.add(method);
  }
  return [...methods];
}

async function answer(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  try {
    return await handleRequest(request, withD1Deadline(env), ctx);
  } catch (error) {
    // D1 down, overloaded or past its deadline: a passing fault, said as such.
    if (isDatabaseFailure(error)) {
      console.error('D1 failing', request.method, request.url, error);
      const page = unavailablePage(env, request);
      return request.method === 'HEAD' ? new Response(null, page) : page;
    }
    console.error('Unhandled error', request.method, request.url, error);
    try {
      return errorPage(env, 500, { 'cache-control': 'no-store' });
    } catch {
      return new Response('Internal Server Error', { status: 500 });
    }
  }
}

/** This blog's comment-form policy; with settings it cannot run with, no page has the form. */
function commentFormPolicy(env: Env): string {
  try {
    return commentFormPageCsp(readSettings(env).comments.turnstileScriptUrl);
  } catch {
    return PAGE_CSP;
  }
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    // Last of all, whoever answered: cache hits, 304s, HEAD, redirects and errors get them too.
    const { pathname } = new URL(request.url);
    const audience: Audience = isAdminPath(pathname) ? 'desk' : isEmailLinkPath(pathname) ? 'email-link' : 'public';
    return withSecurityHeaders(await answer(request, env, ctx), audience, commentFormPolicy(env));
  },

  /** The Cron Triggers of wrangler.toml [triggers], told apart by their expression. */
  async scheduled(controller, env, ctx): Promise<void> {
    // The time the run was due, not when it started: nothing between two runs is missed.
    const now = Math.floor(controller.scheduledTime / 1000);
    switch (controller.cron) {
      case CRON_EVERY_MINUTE: {
        // Independent jobs: one failing (a purge, a remote site) does not stop the others.
        const runs = await Promise.allSettled([
          publishScheduledArticles(env, ctx, now),
          retryQueuedMentions(env, ctx, now),
          sendWebmentions(env, now),
          drainNotificationOutbox(withD1Deadline(env), now),
        ]);
        const failed = runs.find((run) => run.status === 'rejected');
        if (failed) throw failed.reason;
        return;
      }
      case CRON_DAILY: {
        // Keep the promise the README makes about IP hashes.
        const days = readSettings(env).comments.ipHashRetentionDays;
        const erased = await forgetOldIpHashes(env.DB, now - days * 86_400);
        const erasedOfMentions = await forgetOldMentionIpHashes(env.DB, now - days * 86_400);
        console.log(`Erased ${erased + erasedOfMentions} IP hash(es) older than ${days} days.`);
        return;
      }
      default:
        // A schedule changed in wrangler.toml but not here: fail loudly rather than do the wrong job.
        throw new Error(`No job for the Cron Trigger "${controller.cron}"`);
    }
  },

  /** The consumers of wrangler.toml [[queues.consumers]], told apart by their queue's name. */
  async queue(batch, env): Promise<void> {
    switch (batch.queue) {
      case NOTIFICATION_QUEUE:
        return handleNotificationBatch(batch, withD1Deadline(env));
      case NOTIFICATION_DEAD_LETTER_QUEUE:
        return handleDeadNotifications(batch, withD1Deadline(env));
      default:
        // A queue renamed in wrangler.toml but not here: every message is retried, then dead-lettered.
        throw new Error(`No consumer for the queue "${batch.queue}"`);
    }
  },
} satisfies ExportedHandler<Env>;
