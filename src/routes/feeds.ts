// Every feed, in one table: the blog's, a tag's and an article's comments,
// each in RSS, Atom and JSON Feed. They are cached and purged like pages
// (their Cache-Tag names what they show) and carry Last-Modified for
// conditional GETs (src/cache/serve.ts answers 304).
import type { IRequest } from 'itty-router';
import { TAGS } from '../cache/tags';
import type { BlogSettings } from '../config';
import { getCommentFeed, getTagFeed, listFeedArticles } from '../db/feeds';
import { readSession } from '../db/session';
import { FEED_FORMATS, type FeedFormat, type FeedScope, feedPath } from '../views/feeds/links';
import { blogFeed, commentFeed, type Feed, rfc822, tagFeed } from '../views/feeds/model';
import { renderFeed } from '../views/feeds/render';
import { parseSlug } from './params';
import { errorPage, nowSeconds, pageContext, redirect } from './respond';

const ARTICLES_PER_FEED = 20;
const COMMENTS_PER_FEED = 50;

type FeedHandler = (request: IRequest, env: Env) => Promise<Response>;

export interface FeedRoute {
  path: string;
  handler: FeedHandler;
}

export const FEED_ROUTES: readonly FeedRoute[] = FEED_FORMATS.flatMap(({ format, file }) => [
  { path: `/${file}`, handler: (request: IRequest, env: Env) => blogFeedRoute(request, env, format) },
  { path: `/tag/:tag/${file}`, handler: (request: IRequest, env: Env) => tagFeedRoute(request, env, format) },
  {
    path: `/:slug/comments/${file}`,
    handler: (request: IRequest, env: Env) => commentFeedRoute(request, env, format),
  },
]);

async function blogFeedRoute(request: IRequest, env: Env, format: FeedFormat): Promise<Response> {
  const { settings, locale } = pageContext(env);
  const articles = await listFeedArticles(readSession(env, request), nowSeconds(), ARTICLES_PER_FEED);
  return feedResponse(settings, blogFeed(settings, locale, articles), format, [TAGS.feed, TAGS.articles]);
}

async function tagFeedRoute(request: IRequest, env: Env, format: FeedFormat): Promise<Response> {
  const slug = parseSlug(request.params.tag);
  if ('error' in slug) return errorPage(env, slug.error);
  if ('redirectToSlug' in slug) {
    return redirect(feedPath({ kind: 'tag', slug: slug.redirectToSlug, name: '' }, format));
  }
  const { settings, locale } = pageContext(env);
  const data = await getTagFeed(readSession(env, request), slug.slug, nowSeconds(), ARTICLES_PER_FEED);
  if (!data) return errorPage(env, 404);
  const feed = tagFeed(settings, locale, data.tag, data.articles);
  return feedResponse(settings, feed, format, [TAGS.tag(data.tag.slug), TAGS.articles, TAGS.feed]);
}

async function commentFeedRoute(request: IRequest, env: Env, format: FeedFormat): Promise<Response> {
  const slug = parseSlug(request.params.slug);
  if ('error' in slug) return errorPage(env, slug.error);
  if ('redirectToSlug' in slug) {
    return redirect(feedPath({ kind: 'comments', slug: slug.redirectToSlug, title: '' } satisfies FeedScope, format));
  }
  const data = await getCommentFeed(readSession(env, request), slug.slug, nowSeconds(), COMMENTS_PER_FEED);
  if (!data) return errorPage(env, 404);
  // Titles speak the article's language, as its page does.
  const { settings, locale } = pageContext(env, data.article.language);
  // Comments purge their article's tag; editing or unpublishing the article purges "articles".
  return feedResponse(settings, commentFeed(settings, locale, data), format, [
    TAGS.article(data.article.id),
    TAGS.articles,
  ]);
}

function feedResponse(settings: BlogSettings, feed: Feed, format: FeedFormat, cacheTags: string[]): Response {
  const { body, type } = renderFeed(settings, feed, format);
  const headers: Record<string, string> = {
    'content-type': type,
    // Web-based feed readers fetch feeds from their own origin.
    'access-control-allow-origin': '*',
    'cache-tag': cacheTags.join(','),
  };
  if (feed.updated !== null) headers['last-modified'] = rfc822(feed.updated);
  return new Response(body, { headers });
}
