// The two addresses notification e-mails link to (src/notifications/paths.ts).
// GET shows a page with buttons and changes nothing (link scanners follow
// links); POST acts. The unsubscribe POST is also RFC 8058's one-click: a mail
// client POSTs "List-Unsubscribe=One-Click" with no cookie and no CSRF token,
// so the signed token in the address is the only authority, and the body is
// not even read. Every answer is private, no-store and noindex, never looked
// up in or kept by a cache (src/index.ts sends these paths past it), and its
// page sends no Referer (src/security/headers.ts): the token is in the URL.
import type { IRequest } from 'itty-router';
import { type Language, readSettings } from '../config';
import {
  confirmSubscriberAddress,
  getConfirmationTarget,
  getUnsubscribeTarget,
  removeSubscriptions,
} from '../db/email-links';
import { readSession, writeSession } from '../db/session';
import { CONFIRM_PATH, tokenUrl, UNSUBSCRIBE_PATH } from '../notifications/paths';
import { type NotificationClaim, signNotificationToken, verifyNotificationToken } from '../notifications/tokens';
import {
  renderConfirmAsk,
  renderConfirmed,
  renderConfirmGone,
  renderLinkRefused,
  renderUnsubscribeAsk,
  renderUnsubscribed,
  type UnsubscribeChoice,
} from '../views/email-links';
import type { LinkPurpose, LinkRefusal } from '../views/i18n/email-links';
import { readerLanguage } from './reader-language';
import { htmlResponse, nowSeconds, pageContext } from './respond';

const EMAIL_LINK_PREFIX = '/_causerie/email/';

const PRIVATE_PAGE = { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' };

/** These pages are one reader's: past the caches, and without a Referer (any spelling, a mistyped one included). */
export function isEmailLinkPath(pathname: string): boolean {
  return pathname.toLowerCase().startsWith(EMAIL_LINK_PREFIX);
}

type ClaimFor<P extends LinkPurpose> = Extract<NotificationClaim, { purpose: P }>;
type ConfirmClaim = ClaimFor<'confirm'>;
type UnsubscribeClaim = ClaimFor<'unsubscribe'>;

export async function confirmPageRoute(request: IRequest, env: Env): Promise<Response> {
  const link = await readLink(request, env, 'confirm');
  if (link instanceof Response) return link;
  const { claim } = link;
  const target = await getConfirmationTarget(readSession(env, request), claim);
  if (!target?.subscribed) return confirmGone(request, env, target?.language);
  if (target.confirmed_at !== null) return confirmedPage(env, claim, target, false);
  const ask = { email: claim.email, title: target.title, action: tokenUrl('', CONFIRM_PATH, link.token) };
  return page(renderConfirmAsk(pageContext(env, target.language), ask));
}

export async function confirmRoute(request: IRequest, env: Env): Promise<Response> {
  const link = await readLink(request, env, 'confirm');
  if (link instanceof Response) return link;
  const { claim } = link;
  const db = writeSession(env);
  const confirmedNow = await confirmSubscriberAddress(db, claim, nowSeconds());
  const target = await getConfirmationTarget(db, claim);
  if (!target?.subscribed || target.confirmed_at === null) return confirmGone(request, env, target?.language);
  return confirmedPage(env, claim, target, confirmedNow);
}

export async function unsubscribePageRoute(request: IRequest, env: Env): Promise<Response> {
  const link = await readLink(request, env, 'unsubscribe');
  if (link instanceof Response) return link;
  const { claim } = link;
  const target = await unsubscribeTarget(readSession(env, request), claim);
  const choices: UnsubscribeChoice[] = [{ scope: claim.scope, action: tokenUrl('', UNSUBSCRIBE_PATH, link.token) }];
  // Wider choices, signed here: the token just verified proves the address is the reader's.
  if (claim.scope === 'thread' && target) {
    const articleClaim: UnsubscribeClaim = {
      purpose: 'unsubscribe',
      email: claim.email,
      scope: 'article',
      articleId: target.article_id,
    };
    choices.push({ scope: 'article', action: await signedLink(env, articleClaim) });
  }
  if (claim.scope !== 'all') {
    choices.push({
      scope: 'all',
      action: await signedLink(env, { purpose: 'unsubscribe', email: claim.email, scope: 'all' }),
    });
  }
  const ctx = pageContext(env, target?.language ?? readerLanguage(request, readSettings(env).language));
  return page(renderUnsubscribeAsk(ctx, { email: claim.email, articleTitle: target?.title ?? null, choices }));
}

export async function unsubscribeRoute(request: IRequest, env: Env): Promise<Response> {
  const link = await readLink(request, env, 'unsubscribe');
  if (link instanceof Response) return link;
  const { claim } = link;
  const db = writeSession(env);
  await removeSubscriptions(db, claim);
  const target = await unsubscribeTarget(db, claim);
  const ctx = pageContext(env, target?.language ?? readerLanguage(request, readSettings(env).language));
  return page(renderUnsubscribed(ctx, { scope: claim.scope, articleTitle: target?.title ?? null }));
}

/** The link's verified claim (its address lowercased, as stored), or the 400 page saying what is wrong. */
async function readLink<P extends LinkPurpose>(
  request: Request,
  env: Env,
  purpose: P,
): Promise<{ claim: ClaimFor<P>; token: string } | Response> {
  const tokens = new URL(request.url).searchParams.getAll('token');
  const token = tokens[0] ?? '';
  if (token === '') return refused(request, env, 'missing', purpose);
  if (tokens.length > 1) return refused(request, env, 'malformed', purpose);
  const check = await verifyNotificationToken(token, purpose, env.COMMENT_TOKEN_KEY ?? '', nowSeconds());
  if (!check.ok) return refused(request, env, check.reason, purpose);
  // verifyNotificationToken refuses a token of another purpose (wrong_purpose).
  const claim = { ...check.claim, email: check.claim.email.toLowerCase() } as ClaimFor<P>;
  return { claim, token };
}

function unsubscribeTarget(db: ReturnType<typeof readSession>, claim: UnsubscribeClaim) {
  if (claim.scope === 'thread') return getUnsubscribeTarget(db, { commentId: claim.commentId });
  if (claim.scope === 'article') return getUnsubscribeTarget(db, { articleId: claim.articleId });
  return Promise.resolve(null);
}

async function confirmedPage(
  env: Env,
  claim: ConfirmClaim,
  target: { title: string; language: Language; follows_thread: 0 | 1; follows_article: 0 | 1 },
  now: boolean,
): Promise<Response> {
  const stopAction = await signedLink(env, { purpose: 'unsubscribe', email: claim.email, scope: 'all' });
  return page(
    renderConfirmed(pageContext(env, target.language), {
      email: claim.email,
      title: target.title,
      now,
      followsThread: target.follows_thread === 1,
      followsArticle: target.follows_article === 1,
      stopAction,
    }),
  );
}

async function signedLink(env: Env, claim: UnsubscribeClaim): Promise<string> {
  return tokenUrl('', UNSUBSCRIBE_PATH, await signNotificationToken(claim, env.COMMENT_TOKEN_KEY ?? '', nowSeconds()));
}

function confirmGone(request: Request, env: Env, language: Language | undefined): Response {
  const ctx = pageContext(env, language ?? readerLanguage(request, readSettings(env).language));
  return page(renderConfirmGone(ctx), 410);
}

function refused(request: Request, env: Env, reason: LinkRefusal, purpose: LinkPurpose): Response {
  const ctx = pageContext(env, readerLanguage(request, readSettings(env).language));
  return page(renderLinkRefused(ctx, { reason, purpose }), 400);
}

function page(body: string, status = 200): Response {
  return htmlResponse(body, status, PRIVATE_PAGE);
}
