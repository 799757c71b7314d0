// The desk's e-mail notifications (the log, an article's subscribers), in
// French and English.
import type { NotificationState } from '../../db/notifications';
import type { SkipReason } from '../../notifications/consumer';

/** Why a row was not sent: the consumer's codes, and the author's digest's own. */
export type LoggedReason = SkipReason | 'already_moderated';

import { pluralEn, pluralFr } from '../i18n/strings';

export interface NotificationDeskStrings {
  title: string;
  intro: string;
  empty: string;
  columns: { date: string; kind: string; comment: string; recipient: string; state: string; attempts: string };
  kind: Record<'confirm' | 'reply' | 'author', string>;
  state: Record<NotificationState, string>;
  reason: Record<LoggedReason, string>;
  retriesExhausted: string;
  /** Before the error text of a failed send (the error itself shown as code). */
  sendFailed: string;
  /** A queued row whose last attempt failed: it will be tried again. */
  willRetry: string;
  comment: (id: number) => string;
  by: (name: string) => string;
  onArticle: string;
  newer: string;
  older: string;
  newest: string;
  offTitle: string;
  offIntro: string;
  /** The steps, each with the code to show after it (or none). */
  offSteps: [string, string | null][];
  offLog: string;
  subscribers: {
    link: string;
    title: (article: string) => string;
    intro: string;
    empty: string;
    columns: { address: string; follows: string; confirmed: string; actions: string };
    thread: (commentId: number) => string;
    article: (commentId: number) => string;
    since: (date: string) => string;
    confirmedOn: (date: string) => string;
    unconfirmed: string;
    remove: string;
    removeLabel: (masked: string) => string;
    confirmTitle: string;
    confirmWarning: string;
    removed: (count: number, formatted: string) => string;
    nothingRemoved: string;
  };
}

export const notificationDeskFr: NotificationDeskStrings = {
  title: 'Notifications',
  intro:
    'Les e-mails que le blog a envoyés ou voulu envoyer, du plus récent au plus ancien. Les adresses sont masquées.',
  empty: 'Aucune notification pour l’instant.',
  columns: {
    date: 'Date',
    kind: 'Type',
    comment: 'Commentaire',
    recipient: 'Destinataire',
    state: 'État',
    attempts: 'Tentatives',
  },
  kind: { confirm: 'Confirmation', reply: 'Réponse', author: 'Résumé pour l’auteur' },
  state: { queued: 'En file', sent: 'Envoyée', failed: 'Échec', skipped: 'Non envoyée' },
  reason: {
    disabled: 'Les notifications étaient désactivées',
    invalid_address: 'Adresse invalide',
    not_public: 'Le commentaire n’était pas public (en attente, indésirable ou à la corbeille)',
    own_reply: 'Le destinataire a écrit cette réponse lui-même',
    unconfirmed: 'Adresse non confirmée',
    unsubscribed: 'Désabonné entre-temps',
    not_the_commenter: 'Ce n’est pas l’adresse de l’auteur du commentaire',
    not_verified: 'Commentaire ni approuvé, ni vérifié par Turnstile',
    already_confirmed: 'Adresse déjà confirmée',
    confirmation_already_sent: 'Une confirmation a déjà été envoyée à cette adresse',
    already_moderated: 'Commentaire déjà modéré avant l’envoi du résumé',
  },
  retriesExhausted: 'Toutes les tentatives ont échoué',
  sendFailed: 'Échec de l’envoi\u00a0:',
  willRetry: 'Nouvel essai prévu.',
  comment: (id) => `Commentaire n°\u00a0${id}`,
  by: (name) => `de ${name}`,
  onArticle: 'sur',
  newer: 'Plus récentes',
  older: 'Plus anciennes',
  newest: 'Les plus récentes',
  offTitle: 'Les notifications par e-mail sont désactivées',
  offIntro: 'Aucun e-mail n’est mis en file ni envoyé. Pour les activer\u00a0:',
  offSteps: [
    [
      'Dans wrangler.toml, section [vars], donnez à MAIL_FROM une adresse d’un domaine ajouté à Cloudflare Email Service (par exemple blog@votre-domaine.fr).',
      'MAIL_FROM = "blog@votre-domaine.fr"',
    ],
    ['Gardez la liaison d’envoi d’e-mails de wrangler.toml\u00a0:', '[[send_email]]\nname = "EMAIL"'],
    [
      'Créez les deux files d’attente, une seule fois\u00a0:',
      'npx wrangler queues create causerie-notifications\nnpx wrangler queues create causerie-notifications-dlq',
    ],
    ['Déployez\u00a0:', 'npm run deploy'],
  ],
  offLog: 'Le journal des notifications déjà enregistrées reste affiché ci-dessous.',
  subscribers: {
    link: 'Abonnés',
    title: (article) => `Abonnés de «\u00a0${article}\u00a0»`,
    intro:
      'Les adresses qui reçoivent un e-mail pour les nouveaux commentaires de cet article. Les adresses sont masquées.',
    empty: 'Personne n’est abonné à cet article.',
    columns: { address: 'Adresse', follows: 'Abonnements', confirmed: 'Confirmation', actions: 'Actions' },
    thread: (id) => `Réponses au commentaire n°\u00a0${id}`,
    article: (id) => `Tout l’article (demandé avec le commentaire n°\u00a0${id})`,
    since: (date) => `depuis le ${date}`,
    confirmedOn: (date) => `Confirmée le ${date}`,
    unconfirmed: 'Non confirmée (ne reçoit rien)',
    remove: 'Retirer',
    removeLabel: (masked) => `Retirer ${masked}`,
    confirmTitle: 'Retirer cet abonné de l’article\u00a0?',
    confirmWarning:
      'Tous ses abonnements à cet article seront supprimés, et il ne recevra plus d’e-mail pour cet article. Ses abonnements aux autres articles ne changent pas. Cette action ne peut pas être annulée.',
    removed: (count, formatted) =>
      `${formatted} ${pluralFr(count, 'abonnement supprimé', 'abonnements supprimés')} pour cette adresse sur cet article.`,
    nothingRemoved: 'Cet abonné n’était plus inscrit à cet article.',
  },
};

export const notificationDeskEn: NotificationDeskStrings = {
  title: 'Notifications',
  intro: 'The e-mails the blog sent or meant to send, newest first. Addresses are masked.',
  empty: 'No notification yet.',
  columns: {
    date: 'Date',
    kind: 'Kind',
    comment: 'Comment',
    recipient: 'Recipient',
    state: 'State',
    attempts: 'Attempts',
  },
  kind: { confirm: 'Confirmation', reply: 'Reply', author: 'Author digest' },
  state: { queued: 'Queued', sent: 'Sent', failed: 'Failed', skipped: 'Skipped' },
  reason: {
    disabled: 'Notifications were off',
    invalid_address: 'Invalid address',
    not_public: 'The comment was not public (held, spam or in the trash)',
    own_reply: 'The recipient wrote this reply',
    unconfirmed: 'Address not confirmed',
    unsubscribed: 'Unsubscribed meanwhile',
    not_the_commenter: 'Not the address of the comment’s author',
    not_verified: 'The comment was neither approved nor verified by Turnstile',
    already_confirmed: 'Address already confirmed',
    confirmation_already_sent: 'A confirmation was already sent to this address',
    already_moderated: 'Comment already moderated before the digest went',
  },
  retriesExhausted: 'Every attempt failed',
  sendFailed: 'Send failed:',
  willRetry: 'It will be tried again.',
  comment: (id) => `Comment #${id}`,
  by: (name) => `by ${name}`,
  onArticle: 'on',
  newer: 'Newer',
  older: 'Older',
  newest: 'Newest',
  offTitle: 'E-mail notifications are off',
  offIntro: 'No e-mail is queued or sent. To turn them on:',
  offSteps: [
    [
      'In wrangler.toml, under [vars], set MAIL_FROM to an address on a domain onboarded to Cloudflare Email Service (for example blog@your-domain.com).',
      'MAIL_FROM = "blog@your-domain.com"',
    ],
    ['Keep the e-mail sending binding in wrangler.toml:', '[[send_email]]\nname = "EMAIL"'],
    [
      'Create the two queues, once:',
      'npx wrangler queues create causerie-notifications\nnpx wrangler queues create causerie-notifications-dlq',
    ],
    ['Deploy:', 'npm run deploy'],
  ],
  offLog: 'The log of notifications already recorded is still shown below.',
  subscribers: {
    link: 'Subscribers',
    title: (article) => `Subscribers of “${article}”`,
    intro: 'The addresses that get an e-mail about new comments on this article. Addresses are masked.',
    empty: 'Nobody follows this article.',
    columns: { address: 'Address', follows: 'Follows', confirmed: 'Confirmation', actions: 'Actions' },
    thread: (id) => `Replies to comment #${id}`,
    article: (id) => `The whole article (asked with comment #${id})`,
    since: (date) => `since ${date}`,
    confirmedOn: (date) => `Confirmed on ${date}`,
    unconfirmed: 'Not confirmed (gets nothing)',
    remove: 'Remove',
    removeLabel: (masked) => `Remove ${masked}`,
    confirmTitle: 'Remove this subscriber from the article?',
    confirmWarning:
      'All of its subscriptions to this article will be deleted, and it will get no more e-mail about this article. Its subscriptions to other articles do not change. This cannot be undone.',
    removed: (count, formatted) =>
      `${formatted} ${pluralEn(count, 'subscription', 'subscriptions')} of this address removed from this article.`,
    nothingRemoved: 'This subscriber no longer followed this article.',
  },
};
