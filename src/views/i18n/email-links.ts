// The pages behind the links of notification e-mails (src/routes/email-links.ts),
// in French and English: confirming an address, unsubscribing, and why a link
// is refused. French typography written in, as in src/notifications/strings.ts.
import type { Language } from '../../config';

export type LinkPurpose = 'confirm' | 'unsubscribe';
export type LinkRefusal = 'missing' | 'malformed' | 'forged' | 'expired' | 'wrong_purpose';

export interface EmailLinkStrings {
  confirmTitle: string;
  confirmAsk(email: string, title: string): string;
  confirmButton: string;
  confirmedTitle: string;
  alreadyConfirmedTitle: string;
  confirmed(email: string): string;
  alreadyConfirmed(email: string): string;
  willReceiveReplies(title: string): string;
  willReceiveComments(title: string): string;
  willReceiveAsked: string;
  howToStop: string;
  stopNow: string;
  goneTitle: string;
  goneText: string;
  unsubscribeTitle: string;
  unsubscribeAsk(email: string): string;
  stop: { thread: string; article(title: string): string; all: string };
  unsubscribedTitle: string;
  unsubscribed: { thread: string; article(title: string): string; all: string; articleGone: string };
  keptConfirmation: string;
  refusalTitle: Record<LinkRefusal, string>;
  refusalCause(reason: LinkRefusal, purpose: LinkPurpose): string;
  refusalRemedy(reason: LinkRefusal, purpose: LinkPurpose, authorName: string): string;
}

const fr: EmailLinkStrings = {
  confirmTitle: 'Confirmer votre adresse',
  confirmAsk: (email, title) =>
    `Pour recevoir par e-mail les réponses à votre commentaire sur «\u00a0${title}\u00a0», confirmez l’adresse ${email}.`,
  confirmButton: 'Confirmer mon adresse',
  confirmedTitle: 'Adresse confirmée',
  alreadyConfirmedTitle: 'Adresse déjà confirmée',
  confirmed: (email) => `L’adresse ${email} est confirmée. Merci\u202f!`,
  alreadyConfirmed: (email) => `L’adresse ${email} était déjà confirmée\u00a0: rien n’a changé.`,
  willReceiveReplies: (title) =>
    `Vous recevrez un e-mail chaque fois qu’une réponse à votre commentaire sur «\u00a0${title}\u00a0» sera publiée.`,
  willReceiveComments: (title) =>
    `Vous recevrez un e-mail chaque fois qu’un nouveau commentaire sera publié sur «\u00a0${title}\u00a0».`,
  willReceiveAsked: 'Vous recevrez les e-mails que vous avez demandés en commentant sur ce blog.',
  howToStop:
    'Chaque e-mail contient un lien «\u00a0Se désabonner\u00a0» qui les arrête en un clic. Vous pouvez aussi tout arrêter dès maintenant\u00a0:',
  stopNow: 'Ne plus rien recevoir de ce blog',
  goneTitle: 'Ce lien ne mène plus nulle part',
  goneText:
    'Le commentaire ou l’abonnement que ce lien devait confirmer a été supprimé entre-temps\u00a0: il n’y a plus rien à confirmer, et vous ne recevrez pas d’e-mail.',
  unsubscribeTitle: 'Se désabonner',
  unsubscribeAsk: (email) => `Quels e-mails l’adresse ${email} ne doit-elle plus recevoir\u202f?`,
  stop: {
    thread: 'Les réponses à ce commentaire',
    article: (title) => `Tout ce qui concerne «\u00a0${title}\u00a0»`,
    all: 'Tous les e-mails de ce blog',
  },
  unsubscribedTitle: 'Désabonnement effectué',
  unsubscribed: {
    thread: 'Vous ne recevrez plus d’e-mail pour les réponses à ce commentaire.',
    article: (title) => `Vous ne recevrez plus d’e-mail au sujet de «\u00a0${title}\u00a0».`,
    all: 'Vous ne recevrez plus aucun e-mail de notification de ce blog.',
    articleGone: 'Vous ne recevrez plus d’e-mail au sujet de cet article.',
  },
  keptConfirmation:
    'Votre adresse reste confirmée\u00a0: si vous cochez de nouveau la case en commentant, vous serez prévenu sans autre e-mail de confirmation.',
  refusalTitle: {
    missing: 'Lien incomplet',
    malformed: 'Lien incomplet',
    forged: 'Lien non valable',
    expired: 'Lien expiré',
    wrong_purpose: 'Lien non valable',
  },
  refusalCause: (reason, purpose) => {
    switch (reason) {
      case 'missing':
      case 'malformed':
        return 'Ce lien est incomplet ou abîmé\u00a0: il a sans doute été coupé en chemin, par exemple sur deux lignes.';
      case 'forged':
        return 'Ce lien n’est pas reconnu par ce blog\u00a0: il a été modifié, ou l’auteur du blog a révoqué les anciens liens.';
      case 'expired':
        return purpose === 'confirm'
          ? 'Ce lien de confirmation a expiré\u00a0: il était valable 7\u00a0jours.'
          : 'Ce lien de désabonnement a expiré\u00a0: il était valable un an.';
      case 'wrong_purpose':
        return purpose === 'confirm'
          ? 'Ce lien n’est pas un lien de confirmation.'
          : 'Ce lien n’est pas un lien de désabonnement.';
    }
  },
  refusalRemedy: (reason, purpose, authorName) => {
    if (purpose === 'unsubscribe') {
      return `Utilisez le lien «\u00a0Se désabonner\u00a0» d’un e-mail plus récent (chaque e-mail a le sien), ou écrivez à l’auteur du blog, ${authorName}.`;
    }
    if (reason === 'expired') {
      return `Ce blog n’envoie qu’un e-mail de confirmation par adresse, pour ne jamais relancer quelqu’un qui n’a rien demandé\u00a0: vous ne recevrez donc pas les réponses par e-mail, mais vous pouvez les lire sur la page de l’article. Si vous tenez à être prévenu, écrivez à l’auteur du blog, ${authorName}.`;
    }
    return 'Copiez le lien entier depuis l’e-mail de confirmation, sans le couper, puis ouvrez-le de nouveau.';
  },
};

const en: EmailLinkStrings = {
  confirmTitle: 'Confirm your address',
  confirmAsk: (email, title) =>
    `To receive e-mails about replies to your comment on “${title}”, confirm the address ${email}.`,
  confirmButton: 'Confirm my address',
  confirmedTitle: 'Address confirmed',
  alreadyConfirmedTitle: 'Address already confirmed',
  confirmed: (email) => `The address ${email} is confirmed. Thank you!`,
  alreadyConfirmed: (email) => `The address ${email} was already confirmed: nothing has changed.`,
  willReceiveReplies: (title) =>
    `You will receive an e-mail each time a reply to your comment on “${title}” is published.`,
  willReceiveComments: (title) => `You will receive an e-mail each time a new comment is published on “${title}”.`,
  willReceiveAsked: 'You will receive the e-mails you asked for when you commented on this blog.',
  howToStop: 'Every e-mail has an “Unsubscribe” link that stops them in one click. You can also stop everything now:',
  stopNow: 'Stop every e-mail from this blog',
  goneTitle: 'This link no longer leads anywhere',
  goneText:
    'The comment or the subscription this link was to confirm has been deleted since: there is nothing left to confirm, and you will receive no e-mail.',
  unsubscribeTitle: 'Unsubscribe',
  unsubscribeAsk: (email) => `Which e-mails should ${email} stop receiving?`,
  stop: {
    thread: 'Replies to this comment',
    article: (title) => `Everything about “${title}”`,
    all: 'Every e-mail from this blog',
  },
  unsubscribedTitle: 'You are unsubscribed',
  unsubscribed: {
    thread: 'You will no longer receive e-mails about replies to this comment.',
    article: (title) => `You will no longer receive e-mails about “${title}”.`,
    all: 'You will no longer receive any notification e-mail from this blog.',
    articleGone: 'You will no longer receive e-mails about this article.',
  },
  keptConfirmation:
    'Your address stays confirmed: if you tick the box again when you comment, you will be notified without another confirmation e-mail.',
  refusalTitle: {
    missing: 'Incomplete link',
    malformed: 'Incomplete link',
    forged: 'Invalid link',
    expired: 'Expired link',
    wrong_purpose: 'Invalid link',
  },
  refusalCause: (reason, purpose) => {
    switch (reason) {
      case 'missing':
      case 'malformed':
        return 'This link is incomplete or damaged: it was probably cut on the way, for instance across two lines.';
      case 'forged':
        return 'This blog does not recognise this link: it was changed, or the blog’s author revoked the old links.';
      case 'expired':
        return purpose === 'confirm'
          ? 'This confirmation link has expired: it was valid for 7 days.'
          : 'This unsubscribe link has expired: it was valid for a year.';
      case 'wrong_purpose':
        return purpose === 'confirm' ? 'This is not a confirmation link.' : 'This is not an unsubscribe link.';
    }
  },
  refusalRemedy: (reason, purpose, authorName) => {
    if (purpose === 'unsubscribe') {
      return `Use the “Unsubscribe” link of a more recent e-mail (each e-mail has its own), or write to the blog’s author, ${authorName}.`;
    }
    if (reason === 'expired') {
      return `This blog sends one confirmation e-mail per address, so as never to chase someone who asked for nothing: you will not receive the replies by e-mail, but you can read them on the article’s page. If you would still like to be notified, write to the blog’s author, ${authorName}.`;
    }
    return 'Copy the whole link from the confirmation e-mail, without cutting it, and open it again.';
  },
};

export const EMAIL_LINK_STRINGS: Record<Language, EmailLinkStrings> = { fr, en };
