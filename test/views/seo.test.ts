// The SEO helpers and the list pages' robots rule, called directly: settings
// are read once per env object, so pages are rendered here with each value.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type BlogSettings, readSettings } from '../../src/config';
import type { ArticleSummaryRow, Page } from '../../src/db/types';
import { renderHomePage } from '../../src/views/home';
import { html } from '../../src/views/html';
import { createLocale } from '../../src/views/i18n';
import { type PageContext, renderLayout } from '../../src/views/layout';
import { isoDateTime } from '../../src/views/seo/dates';
import { scriptSafeJson } from '../../src/views/seo/json-ld';
import { metaDescription, renderLanguageAlternates, renderSocialMeta } from '../../src/views/seo/meta';
import { renderTagPage } from '../../src/views/tag';

function context(overrides: Partial<BlogSettings> = {}): PageContext {
  const settings = { ...readSettings(env), ...overrides };
  return { settings, locale: createLocale(settings.language, settings.timeZone) };
}

const summary: ArticleSummaryRow = {
  id: 1,
  slug: 'un-article',
  title: 'Un article',
  excerpt: 'Extrait.',
  language: 'fr',
  published_at: Date.UTC(2026, 0, 15, 12) / 1000,
  comment_count: 0,
};

function listPage(page: number): Page<ArticleSummaryRow> {
  return { items: [summary], page, pageCount: 3, total: 21 };
}

const robots = (page: string) => /<meta name="robots" content="([^"]*)">/.exec(page)?.[1] ?? null;

describe('meta description', () => {
  it('keeps a short text whole, on one line', () => {
    expect(metaDescription('Une phrase\n  sur deux lignes.')).toBe('Une phrase sur deux lignes.');
  });

  it('keeps the no-break spaces of French typography, and never cuts at one', () => {
    expect(metaDescription('Un ton bienveillant\u00a0: quelques\n habitudes.')).toBe(
      'Un ton bienveillant\u00a0: quelques habitudes.',
    );
    // A plain space would let the cut leave "«" dangling at the end.
    const long = `${'mot '.repeat(38)}«\u00a0citation\u00a0»`;
    expect(metaDescription(long)).toBe(`${'mot '.repeat(38).trim()}…`);
  });

  it('cuts a long text at the last whole word within 160 characters and adds an ellipsis', () => {
    const text = `${'mot '.repeat(39)}dernier, suite`;
    const cut = metaDescription(text);
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut).toBe(`${'mot '.repeat(39).trim()}…`);
    expect(metaDescription('a'.repeat(200))).toBe(`${'a'.repeat(159)}…`);
  });
});

describe('JSON inside a script element', () => {
  it('escapes what could end the element and gives the same value back', () => {
    const hostile = { text: '</script><script>alert(1)</script><!-- a & b \u2028\u2029 "q"' };
    const json = scriptSafeJson(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(hostile);
  });
});

describe('dates with the blog’s offset', () => {
  it('gives the local time and the offset of the date, summer or winter', () => {
    const summer = Date.UTC(2026, 6, 1, 10) / 1000;
    const winter = Date.UTC(2026, 0, 1, 23, 30) / 1000;
    expect(isoDateTime(summer, 'Europe/Paris')).toBe('2026-07-01T12:00:00+02:00');
    expect(isoDateTime(winter, 'Europe/Paris')).toBe('2026-01-02T00:30:00+01:00');
    expect(isoDateTime(winter, 'UTC')).toBe('2026-01-01T23:30:00+00:00');
    expect(isoDateTime(winter, 'Asia/Kolkata')).toBe('2026-01-02T05:00:00+05:30');
  });
});

describe('robots on list pages', () => {
  it('keeps every page indexable when NOINDEX_PAGINATION is false', () => {
    const ctx = context({ noindexPagination: false });
    expect(robots(renderHomePage(ctx, listPage(2)))).toBeNull();
    expect(robots(renderTagPage(ctx, { tag: { slug: 'web', name: 'Web' }, articles: listPage(2) }))).toBeNull();
  });

  it('asks not to index pages 2 and later when NOINDEX_PAGINATION is true, never page 1', () => {
    const ctx = context({ noindexPagination: true });
    expect(robots(renderHomePage(ctx, listPage(1)))).toBeNull();
    expect(robots(renderHomePage(ctx, listPage(2)))).toBe('noindex');
    const tag = { slug: 'web', name: 'Web' };
    expect(robots(renderTagPage(ctx, { tag, articles: listPage(1) }))).toBeNull();
    expect(robots(renderTagPage(ctx, { tag, articles: listPage(3) }))).toBe('noindex');
  });

  it('lets any page, such as search results, ask for noindex', () => {
    const page = renderLayout(context(), { title: 'Recherche', canonicalPath: '/search', noindex: true, main: html`` });
    expect(robots(page)).toBe('noindex');
  });
});

describe('social tags', () => {
  const settings = readSettings(env);

  it('makes an image path absolute, keeps an absolute URL, and omits unknown dimensions', () => {
    const meta = (url: string) =>
      renderSocialMeta({
        settings,
        title: 'T',
        description: '',
        url: `${settings.baseUrl}/t`,
        language: 'fr',
        seo: { type: 'website', image: { url, alt: '', width: null, height: null } },
      }).value;
    expect(meta('/images/a.png')).toContain('<meta property="og:image" content="http://localhost:8787/images/a.png">');
    const remote = meta('https://cdn.example/a.png');
    expect(remote).toContain('<meta property="og:image" content="https://cdn.example/a.png">');
    expect(remote).not.toContain('og:image:width');
    expect(remote).not.toContain('og:image:alt');
    expect(remote).not.toContain('og:description');
  });

  it('points x-default at the version in the blog’s own language', () => {
    const versions = [
      { language: 'fr' as const, url: 'https://blog.example/un' },
      { language: 'en' as const, url: 'https://blog.example/one' },
    ];
    expect(renderLanguageAlternates({ ...settings, language: 'en' }, versions).value).toContain(
      '<link rel="alternate" hreflang="x-default" href="https://blog.example/one">',
    );
    expect(renderLanguageAlternates(settings, versions.slice(0, 1)).value).toBe('');
  });
});
