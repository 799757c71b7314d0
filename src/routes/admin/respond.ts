// Responses of the desk: never stored by any cache, never indexed, and the
// desk's own pages for refusals. Its stricter security headers (no script,
// same-origin referrer) come from src/security/headers.ts, like every response's.
import type { Language } from '../../config';
import { readSettings } from '../../config';
import { type AdminPageContext, type AdminSessionView, renderAdminMessage } from '../../views/admin/layout';
import { renderSetupPage } from '../../views/admin/login';
import { ADMIN_STRINGS } from '../../views/admin/strings';
import { html } from '../../views/html';
import { createLocale } from '../../views/i18n';

const ADMIN_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
};

export function adminPageContext(env: Env, language?: Language): AdminPageContext {
  const settings = readSettings(env);
  const lang = language ?? settings.language;
  return { settings, locale: createLocale(lang, settings.timeZone), s: ADMIN_STRINGS[lang] };
}

export function adminHtml(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...ADMIN_HEADERS, ...headers } });
}

/** After a POST: back to a page of the desk (303, so a reload does not post again). */
export function adminRedirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...headers } });
}

export function adminMessage(
  page: AdminPageContext,
  status: 400 | 403 | 404 | 413 | 415 | 503,
  title: string,
  text: string,
  session?: AdminSessionView,
  headers: Record<string, string> = {},
): Response {
  const body = html`<p>${text}</p>`;
  return adminHtml(renderAdminMessage(page, { title, body, session }), status, headers);
}

export function setupRequired(page: AdminPageContext): Response {
  // 503: the desk exists but cannot serve anyone until its author configures it.
  return adminHtml(renderSetupPage(page), 503);
}

/** Only paths of the desk, so a login cannot send its author elsewhere. */
export function safeNextPath(value: unknown): string {
  return typeof value === 'string' && /^\/admin(?:[/?#]|$)/.test(value) && !value.includes('\\')
    ? value
    : '/admin/comments';
}
