// Dates for search engines and social previews: ISO 8601 in the blog's time
// zone with its offset ("2026-10-06T09:30:00+02:00"), the moment the author
// saw on their clock rather than UTC.

import { remembered } from '../memo';

// Intl formatters are costly to build: one per time zone per isolate.
const formatters = new Map<string, Intl.DateTimeFormat>();
/** formatToParts is the costly part of a page's JSON-LD: each date once per time zone per isolate. */
const byTimeZone = new Map<string, (unixSeconds: number) => string>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
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
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isoDateTime(unixSeconds: number, timeZone: string): string {
  let format = byTimeZone.get(timeZone);
  if (!format) {
    format = remembered((seconds: number) => formatIsoDateTime(seconds, timeZone));
    byTimeZone.set(timeZone, format);
  }
  return format(unixSeconds);
}

function formatIsoDateTime(unixSeconds: number, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(unixSeconds * 1000))) {
    parts[part.type] = part.value;
  }
  // "GMT+02:00", or a bare "GMT" at offset zero.
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
