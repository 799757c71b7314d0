// The author's digest e-mail, pure: the comments that arrived, each with its
// article, its commenter, an excerpt, why it is held, and a link to the desk
// (the page, never an action: the desk asks for its login and its button).
// Names, titles and excerpts were typed by others: headers get them through
// headerText(), the HTML part through the escaping template.
import type { Language } from '../config';
import { html } from '../views/html';
import { AUTHOR_MAIL_STRINGS } from './author-strings';
import { headerText } from './header-text';
import { type MailEnvelope, type OutgoingMail, outgoingMail } from './messages';

export interface AuthorDigestItem {
  articleTitle: string;
  commenter: string;
  /** The comment as plain text (shortened here). */
  text: string;
  /** Held for moderation (with the reason, in words), or published. */
  held: boolean;
  heldReason: string | null;
  /** Absolute: the desk's queue where the comment is, with its anchor. */
  deskUrl: string;
}

export interface AuthorDigestMail {
  language: Language;
  mode: 'held' | 'all';
  items: AuthorDigestItem[];
  /** More notes wait for the next e-mail. */
  more: boolean;
  /** Absolute: the desk's home. */
  deskUrl: string;
}

const EXCERPT_LENGTH = 280;

export function buildAuthorDigestMail(envelope: MailEnvelope, mail: AuthorDigestMail): OutgoingMail {
  const t = AUTHOR_MAIL_STRINGS[mail.language];
  const items = mail.items.map((item) => ({
    ...item,
    title: headerText(item.articleTitle),
    commenter: headerText(item.commenter, 100),
    excerpt: headerText(item.text, EXCERPT_LENGTH),
    status: item.held ? (item.heldReason ?? '') : t.published,
  }));
  const held = items.filter((item) => item.held).length;
  const [only] = items;
  const subject =
    items.length === 1 && only
      ? t.subjectOne(only.held, only.commenter, only.title)
      : t.subjectMany(items.length, held, envelope.blogTitle);
  const plainSubject = headerText(subject, 200);
  const because = t.because(mail.mode, envelope.blogTitle);
  const text = [
    t.intro(envelope.blogTitle),
    '',
    ...items.flatMap((item) => [
      `${t.quoted(item.title)}, ${item.commenter}`,
      ...(item.status ? [item.status] : []),
      `> ${item.excerpt}`,
      item.deskUrl,
      '',
    ]),
    ...(mail.more ? [t.more, ''] : []),
    t.deskNote,
    mail.deskUrl,
    '',
    '-- ',
    because,
  ].join('\n');
  const document = html`<!doctype html>
<html lang="${mail.language}">
<head><meta charset="utf-8"><title>${plainSubject}</title></head>
<body>
<p>${t.intro(envelope.blogTitle)}</p>
<ul>
${items.map(
  (
    item,
  ) => html`<li><p><strong>${t.quoted(item.title)}</strong>, ${item.commenter}${item.status ? html`<br>${item.status}` : ''}</p>
<blockquote>${item.excerpt}</blockquote>
<p><a href="${item.deskUrl}">${t.openOnDesk}</a></p></li>
`,
)}</ul>
${mail.more ? html`<p>${t.more}</p>` : ''}
<p>${t.deskNote} <a href="${mail.deskUrl}">${t.openDesk}</a></p>
<hr>
<p>${because}</p>
</body>
</html>
`;
  return outgoingMail(envelope, plainSubject, text, document, {});
}
