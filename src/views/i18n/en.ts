// English interface strings.
import { archivesEn } from './archives';
import { authorsEn } from './authors';
import { mentionsEn } from './mentions';
import { protectedEn } from './protected';
import { pluralEn, type Strings } from './strings';

export const en: Strings = {
  locale: 'en-GB',
  skipToContent: 'Skip to content',
  home: 'Home',
  olderPosts: 'Older posts',
  newerPosts: 'Newer posts',
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  pageTitle: (page) => `Page ${page}`,
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
  siteMenu: 'Site menu',
  standalonePage: 'Page',
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
  mentions: mentionsEn,
  authors: authorsEn,
  protectedArticle: protectedEn,
  archives: archivesEn,
  form: {
    intro: 'Your email address will not be published. Fields marked * are required.',
    author: 'Name',
    email: 'Email',
    url: 'Website',
    body: 'Comment',
    formattingHint: 'Formatting: *italics*, **bold**, `code`, > quote, lists, links. HTML is shown as typed.',
    required: 'required',
    submit: 'Post comment',
    honeypot: 'Leave this field empty',
    noScript:
      'To keep robots out, commenting needs JavaScript and a Cloudflare Turnstile check. Turn JavaScript on to post a comment.',
    reply: 'Reply',
    replyLink: 'Reply to %s',
    replyToLabel: 'Replying to %s',
    cancelReply: 'Cancel reply',
    closed: 'Comments are closed on this post.',
    awaitingModeration: 'Your comment is awaiting moderation. Only you can see it for now.',
    notifyReplies: 'E-mail me replies to my comment',
    notifyArticle: 'E-mail me every new comment on this article',
    errors: {
      author: { required: 'Enter your name.', too_long: 'Your name must be at most 100 characters long.' },
      email: {
        required: 'Enter your email address (it will not be published).',
        required_to_notify:
          'Enter your email address to receive notifications (it will not be published), or untick the box.',
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
        'The anti-robot check failed or expired. Your comment is still in the form: wait until the new check below the text has passed, then send it again.',
      turnstile_missing:
        'Your comment was not sent: the anti-robot check (Cloudflare Turnstile) did not take place, most likely because it could not load in your browser (connection lost, content blocker or JavaScript turned off). Your text is kept below. Once the check below the text has passed, send it again. If it does not load, copy your text to send it later.',
      too_large:
        'What you sent is more than the blog can receive: it was not published. What arrived of your comment is below, but its end may be missing. Shorten it to 10,000 characters at most, then send it again.',
      rate_limited: 'You sent several comments in a short time. Please wait a minute before trying again.',
      duplicate: 'You already sent this comment a few minutes ago.',
      unavailable:
        'Your comment could not be saved because of a temporary problem. It is still in the form: please try again in a moment.',
      parent_gone:
        'The comment you were replying to is no longer available. Send again and your text will be posted as a new comment.',
      closed: 'Comments are closed on this post.',
    },
    counter: {
      remaining: { one: '%s character left', other: '%s characters left' },
      over: { one: '%s character too many', other: '%s characters too many' },
    },
    turnstile: {
      loading:
        'The anti-robot check is still loading. Wait a few seconds, then send again: your text stays in the form.',
      failed:
        'The anti-robot check (Cloudflare Turnstile) could not load: connection lost, content blocker or filtered network. Without it, the comment cannot be sent. Your text stays in the form and this browser keeps it: try again now, or come back to this page later to send it.',
      error: 'The anti-robot check ran into a problem. Your text stays in the form: run the check again, then send it.',
      retry: 'Try the check again',
    },
    draftRestored: 'The text you had started on this page, kept by this browser, has been put back in the form.',
  },
  tagHeading: (name) => `Posts tagged “${name}”`,
  tagArticleCount: (count, formatted) => `${formatted} ${pluralEn(count, 'post', 'posts')}`,
  search: {
    landmark: 'Search the blog',
    field: 'Search',
    submit: 'Search',
    title: 'Search',
    resultCount: (count, formatted, query) =>
      count === 0 ? `No results for “${query}”` : `${formatted} ${pluralEn(count, 'result', 'results')} for “${query}”`,
    hint: 'Type one or more words in the search box to find the posts that contain them all, in their title, text or tags. Accents and capitals do not matter. End a word with * to find the words that begin that way.',
    noWords: 'Your search has no words to look for (letters or digits).',
    noResults:
      'No post contains all these words. Try fewer words, other words, or the beginning of a word followed by *.',
    tooLong: (max) => `Your search is longer than ${max} characters: please shorten it.`,
    invalid: 'This search could not be understood. Try plain words.',
    previous: 'Previous results',
    next: 'More results',
  },
  rssFeed: 'RSS feed',
  feedTitles: {
    tag: (name) => `Posts tagged “${name}”`,
    comments: (title) => `Comments on “${title}”`,
    comment: (author) => `Comment by ${author}`,
  },
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
  tooLargeText: 'The form sent is too large to be received. Please shorten your text and try again.',
  unsupportedTitle: 'Unsupported format',
  unsupportedText: 'This form must be sent as an ordinary HTML form.',
  serverErrorTitle: 'Server error',
  serverErrorText: 'Something went wrong on our side. Please try again in a moment.',
  unavailableTitle: 'Blog temporarily unavailable',
  unavailableText:
    'The blog cannot read its data right now. Please try again in a minute: nothing published has been lost.',
  malformedFormText:
    'The form received was cut short, badly encoded or had too many fields. Please send it again from the blog’s page.',
  backHome: 'Back to the home page',
};
