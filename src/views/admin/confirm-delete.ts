// The page between "Delete for good" and the deletion: what would go, a
// warning that it cannot be undone, and a form that posts the same decision
// again with `confirmed=yes` (and the session's CSRF token) or a way back.
// No script: the desk has none, so the question is a page of its own.
import type { DeletionCandidate, ModerationStatus } from '../../db/moderation';
import { html } from '../html';
import { articlePath } from '../layout';
import { type AdminPageContext, type AdminSessionView, renderAdminLayout } from './layout';
import type { DeleteConfirmStrings } from './strings';

export interface DeleteConfirmView {
  /** Which queue asks: its navigation link, its strings, where the form posts. */
  queue: 'comments' | 'mentions';
  items: readonly DeletionCandidate[];
  /** The queue's status and page, posted back so the deletion returns there. */
  status: ModerationStatus;
  page: number;
  /** Where "Cancel" goes: the queue as it was. */
  back: string;
}

export function renderDeleteConfirmation(
  ctx: AdminPageContext,
  session: AdminSessionView,
  view: DeleteConfirmView,
): string {
  const { s, locale } = ctx;
  const strings: DeleteConfirmStrings = view.queue === 'comments' ? s.confirmDelete : s.mentions.confirmDelete;
  const count = view.items.length;
  const title = strings.title(count, locale.formatNumber(count));
  const main = html`<h1>${title}</h1>
<p class="notice notice-error">${strings.warning(count)}</p>
<ul class="delete-list">
${view.items.map(
  (item) => html`<li>
<p class="queue-meta"><strong>${item.who}</strong> · ${s.onArticle} <a href="${articlePath(item.article_slug)}">${item.article_title}</a></p>
${item.excerpt ? html`<p class="queue-body">${excerpt(item.excerpt)}</p>` : ''}
</li>`,
)}
</ul>
<form method="post" action="/admin/${view.queue}" class="confirm-delete">
<input type="hidden" name="csrf" value="${session.csrfToken}">
<input type="hidden" name="status" value="${view.status}">
<input type="hidden" name="page" value="${view.page}">
<input type="hidden" name="action" value="delete">
<input type="hidden" name="confirmed" value="yes">
${view.items.map((item) => html`<input type="hidden" name="id" value="${item.id}">`)}
<p class="form-actions">
<a class="button" href="${view.back}">${s.cancel}</a>
<button type="submit" class="button button-danger">${strings.submit}</button>
</p>
</form>`;
  return renderAdminLayout(ctx, { title, main, session, current: view.queue });
}

const EXCERPT_LENGTH = 300;

/** The database gives one character more than is shown: an ellipsis says the text goes on. */
function excerpt(text: string): string {
  const characters = [...text];
  return characters.length > EXCERPT_LENGTH ? `${characters.slice(0, EXCERPT_LENGTH).join('').trimEnd()}…` : text;
}
