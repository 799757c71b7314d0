// The words of notification e-mails, in the article's language. French
// typography written in: no-break spaces inside guillemets and before a
// colon, narrow ones before ? and !, typographic apostrophes.
import type { Language } from '../config';

export interface MailStrings {
  replySubject(title: string): string;
  replyIntro(author: string, title: string): string;
  readReply: string;
  replyBecause(scope: 'thread' | 'article', blogTitle: string): string;
  confirmSubject(blogTitle: string): string;
  confirmIntro(title: string): string;
  confirmAction: string;
  confirmExpiry: string;
  confirmIgnore: string;
  unsubscribe: string;
}

const fr: MailStrings = {
  replySubject: (title) => `Nouvelle réponse sur «\u00a0${title}\u00a0»`,
  replyIntro: (author, title) => `${author} a répondu sur «\u00a0${title}\u00a0»\u00a0:`,
  readReply: 'Lire la réponse',
  replyBecause: (scope, blogTitle) =>
    scope === 'thread'
      ? `Vous recevez cet e-mail parce que vous avez demandé à être prévenu des réponses à votre commentaire sur ${blogTitle}.`
      : `Vous recevez cet e-mail parce que vous avez demandé à être prévenu des nouveaux commentaires de cet article sur ${blogTitle}.`,
  confirmSubject: (blogTitle) => `Confirmez votre adresse pour recevoir les réponses de ${blogTitle}`,
  confirmIntro: (title) =>
    `Vous avez demandé à être prévenu par e-mail des réponses à votre commentaire sur «\u00a0${title}\u00a0». Pour recevoir ces e-mails, confirmez votre adresse\u00a0:`,
  confirmAction: 'Confirmer mon adresse',
  confirmExpiry: 'Ce lien est valable 7\u00a0jours.',
  confirmIgnore: 'Si vous n’avez rien demandé, ignorez cet e-mail\u00a0: vous n’en recevrez pas d’autre.',
  unsubscribe: 'Se désabonner',
};

const en: MailStrings = {
  replySubject: (title) => `New reply on “${title}”`,
  replyIntro: (author, title) => `${author} replied on “${title}”:`,
  readReply: 'Read the reply',
  replyBecause: (scope, blogTitle) =>
    scope === 'thread'
      ? `You are receiving this e-mail because you asked to be told of replies to your comment on ${blogTitle}.`
      : `You are receiving this e-mail because you asked to be told of new comments on this article on ${blogTitle}.`,
  confirmSubject: (blogTitle) => `Confirm your address to receive replies from ${blogTitle}`,
  confirmIntro: (title) =>
    `You asked to be told by e-mail of replies to your comment on “${title}”. To receive these e-mails, confirm your address:`,
  confirmAction: 'Confirm my address',
  confirmExpiry: 'This link is valid for 7 days.',
  confirmIgnore: 'If you did not ask for this, ignore this e-mail: you will not receive another.',
  unsubscribe: 'Unsubscribe',
};

export const MAIL_STRINGS: Record<Language, MailStrings> = { fr, en };
