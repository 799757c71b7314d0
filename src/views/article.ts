// The article page, shaped like the reference WordPress article: title and
// date, featured image with its credit, body, tags, share links, related
// articles, comments, then the place of the comment form.
import type { ArticlePageData } from '../db/articles';
import type { ArticleRow, RelatedArticleRow, TagRow } from '../db/types';
import { isoDate } from './article-list';
import { type CommentFormState, EMPTY_FORM, renderCommentForm } from './comment-form';
import { commentPagePath, renderCommentsSection, type ShownComment } from './comments';
import { html, raw, type SafeHtml } from './html';
import { absoluteUrl, articlePath, authorPath, type PageContext, renderLayout, tagPath } from './layout';
import { renderMentionsSection } from './mentions';
import { articleSeo } from './seo/pages';
import { renderShareLinks } from './share';

export interface ArticlePageOptions {
  /** The comment form as the commenter left it (after a rejected submission). */
  form?: CommentFormState;
  /** The visitor's own held comments, shown to them alone. */
  ownPendingComments?: ShownComment[];
}

export function renderArticlePage(ctx: PageContext, data: ArticlePageData, options: ArticlePageOptions = {}): string {
  const { article, tags, related, commentCount } = data;
  // The visitor's own held comments show on whichever comments page they read.
  const shown: ShownComment[] = [
    ...data.comments,
    ...(options.ownPendingComments ?? []).map((comment) => ({ ...comment, pending: true })),
  ].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
  const open = article.comments_open === 1;
  const { t, formatDate } = ctx.locale;
  const url = absoluteUrl(ctx.settings, articlePath(article.slug));
  const updated = article.updated_at > article.published_at + 86_400;
  const canonicalPath = commentPagePath(articlePath(article.slug), data.commentPage);
  return renderLayout(ctx, {
    title: article.title,
    description: article.description || article.excerpt,
    canonicalPath,
    language: article.language,
    seo: articleSeo(ctx, data, absoluteUrl(ctx.settings, canonicalPath)),
    feeds: [{ kind: 'comments', slug: article.slug, title: article.title }],
    scripts: open ? ['/js/comment-form.js'] : [],
    main: html`<article class="post">
<header>
<h1>${article.title}</h1>
<p class="post-meta">${renderByline(ctx, article)}${t.publishedOn} <time datetime="${isoDate(article.published_at)}">${formatDate(article.published_at)}</time>${
      updated
        ? html`, ${t.updatedOn} <time datetime="${isoDate(article.updated_at)}">${formatDate(article.updated_at)}</time>`
        : ''
    }
· <a href="#comments">${t.commentCount(commentCount, ctx.locale.formatNumber(commentCount))}</a></p>
</header>
${renderFeaturedImage(ctx, article)}
<div class="post-body">
${raw(article.body_html)}
</div>
<footer class="post-footer">
${renderTags(ctx, tags)}
${renderShareLinks(article.title, url, t)}
</footer>
</article>
${renderRelated(ctx, related)}
${renderCommentsSection(ctx, {
  title: article.title,
  path: articlePath(article.slug),
  comments: shown,
  total: commentCount,
  page: data.commentPage,
  pageCount: data.commentPageCount,
  canReply: open,
})}
${renderMentionsSection(ctx, data.mentions, article.slug)}
${renderCommentForm(ctx, {
  action: `${articlePath(article.slug)}/comments`,
  open,
  siteKey: ctx.settings.comments.turnstileSiteKey,
  state: options.form ?? EMPTY_FORM,
})}`,
  });
}

/** "Par Camille · ": only an article naming its author has a byline (a blog of one author needs none). */
function renderByline(ctx: PageContext, article: ArticleRow): SafeHtml {
  if (!article.author_name || !article.author_slug) return html``;
  return html`<span class="byline">${ctx.locale.t.authors.by} <a href="${authorPath(article.author_slug)}" rel="author">${article.author_name}</a></span> · `;
}

export function renderFeaturedImage(ctx: PageContext, article: ArticleRow): SafeHtml {
  if (!article.image_url) return html``;
  const credit = article.image_credit
    ? html`<figcaption class="credit">${ctx.locale.t.imageCredit} ${
        article.image_credit_url
          ? html`<a href="${article.image_credit_url}" rel="noopener">${article.image_credit}</a>`
          : article.image_credit
      }</figcaption>`
    : '';
  return html`<figure class="featured-image">
<img src="${article.image_url}" alt="${article.image_alt ?? ''}"${
    article.image_width && article.image_height
      ? html` width="${article.image_width}" height="${article.image_height}"`
      : ''
  } fetchpriority="high">
${credit}
</figure>`;
}

function renderTags(ctx: PageContext, tags: TagRow[]): SafeHtml {
  if (tags.length === 0) return html``;
  return html`<p class="tags"><span>${ctx.locale.t.tags}</span> ${tags.map(
    (tag, index) => html`${index ? ', ' : ''}<a href="${tagPath(tag.slug)}" rel="tag">${tag.name}</a>`,
  )}</p>`;
}

function renderRelated(ctx: PageContext, related: RelatedArticleRow[]): SafeHtml {
  if (related.length === 0) return html``;
  return html`<aside class="related" aria-labelledby="related-heading">
<h2 id="related-heading">${ctx.locale.t.relatedHeading}</h2>
<ul>
${related.map(
  (item) => html`<li><a href="${articlePath(item.slug)}">${item.title}</a>
<time datetime="${isoDate(item.published_at)}">${ctx.locale.formatDate(item.published_at)}</time></li>`,
)}
</ul>
</aside>`;
}
