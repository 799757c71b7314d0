// An author's page (a blog with several authors): their published articles,
// newest first, paginated like a tag's.
import type { AuthorRef } from '../db/authors';
import type { ArticleSummaryRow, Page } from '../db/types';
import { renderArticleList, renderPagination } from './article-list';
import { html } from './html';
import { absoluteUrl, authorPath, type PageContext, pagePath, renderLayout } from './layout';
import { breadcrumbList } from './seo/json-ld';

export interface AuthorPageData {
  author: AuthorRef;
  articles: Page<ArticleSummaryRow>;
}

export function renderAuthorPage(ctx: PageContext, { author, articles }: AuthorPageData): string {
  const { t, formatNumber } = ctx.locale;
  const heading = t.authors.heading(author.name);
  const path = authorPath(author.slug);
  return renderLayout(ctx, {
    title: articles.page > 1 ? `${heading} – ${t.pageTitle(articles.page)}` : heading,
    canonicalPath: pagePath(path, articles.page),
    noindex: ctx.settings.noindexPagination && articles.page > 1,
    seo: {
      type: 'website',
      jsonLd: [
        breadcrumbList([
          { name: t.home, url: absoluteUrl(ctx.settings, '/') },
          { name: author.name, url: absoluteUrl(ctx.settings, path) },
        ]),
      ],
    },
    main: html`<h1>${heading}</h1>
<p class="count">${t.authors.articleCount(articles.total, formatNumber(articles.total))}</p>
${renderArticleList(ctx, articles.items)}
${renderPagination(ctx, articles, path)}`,
  });
}
