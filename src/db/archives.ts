// Reads of the date archives: how many articles each month holds (/archives,
// the sitemap) and the articles of one year or month (/2024, /2024/03). Every
// period is a published_at range computed in the Worker (src/archives/periods.ts);
// the articles_by_kind_status_date index (migration 0012) answers each range, counting
// without reading a single article row.
import { monthsBetween, type Period, type PeriodRange, periodRange } from '../archives/periods';
import { offsetOf, type PageQuery, SUMMARY_COLUMNS, toPage } from './listing';
import type { Db } from './session';
import type { ArticleSummaryRow, Page } from './types';

/** Published, due articles (pages left out), `?1` being now. */
const LISTED = `a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?1`;
/**
 * Published articles (pages left out) in [start, end), `end` already cut at
 * now: with a second upper bound on published_at ("<= now"), SQLite may walk
 * the index from the wrong one, reading every newer article for an old month
 * (1.2 million index entries to count 240 months of a 10,000-article blog).
 */
const inRange = (start: string, end: string) =>
  `a.kind = 'article' AND a.status = 'published' AND a.published_at >= ${start} AND a.published_at < ${end}`;

/** The range, ending no later than now (future articles are not published yet). */
function dueRange(range: PeriodRange, now: number): PeriodRange {
  return { start: range.start, end: Math.max(range.start, Math.min(range.end, now + 1)) };
}

export interface MonthCount {
  year: number;
  month: number;
  count: number;
}

/**
 * Every month holding at least one published article, newest first, with its
 * count. Two round trips: the dates of the oldest and newest articles, then
 * one count per month between them, each an index range (a blog of 10,000
 * articles over 20 years: 240 ranges, 10,000 index entries, no row).
 */
export async function countPublishedByMonth(db: Db, now: number, timeZone: string): Promise<MonthCount[]> {
  // A batch of one, so that a menu-reading session (src/db/menu.ts) reads the menu with it.
  const [spanResult] = await db.batch<{ first: number | null; last: number | null }>([
    db
      .prepare(
        `SELECT
         (SELECT a.published_at FROM articles a WHERE ${LISTED} ORDER BY a.published_at, a.id LIMIT 1) AS first,
         (SELECT a.published_at FROM articles a WHERE ${LISTED} ORDER BY a.published_at DESC, a.id DESC LIMIT 1) AS last`,
      )
      .bind(now),
  ]);
  const span = spanResult?.results[0];
  if (span?.first == null || span.last == null) return [];
  const months = monthsBetween(span.first, span.last, timeZone);
  const counts = await countPublishedInRanges(
    db,
    months.map((month) => periodRange(month, timeZone)),
    now,
  );
  return months
    .map((month, index) => ({ ...month, count: counts[index] ?? 0 }))
    .filter((month) => month.count > 0)
    .reverse();
}

/** How many published articles each range holds, in the order given: one statement. */
async function countPublishedInRanges(db: Db, ranges: PeriodRange[], now: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT r.key AS position, (SELECT count(*) FROM articles a
                WHERE ${inRange("json_extract(r.value, '$[0]')", "json_extract(r.value, '$[1]')")}) AS total
         FROM json_each(?1) r`,
    )
    .bind(JSON.stringify(ranges.map((range) => dueRange(range, now)).map((range) => [range.start, range.end])))
    .all<{ position: number; total: number }>();
  // Placed by position rather than sorted: no sort in SQL, whatever order the rows come in.
  const totals = ranges.map(() => 0);
  for (const row of results) totals[row.position] = row.total;
  return totals;
}

/** One page of a year's or a month's published articles, newest first, with their total. */
export async function listPublishedArticlesInPeriod(
  db: Db,
  period: Period,
  timeZone: string,
  query: PageQuery,
): Promise<Page<ArticleSummaryRow>> {
  const range = dueRange(periodRange(period, timeZone), query.now);
  const where = inRange('?1', '?2');
  const [count, list] = await db.batch([
    db.prepare(`SELECT count(*) AS total FROM articles a WHERE ${where}`).bind(range.start, range.end),
    db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE ${where}
          ORDER BY a.published_at DESC, a.id DESC LIMIT ?3 OFFSET ?4`,
      )
      .bind(range.start, range.end, query.pageSize, offsetOf(query)),
  ]);
  return toPage<ArticleSummaryRow>(count, list, query);
}
