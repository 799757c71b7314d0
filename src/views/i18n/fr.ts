// French interface strings (the default).
import { archivesFr } from './archives';
import { authorsFr } from './authors';
import { mentionsFr } from './mentions';
import { protectedFr } from './protected';
import { pluralFr, type Strings } from './strings';

export const fr: Strings = {
  locale: 'fr-FR',
  skipToContent: 'Aller au contenu',
  home: 'Accueil',
  olderPosts: 'Articles plus anciens',
  newerPosts: 'Articles plus récents',
  pageOf: (page, pages) => `Page ${page} sur ${pages}`,
  pageTitle: (page) => `Page ${page}`,
  pagination: 'Pagination',
  noArticles: 'Aucun article publié pour l’instant.',
  readMore: 'Lire la suite',
  publishedOn: 'Publié le',
  updatedOn: 'mis à jour le',
  imageCredit: 'Crédit image\u00a0:',
  tags: 'Étiquettes\u00a0:',
  share: 'Partager',
  shareByEmail: 'E-mail',
  relatedHeading: 'Vous pouvez aussi lire',
  siteMenu: 'Menu du site',
  standalonePage: 'Page',
  commentsHeading: (count, formatted, title) =>
    count === 0
      ? 'Aucun commentaire'
      : `${formatted} ${pluralFr(count, 'commentaire', 'commentaires')} à «\u00a0${title}\u00a0»`,
  commentCount: (count, formatted) =>
    count === 0 ? 'Aucun commentaire' : `${formatted} ${pluralFr(count, 'commentaire', 'commentaires')}`,
  commentPages: 'Pages des commentaires',
  olderComments: 'Commentaires plus anciens',
  newerComments: 'Commentaires plus récents',
  authorBadge: 'Auteur de l’article',
  replyTo: (name) => `En réponse à ${name}`,
  commentPermalink: 'Lien vers ce commentaire',
  leaveComment: 'Laisser un commentaire',
  mentions: mentionsFr,
  authors: authorsFr,
  protectedArticle: protectedFr,
  archives: archivesFr,
  form: {
    intro: 'Votre adresse e-mail ne sera pas publiée. Les champs marqués * sont obligatoires.',
    author: 'Nom',
    email: 'E-mail',
    url: 'Site web',
    body: 'Commentaire',
    formattingHint:
      'Mise en forme : *italique*, **gras**, `code`, > citation, listes, liens. Le HTML est affiché tel quel.',
    required: 'obligatoire',
    submit: 'Publier le commentaire',
    honeypot: 'Ne remplissez pas ce champ',
    noScript:
      'Pour tenir les robots à l’écart, commenter nécessite JavaScript et une vérification de Cloudflare Turnstile. Activez JavaScript pour publier un commentaire.',
    reply: 'Répondre',
    replyLink: 'Répondre à %s',
    replyToLabel: 'En réponse à %s',
    cancelReply: 'Annuler la réponse',
    closed: 'Les commentaires sont fermés pour cet article.',
    awaitingModeration: 'Votre commentaire est en attente de modération. Vous seul le voyez pour l’instant.',
    notifyReplies: 'Me prévenir par e-mail des réponses à mon commentaire',
    notifyArticle: 'Me prévenir par e-mail de tous les nouveaux commentaires sur cet article',
    errors: {
      author: { required: 'Indiquez votre nom.', too_long: 'Votre nom ne doit pas dépasser 100 caractères.' },
      email: {
        required: 'Indiquez votre adresse e-mail (elle ne sera pas publiée).',
        required_to_notify:
          'Indiquez votre adresse e-mail pour recevoir les notifications (elle ne sera pas publiée), ou décochez la case.',
        invalid: 'Cette adresse e-mail ne semble pas valide, par exemple prenom@exemple.fr.',
        too_long: 'L’adresse e-mail ne doit pas dépasser 254 caractères.',
      },
      url: {
        invalid: 'L’adresse du site doit être une adresse web commençant par http:// ou https://.',
        too_long: 'L’adresse du site ne doit pas dépasser 2 000 caractères.',
      },
      body: {
        required: 'Écrivez votre commentaire.',
        too_long: 'Votre commentaire dépasse 10 000 caractères : raccourcissez-le.',
      },
    },
    notices: {
      invalid: 'Votre commentaire n’a pas été envoyé : corrigez les champs signalés ci-dessous.',
      turnstile:
        'La vérification anti-robot a échoué ou a expiré. Votre commentaire est toujours dans le formulaire : attendez que la nouvelle vérification, sous le texte, soit validée, puis envoyez-le à nouveau.',
      turnstile_missing:
        'Votre commentaire n’a pas été envoyé : la vérification anti-robot (Cloudflare Turnstile) n’a pas eu lieu, sans doute parce qu’elle n’a pas pu se charger dans votre navigateur (connexion coupée, bloqueur de contenu ou JavaScript désactivé). Votre texte est conservé ci-dessous. Quand la vérification, sous le texte, est validée, envoyez-le à nouveau. Si elle ne se charge pas, copiez votre texte pour l’envoyer plus tard.',
      too_large:
        'Votre envoi dépasse ce que le blog peut recevoir : il n’a pas été publié. Ce qui est arrivé de votre commentaire est ci-dessous, mais la fin peut manquer. Raccourcissez-le à 10 000 caractères au plus, puis envoyez-le à nouveau.',
      rate_limited: 'Vous avez envoyé plusieurs commentaires en peu de temps. Patientez une minute avant de réessayer.',
      duplicate: 'Vous avez déjà envoyé ce commentaire il y a quelques minutes.',
      unavailable:
        'Votre commentaire n’a pas pu être enregistré à cause d’un problème passager. Il est toujours dans le formulaire : réessayez dans un instant.',
      parent_gone:
        'Le commentaire auquel vous répondiez n’est plus disponible. Envoyez à nouveau : votre texte sera publié comme nouveau commentaire.',
      closed: 'Les commentaires sont fermés pour cet article.',
    },
    counter: {
      remaining: { one: '%s caractère restant', other: '%s caractères restants' },
      over: { one: '%s caractère de trop', other: '%s caractères de trop' },
    },
    turnstile: {
      loading:
        'La vérification anti-robot se charge encore. Patientez quelques secondes, puis envoyez à nouveau : votre texte reste dans le formulaire.',
      failed:
        'La vérification anti-robot (Cloudflare Turnstile) n’a pas pu se charger : connexion coupée, bloqueur de contenu ou réseau filtré. Sans elle, le commentaire ne peut pas être envoyé. Votre texte reste dans le formulaire et ce navigateur le garde : réessayez maintenant, ou revenez plus tard sur cette page pour l’envoyer.',
      error:
        'La vérification anti-robot a rencontré un problème. Votre texte reste dans le formulaire : relancez la vérification, puis envoyez-le.',
      retry: 'Réessayer la vérification',
    },
    draftRestored:
      'Le texte que vous aviez commencé sur cette page, gardé par ce navigateur, a été remis dans le formulaire.',
  },
  tagHeading: (name) => `Articles étiquetés «\u00a0${name}\u00a0»`,
  tagArticleCount: (count, formatted) => `${formatted} ${pluralFr(count, 'article', 'articles')}`,
  search: {
    landmark: 'Recherche sur le blog',
    field: 'Rechercher',
    submit: 'Rechercher',
    title: 'Recherche',
    resultCount: (count, formatted, query) =>
      count === 0
        ? `Aucun résultat pour «\u00a0${query}\u00a0»`
        : `${formatted} ${pluralFr(count, 'résultat', 'résultats')} pour «\u00a0${query}\u00a0»`,
    hint: 'Tapez un ou plusieurs mots dans le champ de recherche\u00a0: vous trouverez les articles qui les contiennent tous, dans leur titre, leur texte ou leurs étiquettes. Accents et majuscules sont sans importance. Terminez un mot par * pour trouver les mots qui commencent ainsi.',
    noWords: 'Votre recherche ne contient aucun mot à chercher (lettres ou chiffres).',
    noResults:
      'Aucun article ne contient tous ces mots. Essayez avec moins de mots, d’autres mots, ou le début d’un mot suivi de *.',
    tooLong: (max) => `Votre recherche dépasse ${max} caractères\u00a0: raccourcissez-la.`,
    invalid: 'Cette recherche n’a pas pu être comprise. Essayez avec des mots simples.',
    previous: 'Résultats précédents',
    next: 'Résultats suivants',
  },
  rssFeed: 'Flux RSS',
  feedTitles: {
    tag: (name) => `Articles étiquetés «\u00a0${name}\u00a0»`,
    comments: (title) => `Commentaires sur «\u00a0${title}\u00a0»`,
    comment: (author) => `Commentaire de ${author}`,
  },
  followMe: 'Me suivre',
  poweredBy: 'Propulsé par Causerie',
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Cette page n’existe pas ou n’existe plus. Elle a peut-être changé d’adresse.',
  badRequestTitle: 'Requête invalide',
  badRequestText: 'L’adresse demandée contient une valeur que le blog ne comprend pas.',
  methodNotAllowedTitle: 'Méthode non autorisée',
  methodNotAllowedText: 'Cette adresse ne répond pas à ce type de requête.',
  forbiddenTitle: 'Requête refusée',
  forbiddenText: 'Ce formulaire doit être envoyé depuis une page de ce blog.',
  tooLargeTitle: 'Envoi trop volumineux',
  tooLargeText: 'Le formulaire envoyé est trop volumineux pour être reçu. Raccourcissez votre texte puis réessayez.',
  unsupportedTitle: 'Format non pris en charge',
  unsupportedText: 'Ce formulaire doit être envoyé comme un formulaire HTML ordinaire.',
  serverErrorTitle: 'Erreur du serveur',
  serverErrorText: 'Un problème est survenu de notre côté. Réessayez dans un instant.',
  unavailableTitle: 'Blog momentanément indisponible',
  unavailableText:
    'Le blog n’arrive pas à lire ses données en ce moment. Réessayez dans une minute : rien de ce qui est publié n’est perdu.',
  malformedFormText:
    'Le formulaire reçu est incomplet, mal encodé ou compte trop de champs. Renvoyez-le depuis la page du blog.',
  backHome: 'Retour à l’accueil',
};
