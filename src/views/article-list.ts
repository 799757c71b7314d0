// A paginated list of article summaries, shared by the home, tag and date archive pages.
import type { ArticleSummaryRow, Page } from '../db/types';
import { html, type SafeHtml } from './html';
import { articlePath, type PageContext, pagePath } from './layout';
import { remembered } from './memo';

export function renderArticleList(ctx: PageContext, articles: ArticleSummaryRow[]): SafeHtml {
  const { locale } = ctx;
  if (articles.length === 0) return html`<p class="empty">${locale.t.noArticles}</p>`;
  return html`<ol class="article-list">
${articles.map(
  (article) => html`<li>
<article class="${article.pinned ? 'summary pinned' : 'summary'}" lang="${article.language}">
${article.pinned ? html`<p class="pinned-label" lang="${locale.language}">${locale.t.archives.pinned}</p>` : ''}
<h2><a href="${articlePath(article.slug)}">${article.protected ? locale.t.protectedArticle.titlePrefix : ''}${article.title}</a></h2>
<p class="post-meta"><time datetime="${isoDate(article.published_at)}">${locale.formatDate(article.published_at)}</time>
· <a href="${articlePath(article.slug)}#comments">${locale.t.commentCount(article.comment_count, locale.formatNumber(article.comment_count))}</a></p>
${article.excerpt && !article.protected ? html`<p>${article.excerpt}</p>` : ''}
</article>
</li>`,
)}
</ol>`;
}

export function renderPagination(ctx: PageContext, page: Page<unknown>, basePath: string): SafeHtml {
  if (page.pageCount <= 1) return html``;
  const { t } = ctx.locale;
  return html`<nav class="pagination" aria-label="${t.pagination}">
${page.page > 1 ? html`<a rel="prev" href="${pagePath(basePath, page.page - 1)}">← ${t.newerPosts}</a>` : ''}
<span>${t.pageOf(page.page, page.pageCount)}</span>
${page.page < page.pageCount ? html`<a rel="next" href="${pagePath(basePath, page.page + 1)}">${t.olderPosts} →</a>` : ''}
</nav>`;
}

/** A <time datetime> in UTC to the second: dates are whole seconds, so ".000" would only add weight. */
export const isoDate = remembered((unixSeconds: number): string =>
  new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
);
