// A feed in the format asked for, with the media type that names it.
import type { BlogSettings } from '../../config';
import { renderAtom } from './atom';
import { renderJsonFeed } from './json-feed';
import { FEED_FORMATS, type FeedFormat } from './links';
import type { Feed } from './model';
import { renderRss } from './rss';

const RENDERERS: Record<FeedFormat, (settings: BlogSettings, feed: Feed) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

export function renderFeed(settings: BlogSettings, feed: Feed, format: FeedFormat): { body: string; type: string } {
  const type = FEED_FORMATS.find((entry) => entry.format === format)?.type as string;
  return { body: RENDERERS[format](settings, feed), type: `${type}; charset=utf-8` };
}
