// The moderation queue: one status at a time, newest first, every comment
// with what it takes to judge it and a button per decision. Works without
// script: row buttons and the bulk action submit the same form.
import type { ModerationCommentRow, ModerationStatus, StatusCounts } from '../../db/moderation';
import { MODERATION_STATUSES } from '../../db/moderation';
import type { Page } from '../../db/types';
import { mailtoHref } from '../../mail-address';
import { renderCommentBody } from '../comments';
import { html } from '../html';
import { articlePath } from '../layout';
import { type AdminPageContext, type AdminSessionView, renderAdminLayout, renderPagination } from './layout';
import { ACTIONS_BY_STATUS, renderBulkQueueForm, renderRowActions, renderRowSelect } from './queue-form';
import type { ModerationAction } from './strings';

export interface QueueView {
  status: ModerationStatus;
  counts: StatusCounts;
  comments: Page<ModerationCommentRow>;
  /** A message after an action (already in the reader's language). */
  notice: string | null;
}

export function queuePath(status: ModerationStatus, page = 1): string {
  const query = new URLSearchParams({ status });
  if (page > 1) query.set('page', String(page));
  return `/admin/comments?${query}`;
}

export function renderModerationQueue(ctx: AdminPageContext, session: AdminSessionView, view: QueueView): string {
  const { s } = ctx;
  const { status, comments } = view;
  const actions = ACTIONS_BY_STATUS[status];
  const main = html`<h1>${s.comments} – ${s.statusTab[status]}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${renderTabs(ctx, view)}
${
  comments.items.length === 0
    ? html`<p class="empty">${s.emptyQueue[status]}</p>`
    : html`${renderBulkQueueForm(ctx, session, {
        action: '/admin/comments',
        status,
        page: comments.page,
        actions,
        headings: [s.columns.author, s.columns.comment, s.columns.details, s.columns.actions],
        rows: comments.items.map((comment) => renderRow(ctx, comment, actions)),
      })}
${comments.items.map((comment) => html`<form id="reply-${comment.id}" method="post" action="/admin/comments/${comment.id}/reply" hidden><input type="hidden" name="csrf" value="${session.csrfToken}"></form>`)}`
}
${renderPagination(ctx, comments.page, comments.pageCount, (page) => queuePath(status, page))}`;
  return renderAdminLayout(ctx, {
    title: `${s.comments} – ${s.statusTab[status]}`,
    main,
    session,
    current: 'comments',
  });
}

function renderTabs(ctx: AdminPageContext, view: QueueView) {
  const { s, locale } = ctx;
  return html`<nav class="queue-tabs" aria-label="${s.comments}"><ul>
${MODERATION_STATUSES.map(
  (status) =>
    html`<li><a href="${queuePath(status)}"${status === view.status ? html` aria-current="page"` : ''}>${s.statusTab[status]} <span class="count">(${locale.formatNumber(view.counts[status])})</span></a></li>`,
)}
</ul></nav>`;
}

function renderRow(ctx: AdminPageContext, comment: ModerationCommentRow, actions: ModerationAction[]) {
  const { s, locale } = ctx;
  const id = comment.id;
  return html`<tr id="comment-${id}">
${renderRowSelect(id, s.selectComment(id))}
<td class="queue-author">
<strong>${comment.author_name}</strong>${comment.is_author ? html` <span class="badge">${s.authorBadge}</span>` : ''}
${comment.author_email ? html`<br><a href="${mailtoHref(comment.author_email)}">${comment.author_email}</a>` : ''}
${comment.author_url ? html`<br>${s.website} <a href="${comment.author_url}" rel="nofollow noopener">${comment.author_url}</a>` : ''}
</td>
<td class="queue-comment">
<p class="queue-meta">${s.onArticle} <a href="${articlePath(comment.article_slug)}">${comment.article_title}</a> · <time datetime="${new Date(comment.created_at * 1000).toISOString()}">${locale.formatDate(comment.created_at)}</time>${
    comment.parent_author ? html` · ${s.inReplyTo(comment.parent_author)}` : ''
  }</p>
<div class="queue-body queue-body-formatted">${renderCommentBody(comment)}</div>
<details class="queue-reply">
<summary>${s.reply}</summary>
<label for="reply-body-${id}">${s.replyLabel}</label>
<textarea id="reply-body-${id}" name="body" rows="4" form="reply-${id}" required></textarea>
<button type="submit" form="reply-${id}" class="button button-primary">${s.replySubmit}</button>
</details>
</td>
<td class="queue-details"><ul>
${
  // The author's replies are written here, behind the desk's login: no bot check, no IP address to compare.
  comment.is_author
    ? html`<li>${s.authorReply}</li>`
    : html`<li>${comment.turnstile_verified ? s.turnstileVerified : s.turnstileUnverified}</li>
${comment.status === 'pending' && comment.held_reason ? html`<li>${s.heldReason[comment.held_reason] ?? comment.held_reason}</li>` : ''}
<li>${s.ipMatches(comment.ip_matches, locale.formatNumber(comment.ip_matches))}</li>`
}
</ul></td>
${renderRowActions(ctx, id, actions, html`<a class="button" href="/admin/comments/${id}/edit">${s.edit}</a>`)}
</tr>`;
}
