// Strings of a blog with several authors, in French and English: the byline
// of an article naming its author, and an author's page.
import { pluralEn, pluralFr } from './strings';

export interface AuthorStrings {
  /** Before the author's name in an article's byline: "Par Camille". */
  by: string;
  /** An author's page's heading. */
  heading: (name: string) => string;
  /** How many published articles the author has; the count is already formatted. */
  articleCount: (count: number, formatted: string) => string;
}

export const authorsFr: AuthorStrings = {
  by: 'Par',
  // « Articles d’Élise », « Articles de Camille »: elided before a vowel (an h may be either, so it keeps « de »).
  heading: (name) => `Articles ${/^[aeiouyàâäéèêëîïôöùûüÿæœ]/i.test(name) ? 'd’' : 'de '}${name}`,
  articleCount: (count, formatted) => `${formatted} ${pluralFr(count, 'article', 'articles')}`,
};

export const authorsEn: AuthorStrings = {
  by: 'By',
  heading: (name) => `Posts by ${name}`,
  articleCount: (count, formatted) => `${formatted} ${pluralEn(count, 'post', 'posts')}`,
};
