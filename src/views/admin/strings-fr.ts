// Le bureau de modération, en français (espaces insécables avant : ; ? !).
import { pluralFr } from '../i18n/strings';
import type { AdminStrings } from './strings';
import { mentionDeskFr } from './strings-mentions';
import { notificationDeskFr } from './strings-notifications';

const DONE = {
  approve: ['commentaire approuvé', 'commentaires approuvés'],
  unapprove: ['commentaire remis en attente', 'commentaires remis en attente'],
  spam: ['commentaire marqué comme indésirable', 'commentaires marqués comme indésirables'],
  trash: ['commentaire mis à la corbeille', 'commentaires mis à la corbeille'],
  delete: ['commentaire supprimé définitivement', 'commentaires supprimés définitivement'],
} as const;

export const adminFr: AdminStrings = {
  desk: 'Bureau de modération',
  comments: 'Commentaires',
  articles: 'Articles',
  mentions: mentionDeskFr,
  notifications: notificationDeskFr,
  viewBlog: 'Voir le blog',
  logout: 'Se déconnecter',
  signedInAs: (who) => `Connecté·e : ${who}`,
  pendingBadge: (count, formatted) => `${formatted} ${pluralFr(count, 'en attente', 'en attente')}`,
  statusTab: { pending: 'En attente', approved: 'Approuvés', spam: 'Indésirables', trash: 'Corbeille' },
  emptyQueue: {
    pending: 'Aucun commentaire en attente. Tout est à jour.',
    approved: 'Aucun commentaire approuvé.',
    spam: 'Aucun commentaire indésirable.',
    trash: 'La corbeille est vide.',
  },
  action: {
    approve: 'Approuver',
    unapprove: 'Remettre en attente',
    spam: 'Indésirable',
    trash: 'Corbeille',
    delete: 'Supprimer définitivement',
  },
  actionDone: (action, count, formatted) => `${formatted} ${pluralFr(count, DONE[action][0], DONE[action][1])}.`,
  confirmDelete: {
    title: (count, formatted) =>
      count === 1
        ? 'Supprimer définitivement ce commentaire\u00a0?'
        : `Supprimer définitivement ces ${formatted} commentaires\u00a0?`,
    warning: (count) =>
      count === 1
        ? 'Il disparaîtra pour de bon\u00a0: cette action ne peut pas être annulée. Ses réponses éventuelles restent publiées et remontent d’un niveau.'
        : 'Ils disparaîtront pour de bon\u00a0: cette action ne peut pas être annulée. Leurs réponses éventuelles restent publiées et remontent d’un niveau.',
    submit: 'Supprimer définitivement',
  },
  nothingSelected: 'Aucun commentaire sélectionné : cochez-en au moins un.',
  bulkLabel: 'Action groupée',
  bulkApply: 'Appliquer',
  selectComment: (id) => `Sélectionner le commentaire nᵒ ${id}`,
  columns: { comment: 'Commentaire', author: 'Auteur', details: 'Détails', actions: 'Actions' },
  onArticle: 'Sur',
  inReplyTo: (name) => `En réponse à ${name}`,
  website: 'Site :',
  turnstileVerified: 'Turnstile : vérifié',
  turnstileUnverified: 'Turnstile : non vérifié',
  heldReason: {
    first_comment: 'Retenu : premier commentaire',
    hold_all: 'Retenu : tous les commentaires sont modérés',
    unverified: 'Retenu : vérification anti-robot indisponible',
    too_many_links: 'Retenu : trop de liens',
    blocklist: 'Retenu : liste de blocage',
  },
  ipMatches: (count, formatted) =>
    count === 0
      ? 'Aucun autre commentaire de cette adresse IP'
      : `${formatted} ${pluralFr(count, 'autre commentaire', 'autres commentaires')} de cette adresse IP`,
  authorBadge: 'Vous',
  authorReply: 'Votre réponse, écrite depuis le bureau',
  edit: 'Modifier',
  reply: 'Répondre',
  replyLabel: 'Votre réponse',
  replySubmit: 'Publier la réponse',
  replyPosted: 'Réponse publiée.',
  replyEmpty: 'La réponse est vide : écrivez quelques mots.',
  editTitle: (id) => `Modifier le commentaire nᵒ ${id}`,
  editSaved: 'Commentaire enregistré.',
  save: 'Enregistrer',
  cancel: 'Annuler',
  fields: { author: 'Nom', email: 'Adresse e-mail', url: 'Site web', body: 'Commentaire' },
  fieldErrors: {
    required: 'Ce champ est obligatoire.',
    too_long: 'Ce texte est trop long.',
    invalid: 'Cette valeur n’est pas valide.',
  },
  fixErrors: 'Le commentaire n’a pas été enregistré : corrigez les champs signalés.',
  articleColumns: { title: 'Titre', date: 'Date', comments: 'Commentaires', status: 'Discussion' },
  scheduled: 'programmé',
  commentsOpen: 'Ouverte',
  commentsClosed: 'Fermée',
  closeComments: 'Fermer les commentaires',
  openComments: 'Rouvrir les commentaires',
  commentsClosedDone: 'Commentaires fermés sur cet article.',
  commentsOpenedDone: 'Commentaires rouverts sur cet article.',
  articleCounts: (approved, pending, format) =>
    `${format(approved)} ${pluralFr(approved, 'approuvé', 'approuvés')}, ${format(pending)} en attente`,
  loginTitle: 'Connexion',
  password: 'Mot de passe',
  loginSubmit: 'Se connecter',
  wrongPassword: 'Mot de passe incorrect.',
  tooManyAttempts: (minutes) =>
    `Trop de tentatives depuis cette adresse. Réessayez dans ${minutes} ${pluralFr(minutes, 'minute', 'minutes')}.`,
  loggedOut: 'Vous êtes déconnecté·e.',
  sessionExpired: 'Votre session a expiré : connectez-vous à nouveau.',
  csrfTitle: 'Action refusée',
  csrfText:
    'Le jeton de sécurité du formulaire manque ou a expiré. Revenez en arrière, rechargez la page et recommencez.',
  forbiddenTitle: 'Accès refusé',
  accessDenied: 'Cloudflare Access n’a pas authentifié cette requête (jeton absent, expiré ou invalide).',
  accessUnavailable: 'Les clés de Cloudflare Access sont injoignables pour le moment. Réessayez dans un instant.',
  notFoundTitle: 'Introuvable',
  notFoundText: 'Ce commentaire ou cet article n’existe pas (ou plus).',
  setupTitle: 'Le bureau de modération n’est pas configuré',
  setupIntro: 'Personne ne peut entrer tant qu’aucune méthode de connexion n’est configurée. Au choix :',
  setupAccess:
    'Cloudflare Access : protégez /admin par une application Access, puis renseignez ACCESS_TEAM_DOMAIN et ACCESS_AUD dans wrangler.toml.',
  setupPassword: 'Un mot de passe :',
  setupPasswordSteps: [
    'lancez npm run admin:password et choisissez un mot de passe ;',
    'mettez la ligne ADMIN_PASSWORD_HASH qu’il affiche dans .dev.vars, à la place de ADMIN_PASSWORD_HASH = "off" (en production : npx wrangler secret put ADMIN_PASSWORD_HASH) ;',
    'vérifiez que le secret ADMIN_SESSION_KEY est défini, puis relancez le serveur.',
  ],
  pagination: 'Pagination',
  previous: 'Précédents',
  next: 'Suivants',
  pageOf: (page, pages) => `Page ${page} sur ${pages}`,
};
