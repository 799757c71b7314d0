// The desk's interface strings, in the blog's language.
import type { Language } from '../../config';
import type { ModerationStatus } from '../../db/moderation';
import { adminEn } from './strings-en';
import { adminFr } from './strings-fr';
import type { MentionDeskStrings } from './strings-mentions';
import type { NotificationDeskStrings } from './strings-notifications';

export type ModerationAction = 'approve' | 'unapprove' | 'spam' | 'trash' | 'delete';

/** The page that asks before anything is deleted for good. */
export interface DeleteConfirmStrings {
  title: (count: number, formatted: string) => string;
  warning: (count: number) => string;
  submit: string;
}

export interface AdminStrings {
  desk: string;
  comments: string;
  articles: string;
  /** The mention queue (Webmention, trackbacks). */
  mentions: MentionDeskStrings;
  /** E-mail notifications: the log, an article's subscribers. */
  notifications: NotificationDeskStrings;
  viewBlog: string;
  logout: string;
  signedInAs: (who: string) => string;
  pendingBadge: (count: number, formatted: string) => string;
  statusTab: Record<ModerationStatus, string>;
  emptyQueue: Record<ModerationStatus, string>;
  action: Record<ModerationAction, string>;
  /** After an action: "3 comments approved." */
  actionDone: (action: ModerationAction, count: number, formatted: string) => string;
  /** Asked before a permanent deletion. */
  confirmDelete: DeleteConfirmStrings;
  nothingSelected: string;
  bulkLabel: string;
  bulkApply: string;
  selectComment: (id: number) => string;
  columns: { comment: string; author: string; details: string; actions: string };
  onArticle: string;
  inReplyTo: (name: string) => string;
  website: string;
  turnstileVerified: string;
  turnstileUnverified: string;
  heldReason: Record<string, string>;
  ipMatches: (count: number, formatted: string) => string;
  authorBadge: string;
  /** In place of the bot check and IP lines: a reply the author wrote from the desk. */
  authorReply: string;
  edit: string;
  reply: string;
  replyLabel: string;
  replySubmit: string;
  replyPosted: string;
  replyEmpty: string;
  editTitle: (id: number) => string;
  editSaved: string;
  save: string;
  cancel: string;
  fields: { author: string; email: string; url: string; body: string };
  fieldErrors: Record<'required' | 'too_long' | 'invalid', string>;
  fixErrors: string;
  articleColumns: { title: string; date: string; comments: string; status: string };
  scheduled: string;
  commentsOpen: string;
  commentsClosed: string;
  closeComments: string;
  openComments: string;
  commentsClosedDone: string;
  commentsOpenedDone: string;
  articleCounts: (approved: number, pending: number, format: (count: number) => string) => string;
  loginTitle: string;
  password: string;
  loginSubmit: string;
  wrongPassword: string;
  tooManyAttempts: (minutes: number) => string;
  loggedOut: string;
  sessionExpired: string;
  csrfTitle: string;
  csrfText: string;
  forbiddenTitle: string;
  accessDenied: string;
  accessUnavailable: string;
  notFoundTitle: string;
  notFoundText: string;
  setupTitle: string;
  setupIntro: string;
  setupAccess: string;
  setupPassword: string;
  setupPasswordSteps: string[];
  pagination: string;
  previous: string;
  next: string;
  pageOf: (page: number, pages: number) => string;
}

export const ADMIN_STRINGS: Record<Language, AdminStrings> = { fr: adminFr, en: adminEn };
