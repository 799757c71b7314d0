// One description of a feed, whatever its format: the blog's, a tag's or an
// article's comments. rss.ts, atom.ts and json-feed.ts only write it out.
import type { BlogSettings, Language } from '../../config';
import type { CommentFeedData, FeedArticleRow } from '../../db/feeds';
import type { TagRow } from '../../db/types';
import { commentPagePath, renderCommentBody } from '../comments';
import type { Locale } from '../i18n';
import { absoluteUrl, articlePath, authorPath, contentPath, tagPath } from '../layout';
import { type FeedFormat, type FeedScope, feedPath, feedTitle } from './links';
import { absolutizeBodyUrls, feedIds, imageType, resolveUrl } from './urls';

export interface FeedPerson {
  name: string;
  url: string | null;
}

export interface FeedCategory {
  term: string;
  label: string;
  /** The tag's page. */
  url: string;
}

export interface FeedImage {
  url: string;
  type: string | null;
  alt: string;
  width: number | null;
  height: number | null;
}

export interface FeedEntry {
  /** Stable: the same entry keeps it through title and slug changes. */
  id: string;
  url: string;
  title: string;
  language: Language;
  /** Unix seconds. */
  published: number;
  updated: number;
  author: FeedPerson;
  categories: FeedCategory[];
  /** Plain text, when there is one besides the content. */
  summary: string | null;
  content: { html: string } | { text: string };
  image: FeedImage | null;
}

export interface Feed {
  scope: FeedScope;
  id: string;
  title: string;
  description: string;
  language: Language;
  /** The HTML page the feed follows. */
  homeUrl: string;
  /** Newest change among its entries (or what it is about); null for an empty feed. */
  updated: number | null;
  author: FeedPerson;
  iconUrl: string;
  entries: FeedEntry[];
}

/** Named in every feed's generator element. */
export const GENERATOR = 'Causerie';

/** The feed's own address in a format (its self link). */
export function feedUrl(settings: BlogSettings, feed: Feed, format: FeedFormat): string {
  return absoluteUrl(settings, feedPath(feed.scope, format));
}

export function blogFeed(settings: BlogSettings, locale: Locale, articles: FeedArticleRow[]): Feed {
  const scope: FeedScope = { kind: 'blog' };
  return articleFeed(settings, articles, {
    scope,
    id: feedIds(settings).blog,
    title: feedTitle(settings, locale.t, scope),
    description: settings.description || settings.title,
    homeUrl: absoluteUrl(settings, '/'),
  });
}

export function tagFeed(settings: BlogSettings, locale: Locale, tag: TagRow, articles: FeedArticleRow[]): Feed {
  const scope: FeedScope = { kind: 'tag', slug: tag.slug, name: tag.name };
  const title = feedTitle(settings, locale.t, scope);
  return articleFeed(settings, articles, {
    scope,
    id: feedIds(settings).tag(tag.slug),
    title,
    description: title,
    homeUrl: absoluteUrl(settings, tagPath(tag.slug)),
  });
}

type FeedHead = Pick<Feed, 'scope' | 'id' | 'title' | 'description' | 'homeUrl'>;

function articleFeed(settings: BlogSettings, articles: FeedArticleRow[], head: FeedHead): Feed {
  const entries = articles.map((article) => articleEntry(settings, article));
  return {
    ...head,
    language: settings.language,
    updated: newest(entries.map((entry) => entry.updated)),
    author: blogAuthor(settings),
    iconUrl: absoluteUrl(settings, '/favicon.svg'),
    entries,
  };
}

function articleEntry(settings: BlogSettings, article: FeedArticleRow): FeedEntry {
  const url = absoluteUrl(settings, articlePath(article.slug));
  const summary = article.description || article.excerpt;
  return {
    id: feedIds(settings).article(article.id),
    url,
    title: article.title,
    language: article.language,
    published: article.published_at,
    updated: Math.max(article.updated_at, article.published_at),
    author: articleAuthor(settings, article),
    categories: article.tags.map((tag) => ({
      term: tag.slug,
      label: tag.name,
      url: absoluteUrl(settings, tagPath(tag.slug)),
    })),
    summary: summary || null,
    content:
      settings.feedContent === 'full'
        ? { html: absolutizeBodyUrls(article.body_html, url) }
        : { text: article.excerpt || summary },
    image: article.image_url
      ? {
          url: resolveUrl(article.image_url, url),
          type: imageType(article.image_url),
          alt: article.image_alt ?? '',
          width: article.image_width,
          height: article.image_height,
        }
      : null,
  };
}

/** An article's newest approved comments; `locale` speaks the article's language. */
export function commentFeed(settings: BlogSettings, locale: Locale, { article, comments }: CommentFeedData): Feed {
  const scope: FeedScope = { kind: 'comments', slug: article.slug, title: article.title };
  const ids = feedIds(settings);
  const title = feedTitle(settings, locale.t, scope);
  const perPage = settings.comments.perPage;
  const entries = comments.map(
    (comment): FeedEntry => ({
      id: ids.comment(comment.id),
      // The comments page that shows the comment's thread, as the article page paginates them.
      url: `${absoluteUrl(settings, commentPagePath(contentPath(article.slug, article.parent_slug), Math.ceil(comment.thread_position / perPage)))}#comment-${comment.id}`,
      title: locale.t.feedTitles.comment(comment.author_name),
      language: article.language,
      published: comment.created_at,
      updated: comment.created_at,
      author: { name: comment.author_name, url: comment.author_url },
      categories: [],
      summary: null,
      content: { html: renderCommentBody(comment).value },
      image: null,
    }),
  );
  return {
    scope,
    id: ids.comments(article.id),
    title,
    description: title,
    language: article.language,
    homeUrl: `${absoluteUrl(settings, articlePath(article.slug))}#comments`,
    // The feed's title is the article's: an edited article changes it too.
    updated: newest([article.updated_at, article.published_at, ...entries.map((entry) => entry.updated)]),
    author: blogAuthor(settings),
    iconUrl: absoluteUrl(settings, '/favicon.svg'),
    entries,
  };
}

function blogAuthor(settings: BlogSettings): FeedPerson {
  return { name: settings.authorName, url: absoluteUrl(settings, '/') };
}

/** The article's own author (front matter `author`) with their page, else the blog's. */
function articleAuthor(settings: BlogSettings, article: FeedArticleRow): FeedPerson {
  if (!article.author_name || !article.author_slug) return blogAuthor(settings);
  return { name: article.author_name, url: absoluteUrl(settings, authorPath(article.author_slug)) };
}

function newest(times: number[]): number | null {
  return times.length ? Math.max(...times) : null;
}

/** RFC 3339 in UTC, without milliseconds: "2012-03-14T09:30:00Z" (Atom, JSON Feed). */
export function rfc3339(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 822 as RSS 2.0 and HTTP want it: "Wed, 14 Mar 2012 09:30:00 GMT". */
export function rfc822(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toUTCString();
}
