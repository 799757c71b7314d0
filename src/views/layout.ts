// The page shell shared by every HTML page: header, main, footer.
import type { BlogSettings, Language } from '../config';
import type { MenuPageRow } from '../db/menu';
import { WEBMENTION_PATH } from '../webmention/paths';
import { type FeedScope, feedLinks } from './feeds/links';
import { html, type SafeHtml } from './html';
import type { Locale } from './i18n';
import { renderSiteMenu } from './menu';
import { renderJsonLd } from './seo/json-ld';
import { metaDescription, type PageSeo, renderSocialMeta } from './seo/meta';

export interface PageContext {
  settings: BlogSettings;
  locale: Locale;
  /** The pages of the header's menu (src/views/menu.ts): both languages, the menu picks. */
  menu?: MenuPageRow[];
}

export interface LayoutOptions {
  /** The page's own title; the blog's title is appended. */
  title?: string;
  /** The whole <title>, for pages that do not read "page – blog" (the home pages). */
  documentTitle?: string;
  /** Full text: the meta description is cut to fit, social previews take it whole. */
  description?: string;
  /** Path of the canonical URL, e.g. "/" or "/mon-article". */
  canonicalPath?: string;
  /** Language of the page content when it differs from the interface. */
  language?: Language;
  noindex?: boolean;
  /** Social previews, language versions and structured data; shown only with a canonical URL. */
  seo?: PageSeo;
  /** Feeds of this page besides the blog's own (a tag's, an article's comments). */
  feeds?: FeedScope[];
  /** Same-origin scripts, loaded deferred. */
  scripts?: string[];
  /** What the reader searched for, shown again in the header's search box. */
  searchQuery?: string;
  main: SafeHtml;
}

export function renderLayout(ctx: PageContext, options: LayoutOptions): string {
  const { settings, locale } = ctx;
  const { t } = locale;
  const fullTitle = options.documentTitle ?? (options.title ? `${options.title} – ${settings.title}` : settings.title);
  const description = options.description || settings.description;
  const canonical = options.canonicalPath ? absoluteUrl(settings, options.canonicalPath) : null;
  const language = options.language ?? locale.language;
  // Error pages have no canonical URL: nothing to preview or index there.
  const seo = canonical
    ? html`${renderSocialMeta({
        settings,
        title: options.title ?? settings.title,
        description,
        url: canonical,
        language,
        seo: options.seo ?? { type: 'website' },
      })}${renderJsonLd(options.seo?.jsonLd ?? [])}`
    : '';
  const page = html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
${description ? html`<meta name="description" content="${metaDescription(description)}">` : ''}
${canonical ? html`<link rel="canonical" href="${canonical}">` : ''}
${options.noindex ? html`<meta name="robots" content="noindex">` : ''}
${seo}<link rel="stylesheet" href="/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="webmention" href="${absoluteUrl(settings, WEBMENTION_PATH)}">
${feedLinks(settings, t, options.feeds ?? []).map(
  (feed) => html`<link rel="alternate" type="${feed.type}" title="${feed.title}" href="${feed.href}">
`,
)}
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip-link" href="#content">${t.skipToContent}</a>
<header class="site-header">
<div class="wrap">
<p class="site-title"><a href="/" rel="home">${settings.title}</a></p>
${settings.description ? html`<p class="site-description">${settings.description}</p>` : ''}
<form class="site-search" role="search" action="/search" method="get" aria-label="${t.search.landmark}">
<label for="site-search-q" class="visually-hidden">${t.search.field}</label>
<input id="site-search-q" type="search" name="q" value="${options.searchQuery ?? ''}" maxlength="200" autocomplete="off">
<button type="submit">${t.search.submit}</button>
</form>
${renderSiteMenu(ctx, options.canonicalPath ?? null)}
</div>
</header>
<main id="content" class="wrap">
${options.main}
</main>
<footer class="site-footer">
<div class="wrap">
<ul class="footer-links">
<li><a href="/feed.xml" type="application/rss+xml">${t.rssFeed}</a></li>
${settings.socialLinks.map((link) => html`<li><a href="${link.url}" rel="me">${link.label}</a></li>`)}
</ul>
<p>© ${settings.authorName} · ${t.poweredBy}</p>
</div>
</footer>
</body>
</html>
`;
  return page.value;
}

export function absoluteUrl(settings: BlogSettings, path: string): string {
  return `${settings.baseUrl}${path}`;
}

export function articlePath(slug: string): string {
  return `/${slug}`;
}

/** An article's or a page's address: a child page lives at /<parent>/<slug>. */
export function contentPath(slug: string, parentSlug?: string | null): string {
  return parentSlug ? `/${parentSlug}/${slug}` : articlePath(slug);
}

export function tagPath(slug: string): string {
  return `/tag/${slug}`;
}

/** An author's articles (several authors: see src/routes/author.ts). */
export function authorPath(slug: string): string {
  return `/author/${slug}`;
}

/** `?page=N` for pages after the first; page 1 is the bare path. */
export function pagePath(path: string, page: number): string {
  return page <= 1 ? path : `${path}?page=${page}`;
}
