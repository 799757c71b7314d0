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

const DEFAULT_NEXT = '/admin/comments';
// C0 and C1 controls and DEL (Unicode's Cc): the URL parser silently drops some (tab, CR, LF), a header cannot carry others.
const CONTROL_CHARACTER = /\p{Cc}/u;
// A line break is what a header injection needs: not a mistake to forgive.
const LINE_BREAK = /[\r\n]/;
const PARSE_BASE = 'https://desk.invalid';

/**
 * Where a login sends its author next: a path of the desk, read as a browser
 * would resolve it (dot segments, encoded dots, backslashes), so `/admin/../x`
 * or `/\evil` cannot leave the desk; anything else (control characters
 * included) gives the comment queue. `null`: the value holds a CR or LF, a
 * malformed request (400).
 */
export function nextDeskPath(value: unknown): string | null {
  if (typeof value !== 'string') return DEFAULT_NEXT;
  if (LINE_BREAK.test(value)) return null;
  if (CONTROL_CHARACTER.test(value) || !value.startsWith('/')) return DEFAULT_NEXT;
  const url = URL.parse(value, PARSE_BASE);
  if (url?.origin !== PARSE_BASE || !/^\/admin(?:\/|$)/.test(url.pathname)) return DEFAULT_NEXT;
  return url.pathname + url.search + url.hash;
}

/** The 400 for a `next` that cannot be read (a line break). */
export function malformedNext(page: AdminPageContext): Response {
  return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText);
}
