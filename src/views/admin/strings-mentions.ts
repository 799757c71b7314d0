// The desk's mention queue, in French and English.

import type { Verification } from '../../db/mentions';
import type { ModerationStatus } from '../../db/moderation';
import { pluralEn, pluralFr } from '../i18n/strings';
import type { DeleteConfirmStrings, ModerationAction } from './strings';

export interface MentionDeskStrings {
  title: string;
  emptyQueue: Record<ModerationStatus, string>;
  actionDone: (action: ModerationAction, count: number, formatted: string) => string;
  nothingSelected: string;
  confirmDelete: DeleteConfirmStrings;
  selectMention: (id: number) => string;
  columns: { source: string; mention: string; details: string; actions: string };
  kind: Record<'webmention' | 'trackback' | 'pingback', string>;
  verification: Record<Verification, string>;
  /** Approved but not shown: its source did not link here at the last check. */
  notShown: string;
  target: string;
}

const DONE_FR = {
  approve: ['mention approuvée', 'mentions approuvées'],
  unapprove: ['mention remise en attente', 'mentions remises en attente'],
  spam: ['mention marquée comme indésirable', 'mentions marquées comme indésirables'],
  trash: ['mention mise à la corbeille', 'mentions mises à la corbeille'],
  delete: ['mention supprimée définitivement', 'mentions supprimées définitivement'],
} as const;

export const mentionDeskFr: MentionDeskStrings = {
  title: 'Mentions',
  emptyQueue: {
    pending: 'Aucune mention en attente. Tout est à jour.',
    approved: 'Aucune mention approuvée.',
    spam: 'Aucune mention indésirable.',
    trash: 'La corbeille des mentions est vide.',
  },
  actionDone: (action, count, formatted) => `${formatted} ${pluralFr(count, DONE_FR[action][0], DONE_FR[action][1])}.`,
  nothingSelected: 'Aucune mention sélectionnée\u00a0: cochez-en au moins une.',
  confirmDelete: {
    title: (count, formatted) =>
      count === 1
        ? 'Supprimer définitivement cette mention\u00a0?'
        : `Supprimer définitivement ces ${formatted} mentions\u00a0?`,
    warning: (count) =>
      count === 1
        ? 'Elle disparaîtra pour de bon\u00a0: cette action ne peut pas être annulée.'
        : 'Elles disparaîtront pour de bon\u00a0: cette action ne peut pas être annulée.',
    submit: 'Supprimer définitivement',
  },
  selectMention: (id) => `Sélectionner la mention n°\u00a0${id}`,
  columns: { source: 'Source', mention: 'Mention', details: 'Détails', actions: 'Actions' },
  kind: { webmention: 'Webmention', trackback: 'Trackback', pingback: 'Pingback' },
  verification: {
    queued: 'Vérification en cours',
    verified: 'Vérifiée\u00a0: la source fait un lien vers l’article',
    failed: 'Échec\u00a0: la source ne fait pas de lien vers l’article, ou n’a pas pu être lue',
    gone: 'Disparue\u00a0: la source n’existe plus (404 ou 410)',
  },
  notShown: 'Non affichée tant que la source n’est pas vérifiée.',
  target: 'Vers',
};

const DONE_EN = {
  approve: ['mention approved', 'mentions approved'],
  unapprove: ['mention moved back to pending', 'mentions moved back to pending'],
  spam: ['mention marked as spam', 'mentions marked as spam'],
  trash: ['mention moved to the trash', 'mentions moved to the trash'],
  delete: ['mention deleted for good', 'mentions deleted for good'],
} as const;

export const mentionDeskEn: MentionDeskStrings = {
  title: 'Mentions',
  emptyQueue: {
    pending: 'No mention awaits moderation. All caught up.',
    approved: 'No approved mention.',
    spam: 'No spam mention.',
    trash: 'The mentions trash is empty.',
  },
  actionDone: (action, count, formatted) => `${formatted} ${pluralEn(count, DONE_EN[action][0], DONE_EN[action][1])}.`,
  nothingSelected: 'No mention selected: tick at least one.',
  confirmDelete: {
    title: (count, formatted) =>
      count === 1 ? 'Delete this mention for good?' : `Delete these ${formatted} mentions for good?`,
    warning: (count) =>
      count === 1
        ? 'It will be gone for good: this cannot be undone.'
        : 'They will be gone for good: this cannot be undone.',
    submit: 'Delete for good',
  },
  selectMention: (id) => `Select mention #${id}`,
  columns: { source: 'Source', mention: 'Mention', details: 'Details', actions: 'Actions' },
  kind: { webmention: 'Webmention', trackback: 'Trackback', pingback: 'Pingback' },
  verification: {
    queued: 'Being verified',
    verified: 'Verified: the source links to the article',
    failed: 'Failed: the source does not link to the article, or could not be read',
    gone: 'Gone: the source no longer exists (404 or 410)',
  },
  notShown: 'Not shown until its source is verified.',
  target: 'To',
};
