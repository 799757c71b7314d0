// Every route of the desk but the login goes through protectAdmin: who is
// asking (Cloudflare Access JWT, or a password session), and for anything
// that changes state, a POST from this origin carrying the session's CSRF token.
import type { IRequest } from 'itty-router';
import { verifyAccessRequest } from '../../admin/auth/access';
import { CSRF_FIELD, csrfTokenFor, isValidCsrfToken } from '../../admin/csrf';
import { type AdminSession, readAdminSession } from '../../admin/session';
import { type AdminSettings, readAdminSettings } from '../../admin/settings';
import { COMMENT_FORM_MAX_BYTES } from '../../comments/validate';
import { countPendingMentions } from '../../db/mention-moderation';
import { countCommentsByStatus, type StatusCounts } from '../../db/moderation';
import { isCrossSitePost } from '../../spam/origin';
import type { AdminPageContext, AdminSessionView } from '../../views/admin/layout';
import { readFormBody } from '../form-body';
import { nowSeconds } from '../respond';
import { adminMessage, adminPageContext, adminRedirect, setupRequired } from './respond';

export interface AdminCall {
  request: IRequest;
  env: Env;
  ctx: ExecutionContext;
  page: AdminPageContext;
  /** For the page header. */
  session: AdminSessionView;
  /** Comments by status, read for GET pages (the header's pending count, the queue's tabs). */
  counts: StatusCounts | null;
  settings: AdminSettings;
  /** The password session, when that is how the author got in. */
  passwordSession: AdminSession | null;
  now: number;
  /** The POST's form, already checked for its CSRF token. */
  form: FormData | null;
}

export type AdminHandler = (call: AdminCall) => Promise<Response>;

export function protectAdmin(handler: AdminHandler) {
  return async (request: IRequest, env: Env, ctx: ExecutionContext): Promise<Response> => {
    const page = adminPageContext(env);
    const settings = readAdminSettings(env);
    const now = nowSeconds();
    const { auth } = settings;
    if (auth.kind === 'unconfigured') return setupRequired(page);

    let who: string;
    let binding: string;
    let passwordSession: AdminSession | null = null;
    if (auth.kind === 'access') {
      const result = await verifyAccessRequest(request, { teamDomain: auth.teamDomain, audience: auth.audience, now });
      if (!result.ok) {
        return result.reason === 'keys-unavailable'
          ? adminMessage(page, 503, page.s.forbiddenTitle, page.s.accessUnavailable, undefined, { 'retry-after': '30' })
          : adminMessage(page, 403, page.s.forbiddenTitle, page.s.accessDenied);
      }
      who = result.identity.email || result.identity.subject;
      // A new Access login (new iat) gets new CSRF tokens.
      binding = `access:${result.identity.subject}:${result.identity.issuedAt}`;
    } else {
      passwordSession = await readAdminSession(request, env.DB, settings, now);
      if (!passwordSession) {
        const url = new URL(request.url);
        if (request.method === 'GET') {
          return adminRedirect(`/admin/login?${new URLSearchParams({ next: url.pathname + url.search })}`);
        }
        return adminMessage(page, 403, page.s.forbiddenTitle, page.s.sessionExpired);
      }
      who = page.settings.authorName;
      binding = `session:${passwordSession.id}`;
    }

    const csrfToken = await csrfTokenFor(binding, settings.sessionKey);
    const session: AdminSessionView = {
      who,
      csrfToken,
      pendingCount: 0,
      mentionsPendingCount: 0,
      logout: auth.kind === 'access' ? 'access' : 'form',
    };
    let form: FormData | null = null;
    let counts: StatusCounts | null = null;
    if (request.method === 'POST') {
      const refused = () => adminMessage(page, 403, page.s.csrfTitle, page.s.csrfText, session);
      if (!isSameOrigin(request)) return refused();
      // The desk edits and answers comments: its cap holds the longest one, as the comment form's does.
      const body = await readFormBody(request, COMMENT_FORM_MAX_BYTES);
      if ('error' in body) return formBodyError(page, body.error, session);
      form = body.form;
      const token = form.get(CSRF_FIELD);
      if (typeof token !== 'string' || !(await isValidCsrfToken(binding, token, settings.sessionKey))) return refused();
    } else {
      const [comments, mentions] = await Promise.all([countCommentsByStatus(env.DB), countPendingMentions(env.DB)]);
      counts = comments;
      session.pendingCount = counts.pending;
      session.mentionsPendingCount = mentions;
    }
    return handler({ request, env, ctx, page, session, counts, settings, passwordSession, now, form });
  };
}

/** A desk form is posted from the desk itself: the comment form's cross-site check, with this origin only. */
export function isSameOrigin(request: Request): boolean {
  return !isCrossSitePost(request, [new URL(request.url).origin]);
}

export function formBodyError(page: AdminPageContext, error: 400 | 413 | 415, session?: AdminSessionView): Response {
  const { t } = page.locale;
  const messages: Record<typeof error, [string, string]> = {
    400: [t.badRequestTitle, t.malformedFormText],
    413: [t.tooLargeTitle, t.tooLargeText],
    415: [t.unsupportedTitle, t.unsupportedText],
  };
  const [title, text] = messages[error];
  return adminMessage(page, error, title, text, session);
}
