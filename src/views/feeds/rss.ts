// RSS 2.0, with the modules readers know: content:encoded for the full
// body, dc:creator for authors (RSS's own <author> wants an e-mail address),
// media:content for the featured image (an <enclosure> must state its size
// in bytes, which the blog does not know), atom:link for the self address.
import type { BlogSettings } from '../../config';
import { html, type SafeHtml } from '../html';
import { type Feed, type FeedEntry, feedUrl, GENERATOR, rfc822 } from './model';
import { xmlDocument } from './xml';

export function renderRss(settings: BlogSettings, feed: Feed): string {
  return xmlDocument(html`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>${feed.title}</title>
<link>${feed.homeUrl}</link>
<description>${feed.description}</description>
<language>${feed.language}</language>
<atom:link href="${feedUrl(settings, feed, 'rss')}" rel="self" type="application/rss+xml"/>
${feed.updated === null ? '' : html`<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`}
<generator>${GENERATOR}</generator>
${feed.entries.map((entry) => renderItem(feed, entry))}
</channel>
</rss>
`);
}

function renderItem(feed: Feed, entry: FeedEntry): SafeHtml {
  const body = 'html' in entry.content ? entry.content.html : entry.content.text;
  // The summary is the description when there is one; the content, otherwise.
  const description = entry.summary ?? body;
  return html`<item>
<title>${entry.title}</title>
<link>${entry.url}</link>
<guid isPermaLink="false">${entry.id}</guid>
<pubDate>${rfc822(entry.published)}</pubDate>
<dc:creator>${entry.author.name}</dc:creator>
${entry.language === feed.language ? '' : html`<dc:language>${entry.language}</dc:language>`}
${entry.categories.map((category) => html`<category domain="${category.url}">${category.label}</category>`)}
<description>${description}</description>
${entry.summary !== null && 'html' in entry.content ? html`<content:encoded>${entry.content.html}</content:encoded>` : ''}
${
  entry.image
    ? html`<media:content url="${entry.image.url}" medium="image"${entry.image.type ? html` type="${entry.image.type}"` : ''}${
        entry.image.width ? html` width="${entry.image.width}"` : ''
      }${entry.image.height ? html` height="${entry.image.height}"` : ''}>${
        entry.image.alt ? html`<media:description type="plain">${entry.image.alt}</media:description>` : ''
      }</media:content>`
    : ''
}
</item>
`;
}
