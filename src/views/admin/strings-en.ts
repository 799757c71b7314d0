// The moderation desk in English.
import { pluralEn } from '../i18n/strings';
import type { AdminStrings } from './strings';
import { mentionDeskEn } from './strings-mentions';
import { notificationDeskEn } from './strings-notifications';

const DONE = {
  approve: ['comment approved', 'comments approved'],
  unapprove: ['comment moved back to pending', 'comments moved back to pending'],
  spam: ['comment marked as spam', 'comments marked as spam'],
  trash: ['comment moved to the trash', 'comments moved to the trash'],
  delete: ['comment deleted for good', 'comments deleted for good'],
} as const;

export const adminEn: AdminStrings = {
  desk: 'Moderation desk',
  comments: 'Comments',
  articles: 'Articles',
  mentions: mentionDeskEn,
  notifications: notificationDeskEn,
  viewBlog: 'View the blog',
  logout: 'Log out',
  signedInAs: (who) => `Signed in as ${who}`,
  pendingBadge: (_count, formatted) => `${formatted} pending`,
  statusTab: { pending: 'Pending', approved: 'Approved', spam: 'Spam', trash: 'Trash' },
  emptyQueue: {
    pending: 'No comment awaits moderation. All caught up.',
    approved: 'No approved comment.',
    spam: 'No spam.',
    trash: 'The trash is empty.',
  },
  action: {
    approve: 'Approve',
    unapprove: 'Back to pending',
    spam: 'Spam',
    trash: 'Trash',
    delete: 'Delete for good',
  },
  actionDone: (action, count, formatted) => `${formatted} ${pluralEn(count, DONE[action][0], DONE[action][1])}.`,
  confirmDelete: {
    title: (count, formatted) =>
      count === 1 ? 'Delete this comment for good?' : `Delete these ${formatted} comments for good?`,
    warning: (count) =>
      count === 1
        ? 'It will be gone for good: this cannot be undone. Its replies, if any, stay published and move up one level.'
        : 'They will be gone for good: this cannot be undone. Their replies, if any, stay published and move up one level.',
    submit: 'Delete for good',
  },
  nothingSelected: 'No comment selected: tick at least one.',
  bulkLabel: 'Bulk action',
  bulkApply: 'Apply',
  selectComment: (id) => `Select comment #${id}`,
  columns: { comment: 'Comment', author: 'Author', details: 'Details', actions: 'Actions' },
  onArticle: 'On',
  inReplyTo: (name) => `In reply to ${name}`,
  website: 'Website:',
  turnstileVerified: 'Turnstile: verified',
  turnstileUnverified: 'Turnstile: not verified',
  heldReason: {
    first_comment: 'Held: first comment',
    hold_all: 'Held: every comment is moderated',
    unverified: 'Held: bot check unavailable',
    too_many_links: 'Held: too many links',
    blocklist: 'Held: blocklist',
  },
  ipMatches: (count, formatted) =>
    count === 0
      ? 'No other comment from this IP address'
      : `${formatted} other ${pluralEn(count, 'comment', 'comments')} from this IP address`,
  authorBadge: 'You',
  authorReply: 'Your reply, written from the desk',
  edit: 'Edit',
  reply: 'Reply',
  replyLabel: 'Your reply',
  replySubmit: 'Publish the reply',
  replyPosted: 'Reply published.',
  replyEmpty: 'The reply is empty: write a few words.',
  editTitle: (id) => `Edit comment #${id}`,
  editSaved: 'Comment saved.',
  save: 'Save',
  cancel: 'Cancel',
  fields: { author: 'Name', email: 'Email', url: 'Website', body: 'Comment' },
  fieldErrors: {
    required: 'This field is required.',
    too_long: 'This text is too long.',
    invalid: 'This value is not valid.',
  },
  fixErrors: 'The comment was not saved: fix the fields marked below.',
  articleColumns: { title: 'Title', date: 'Date', comments: 'Comments', status: 'Discussion' },
  scheduled: 'scheduled',
  commentsOpen: 'Open',
  commentsClosed: 'Closed',
  closeComments: 'Close comments',
  openComments: 'Reopen comments',
  commentsClosedDone: 'Comments closed on this article.',
  commentsOpenedDone: 'Comments reopened on this article.',
  articleCounts: (approved, pending, format) => `${format(approved)} approved, ${format(pending)} pending`,
  loginTitle: 'Log in',
  password: 'Password',
  loginSubmit: 'Log in',
  wrongPassword: 'Wrong password.',
  tooManyAttempts: (minutes) =>
    `Too many attempts from this address. Try again in ${minutes} ${pluralEn(minutes, 'minute', 'minutes')}.`,
  loggedOut: 'You are logged out.',
  sessionExpired: 'Your session has expired: log in again.',
  csrfTitle: 'Action refused',
  csrfText: 'The form’s security token is missing or expired. Go back, reload the page and try again.',
  forbiddenTitle: 'Access denied',
  accessDenied: 'Cloudflare Access did not authenticate this request (token missing, expired or invalid).',
  accessUnavailable: 'Cloudflare Access’s keys cannot be reached right now. Try again in a moment.',
  notFoundTitle: 'Not found',
  notFoundText: 'This comment or article does not exist (any more).',
  setupTitle: 'The moderation desk is not configured',
  setupIntro: 'Nobody can get in until a way to log in is configured. Either:',
  setupAccess:
    'Cloudflare Access: protect /admin with an Access application, then set ACCESS_TEAM_DOMAIN and ACCESS_AUD in wrangler.toml.',
  setupPassword: 'A password:',
  setupPasswordSteps: [
    'run npm run admin:password and choose a password;',
    'put the ADMIN_PASSWORD_HASH line it prints in .dev.vars, instead of ADMIN_PASSWORD_HASH = "off" (in production: npx wrangler secret put ADMIN_PASSWORD_HASH);',
    'make sure the ADMIN_SESSION_KEY secret is set, then restart the server.',
  ],
  pagination: 'Pagination',
  previous: 'Previous',
  next: 'Next',
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
};
