// Articles and their discussions: counts, and closing or reopening comments.
import type { DeskArticleRow } from '../../db/moderation-edits';
import type { Page } from '../../db/types';
import { html } from '../html';
import { articlePath } from '../layout';
import { type AdminPageContext, type AdminSessionView, renderAdminLayout, renderPagination } from './layout';

export function renderDeskArticles(
  ctx: AdminPageContext,
  session: AdminSessionView,
  view: { articles: Page<DeskArticleRow>; now: number; notice: string | null },
): string {
  const { s, locale } = ctx;
  const main = html`<h1>${s.articles}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
<table class="desk-articles">
<thead><tr><th scope="col">${s.articleColumns.title}</th><th scope="col">${s.articleColumns.date}</th><th scope="col">${s.articleColumns.comments}</th><th scope="col">${s.articleColumns.status}</th></tr></thead>
<tbody>
${view.articles.items.map(
  (article) => html`<tr id="article-${article.id}">
<td><a href="${articlePath(article.slug)}">${article.title}</a><br><a class="subscribers-link" href="/admin/articles/${article.id}/subscribers">${s.notifications.subscribers.link}</a></td>
<td>${locale.formatDate(article.published_at)}${article.published_at > view.now ? html` <span class="badge">${s.scheduled}</span>` : ''}</td>
<td>${s.articleCounts(article.approved_count, article.pending_count, locale.formatNumber)}</td>
<td><form method="post" action="/admin/articles/${article.id}/comments" class="discussion-form">
<input type="hidden" name="csrf" value="${session.csrfToken}">
<input type="hidden" name="page" value="${view.articles.page}">
<span class="discussion-state">${article.comments_open ? s.commentsOpen : s.commentsClosed}</span>
<button type="submit" class="button" name="comments" value="${article.comments_open ? 'close' : 'open'}">${article.comments_open ? s.closeComments : s.openComments}</button>
</form></td>
</tr>`,
)}
</tbody>
</table>
${renderPagination(ctx, view.articles.page, view.articles.pageCount, (page) => (page > 1 ? `/admin/articles?page=${page}` : '/admin/articles'))}`;
  return renderAdminLayout(ctx, { title: s.articles, main, session, current: 'articles' });
}
