// A standalone page ("À propos", "Mentions légales"): its title, image and
// body, without the article's date, tags, share links or related articles.
// Comments and the form appear only on a page whose front matter says
// `comments: true` (or that still has comments from when it did).
import type { ArticlePageData } from '../db/articles';
import { renderFeaturedImage } from './article';
import { type CommentFormState, EMPTY_FORM, renderCommentForm } from './comment-form';
import { renderCommentsSection, type ShownComment } from './comments';
import { html, raw } from './html';
import { absoluteUrl, articlePath, contentPath, type PageContext, renderLayout } from './layout';
import { breadcrumbList } from './seo/json-ld';
import type { PageSeo } from './seo/meta';
import { seoImage } from './seo/pages';

export interface StandalonePageOptions {
  form?: CommentFormState;
  ownPendingComments?: ShownComment[];
}

export function renderStandalonePage(
  ctx: PageContext,
  data: ArticlePageData,
  options: StandalonePageOptions = {},
): string {
  const { article, commentCount } = data;
  const path = contentPath(article.slug, article.parent_slug);
  const open = article.comments_open === 1;
  // A refused comment (comments closed meanwhile) comes back with its text: nothing typed is lost.
  const withComments =
    open || commentCount > 0 || (options.ownPendingComments ?? []).length > 0 || options.form !== undefined;
  const shown: ShownComment[] = [
    ...data.comments,
    ...(options.ownPendingComments ?? []).map((comment) => ({ ...comment, pending: true })),
  ].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
  const canonicalPath = data.commentPage > 1 ? `${path}?cpage=${data.commentPage}` : path;
  return renderLayout(ctx, {
    title: article.title,
    description: article.description || article.excerpt,
    canonicalPath,
    language: article.language,
    seo: pageSeo(ctx, data, path),
    feeds: withComments ? [{ kind: 'comments', slug: article.slug, title: article.title }] : [],
    scripts: open ? ['/js/comment-form.js'] : [],
    main: html`<article class="post standalone-page">
<header>
<h1>${article.title}</h1>
</header>
${renderFeaturedImage(ctx, article)}
<div class="post-body">
${raw(article.body_html)}
</div>
</article>
${
  withComments
    ? html`${renderCommentsSection(ctx, {
        title: article.title,
        path,
        comments: shown,
        total: commentCount,
        page: data.commentPage,
        pageCount: data.commentPageCount,
        canReply: open,
      })}
${renderCommentForm(ctx, {
  action: `${articlePath(article.slug)}/comments`,
  open,
  siteKey: ctx.settings.comments.turnstileSiteKey,
  state: options.form ?? EMPTY_FORM,
})}`
    : ''
}`,
  });
}

function pageSeo(ctx: PageContext, data: ArticlePageData, path: string): PageSeo {
  const { article, translation } = data;
  const url = absoluteUrl(ctx.settings, path);
  return {
    type: 'website',
    image: seoImage(article),
    languages: translation
      ? [
          { language: article.language, url },
          {
            language: translation.language,
            url: absoluteUrl(ctx.settings, contentPath(translation.slug, translation.parent_slug)),
          },
        ]
      : undefined,
    jsonLd: [
      breadcrumbList([
        { name: ctx.locale.t.home, url: absoluteUrl(ctx.settings, '/') },
        { name: article.title, url },
      ]),
    ],
  };
}
