// Building responses: HTML with the right headers, error pages in the blog's
// design, and the page context (settings + language) handlers need. The
// security headers are added to every response in src/index.ts (src/security/headers.ts).
import { TAGS } from '../cache/tags';
import { type Language, readSettings } from '../config';
import { lastReadMenu, type MenuPageRow } from '../db/menu';
import { type ErrorStatus, renderErrorPage } from '../views/error';
import { createLocale } from '../views/i18n';
import type { PageContext } from '../views/layout';
import { readerLanguage } from './reader-language';

/** `menu`: the header's menu read with the page's data (src/db/menu.ts); else the one read last. */
export function pageContext(env: Env, language?: Language, menu?: MenuPageRow[]): PageContext {
  const settings = readSettings(env);
  return {
    settings,
    locale: createLocale(language ?? settings.language, settings.timeZone),
    menu: menu ?? lastReadMenu(),
  };
}

/** A tagged page also carries the menu's tag: every page shows the menu, which publishing a page changes. */
export function htmlResponse(body: string, status = 200, headers: Record<string, string> = {}): Response {
  const tags = headers['cache-tag'];
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      ...headers,
      ...(tags ? { 'cache-tag': `${tags},${TAGS.menu}` } : {}),
    },
  });
}

export function errorPage(env: Env, status: ErrorStatus, headers: Record<string, string> = {}): Response {
  return htmlResponse(renderErrorPage(pageContext(env), status), status, headers);
}

/** A form body that could not be read: its own words for 400, the usual ones otherwise. */
export function formBodyErrorPage(env: Env, status: 400 | 413 | 415): Response {
  const ctx = pageContext(env);
  const text = status === 400 ? ctx.locale.t.malformedFormText : undefined;
  return htmlResponse(renderErrorPage(ctx, status, text), status, { 'cache-control': 'no-store' });
}

/** Seconds a reader (or a crawler) is asked to wait when the database is failing. */
export const UNAVAILABLE_RETRY_SECONDS = 30;

/** The database is failing: 503, in the reader's language, with when to come back; never cached. */
export function unavailablePage(env: Env, request: Request): Response {
  const ctx = pageContext(env, readerLanguage(request, readSettings(env).language));
  return htmlResponse(renderErrorPage(ctx, 503), 503, {
    'retry-after': String(UNAVAILABLE_RETRY_SECONDS),
    'cache-control': 'no-store',
  });
}

export function redirect(location: string, status: 301 | 302 | 303 = 301): Response {
  return new Response(null, { status, headers: { location } });
}

/** Current time in Unix seconds, the unit of every timestamp in D1. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
