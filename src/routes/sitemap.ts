// /sitemap.xml lists the home page, every published article and every tag
// page that has one. Past URLS_PER_SITEMAP addresses it becomes a sitemap
// index of /sitemap-1.xml, /sitemap-2.xml… in that same order (home, articles
// newest first, tags by slug). While one file holds everything,
// /sitemap-1.xml answers 301 to /sitemap.xml: one address per content.
import type { IRequest } from 'itty-router';
import { TAGS } from '../cache/tags';
import { readSettings } from '../config';
import { readSession } from '../db/session';
import { countSitemapEntries, listSitemapEntries, type SitemapCounts, type SitemapRange } from '../db/sitemap';
import { contentPath, tagPath } from '../views/layout';
import { renderSitemapIndex, renderUrlSet, type SitemapUrl } from '../views/sitemap';
import { errorPage, nowSeconds } from './respond';

/** The sitemaps.org limit per file. At most ~300 bytes a URL, a part stays near 15 MB, under the 50 MB limit. */
export const URLS_PER_SITEMAP = 50_000;

const HEADERS = {
  'content-type': 'application/xml; charset=utf-8',
  // Publishing, editing or unpublishing an article purges both (tagsForArticleChange).
  'cache-tag': [TAGS.sitemap, TAGS.articles].join(','),
};

export async function sitemapRoute(request: IRequest, env: Env): Promise<Response> {
  const now = nowSeconds();
  const db = readSession(env, request);
  const counts = await countSitemapEntries(db, now);
  const partCount = sitemapPartCount(counts);
  if (partCount > 1) return new Response(renderSitemapIndex(readSettings(env), partCount), { headers: HEADERS });
  return renderPart(request, env, counts, 1, now);
}

export async function sitemapPartRoute(request: IRequest, env: Env): Promise<Response> {
  const raw = request.params.part ?? '';
  // One spelling per part: "/sitemap-01.xml" is not "/sitemap-1.xml".
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) return errorPage(env, 404);
  const part = Number(raw);
  const now = nowSeconds();
  const counts = await countSitemapEntries(readSession(env, request), now);
  const partCount = sitemapPartCount(counts);
  if (part > partCount) return errorPage(env, 404);
  if (partCount === 1) {
    return new Response(null, {
      status: 301,
      headers: { location: '/sitemap.xml', 'cache-tag': HEADERS['cache-tag'] },
    });
  }
  return renderPart(request, env, counts, part, now);
}

async function renderPart(
  request: IRequest,
  env: Env,
  counts: SitemapCounts,
  part: number,
  now: number,
): Promise<Response> {
  const slice = sitemapSlice(counts, part);
  const rows = await listSitemapEntries(readSession(env, request), now, slice);
  const urls: SitemapUrl[] = [
    ...(slice.home ? [{ path: '/', lastmod: counts.newestUpdate }] : []),
    ...rows.articles.map((row) => ({ path: contentPath(row.slug, row.parent_slug), lastmod: row.updated_at })),
    ...rows.tags.map((row) => ({ path: tagPath(row.slug), lastmod: row.updated_at })),
  ];
  return new Response(renderUrlSet(readSettings(env), urls), { headers: HEADERS });
}

/** Home, articles, tags: how many files of URLS_PER_SITEMAP they fill (at least one). */
export function sitemapPartCount(counts: SitemapCounts, perPart = URLS_PER_SITEMAP): number {
  return Math.max(1, Math.ceil((1 + counts.articles + counts.tags) / perPart));
}

export interface SitemapSlice {
  home: boolean;
  articles: SitemapRange;
  tags: SitemapRange;
}

/** Which home/articles/tags positions part N (1-based) covers, in the order home, articles, tags. */
export function sitemapSlice(counts: SitemapCounts, part: number, perPart = URLS_PER_SITEMAP): SitemapSlice {
  const start = (part - 1) * perPart;
  const end = start + perPart;
  // Positions: 0 is the home page, 1…articles the articles, then the tags.
  const range = (first: number, count: number): SitemapRange => {
    const offset = Math.min(count, Math.max(0, start - first));
    return { offset, limit: Math.max(0, Math.min(count, end - first) - offset) };
  };
  return { home: start === 0, articles: range(1, counts.articles), tags: range(1 + counts.articles, counts.tags) };
}
