import type { ArticleSummaryRow, Page } from '../db/types';
import { ARCHIVES_PATH } from './archives';
import { renderArticleList, renderPagination } from './article-list';
import { html } from './html';
import { type PageContext, pagePath, renderLayout } from './layout';
import { homeSeo } from './seo/pages';

export function renderHomePage(ctx: PageContext, articles: Page<ArticleSummaryRow>): string {
  const { t } = ctx.locale;
  const heading = articles.page > 1 ? t.pageOf(articles.page, articles.pageCount) : ctx.settings.title;
  return renderLayout(ctx, {
    documentTitle: homeTitle(ctx, articles.page),
    canonicalPath: pagePath('/', articles.page),
    noindex: ctx.settings.noindexPagination && articles.page > 1,
    seo: homeSeo(ctx, articles.items),
    main: html`<h1 class="${articles.page > 1 ? '' : 'visually-hidden'}">${heading}</h1>
${renderArticleList(ctx, articles.items)}
${renderPagination(ctx, articles, '/')}
<p class="archives-link"><a href="${ARCHIVES_PATH}">${t.archives.title}</a></p>`,
  });
}

/** "Blog – description" on the first page, "Blog – Page N" after it. */
function homeTitle(ctx: PageContext, page: number): string {
  const { title, description } = ctx.settings;
  if (page > 1) return `${title} – ${ctx.locale.t.pageTitle(page)}`;
  return description ? `${title} – ${description}` : title;
}
