import type { ArticleSummaryRow, Page } from '../db/types';
import { renderArticleList, renderPagination } from './article-list';
import { html } from './html';
import { type PageContext, pagePath, renderLayout } from './layout';

export function renderHomePage(ctx: PageContext, articles: Page<ArticleSummaryRow>): string {
  const { t } = ctx.locale;
  const heading = articles.page > 1 ? t.pageOf(articles.page, articles.pageCount) : ctx.settings.title;
  return renderLayout(ctx, {
    title: articles.page > 1 ? heading : undefined,
    canonicalPath: pagePath('/', articles.page),
    main: html`<h1 class="${articles.page > 1 ? '' : 'visually-hidden'}">${heading}</h1>
${renderArticleList(ctx, articles.items)}
${renderPagination(ctx, articles, '/')}`,
  });
}
