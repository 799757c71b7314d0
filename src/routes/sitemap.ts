// /sitemap.xml lists the home page, the date archives (/archives, then each
// year with articles and its months, newest first), every published article
// and every tag page that has one. Past URLS_PER_SITEMAP addresses it becomes
// a sitemap index of /sitemap-1.xml, /sitemap-2.xml… in that same order (home,
// archives, articles newest first, tags by slug). While one file holds everything,
// /sitemap-1.xml answers 301 to /sitemap.xml: one address per content.
import type { IRequest } from 'itty-router';
import { periodPath } from '../archives/periods';
import { TAGS } from '../cache/tags';
import { readSettings } from '../config';
import { countPublishedByMonth } from '../db/archives';
import { readSession } from '../db/session';
import { countSitemapEntries, listSitemapEntries, type SitemapCounts, type SitemapRange } from '../db/sitemap';
import { ARCHIVES_PATH } from '../views/archives';
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

/** What the sitemap lists: how many articles and tags, and the date archives' addresses. */
interface SitemapContents extends SitemapCounts {
  archives: string[];
}

async function loadContents(request: IRequest, env: Env, now: number): Promise<SitemapContents> {
  const db = readSession(env, request);
  const [counts, months] = await Promise.all([
    countSitemapEntries(db, now),
    countPublishedByMonth(db, now, readSettings(env).timeZone),
  ]);
  const archives: string[] = months.length > 0 ? [ARCHIVES_PATH] : [];
  let year: number | null = null;
  for (const month of months) {
    if (month.year !== year) archives.push(periodPath({ year: month.year }));
    year = month.year;
    archives.push(periodPath(month));
  }
  return { ...counts, archives };
}

export async function sitemapRoute(request: IRequest, env: Env): Promise<Response> {
  const now = nowSeconds();
  const counts = await loadContents(request, env, now);
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
  const counts = await loadContents(request, env, now);
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
  counts: SitemapContents,
  part: number,
  now: number,
): Promise<Response> {
  const slice = sitemapSlice(counts, part);
  const rows = await listSitemapEntries(readSession(env, request), now, slice);
  const urls: SitemapUrl[] = [
    ...(slice.home ? [{ path: '/', lastmod: counts.newestUpdate }] : []),
    ...counts.archives
      .slice(slice.archives.offset, slice.archives.offset + slice.archives.limit)
      .map((path) => ({ path })),
    ...rows.articles.map((row) => ({ path: contentPath(row.slug, row.parent_slug), lastmod: row.updated_at })),
    ...rows.tags.map((row) => ({ path: tagPath(row.slug), lastmod: row.updated_at })),
  ];
  return new Response(renderUrlSet(readSettings(env), urls), { headers: HEADERS });
}

/** Home, archives, articles, tags: how many files of URLS_PER_SITEMAP they fill (at least one). */
export function sitemapPartCount(counts: SitemapContents, perPart = URLS_PER_SITEMAP): number {
  return Math.max(1, Math.ceil((1 + counts.archives.length + counts.articles + counts.tags) / perPart));
}

export interface SitemapSlice {
  home: boolean;
  archives: SitemapRange;
  articles: SitemapRange;
  tags: SitemapRange;
}

/** Which positions part N (1-based) covers, in the order home, archives, articles, tags. */
export function sitemapSlice(counts: SitemapContents, part: number, perPart = URLS_PER_SITEMAP): SitemapSlice {
  const start = (part - 1) * perPart;
  const end = start + perPart;
  // Positions: 0 is the home page, then the archives, the articles and the tags.
  const range = (first: number, count: number): SitemapRange => {
    const offset = Math.min(count, Math.max(0, start - first));
    return { offset, limit: Math.max(0, Math.min(count, end - first) - offset) };
  };
  const archives = counts.archives.length;
  return {
    home: start === 0,
    archives: range(1, archives),
    articles: range(1 + archives, counts.articles),
    tags: range(1 + archives + counts.articles, counts.tags),
  };
}
