import type { IRequest } from 'itty-router';
import { TAGS } from '../cache/tags';
import { readSettings } from '../config';
import { listFeedArticles } from '../db/articles';
import { readSession } from '../db/session';
import { renderRssFeed } from '../views/feed';
import { nowSeconds } from './respond';

const FEED_SIZE = 20;

export async function feedRoute(request: IRequest, env: Env): Promise<Response> {
  const articles = await listFeedArticles(readSession(env, request), nowSeconds(), FEED_SIZE);
  return new Response(renderRssFeed(readSettings(env), articles), {
    headers: {
      'content-type': 'application/rss+xml; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-tag': [TAGS.feed, TAGS.articles].join(','),
    },
  });
}
