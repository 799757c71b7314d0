// Interface strings in French and English. Dates, numbers and plurals go
// through Intl so that "1 commentaire" / "3 commentaires" and
// "24 novembre 2026" follow each language's rules.
import type { Language } from '../config';

interface FormStrings {
  intro: string;
  author: string;
  email: string;
  url: string;
  body: string;
  required: string;
  submit: string;
  honeypot: string;
  noScript: string;
  reply: string;
  replyToLabel: string;
  cancelReply: string;
  closed: string;
  awaitingModeration: string;
  errors: Record<'author' | 'email' | 'url' | 'body', Partial<Record<'required' | 'too_long' | 'invalid', string>>>;
  notices: Record<FormNotice, string>;
}

export type FormNotice =
  | 'invalid'
  | 'turnstile'
  | 'rate_limited'
  | 'duplicate'
  | 'unavailable'
  | 'parent_gone'
  | 'closed';

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
  commentPages: string;
  olderComments: string;
  newerComments: string;
  authorBadge: string;
  replyTo: (name: string) => string;
  commentPermalink: string;
  leaveComment: string;
  form: FormStrings;
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
  forbiddenTitle: string;
  forbiddenText: string;
  tooLargeTitle: string;
  tooLargeText: string;
  unsupportedTitle: string;
  unsupportedText: string;
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
  commentPages: 'Pages des commentaires',
  olderComments: 'Commentaires plus anciens',
  newerComments: 'Commentaires plus récents',
  authorBadge: 'Auteur de l’article',
  replyTo: (name) => `En réponse à ${name}`,
  commentPermalink: 'Lien vers ce commentaire',
  leaveComment: 'Laisser un commentaire',
  form: {
    intro: 'Votre adresse e-mail ne sera pas publiée. Les champs marqués * sont obligatoires.',
    author: 'Nom',
    email: 'E-mail',
    url: 'Site web',
    body: 'Commentaire',
    required: 'obligatoire',
    submit: 'Publier le commentaire',
    honeypot: 'Ne remplissez pas ce champ',
    noScript:
      'Pour tenir les robots à l’écart, commenter nécessite JavaScript et une vérification de Cloudflare Turnstile. Activez JavaScript pour publier un commentaire.',
    reply: 'Répondre',
    replyToLabel: 'En réponse à %s',
    cancelReply: 'Annuler la réponse',
    closed: 'Les commentaires sont fermés pour cet article.',
    awaitingModeration: 'Votre commentaire est en attente de modération. Vous seul le voyez pour l’instant.',
    errors: {
      author: { required: 'Indiquez votre nom.', too_long: 'Votre nom ne doit pas dépasser 100 caractères.' },
      email: {
        required: 'Indiquez votre adresse e-mail (elle ne sera pas publiée).',
        invalid: 'Cette adresse e-mail ne semble pas valide, par exemple prenom@exemple.fr.',
        too_long: 'L’adresse e-mail ne doit pas dépasser 254 caractères.',
      },
      url: {
        invalid: 'L’adresse du site doit être une adresse web commençant par http:// ou https://.',
        too_long: 'L’adresse du site ne doit pas dépasser 2 000 caractères.',
      },
      body: {
        required: 'Écrivez votre commentaire.',
        too_long: 'Votre commentaire dépasse 10 000 caractères : raccourcissez-le.',
      },
    },
    notices: {
      invalid: 'Votre commentaire n’a pas été envoyé : corrigez les champs signalés ci-dessous.',
      turnstile:
        'La vérification anti-robot a échoué ou a expiré. Refaites-la, puis envoyez à nouveau votre commentaire : il est toujours dans le formulaire.',
      rate_limited: 'Vous avez envoyé plusieurs commentaires en peu de temps. Patientez une minute avant de réessayer.',
      duplicate: 'Vous avez déjà envoyé ce commentaire il y a quelques minutes.',
      unavailable:
        'Votre commentaire n’a pas pu être enregistré à cause d’un problème passager. Il est toujours dans le formulaire : réessayez dans un instant.',
      parent_gone:
        'Le commentaire auquel vous répondiez n’est plus disponible. Envoyez à nouveau : votre texte sera publié comme nouveau commentaire.',
      closed: 'Les commentaires sont fermés pour cet article.',
    },
  },
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
  forbiddenTitle: 'Requête refusée',
  forbiddenText: 'Ce formulaire doit être envoyé depuis une page de ce blog.',
  tooLargeTitle: 'Envoi trop volumineux',
  tooLargeText: 'Le formulaire envoyé dépasse 64 Kio. Raccourcissez votre texte puis réessayez.',
  unsupportedTitle: 'Format non pris en charge',
  unsupportedText: 'Ce formulaire doit être envoyé comme un formulaire HTML ordinaire.',
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
  commentPages: 'Comment pages',
  olderComments: 'Older comments',
  newerComments: 'Newer comments',
  authorBadge: 'Post author',
  replyTo: (name) => `In reply to ${name}`,
  commentPermalink: 'Link to this comment',
  leaveComment: 'Leave a comment',
  form: {
    intro: 'Your email address will not be published. Fields marked * are required.',
    author: 'Name',
    email: 'Email',
    url: 'Website',
    body: 'Comment',
    required: 'required',
    submit: 'Post comment',
    honeypot: 'Leave this field empty',
    noScript:
      'To keep robots out, commenting needs JavaScript and a Cloudflare Turnstile check. Turn JavaScript on to post a comment.',
    reply: 'Reply',
    replyToLabel: 'Replying to %s',
    cancelReply: 'Cancel reply',
    closed: 'Comments are closed on this post.',
    awaitingModeration: 'Your comment is awaiting moderation. Only you can see it for now.',
    errors: {
      author: { required: 'Enter your name.', too_long: 'Your name must be at most 100 characters long.' },
      email: {
        required: 'Enter your email address (it will not be published).',
        invalid: 'This email address does not look valid, for example name@example.com.',
        too_long: 'The email address must be at most 254 characters long.',
      },
      url: {
        invalid: 'The website must be a web address starting with http:// or https://.',
        too_long: 'The website address must be at most 2,000 characters long.',
      },
      body: {
        required: 'Write your comment.',
        too_long: 'Your comment is longer than 10,000 characters: please shorten it.',
      },
    },
    notices: {
      invalid: 'Your comment was not sent: please correct the fields marked below.',
      turnstile:
        'The anti-robot check failed or expired. Please complete it again and resend your comment: it is still in the form.',
      rate_limited: 'You sent several comments in a short time. Please wait a minute before trying again.',
      duplicate: 'You already sent this comment a few minutes ago.',
      unavailable:
        'Your comment could not be saved because of a temporary problem. It is still in the form: please try again in a moment.',
      parent_gone:
        'The comment you were replying to is no longer available. Send again and your text will be posted as a new comment.',
      closed: 'Comments are closed on this post.',
    },
  },
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
  forbiddenTitle: 'Request refused',
  forbiddenText: 'This form must be sent from a page of this blog.',
  tooLargeTitle: 'Submission too large',
  tooLargeText: 'The form sent is larger than 64 KiB. Please shorten your text and try again.',
  unsupportedTitle: 'Unsupported format',
  unsupportedText: 'This form must be sent as an ordinary HTML form.',
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
