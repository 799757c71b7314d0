import type { TagPageData } from '../db/tags';
import { renderArticleList, renderPagination } from './article-list';
import { html } from './html';
import { type PageContext, pagePath, renderLayout, tagPath } from './layout';
import { tagSeo } from './seo/pages';

export function renderTagPage(ctx: PageContext, { tag, articles }: TagPageData): string {
  const { t, formatNumber } = ctx.locale;
  const heading = t.tagHeading(tag.name);
  return renderLayout(ctx, {
    title: articles.page > 1 ? `${heading} – ${t.pageTitle(articles.page)}` : heading,
    canonicalPath: pagePath(tagPath(tag.slug), articles.page),
    noindex: ctx.settings.noindexPagination && articles.page > 1,
    seo: tagSeo(ctx, tag),
    feeds: [{ kind: 'tag', slug: tag.slug, name: tag.name }],
    main: html`<h1>${heading}</h1>
<p class="count">${t.tagArticleCount(articles.total, formatNumber(articles.total))}</p>
${renderArticleList(ctx, articles.items)}
${renderPagination(ctx, articles, tagPath(tag.slug))}`,
  });
}
