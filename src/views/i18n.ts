// Interface strings in French and English. Dates, numbers and plurals go
// through Intl so that "1 commentaire" / "3 commentaires" and
// "24 novembre 2026" follow each language's rules.
import type { Language } from '../config';

interface Strings {
  locale: string;
  skipToContent: string;
  home: string;
  olderPosts: string;
  newerPosts: string;
  pageOf: (page: number, pages: number) => string;
  pagination: string;
  noArticles: string;
  readMore: string;
  publishedOn: string;
  updatedOn: string;
  imageCredit: string;
  tags: string;
  share: string;
  shareByEmail: string;
  relatedHeading: string;
  /** Heading of the comments section; the count is already formatted. */
  commentsHeading: (count: number, formatted: string, title: string) => string;
  commentCount: (count: number, formatted: string) => string;
  authorBadge: string;
  replyTo: (name: string) => string;
  commentPermalink: string;
  leaveComment: string;
  commentFormComing: string;
  tagHeading: (name: string) => string;
  tagArticleCount: (count: number, formatted: string) => string;
  rssFeed: string;
  followMe: string;
  poweredBy: string;
  notFoundTitle: string;
  notFoundText: string;
  badRequestTitle: string;
  badRequestText: string;
  methodNotAllowedTitle: string;
  methodNotAllowedText: string;
  serverErrorTitle: string;
  serverErrorText: string;
  backHome: string;
}

const fr: Strings = {
  locale: 'fr-FR',
  skipToContent: 'Aller au contenu',
  home: 'Accueil',
  olderPosts: 'Articles plus anciens',
  newerPosts: 'Articles plus récents',
  pageOf: (page, pages) => `Page ${page} sur ${pages}`,
  pagination: 'Pagination',
  noArticles: 'Aucun article publié pour l’instant.',
  readMore: 'Lire la suite',
  publishedOn: 'Publié le',
  updatedOn: 'mis à jour le',
  imageCredit: 'Crédit image\u00a0:',
  tags: 'Étiquettes\u00a0:',
  share: 'Partager',
  shareByEmail: 'E-mail',
  relatedHeading: 'Vous pouvez aussi lire',
  commentsHeading: (count, formatted, title) =>
    count === 0
      ? 'Aucun commentaire'
      : `${formatted} ${pluralFr(count, 'commentaire', 'commentaires')} à «\u00a0${title}\u00a0»`,
  commentCount: (count, formatted) =>
    count === 0 ? 'Aucun commentaire' : `${formatted} ${pluralFr(count, 'commentaire', 'commentaires')}`,
  authorBadge: 'Auteur de l’article',
  replyTo: (name) => `En réponse à ${name}`,
  commentPermalink: 'Lien vers ce commentaire',
  leaveComment: 'Laisser un commentaire',
  commentFormComing: 'Les commentaires ouvriront bientôt sur ce blog.',
  tagHeading: (name) => `Articles étiquetés «\u00a0${name}\u00a0»`,
  tagArticleCount: (count, formatted) => `${formatted} ${pluralFr(count, 'article', 'articles')}`,
  rssFeed: 'Flux RSS',
  followMe: 'Me suivre',
  poweredBy: 'Propulsé par Causerie',
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Cette page n’existe pas ou n’existe plus. Elle a peut-être changé d’adresse.',
  badRequestTitle: 'Requête invalide',
  badRequestText: 'L’adresse demandée contient une valeur que le blog ne comprend pas.',
  methodNotAllowedTitle: 'Méthode non autorisée',
  methodNotAllowedText: 'Cette adresse ne répond pas à ce type de requête.',
  serverErrorTitle: 'Erreur du serveur',
  serverErrorText: 'Un problème est survenu de notre côté. Réessayez dans un instant.',
  backHome: 'Retour à l’accueil',
};

const en: Strings = {
  locale: 'en-GB',
  skipToContent: 'Skip to content',
  home: 'Home',
  olderPosts: 'Older posts',
  newerPosts: 'Newer posts',
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  pagination: 'Pagination',
  noArticles: 'Nothing published yet.',
  readMore: 'Read more',
  publishedOn: 'Published on',
  updatedOn: 'updated on',
  imageCredit: 'Image credit:',
  tags: 'Tags:',
  share: 'Share',
  shareByEmail: 'Email',
  relatedHeading: 'You may also like',
  commentsHeading: (count, formatted, title) =>
    count === 0 ? 'No comments' : `${formatted} ${pluralEn(count, 'comment', 'comments')} on “${title}”`,
  commentCount: (count, formatted) =>
    count === 0 ? 'No comments' : `${formatted} ${pluralEn(count, 'comment', 'comments')}`,
  authorBadge: 'Post author',
  replyTo: (name) => `In reply to ${name}`,
  commentPermalink: 'Link to this comment',
  leaveComment: 'Leave a comment',
  commentFormComing: 'Comments will open on this blog soon.',
  tagHeading: (name) => `Posts tagged “${name}”`,
  tagArticleCount: (count, formatted) => `${formatted} ${pluralEn(count, 'post', 'posts')}`,
  rssFeed: 'RSS feed',
  followMe: 'Follow me',
  poweredBy: 'Powered by Causerie',
  notFoundTitle: 'Page not found',
  notFoundText: 'This page does not exist, or no longer does. It may have moved.',
  badRequestTitle: 'Bad request',
  badRequestText: 'The address contains a value the blog does not understand.',
  methodNotAllowedTitle: 'Method not allowed',
  methodNotAllowedText: 'This address does not answer this kind of request.',
  serverErrorTitle: 'Server error',
  serverErrorText: 'Something went wrong on our side. Please try again in a moment.',
  backHome: 'Back to the home page',
};

const pluralRules = {
  fr: new Intl.PluralRules('fr-FR'),
  en: new Intl.PluralRules('en-GB'),
};

function pluralFr(count: number, one: string, other: string): string {
  // French treats 0 and 1 as singular; "many" (1 000 000 de…) reads as plural.
  return pluralRules.fr.select(count) === 'one' ? one : other;
}

function pluralEn(count: number, one: string, other: string): string {
  return pluralRules.en.select(count) === 'one' ? one : other;
}

export const STRINGS: Record<Language, Strings> = { fr, en };

export type { Strings };

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
    formatDate: (unixSeconds) => dates.format(new Date(unixSeconds * 1000)),
    formatNumber: (value) => numbers.format(value),
  };
}
