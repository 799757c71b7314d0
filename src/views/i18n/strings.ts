// The shape of the interface strings, and the plural rules they use.
import type { ArchiveStrings } from './archives';
import type { AuthorStrings } from './authors';
import type { MentionStrings } from './mentions';
import type { ProtectedStrings } from './protected';

export interface FormStrings {
  intro: string;
  author: string;
  email: string;
  url: string;
  body: string;
  /** Under the comment's textarea: the formatting it takes. */
  formattingHint: string;
  required: string;
  submit: string;
  honeypot: string;
  noScript: string;
  reply: string;
  /** The reply link's accessible name: it starts with the link's visible text (WCAG 2.5.3). */
  replyLink: string;
  replyToLabel: string;
  cancelReply: string;
  closed: string;
  awaitingModeration: string;
  /** The opt-in boxes, shown when e-mail notifications are on. */
  notifyReplies: string;
  notifyArticle: string;
  errors: Record<
    'author' | 'email' | 'url' | 'body',
    Partial<Record<'required' | 'too_long' | 'invalid' | 'required_to_notify', string>>
  >;
  notices: Record<FormNotice, string>;
  /** The live counter under the comment (browser script); %s is the formatted number. */
  counter: { remaining: PluralText; over: PluralText };
  /** Said by the browser script next to the Turnstile widget. */
  turnstile: { loading: string; failed: string; error: string; retry: string };
  /** The browser kept the text typed on this page earlier and put it back. */
  draftRestored: string;
}

/** A text in the two forms French and English need; picked with Intl.PluralRules. */
export interface PluralText {
  one: string;
  other: string;
}

/** The search form in the header and the /search page. */
export interface SearchStrings {
  /** Name of the header's search landmark. */
  landmark: string;
  field: string;
  submit: string;
  title: string;
  /** "3 résultats pour « spam »"; the count is already formatted. */
  resultCount: (count: number, formatted: string, query: string) => string;
  hint: string;
  noWords: string;
  noResults: string;
  tooLong: (max: string) => string;
  invalid: string;
  previous: string;
  next: string;
}

export type FormNotice =
  | 'invalid'
  | 'turnstile'
  | 'turnstile_missing'
  | 'too_large'
  | 'rate_limited'
  | 'duplicate'
  | 'unavailable'
  | 'parent_gone'
  | 'closed';

export interface Strings {
  locale: string;
  skipToContent: string;
  home: string;
  olderPosts: string;
  newerPosts: string;
  pageOf: (page: number, pages: number) => string;
  /** A list page's number in its <title>, kept short: "Page 2". */
  pageTitle: (page: number) => string;
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
  /** The header's menu of pages (its landmark's name), and a standalone page as labelled in search results. */
  siteMenu: string;
  standalonePage: string;
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
  /** The "mentioned by" list and the Webmention and trackback endpoints. */
  mentions: MentionStrings;
  /** Bylines and authors' pages (a blog with several authors). */
  authors: AuthorStrings;
  /** Password-protected articles (src/routes/article-password.ts). */
  protectedArticle: ProtectedStrings;
  form: FormStrings;
  tagHeading: (name: string) => string;
  tagArticleCount: (count: number, formatted: string) => string;
  search: SearchStrings;
  /** The date archives and the pinned label. */
  archives: ArchiveStrings;
  rssFeed: string;
  /** Titles of the feeds pages advertise, before the format's name (" – Atom"). */
  feedTitles: {
    tag: (name: string) => string;
    comments: (title: string) => string;
    /** One comment in an article's comment feed. */
    comment: (author: string) => string;
  };
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
  /** 503: the database did not answer; the page says when to come back. */
  unavailableTitle: string;
  unavailableText: string;
  /** 400 for a form body: cut short, badly encoded or with too many fields. */
  malformedFormText: string;
  backHome: string;
}

const pluralRules = {
  fr: new Intl.PluralRules('fr-FR'),
  en: new Intl.PluralRules('en-GB'),
};

export function pluralFr(count: number, one: string, other: string): string {
  // French treats 0 and 1 as singular; "many" (1 000 000 de…) reads as plural.
  return pluralRules.fr.select(count) === 'one' ? one : other;
}

export function pluralEn(count: number, one: string, other: string): string {
  return pluralRules.en.select(count) === 'one' ? one : other;
}
