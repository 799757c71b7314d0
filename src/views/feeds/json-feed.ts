// JSON Feed 1.1 (https://jsonfeed.org/version/1.1). JSON.stringify does all
// the escaping; HTML goes in content_html, plain text in content_text.
import type { BlogSettings } from '../../config';
import { type Feed, type FeedEntry, type FeedPerson, feedUrl, rfc3339 } from './model';

export function renderJsonFeed(settings: BlogSettings, feed: Feed): string {
  return `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.homeUrl,
      feed_url: feedUrl(settings, feed, 'json'),
      description: feed.description,
      favicon: feed.iconUrl,
      language: feed.language,
      authors: [person(feed.author)],
      items: feed.entries.map(item),
    },
    null,
    2,
  )}\n`;
}

function item(entry: FeedEntry): Record<string, unknown> {
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    ...('html' in entry.content ? { content_html: entry.content.html } : { content_text: entry.content.text }),
    ...(entry.summary === null ? {} : { summary: entry.summary }),
    ...(entry.image ? { image: entry.image.url } : {}),
    date_published: rfc3339(entry.published),
    date_modified: rfc3339(entry.updated),
    authors: [person(entry.author)],
    ...(entry.categories.length ? { tags: entry.categories.map((category) => category.label) } : {}),
    language: entry.language,
  };
}

function person({ name, url }: FeedPerson): Record<string, string> {
  return url ? { name, url } : { name };
}
