// The mention queue, beside the comment queue and built like it: one status
// at a time, newest first, each mention with its source, the article it
// names, what verification found and its excerpt, a button per decision.
import type { ModerationMentionRow } from '../../db/mention-moderation';
import type { ModerationStatus, StatusCounts } from '../../db/moderation';
import { MODERATION_STATUSES } from '../../db/moderation';
import type { Page } from '../../db/types';
import { html } from '../html';
import { articlePath } from '../layout';
import { type AdminPageContext, type AdminSessionView, renderAdminLayout, renderPagination } from './layout';
import { ACTIONS_BY_STATUS, renderBulkQueueForm, renderRowActions, renderRowSelect } from './queue-form';
import type { ModerationAction } from './strings';

export interface MentionQueueView {
  status: ModerationStatus;
  counts: StatusCounts;
  mentions: Page<ModerationMentionRow>;
  notice: string | null;
}

export function mentionQueuePath(status: ModerationStatus, page = 1): string {
  const query = new URLSearchParams({ status });
  if (page > 1) query.set('page', String(page));
  return `/admin/mentions?${query}`;
}

export function renderMentionQueue(ctx: AdminPageContext, session: AdminSessionView, view: MentionQueueView): string {
  const { s, locale } = ctx;
  const m = s.mentions;
  const { status, mentions } = view;
  const actions = ACTIONS_BY_STATUS[status];
  const main = html`<h1>${m.title} – ${s.statusTab[status]}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
<nav class="queue-tabs" aria-label="${m.title}"><ul>
${MODERATION_STATUSES.map(
  (tab) =>
    html`<li><a href="${mentionQueuePath(tab)}"${tab === status ? html` aria-current="page"` : ''}>${s.statusTab[tab]} <span class="count">(${locale.formatNumber(view.counts[tab])})</span></a></li>`,
)}
</ul></nav>
${
  mentions.items.length === 0
    ? html`<p class="empty">${m.emptyQueue[status]}</p>`
    : renderBulkQueueForm(ctx, session, {
        action: '/admin/mentions',
        status,
        page: mentions.page,
        actions,
        headings: [m.columns.source, m.columns.mention, m.columns.details, m.columns.actions],
        rows: mentions.items.map((mention) => renderRow(ctx, mention, actions)),
      })
}
${renderPagination(ctx, mentions.page, mentions.pageCount, (page) => mentionQueuePath(status, page))}`;
  return renderAdminLayout(ctx, { title: `${m.title} – ${s.statusTab[status]}`, main, session, current: 'mentions' });
}

function renderRow(ctx: AdminPageContext, mention: ModerationMentionRow, actions: ModerationAction[]) {
  const { s, locale } = ctx;
  const m = s.mentions;
  const id = mention.id;
  const shown = mention.verification === 'verified' || (mention.verification === 'queued' && mention.verified_at);
  return html`<tr id="mention-${id}">
${renderRowSelect(id, m.selectMention(id))}
<td class="queue-author">
${mention.author_name ? html`<strong>${mention.author_name}</strong><br>` : ''}
<a href="${mention.source_url}" rel="nofollow noopener noreferrer">${mention.source_url}</a>
</td>
<td class="queue-comment">
<p class="queue-meta">${m.kind[mention.kind]} · ${m.target} <a href="${articlePath(mention.article_slug)}">${mention.article_title}</a> · <time datetime="${new Date(mention.received_at * 1000).toISOString()}">${locale.formatDate(mention.received_at)}</time></p>
${mention.title ? html`<p><strong>${mention.title}</strong></p>` : ''}
${mention.excerpt ? html`<p class="queue-body">${mention.excerpt}</p>` : ''}
</td>
<td class="queue-details"><ul>
<li class="verification-${mention.verification}">${m.verification[mention.verification]}</li>
${mention.status === 'approved' && !shown ? html`<li>${m.notShown}</li>` : ''}
</ul></td>
${renderRowActions(ctx, id, actions)}
</tr>`;
}
