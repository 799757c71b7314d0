// The e-mails themselves, pure: data in, the binding's structured message out
// (no hand-built MIME). The subject and the sender's name go through
// headerText(); the HTML part through the escaping template; the text part is
// plain text. Every e-mail says how to stop: a link in both parts and the
// List-Unsubscribe headers of RFC 8058 (one-click POST to the same address).

import { renderPlainCommentText } from '../comments/plain-text';
import type { Language } from '../config';
import { html, type SafeHtml } from '../views/html';
import { headerText } from './header-text';
import { MAIL_STRINGS } from './strings';

export interface MailEnvelope {
  from: string;
  blogTitle: string;
  to: string;
}

/** What `env.EMAIL.send()` takes (EmailMessageBuilder), as these e-mails use it. */
export interface OutgoingMail {
  from: { email: string; name: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface ReplyMail {
  language: Language;
  articleTitle: string;
  replyAuthor: string;
  /** The reply as plain text (the comment's text, never its HTML). */
  replyText: string;
  /** Absolute, to the reply itself: …?cpage=N#comment-ID. */
  replyUrl: string;
  /** Why the recipient gets it: they follow the thread or the article. */
  scope: 'thread' | 'article';
  unsubscribeUrl: string;
}

export interface ConfirmationMail {
  language: Language;
  articleTitle: string;
  confirmUrl: string;
  unsubscribeUrl: string;
}

export function buildReplyMail(envelope: MailEnvelope, mail: ReplyMail): OutgoingMail {
  const t = MAIL_STRINGS[mail.language];
  const title = headerText(mail.articleTitle);
  const author = headerText(mail.replyAuthor, 100);
  const because = t.replyBecause(mail.scope, envelope.blogTitle);
  const colon = mail.language === 'fr' ? '\u00a0:' : ':';
  const text = [
    t.replyIntro(author, title),
    '',
    mail.replyText,
    '',
    `${t.readReply}${colon} ${mail.replyUrl}`,
    '',
    '-- ',
    because,
    `${t.unsubscribe}${colon} ${mail.unsubscribeUrl}`,
  ].join('\n');
  const body = html`<p>${t.replyIntro(author, title)}</p>
<blockquote>${renderPlainCommentText(mail.replyText)}</blockquote>
<p><a href="${mail.replyUrl}">${t.readReply}</a></p>`;
  return compose(envelope, mail.language, t.replySubject(title), text, body, because, mail.unsubscribeUrl);
}

export function buildConfirmationMail(envelope: MailEnvelope, mail: ConfirmationMail): OutgoingMail {
  const t = MAIL_STRINGS[mail.language];
  const title = headerText(mail.articleTitle);
  const colon = mail.language === 'fr' ? '\u00a0:' : ':';
  const text = [
    t.confirmIntro(title),
    '',
    mail.confirmUrl,
    '',
    t.confirmExpiry,
    t.confirmIgnore,
    '',
    '-- ',
    `${t.unsubscribe}${colon} ${mail.unsubscribeUrl}`,
  ].join('\n');
  const body = html`<p>${t.confirmIntro(title)}</p>
<p><a href="${mail.confirmUrl}">${t.confirmAction}</a></p>
<p>${t.confirmExpiry} ${t.confirmIgnore}</p>`;
  return compose(envelope, mail.language, t.confirmSubject(envelope.blogTitle), text, body, '', mail.unsubscribeUrl);
}

function compose(
  envelope: MailEnvelope,
  language: Language,
  subject: string,
  text: string,
  body: SafeHtml,
  footer: string,
  unsubscribeUrl: string,
): OutgoingMail {
  // Built by this Worker from BLOG_URL and a base64url token; refused rather than sent if it could break the header.
  if (/[\s<>]/.test(unsubscribeUrl)) throw new Error('unsubscribe URL unfit for a header');
  const plainSubject = headerText(subject, 200);
  const document = html`<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><title>${plainSubject}</title></head>
<body>
${body}
<hr>
<p>${footer ? html`${footer} ` : ''}<a href="${unsubscribeUrl}">${MAIL_STRINGS[language].unsubscribe}</a></p>
</body>
</html>
`;
  return outgoingMail(envelope, plainSubject, text, document, {
    // The URL is ours (an https origin and a base64url token): nothing a reader typed.
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });
}

/** The message for the binding: the blog's name as the sender's (header-safe), the subject already plain. */
export function outgoingMail(
  envelope: MailEnvelope,
  plainSubject: string,
  text: string,
  document: SafeHtml,
  headers: Record<string, string>,
): OutgoingMail {
  return {
    from: { email: envelope.from, name: headerText(envelope.blogTitle, 100) },
    to: envelope.to,
    subject: plainSubject,
    text,
    html: document.value,
    headers,
  };
}
