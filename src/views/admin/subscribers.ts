// An article's subscribers: one row per address (masked), what it follows,
// since when, whether it confirmed; a button to remove it, which asks first
// (the page after it posts the same decision again with `confirmed=yes`).
// The forms name a subscription by its id, so no page carries an address.
import type { DeskArticleHeading, DeskSubscriptionRow } from '../../db/notification-log';
import { html } from '../html';
import { articlePath } from '../layout';
import { type AdminPageContext, type AdminSessionView, renderAdminLayout } from './layout';
import { maskAddress } from './mask-address';

export const subscribersPath = (articleId: number) => `/admin/articles/${articleId}/subscribers`;

/** Subscriptions (sorted by address) grouped by address. */
function bySubscriber(subscriptions: readonly DeskSubscriptionRow[]): DeskSubscriptionRow[][] {
  const groups: DeskSubscriptionRow[][] = [];
  for (const row of subscriptions) {
    const last = groups.at(-1);
    if (last?.[0]?.email === row.email) last.push(row);
    else groups.push([row]);
  }
  return groups;
}

export function renderArticleSubscribers(
  ctx: AdminPageContext,
  session: AdminSessionView,
  view: { article: DeskArticleHeading; subscriptions: DeskSubscriptionRow[]; notice: string | null },
): string {
  const sub = ctx.s.notifications.subscribers;
  const title = sub.title(view.article.title);
  const groups = bySubscriber(view.subscriptions);
  const main = html`<h1>${title}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
<p><a href="${articlePath(view.article.slug)}">${view.article.title}</a></p>
${
  groups.length === 0
    ? html`<p class="empty">${sub.empty}</p>`
    : html`<p>${sub.intro}</p>
<table class="desk-articles subscribers">
<thead><tr><th scope="col">${sub.columns.address}</th><th scope="col">${sub.columns.follows}</th><th scope="col">${sub.columns.confirmed}</th><th scope="col">${sub.columns.actions}</th></tr></thead>
<tbody>
${groups.map((group) => renderSubscriber(ctx, session, view.article.id, group))}
</tbody>
</table>`
}`;
  return renderAdminLayout(ctx, { title, main, session, current: 'articles' });
}

function renderFollows(ctx: AdminPageContext, group: readonly DeskSubscriptionRow[]) {
  const sub = ctx.s.notifications.subscribers;
  return html`<ul>
${group.map(
  (row) =>
    html`<li><a href="/admin/comments/${row.comment_id}/edit">${row.scope === 'thread' ? sub.thread(row.comment_id) : sub.article(row.comment_id)}</a>, ${sub.since(ctx.locale.formatDate(row.created_at))}</li>`,
)}
</ul>`;
}

function renderSubscriber(
  ctx: AdminPageContext,
  session: AdminSessionView,
  articleId: number,
  group: DeskSubscriptionRow[],
) {
  const sub = ctx.s.notifications.subscribers;
  const first = group[0] as DeskSubscriptionRow;
  const masked = maskAddress(first.email);
  return html`<tr id="subscriber-${first.id}">
<td>${masked}</td>
<td>${renderFollows(ctx, group)}</td>
<td>${first.confirmed_at === null ? sub.unconfirmed : sub.confirmedOn(ctx.locale.formatDate(first.confirmed_at))}</td>
<td><form method="post" action="${subscribersPath(articleId)}" class="inline-form">
<input type="hidden" name="csrf" value="${session.csrfToken}">
<input type="hidden" name="subscription" value="${first.id}">
<button type="submit" class="button button-danger" aria-label="${sub.removeLabel(masked)}">${sub.remove}</button>
</form></td>
</tr>`;
}

export function renderRemoveSubscriberConfirmation(
  ctx: AdminPageContext,
  session: AdminSessionView,
  view: { article: DeskArticleHeading; subscriptions: DeskSubscriptionRow[] },
): string {
  const sub = ctx.s.notifications.subscribers;
  const first = view.subscriptions[0] as DeskSubscriptionRow;
  const main = html`<h1>${sub.confirmTitle}</h1>
<p class="notice notice-error">${sub.confirmWarning}</p>
<ul class="delete-list">
<li><p class="queue-meta"><strong>${maskAddress(first.email)}</strong> · ${ctx.s.onArticle} <a href="${articlePath(view.article.slug)}">${view.article.title}</a></p>
${renderFollows(ctx, view.subscriptions)}</li>
</ul>
<form method="post" action="${subscribersPath(view.article.id)}" class="confirm-delete">
<input type="hidden" name="csrf" value="${session.csrfToken}">
<input type="hidden" name="subscription" value="${first.id}">
<input type="hidden" name="confirmed" value="yes">
<p class="form-actions">
<a class="button" href="${subscribersPath(view.article.id)}">${ctx.s.cancel}</a>
<button type="submit" class="button button-danger">${sub.remove}</button>
</p>
</form>`;
  return renderAdminLayout(ctx, { title: sub.confirmTitle, main, session, current: 'articles' });
}
