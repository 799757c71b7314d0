// Strings of the date archives (/archives, /2024, /2024/03) and of pinned
// articles, in French and English. Month names come from Intl: "mars 2024",
// "March 2024".
import { pluralEn, pluralFr } from './strings';

export interface ArchiveStrings {
  /** The /archives page's title, and the footer's link to it. */
  title: string;
  /** "12 articles"; the count is already formatted. */
  articleCount: (count: number, formatted: string) => string;
  /** What /archives says when nothing is published. */
  empty: string;
  /** Name of the trail of links above a year's or a month's list. */
  breadcrumb: string;
  /** The label of a pinned article in the home page's list. */
  pinned: string;
}

export const archivesFr: ArchiveStrings = {
  title: 'Archives',
  articleCount: (count, formatted) => `${formatted} ${pluralFr(count, 'article', 'articles')}`,
  empty: 'Aucun article publié pour l’instant.',
  breadcrumb: 'Fil d’Ariane',
  pinned: 'Épinglé',
};

export const archivesEn: ArchiveStrings = {
  title: 'Archives',
  articleCount: (count, formatted) => `${formatted} ${pluralEn(count, 'post', 'posts')}`,
  empty: 'Nothing published yet.',
  breadcrumb: 'Breadcrumb',
  pinned: 'Pinned',
};
