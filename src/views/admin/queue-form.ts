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
<button type="submit" class="button">${s.bulkApply}</button>
</p>
<table class="queue">
<thead><tr><th scope="col"><span class="visually-hidden">✓</span></th>${form.headings.map((heading) => html`<th scope="col">${heading}</th>`)}</tr></thead>
<tbody>
${form.rows}
</tbody>
</table>
</form>`;
}

/** A row's tick box, inside a label the size of a fingertip. */
export function renderRowSelect(id: number, label: string): SafeHtml {
  return html`<td class="queue-select"><label class="select-row"><input type="checkbox" name="id" value="${id}" id="select-${id}" aria-label="${label}"></label></td>`;
}

const BUTTON_CLASS: Record<ModerationAction, string> = {
  approve: 'button button-primary',
  unapprove: 'button',
  spam: 'button',
  trash: 'button',
  delete: 'button button-danger',
};

/**
 * A row's buttons: what keeps or restores the item first, then `extra` (the
 * comment's Edit link), then what sets it aside; deleting for good (which
 * asks first) stands apart in its own group, far from Approve.
 */
export function renderRowActions(
  ctx: AdminPageContext,
  id: number,
  actions: readonly ModerationAction[],
  extra: SafeHtml | '' = '',
): SafeHtml {
  const { s } = ctx;
  const button = (action: ModerationAction) =>
    html`<button type="submit" name="one" value="${action}:${id}" class="${BUTTON_CLASS[action]}">${s.action[action]}</button>`;
  const keep = actions.filter((action) => action === 'approve' || action === 'unapprove');
  const aside = actions.filter((action) => action === 'spam' || action === 'trash');
  return html`<td class="queue-actions">
<div class="actions">${keep.map(button)}${extra}${aside.map(button)}</div>
${actions.includes('delete') ? html`<div class="actions actions-danger">${button('delete')}</div>` : ''}
</td>`;
}
