// The search-engine and social-preview data of each kind of public page,
// built from what the page already loaded.
import type { ArticlePageData } from '../../db/articles';
import type { ArticleSummaryRow, TagRow } from '../../db/types';
import { absoluteUrl, articlePath, type PageContext, tagPath } from '../layout';
import { blog, blogPosting, breadcrumbList, type Crumb } from './json-ld';
import type { PageSeo } from './meta';

/** An article's or a page's featured image as social previews describe it. */
export function seoImage(article: ArticlePageData['article']): PageSeo['image'] {
  return article.image_url
    ? { url: article.image_url, alt: article.image_alt ?? '', width: article.image_width, height: article.image_height }
    : null;
}

function homeCrumb(ctx: PageContext): Crumb {
  return { name: ctx.locale.t.home, url: absoluteUrl(ctx.settings, '/') };
}

/** `pageUrl`: the canonical URL of the comments page shown. */
export function articleSeo(ctx: PageContext, data: ArticlePageData, pageUrl: string): PageSeo {
  const { article, tags, translation } = data;
  const url = absoluteUrl(ctx.settings, articlePath(article.slug));
  const firstTag = tags[0];
  const crumbs: Crumb[] = [
    homeCrumb(ctx),
    ...(firstTag ? [{ name: firstTag.name, url: absoluteUrl(ctx.settings, tagPath(firstTag.slug)) }] : []),
    { name: article.title, url },
  ];
  return {
    type: 'article',
    image: seoImage(article),
    article: {
      publishedAt: article.published_at,
      modifiedAt: Math.max(article.updated_at, article.published_at),
      tags: tags.map((tag) => tag.name),
      author: article.author_name,
    },
    languages: translation
      ? [
          { language: article.language, url },
          { language: translation.language, url: absoluteUrl(ctx.settings, articlePath(translation.slug)) },
        ]
      : undefined,
    jsonLd: [
      blogPosting({
        settings: ctx.settings,
        article,
        url,
        pageUrl,
        tagNames: tags.map((tag) => tag.name),
        commentCount: data.commentCount,
        comments: data.comments,
      }),
      breadcrumbList(crumbs),
    ],
  };
}

export function homeSeo(ctx: PageContext, articles: ArticleSummaryRow[]): PageSeo {
  return {
    type: 'website',
    jsonLd: [
      blog(
        ctx.settings,
        articles.map((article) => ({ ...article, url: absoluteUrl(ctx.settings, articlePath(article.slug)) })),
      ),
    ],
  };
}

export function tagSeo(ctx: PageContext, tag: TagRow): PageSeo {
  return {
    type: 'website',
    jsonLd: [breadcrumbList([homeCrumb(ctx), { name: tag.name, url: absoluteUrl(ctx.settings, tagPath(tag.slug)) }])],
  };
}
