// Structured data (schema.org JSON-LD) for search engines: BlogPosting on
// articles, Blog on the home page, BreadcrumbList on articles and tag pages,
// and the one safe way to put it in a page.
import type { BlogSettings, Language } from '../../config';
import { COMMENTS_WITH_PLAIN_TEXT } from '../../db/comments';
import type { ArticleRow, ArticleSummaryRow, PublicCommentRow } from '../../db/types';
import { commentPlainText } from '../comments';
import { html, raw, type SafeHtml } from '../html';
import { authorPath } from '../layout';
import { isoDateTime } from './dates';
import { absoluteImageUrl } from './meta';

export type JsonLdNode = { '@type': string } & Record<string, unknown>;

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

// Search engines read commentCount and a sample of the discussion; every
// comment's full text would weigh more than the article itself (the page
// shows them all anyway). The article page's query reads the plain text of
// this many comments only.
export const JSON_LD_COMMENTS = COMMENTS_WITH_PLAIN_TEXT;
export const JSON_LD_COMMENT_CHARACTERS = 200;

/**
 * JSON that cannot end its <script> element: `<`, `>` and `&` become
 * \u003c, \u003e, \u0026 (so "</script>" or "<!--" in a comment's text
 * stays inside the string), and U+2028/U+2029, which old JavaScript parsers
 * take for line ends, are escaped too. JSON.parse gives back the same values.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSAFE_IN_SCRIPT,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function renderJsonLd(nodes: JsonLdNode[]): SafeHtml {
  if (nodes.length === 0) return html``;
  // raw() is safe here: scriptSafeJson leaves no character that could close
  // the script element or start markup, and the element's content is never
  // HTML-decoded, so html-escaping it would corrupt the JSON instead.
  return html`<script type="application/ld+json">${raw(
    scriptSafeJson({ '@context': 'https://schema.org', '@graph': nodes }),
  )}</script>\n`;
}

function homeUrl(settings: BlogSettings): string {
  return `${settings.baseUrl}/`;
}

function author(settings: BlogSettings): JsonLdNode {
  return { '@type': 'Person', '@id': `${homeUrl(settings)}#author`, name: settings.authorName, url: homeUrl(settings) };
}

/**
 * The blog's author publishes every article; an article naming another
 * author (front matter `author`) is theirs, with their page here.
 */
function authorAndPublisher(settings: BlogSettings, article: ArticleRow): Record<string, unknown> {
  if (!article.author_name || !article.author_slug || article.author_name === settings.authorName) {
    // The same person as the author: a reference to that node, not a second copy.
    return { author: author(settings), publisher: { '@id': `${homeUrl(settings)}#author` } };
  }
  const page = `${settings.baseUrl}${authorPath(article.author_slug)}`;
  return {
    author: { '@type': 'Person', '@id': `${page}#author`, name: article.author_name, url: page },
    publisher: author(settings),
  };
}

function blogReference(settings: BlogSettings): JsonLdNode {
  return { '@type': 'Blog', '@id': `${homeUrl(settings)}#blog`, name: settings.title, url: homeUrl(settings) };
}

export interface BlogPostingInput {
  settings: BlogSettings;
  article: ArticleRow;
  /** The article's own URL, absolute. */
  url: string;
  /** The canonical URL of this page (a comments page has its own). */
  pageUrl: string;
  tagNames: string[];
  /** Approved comments on every comments page. */
  commentCount: number;
  /** The approved comments this page shows. */
  comments: PublicCommentRow[];
}

export function blogPosting(input: BlogPostingInput): JsonLdNode {
  const { settings, article, url, pageUrl } = input;
  const sample = input.comments.slice(0, JSON_LD_COMMENTS);
  const shownIds = new Set(sample.map((comment) => comment.id));
  const commentId = (id: number) => `${pageUrl}#comment-${id}`;
  const node: JsonLdNode = {
    '@type': 'BlogPosting',
    '@id': `${url}#article`,
    mainEntityOfPage: pageUrl,
    url,
    headline: article.title,
    description: article.description || article.excerpt,
    datePublished: isoDateTime(article.published_at, settings.timeZone),
    dateModified: isoDateTime(Math.max(article.updated_at, article.published_at), settings.timeZone),
    ...authorAndPublisher(settings, article),
    inLanguage: article.language,
    keywords: input.tagNames,
    isPartOf: blogReference(settings),
    commentCount: input.commentCount,
    comment: sample.map((comment) => ({
      '@type': 'Comment',
      // The @id is the comment's address on the page; a separate url would repeat it.
      '@id': commentId(comment.id),
      author: {
        '@type': 'Person',
        name: comment.author_name,
        ...(comment.author_url ? { url: comment.author_url } : {}),
      },
      dateCreated: isoDateTime(comment.created_at, settings.timeZone),
      text: shortened(commentPlainText(comment), JSON_LD_COMMENT_CHARACTERS),
      // A reply to a comment not in the sample (held, on no page, past the
      // first few) stands alone.
      ...(comment.parent_id !== null && shownIds.has(comment.parent_id)
        ? { parentItem: { '@id': commentId(comment.parent_id) } }
        : {}),
    })),
  };
  if (article.image_url) node.image = imageObject(settings, article);
  return node;
}

/** At most `limit` characters (code points), cut at a word and marked with "…". */
export function shortened(text: string, limit: number): string {
  const characters = [...text];
  if (characters.length <= limit) return text;
  const cut = characters.slice(0, limit - 1).join('');
  const lastSpace = cut.search(/\s\S*$/);
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

function imageObject(settings: BlogSettings, article: ArticleRow): JsonLdNode {
  const url = absoluteImageUrl(settings, article.image_url ?? '');
  return {
    '@type': 'ImageObject',
    url,
    ...(article.image_width && article.image_height
      ? { width: article.image_width, height: article.image_height }
      : {}),
    ...(article.image_alt ? { caption: article.image_alt } : {}),
    ...(article.image_credit ? { creditText: article.image_credit, copyrightNotice: article.image_credit } : {}),
    ...(article.image_credit_url
      ? { license: article.image_credit_url, acquireLicensePage: article.image_credit_url }
      : {}),
  };
}

/** The home page: the blog and the articles it lists, each with its absolute URL. */
export function blog(settings: BlogSettings, articles: (ArticleSummaryRow & { url: string })[]): JsonLdNode {
  return {
    ...blogReference(settings),
    ...(settings.description ? { description: settings.description } : {}),
    inLanguage: settings.language satisfies Language,
    author: author(settings),
    blogPost: articles.map((article) => ({
      '@type': 'BlogPosting',
      '@id': `${article.url}#article`,
      headline: article.title,
      url: article.url,
      datePublished: isoDateTime(article.published_at, settings.timeZone),
      inLanguage: article.language,
    })),
  };
}

export interface Crumb {
  name: string;
  /** Absolute URL. */
  url: string;
}

export function breadcrumbList(crumbs: Crumb[]): JsonLdNode {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
}
