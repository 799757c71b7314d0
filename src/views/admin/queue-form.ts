// The form both desk queues (comments, mentions) are built around: the bulk
// action over the ticked rows and the table the rows sit in. One form, so the
// row buttons and the bulk action work without script and post the same
// fields (csrf, status and page to come back to, the action, the ids).
import type { ModerationStatus } from '../../db/moderation';
import { html, type SafeHtml } from '../html';
import type { AdminPageContext, AdminSessionView } from './layout';
import type { ModerationAction } from './strings';

/** The decisions offered for items of each status, in button order. */
export const ACTIONS_BY_STATUS: Record<ModerationStatus, ModerationAction[]> = {
  pending: ['approve', 'spam', 'trash'],
  approved: ['unapprove', 'spam', 'trash'],
  spam: ['approve', 'unapprove', 'delete'],
  trash: ['approve', 'unapprove', 'delete'],
};

export interface BulkQueueForm {
  /** Where the decisions are posted: the queue's own address. */
  action: string;
  /** The queue's status and page, for the redirect back after a decision. */
  status: ModerationStatus;
  page: number;
  /** The bulk action's choices (the rows' buttons use the same). */
  actions: readonly ModerationAction[];
  /** The column headings after the tick boxes' column. */
  headings: readonly string[];
  rows: readonly SafeHtml[];
}

export function renderBulkQueueForm(ctx: AdminPageContext, session: AdminSessionView, form: BulkQueueForm): SafeHtml {
  const { s } = ctx;
  return html`<form method="post" action="${form.action}" class="queue-form">
<input type="hidden" name="csrf" value="${session.csrfToken}">
<input type="hidden" name="status" value="${form.status}">
<input type="hidden" name="page" value="${form.page}">
<p class="bulk">
<label for="bulk-action">${s.bulkLabel}</label>
<select id="bulk-action" name="action">
${form.actions.map((action) => html`<option value="${action}">${s.action[action]}</option>`)}
</select>
<button type="submit">${s.bulkApply}</button>
</p>
<table class="queue">
<thead><tr><th scope="col"><span class="visually-hidden">✓</span></th>${form.headings.map((heading) => html`<th scope="col">${heading}</th>`)}</tr></thead>
<tbody>
${form.rows}
</tbody>
</table>
</form>`;
}
