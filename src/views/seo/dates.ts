// Dates for search engines and social previews: ISO 8601 in the blog's time
// zone with its offset ("2026-10-06T09:30:00+02:00"), the moment the author
// saw on their clock rather than UTC.

import { remembered } from '../memo';

/**
 * One formatting function per time zone per isolate: Intl formatters are
 * costly to build, and formatToParts is the costly part of a page's JSON-LD,
 * so each date is formatted once.
 */
const byTimeZone = new Map<string, (unixSeconds: number) => string>();

export function isoDateTime(unixSeconds: number, timeZone: string): string {
  let format = byTimeZone.get(timeZone);
  if (!format) {
    format = remembered(isoDateTimeIn(timeZone));
    byTimeZone.set(timeZone, format);
  }
  return format(unixSeconds);
}

function isoDateTimeIn(timeZone: string): (unixSeconds: number) => string {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  return (unixSeconds) => {
    const parts: Record<string, string> = {};
    for (const part of formatter.formatToParts(new Date(unixSeconds * 1000))) parts[part.type] = part.value;
    // "GMT+02:00", or a bare "GMT" at offset zero.
    const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
  };
}
