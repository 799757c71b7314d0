import { describe, expect, it } from 'vitest';
import { createLocale } from '../../src/views/i18n';
import { remembered } from '../../src/views/memo';
import { isoDateTime } from '../../src/views/seo/dates';

describe('remembered formatting', () => {
  it('formats each value once, and gives the same answer as the formatter', () => {
    const calls: number[] = [];
    const double = remembered((n: number) => {
      calls.push(n);
      return n * 2;
    });
    expect([double(1), double(2), double(1), double(2)]).toEqual([2, 4, 2, 4]);
    expect(calls).toEqual([1, 2]);
  });

  it('stays right past its bound: many more dates than it keeps', () => {
    const locale = createLocale('fr', 'Europe/Paris');
    const fresh = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
    for (let i = 0; i < 10_000; i++) {
      const seconds = 1_700_000_000 + i * 86_399;
      expect(locale.formatDate(seconds)).toBe(fresh.format(new Date(seconds * 1000)));
    }
  });

  it('keeps each time zone’s own offsets for the same instant', () => {
    const summer = Date.UTC(2026, 6, 1, 12) / 1000;
    expect(isoDateTime(summer, 'Europe/Paris')).toBe('2026-07-01T14:00:00+02:00');
    expect(isoDateTime(summer, 'UTC')).toBe('2026-07-01T12:00:00+00:00');
    expect(isoDateTime(summer, 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
  });
});
