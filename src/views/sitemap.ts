// Sitemaps as sitemaps.org defines them. XML needs the same five escapes as
// HTML, so it goes through the same template helper.
import type { BlogSettings } from '../config';
import { html } from './html';
import { absoluteUrl } from './layout';

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapUrl {
  /** Path on the blog, e.g. "/mon-article". */
  path: string;
  /** Unix seconds; omitted when unknown (the home page of a blog with nothing published). */
  lastmod?: number | null;
}

/** The path of the Nth part of a sitemap split in parts (1-based). */
export function sitemapPartPath(part: number): string {
  return `/sitemap-${part}.xml`;
}

export function renderUrlSet(settings: BlogSettings, urls: SitemapUrl[]): string {
  return html`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="${NAMESPACE}">
${urls.map(
  (url) => html`<url><loc>${absoluteUrl(settings, url.path)}</loc>${
    url.lastmod ? html`<lastmod>${w3cDatetime(url.lastmod)}</lastmod>` : ''
  }</url>
`,
)}</urlset>
`.value;
}

export function renderSitemapIndex(settings: BlogSettings, partCount: number): string {
  const parts = Array.from({ length: partCount }, (_, index) => sitemapPartPath(index + 1));
  return html`<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="${NAMESPACE}">
${parts.map(
  (path) => html`<sitemap><loc>${absoluteUrl(settings, path)}</loc></sitemap>
`,
)}</sitemapindex>
`.value;
}

/** "2026-10-06T07:30:00Z": the W3C Datetime profile sitemaps use, to the second. */
export function w3cDatetime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
