// WordPress stores every date twice: in UTC (*_gmt) and in the blog's wall
// clock. Drafts have no UTC date yet ("0000-00-00 00:00:00"), so the wall
// clock is read in the blog's time zone instead.

const WORDPRESS_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const UNSET = /^0000-00-00(?:[ T]00:00(?::00)?)?$/;

export type DateResult = { ok: true; seconds: number } | { ok: false; reason: string };

/**
 * Unix seconds from a "*_gmt" date, or from the local one in `timeZone` when
 * the UTC one is unset. `names` are the element names, for the message.
 */
export function wordpressDate(
  gmt: string,
  local: string,
  timeZone: string,
  names: { gmt: string; local: string },
): DateResult {
  const utcText = gmt.trim();
  if (utcText !== '' && !UNSET.test(utcText)) {
    const parts = dateParts(utcText);
    if (!parts) return { ok: false, reason: `${names.gmt} "${utcText}" is not a date` };
    return { ok: true, seconds: Math.floor(Date.UTC(...parts) / 1000) };
  }
  const localText = local.trim();
  const parts = UNSET.test(localText) ? null : dateParts(localText);
  if (!parts)
    return {
      ok: false,
      reason: `${names.local} "${localText}" is not a date (and ${names.gmt} is ${utcText ? `"${utcText}"` : 'missing'})`,
    };
  return { ok: true, seconds: Math.floor(zonedTimeToUtc(parts, timeZone) / 1000) };
}

type Parts = [number, number, number, number, number, number];

/** [year, monthIndex, day, hour, minute, second], or null when the date does not exist. */
function dateParts(value: string): Parts | null {
  const match = WORDPRESS_DATE.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as Parts;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return null;
  return [year, month - 1, day, hour, minute, second];
}

/** Milliseconds of the instant when the wall clock in `timeZone` shows `parts`. */
export function zonedTimeToUtc(parts: Parts, timeZone: string): number {
  const wall = Date.UTC(...parts);
  // Two passes settle on the right offset even across a DST change.
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

function offsetAt(instant: number, timeZone: string): number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const fields = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const shown = Date.UTC(
    fields.year ?? 0,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return shown - Math.floor(instant / 1000) * 1000;
}

/** An ISO 8601 UTC date for front matter: 2012-03-14T09:15:00Z. */
export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
