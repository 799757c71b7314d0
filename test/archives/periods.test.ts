// Years and months on the blog's clock: where a month begins in a time zone
// with summer time, what an address may name, and the month names readers see.

import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { localYearMonth, monthStart, monthsBetween, parsePeriod, periodRange } from '../../src/archives/periods';
import { pageContext } from '../../src/routes/respond';
import { periodName, renderArchivesPage } from '../../src/views/archives';
import { createLocale } from '../../src/views/i18n';
import type { PageContext } from '../../src/views/layout';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('monthStart', () => {
  it('is midnight on the 1st on the blog’s clock, in winter and in summer time', () => {
    expect(monthStart(2024, 3, 'Europe/Paris')).toBe(at('2024-02-29T23:00:00Z'));
    // Summer time began on 31 March: April begins at 22:00 UTC.
    expect(monthStart(2024, 4, 'Europe/Paris')).toBe(at('2024-03-31T22:00:00Z'));
    expect(monthStart(2024, 11, 'America/New_York')).toBe(at('2024-11-01T04:00:00Z'));
    expect(monthStart(2024, 12, 'America/New_York')).toBe(at('2024-12-01T05:00:00Z'));
    expect(monthStart(2024, 3, 'UTC')).toBe(at('2024-03-01T00:00:00Z'));
  });

  it('gives ranges that end where the next one starts, December running into January', () => {
    expect(periodRange({ year: 2023, month: 12 }, 'Europe/Paris')).toEqual({
      start: at('2023-11-30T23:00:00Z'),
      end: at('2023-12-31T23:00:00Z'),
    });
    expect(periodRange({ year: 2024 }, 'Europe/Paris')).toEqual({
      start: at('2023-12-31T23:00:00Z'),
      end: at('2024-12-31T23:00:00Z'),
    });
  });

  it('puts a moment in the month the blog’s clock shows', () => {
    expect(localYearMonth(at('2024-02-29T23:30:00Z'), 'Europe/Paris')).toEqual({ year: 2024, month: 3 });
    expect(localYearMonth(at('2024-02-29T23:30:00Z'), 'UTC')).toEqual({ year: 2024, month: 2 });
    expect(monthsBetween(at('2023-11-15T00:00:00Z'), at('2024-02-10T00:00:00Z'), 'UTC')).toEqual([
      { year: 2023, month: 11 },
      { year: 2023, month: 12 },
      { year: 2024, month: 1 },
      { year: 2024, month: 2 },
    ]);
  });
});

describe('parsePeriod', () => {
  const now = at('2026-12-05T12:00:00Z');
  const parse = (year?: string, month?: string) => parsePeriod(year, month, now, 'Europe/Paris');

  it('reads a year of four digits and a month of two', () => {
    expect(parse('2024')).toEqual({ year: 2024 });
    expect(parse('2024', '03')).toEqual({ year: 2024, month: 3 });
    expect(parse('2026', '12')).toEqual({ year: 2026, month: 12 });
  });

  it('knows no month 0 or 13, no year 0, none to come', () => {
    for (const [year, month] of [
      ['2024', '00'],
      ['2024', '13'],
      ['0000', undefined],
      ['0999', undefined],
      ['2027', undefined],
      ['2027', '01'],
    ]) {
      expect(parse(year, month), `${year}/${month}`).toBe('not-found');
    }
  });

  it('leaves anything else to the other routes (an article’s slug, a child page)', () => {
    for (const [year, month] of [
      ['bonjour', undefined],
      ['20245', undefined],
      ['2024', 'mars'],
      ['2024', '3'],
      ['2024', '003'],
      ['mars', '03'],
    ]) {
      expect(parse(year, month), `${year}/${month}`).toBeNull();
    }
  });
});

describe('month names', () => {
  const french: PageContext = pageContext(env);
  const english: PageContext = { ...french, locale: createLocale('en', 'Europe/Paris') };

  it('are the reader’s language’s: « mars 2024 », “March 2024”', () => {
    expect(periodName(french, { year: 2024, month: 3 })).toBe('mars 2024');
    expect(periodName(english, { year: 2024, month: 3 })).toBe('March 2024');
    expect(periodName(french, { year: 2024 })).toBe('2024');
  });

  it('show /archives in English with English counts', () => {
    const page = renderArchivesPage(english, [
      { year: 2024, month: 3, count: 2 },
      { year: 2024, month: 1, count: 1 },
    ]);
    expect(page).toContain('<h2><a href="/2024">2024</a> <span class="count">3 posts</span></h2>');
    expect(page).toContain('<li><a href="/2024/03">March 2024</a> <span class="count">2 posts</span></li>');
    expect(page).toContain('<li><a href="/2024/01">January 2024</a> <span class="count">1 post</span></li>');
  });
});
