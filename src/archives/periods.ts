// Date archives: a year (/2024) or a month (/2024/03) of the blog, as a range
// of Unix seconds. Months begin at midnight on the 1st in the blog's time zone
// (BLOG_TIMEZONE), not in UTC: an article published on 1 March at 00:30 in
// Paris belongs to March although it is still February in UTC. D1 knows no
// time zones, so the Worker turns each period into a published_at range, which
// the articles_by_kind_status_date index answers.

export interface Period {
  year: number;
  /** 1–12; absent for a whole year. */
  month?: number;
}

export interface PeriodRange {
  /** First second of the period (inclusive). */
  start: number;
  /** First second after it (exclusive). */
  end: number;
}

/**
 * What "/:year" or "/:year/:month" asks for. `null`: not an archive address at
 * all (an article's slug, a child page), left to the routes after. `'not-found'`:
 * shaped like one but no such period can have articles ("/0000", "/2024/13",
 * a year still to come).
 */
export function parsePeriod(
  rawYear: string | undefined,
  rawMonth: string | undefined,
  now: number,
  timeZone: string,
): Period | 'not-found' | null {
  if (rawYear === undefined || !/^[0-9]{4}$/.test(rawYear)) return null;
  if (rawMonth !== undefined && !/^[0-9]{2}$/.test(rawMonth)) return null;
  const year = Number(rawYear);
  if (year < 1000 || year > localYearMonth(now, timeZone).year) return 'not-found';
  if (rawMonth === undefined) return { year };
  const month = Number(rawMonth);
  return month >= 1 && month <= 12 ? { year, month } : 'not-found';
}

export function periodRange(period: Period, timeZone: string): PeriodRange {
  if (period.month === undefined) {
    return { start: monthStart(period.year, 1, timeZone), end: monthStart(period.year + 1, 1, timeZone) };
  }
  const next =
    period.month === 12 ? { year: period.year + 1, month: 1 } : { year: period.year, month: period.month + 1 };
  return { start: monthStart(period.year, period.month, timeZone), end: monthStart(next.year, next.month, timeZone) };
}

/** "/2024" or "/2024/03": the canonical address (no trailing slash, see src/routes/canonical.ts). */
export function periodPath(period: Period): string {
  return period.month === undefined ? `/${period.year}` : `/${period.year}/${String(period.month).padStart(2, '0')}`;
}

/** Every month from the one holding `first` to the one holding `last`, oldest first. */
export function monthsBetween(first: number, last: number, timeZone: string): Required<Period>[] {
  const from = localYearMonth(first, timeZone);
  const to = localYearMonth(last, timeZone);
  const months: Required<Period>[] = [];
  for (let index = from.year * 12 + from.month - 1; index <= to.year * 12 + to.month - 1; index++) {
    months.push({ year: Math.floor(index / 12), month: (index % 12) + 1 });
  }
  return months;
}

// Intl formatters are costly to build: one per time zone per isolate.
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(unixSeconds: number, timeZone: string): Record<string, number> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(unixSeconds * 1000))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** The year and month (1–12) a moment falls in, on the blog's clock. */
export function localYearMonth(unixSeconds: number, timeZone: string): Required<Period> {
  const { year, month } = wallClock(unixSeconds, timeZone);
  return { year: year as number, month: month as number };
}

/** Seconds the blog's clock is ahead of UTC at that moment. */
function offsetAt(unixSeconds: number, timeZone: string): number {
  const c = wallClock(unixSeconds, timeZone);
  const asUtc = Date.UTC(c.year as number, (c.month as number) - 1, c.day, c.hour, c.minute, c.second) / 1000;
  return asUtc - unixSeconds;
}

/** Midnight on the 1st of the month, on the blog's clock, in Unix seconds. */
export function monthStart(year: number, month: number, timeZone: string): number {
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, 1));
  date.setUTCFullYear(year);
  const utcMidnight = date.getTime() / 1000;
  // The offset of the moment itself, found in two steps: the offset at UTC
  // midnight is off by one change of clock when one falls in between.
  const guess = utcMidnight - offsetAt(utcMidnight, timeZone);
  return utcMidnight - offsetAt(guess, timeZone);
}
