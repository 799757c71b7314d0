// RSS 2.0 feed of the newest articles. XML needs the same five escapes as
// HTML, so it goes through the same template helper.
import type { BlogSettings } from '../config';
import type { FeedArticleRow } from '../db/articles';
import { html } from './html';
import { absoluteUrl, articlePath } from './layout';

export function renderRssFeed(settings: BlogSettings, articles: FeedArticleRow[]): string {
  const home = absoluteUrl(settings, '/');
  const lastBuild = articles.reduce((latest, article) => Math.max(latest, article.updated_at), 0);
  return html`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>${settings.title}</title>
<link>${home}</link>
<description>${settings.description || settings.title}</description>
<language>${settings.language}</language>
<atom:link href="${absoluteUrl(settings, '/feed.xml')}" rel="self" type="application/rss+xml"/>
${lastBuild ? html`<lastBuildDate>${new Date(lastBuild * 1000).toUTCString()}</lastBuildDate>` : ''}
${articles.map((article) => {
  const link = absoluteUrl(settings, articlePath(article.slug));
  return html`<item>
<title>${article.title}</title>
<link>${link}</link>
<guid isPermaLink="true">${link}</guid>
<pubDate>${new Date(article.published_at * 1000).toUTCString()}</pubDate>
<description>${article.description || article.excerpt}</description>
<content:encoded>${article.body_html}</content:encoded>
</item>`;
})}
</channel>
</rss>
`.value;
}
