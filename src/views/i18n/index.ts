// Interface strings in French and English. Dates, numbers and plurals go
// through Intl so that "1 commentaire" / "3 commentaires" and
// "24 novembre 2026" follow each language's rules.
import type { Language } from '../../config';
import { remembered } from '../memo';
import { en } from './en';
import { fr } from './fr';
import type { Strings } from './strings';

export type { FormNotice, Strings } from './strings';

export const STRINGS: Record<Language, Strings> = { fr, en };

/** Formatting helpers bound to one language and the blog's time zone. */
export interface Locale {
  language: Language;
  t: Strings;
  formatDate(unixSeconds: number): string;
  formatNumber(value: number): string;
}

// Intl formatters are costly to build: one set per language and time zone per isolate.
const locales = new Map<string, Locale>();

export function createLocale(language: Language, timeZone: string): Locale {
  const key = `${language} ${timeZone}`;
  let locale = locales.get(key);
  if (!locale) {
    locale = buildLocale(language, timeZone);
    locales.set(key, locale);
  }
  return locale;
}

function buildLocale(language: Language, timeZone: string): Locale {
  const t = STRINGS[language];
  const dates = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone });
  const numbers = new Intl.NumberFormat(t.locale);
  return {
    language,
    t,
    formatDate: remembered((unixSeconds: number) => dates.format(new Date(unixSeconds * 1000))),
    formatNumber: remembered((value: number) => numbers.format(value)),
  };
}
