// The desk's page shell: the blog's stylesheet and language, a header with
// the pending count and the way out, no script at all.
import type { BlogSettings } from '../../config';
import { html, type SafeHtml } from '../html';
import type { Locale } from '../i18n';
import type { AdminStrings } from './strings';

export interface AdminPageContext {
  settings: BlogSettings;
  locale: Locale;
  s: AdminStrings;
}

/** What a signed-in page knows about its reader. */
export interface AdminSessionView {
  who: string;
  csrfToken: string;
  pendingCount: number;
  /** Mentions awaiting a decision (Webmention, trackbacks). */
  mentionsPendingCount: number;
  /** A password session ends with a POST; behind Access, Access's own logout. */
  logout: 'form' | 'access';
}

export interface AdminLayoutOptions {
  title: string;
  main: SafeHtml;
  session?: AdminSessionView;
  /** Which navigation link is the current page. */
  current?: 'comments' | 'mentions' | 'articles' | 'notifications';
}

export function renderAdminLayout(ctx: AdminPageContext, options: AdminLayoutOptions): string {
  const { s, settings, locale } = ctx;
  return html`<!doctype html>
<html lang="${locale.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${options.title} – ${s.desk} – ${settings.title}</title>
<link rel="stylesheet" href="/style.css">
<link rel="stylesheet" href="/admin.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body class="admin">
<a class="skip-link" href="#content">${locale.t.skipToContent}</a>
<header class="site-header admin-header">
<div class="wrap">
<p class="site-title"><a href="/admin">${s.desk}</a> <span class="admin-blog">${settings.title}</span></p>
${options.session ? renderNavigation(ctx, options.session, options.current) : ''}
</div>
</header>
<main id="content" class="wrap admin-main">
${options.main}
</main>
</body>
</html>
`.value;
}

function renderNavigation(ctx: AdminPageContext, session: AdminSessionView, current: AdminLayoutOptions['current']) {
  const { s, locale } = ctx;
  const here = (page: AdminLayoutOptions['current']) => (page === current ? html` aria-current="page"` : '');
  return html`<nav class="admin-nav" aria-label="${s.desk}">
<ul>
<li><a href="/admin/comments"${here('comments')}>${s.comments}</a>${
    session.pendingCount > 0
      ? html` <span class="badge">${s.pendingBadge(session.pendingCount, locale.formatNumber(session.pendingCount))}</span>`
      : ''
  }</li>
<li><a href="/admin/mentions"${here('mentions')}>${s.mentions.title}</a>${
    session.mentionsPendingCount > 0
      ? html` <span class="badge">${s.pendingBadge(session.mentionsPendingCount, locale.formatNumber(session.mentionsPendingCount))}</span>`
      : ''
  }</li>
<li><a href="/admin/articles"${here('articles')}>${s.articles}</a></li>
<li><a href="/admin/notifications"${here('notifications')}>${s.notifications.title}</a></li>
<li><a href="/">${s.viewBlog}</a></li>
</ul>
<div class="admin-who">${s.signedInAs(session.who)} · ${
    session.logout === 'form'
      ? html`<form method="post" action="/admin/logout" class="inline-form"><input type="hidden" name="csrf" value="${session.csrfToken}"><button type="submit" class="link-button">${s.logout}</button></form>`
      : html`<a href="/cdn-cgi/access/logout">${s.logout}</a>`
  }</div>
</nav>`;
}

/** A page with a title, a message and a link onward (errors, refusals, set-up). */
export function renderAdminMessage(
  ctx: AdminPageContext,
  options: { title: string; body: SafeHtml; session?: AdminSessionView },
): string {
  return renderAdminLayout(ctx, {
    title: options.title,
    session: options.session,
    main: html`<section class="admin-message">
<h1>${options.title}</h1>
${options.body}
</section>`,
  });
}

export function renderPagination(
  ctx: AdminPageContext,
  page: number,
  pageCount: number,
  pathFor: (page: number) => string,
) {
  if (pageCount <= 1) return '';
  const { s } = ctx;
  return html`<nav class="pagination" aria-label="${s.pagination}">
${page > 1 ? html`<a href="${pathFor(page - 1)}" rel="prev">${s.previous}</a>` : ''}
<span>${s.pageOf(page, pageCount)}</span>
${page < pageCount ? html`<a href="${pathFor(page + 1)}" rel="next">${s.next}</a>` : ''}
</nav>`;
}
