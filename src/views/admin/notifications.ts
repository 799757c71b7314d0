// The notifications log: every e-mail the blog sent or meant to send, newest
// first, its recipient masked, its state and why (in the desk's language).
// Failed ones stand out. With notifications off, how to turn them on first.
import type { LogCursor, NotificationLogPage, NotificationLogRow } from '../../db/notification-log';
import { html } from '../html';
import { articlePath } from '../layout';
import { type AdminPageContext, type AdminSessionView, renderAdminLayout } from './layout';
import { maskAddress } from './mask-address';
import type { LoggedReason, NotificationDeskStrings } from './strings-notifications';

export interface NotificationLogView {
  enabled: boolean;
  log: NotificationLogPage;
}

const cursorParam = (cursor: LogCursor) => `${cursor.createdAt}-${cursor.id}`;

export function notificationLogPath(direction?: 'before' | 'after', cursor?: LogCursor | null): string {
  return direction && cursor ? `/admin/notifications?${direction}=${cursorParam(cursor)}` : '/admin/notifications';
}

export function renderNotificationLog(
  ctx: AdminPageContext,
  session: AdminSessionView,
  view: NotificationLogView,
): string {
  const n = ctx.s.notifications;
  const { log } = view;
  const dateTime = new Intl.DateTimeFormat(ctx.locale.t.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: ctx.settings.timeZone,
  });
  const main = html`<h1>${n.title}</h1>
${view.enabled ? '' : renderHowToTurnOn(n, log.items.length > 0 || log.newer !== null)}
${
  log.items.length === 0 && !log.newer
    ? html`<p class="empty">${n.empty}</p>`
    : html`<p>${n.intro}</p>
<table class="desk-articles notification-log">
<thead><tr><th scope="col">${n.columns.date}</th><th scope="col">${n.columns.kind}</th><th scope="col">${n.columns.comment}</th><th scope="col">${n.columns.recipient}</th><th scope="col">${n.columns.state}</th><th scope="col">${n.columns.attempts}</th></tr></thead>
<tbody>
${log.items.map((row) => renderRow(ctx, row, dateTime))}
</tbody>
</table>`
}
${renderLogPaging(ctx, log)}`;
  return renderAdminLayout(ctx, { title: n.title, main, session, current: 'notifications' });
}

function renderHowToTurnOn(n: NotificationDeskStrings, hasLog: boolean) {
  return html`<section class="notice notice-error notifications-off">
<h2>${n.offTitle}</h2>
<p>${n.offIntro}</p>
<ol>
${n.offSteps.map(([text, code]) => html`<li>${text}${code ? html`<pre><code>${code}</code></pre>` : ''}</li>`)}
</ol>
${hasLog ? html`<p>${n.offLog}</p>` : ''}
</section>`;
}

function renderRow(ctx: AdminPageContext, row: NotificationLogRow, dateTime: Intl.DateTimeFormat) {
  const n = ctx.s.notifications;
  const failed = row.state === 'failed';
  return html`<tr id="notification-${row.id}" class="notification-${row.state}">
<td><time datetime="${new Date(row.created_at * 1000).toISOString()}">${dateTime.format(row.created_at * 1000)}</time></td>
<td>${n.kind[row.kind] ?? row.kind}</td>
<td><a href="/admin/comments/${row.comment_id}/edit">${n.comment(row.comment_id)}</a> ${n.by(row.comment_author)}<br>${n.onArticle} <a href="${articlePath(row.article_slug)}#comment-${row.comment_id}">${row.article_title}</a></td>
<td>${maskAddress(row.recipient)}</td>
<td>${failed ? html`<strong>${n.state[row.state]}</strong>` : n.state[row.state]}${renderReason(n, row)}</td>
<td>${ctx.locale.formatNumber(row.attempts)}</td>
</tr>`;
}

const SEND_FAILED = 'send failed: ';

/** The consumer's reason codes, translated; an error's own text is shown as code, escaped. */
function renderReason(n: NotificationDeskStrings, row: NotificationLogRow) {
  const { reason } = row;
  if (!reason || row.state === 'sent') return '';
  if (reason.startsWith(SEND_FAILED)) {
    return html`<br>${n.sendFailed} <code>${reason.slice(SEND_FAILED.length)}</code>${row.state === 'queued' ? html` ${n.willRetry}` : ''}`;
  }
  if (reason === 'retries exhausted') return html`<br>${n.retriesExhausted}`;
  const known = Object.hasOwn(n.reason, reason) ? n.reason[reason as LoggedReason] : null;
  return html`<br>${known ?? html`<code>${reason}</code>`}`;
}

function renderLogPaging(ctx: AdminPageContext, log: NotificationLogPage) {
  if (!log.newer && !log.older) return '';
  const { s } = ctx;
  const n = s.notifications;
  return html`<nav class="pagination" aria-label="${s.pagination}">
${log.newer ? html`<a href="${notificationLogPath()}">${n.newest}</a> <a href="${notificationLogPath('after', log.newer)}" rel="prev">${n.newer}</a>` : ''}
${log.older ? html`<a href="${notificationLogPath('before', log.older)}" rel="next">${n.older}</a>` : ''}
</nav>`;
}
