// What search engines and social networks read in a page's <head> besides
// its title: a short meta description, OpenGraph and Twitter card tags, and
// hreflang links between the language versions of an article.
import type { BlogSettings, Language } from '../../config';
import { collapseWhitespace } from '../../whitespace';
import { html, type SafeHtml } from '../html';
import { isoDateTime } from './dates';
import type { JsonLdNode } from './json-ld';

export interface SeoImage {
  /** As the article gives it: a path on the blog or an absolute URL. */
  url: string;
  alt: string;
  width: number | null;
  height: number | null;
}

export interface LanguageVersion {
  language: Language;
  /** Absolute URL. */
  url: string;
}

export interface ArticleFacts {
  publishedAt: number;
  modifiedAt: number;
  /** Tag names, in the article's order. */
  tags: string[];
  /** The article's own author (front matter `author`); else the blog's. */
  author?: string | null;
}

/** A public page's search-engine and social-preview data, for renderLayout. */
export interface PageSeo {
  type: 'article' | 'website';
  image?: SeoImage | null;
  article?: ArticleFacts;
  /** Every language version of the page, itself included; set only when a translation is published. */
  languages?: LanguageVersion[];
  /** Structured data, serialised safely by renderJsonLd. */
  jsonLd?: JsonLdNode[];
}

export interface SocialMetaInput {
  settings: BlogSettings;
  /** The page's own title, without the blog's. */
  title: string;
  description: string;
  /** The canonical URL, absolute. */
  url: string;
  language: Language;
  seo: PageSeo;
}

/** OpenGraph wants a territory with the language. */
const OG_LOCALES: Record<Language, string> = { fr: 'fr_FR', en: 'en_US' };

/** Search engines show about 160 characters of a description. */
const DESCRIPTION_LIMIT = 160;

/**
 * The text cut at the last word boundary that fits within `limit` characters,
 * ellipsis included; whitespace runs (line breaks in front matter) become
 * spaces, and the no-break spaces of French typography stay.
 */
export function metaDescription(text: string, limit = DESCRIPTION_LIMIT): string {
  const flat = collapseWhitespace(text);
  if (flat.length <= limit) return flat;
  const room = flat.slice(0, limit);
  const lastSpace = room.lastIndexOf(' ');
  // One very long word: cut inside it rather than show nothing.
  const cut = lastSpace > limit / 2 ? room.slice(0, lastSpace) : room.slice(0, limit - 1);
  return `${cut.replace(/[\s,;:.!?–—-]+$/, '')}…`;
}

/** An image path on the blog made absolute; absolute URLs are kept. */
export function absoluteImageUrl(settings: BlogSettings, url: string): string {
  return /^https?:\/\//i.test(url) ? url : `${settings.baseUrl}${url.startsWith('/') ? '' : '/'}${url}`;
}

export function renderSocialMeta({ settings, title, description, url, language, seo }: SocialMetaInput): SafeHtml {
  const image = seo.image ? { ...seo.image, url: absoluteImageUrl(settings, seo.image.url) } : null;
  const alternates = (seo.languages ?? []).filter((version) => version.language !== language);
  const article = seo.type === 'article' ? seo.article : undefined;
  return html`<meta property="og:site_name" content="${settings.title}">
<meta property="og:locale" content="${OG_LOCALES[language]}">
${alternates.map(
  (version) => html`<meta property="og:locale:alternate" content="${OG_LOCALES[version.language]}">
`,
)}<meta property="og:type" content="${seo.type}">
<meta property="og:title" content="${title}">
${description ? html`<meta property="og:description" content="${description}">\n` : ''}<meta property="og:url" content="${url}">
${image ? renderOgImage(image) : ''}${article ? renderArticleFacts(settings, article) : ''}<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${title}">
${description ? html`<meta name="twitter:description" content="${description}">\n` : ''}${
  image
    ? html`<meta name="twitter:image" content="${image.url}">
${image.alt ? html`<meta name="twitter:image:alt" content="${image.alt}">\n` : ''}`
    : ''
}${renderLanguageAlternates(settings, seo.languages ?? [])}`;
}

function renderOgImage(image: SeoImage): SafeHtml {
  return html`<meta property="og:image" content="${image.url}">
${
  image.width && image.height
    ? html`<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
`
    : ''
}${image.alt ? html`<meta property="og:image:alt" content="${image.alt}">\n` : ''}`;
}

function renderArticleFacts(settings: BlogSettings, article: ArticleFacts): SafeHtml {
  return html`<meta property="article:published_time" content="${isoDateTime(article.publishedAt, settings.timeZone)}">
<meta property="article:modified_time" content="${isoDateTime(article.modifiedAt, settings.timeZone)}">
<meta property="article:author" content="${article.author || settings.authorName}">
${article.tags.map((tag) => html`<meta property="article:tag" content="${tag}">\n`)}`;
}

/**
 * hreflang links: each version, this page included, and x-default pointing
 * at the version in the blog's own language. Nothing without a second version.
 */
export function renderLanguageAlternates(settings: BlogSettings, versions: LanguageVersion[]): SafeHtml {
  if (versions.length < 2) return html``;
  const fallback = versions.find((version) => version.language === settings.language) ?? versions[0];
  return html`${versions.map(
    (version) => html`<link rel="alternate" hreflang="${version.language}" href="${version.url}">\n`,
  )}${fallback ? html`<link rel="alternate" hreflang="x-default" href="${fallback.url}">\n` : ''}`;
}
