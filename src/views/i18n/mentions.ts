// Strings of mentions, in French and English: the "Mentionné par …" list
// under the comments, the invitation to send one, and the answers of the
// Webmention and trackback endpoints.
import { pluralEn, pluralFr } from './strings';

export type MentionRefusal =
  | 'rate_limited'
  | 'source_missing'
  | 'target_missing'
  | 'source_invalid'
  | 'target_invalid'
  | 'same_url'
  | 'source_private'
  | 'target_not_ours'
  | 'unavailable';

export interface MentionStrings {
  /** Heading of the list; the count is already formatted. */
  heading: (count: number, formatted: string) => string;
  /** "Trackback" beside a trackback's title. */
  trackback: string;
  /** How to mention the article from elsewhere: followed by the endpoint's and the trackback's URLs. */
  invite: string;
  webmentionEndpoint: string;
  trackbackUrl: string;
  /** The endpoint's 202 answer. */
  accepted: string;
  /** A trackback without its "url" field. */
  trackbackUrlMissing: string;
  refusals: Record<MentionRefusal, string>;
}

export const mentionsFr: MentionStrings = {
  heading: (count, formatted) => `Mentionné par ${formatted} ${pluralFr(count, 'page', 'pages')}`,
  trackback: 'Trackback',
  invite: 'Vous en parlez sur votre site\u00a0? Votre page apparaîtra ici après modération\u00a0:',
  webmentionEndpoint: 'envoyez un Webmention à',
  trackbackUrl: 'ou faites un trackback depuis votre site vers',
  accepted: 'Mention reçue\u00a0: elle sera vérifiée puis modérée avant d’apparaître.',
  trackbackUrlMissing: 'Le champ «\u00a0url\u00a0» (l’adresse de votre billet) manque.',
  refusals: {
    rate_limited: 'Trop de mentions envoyées depuis cette adresse. Réessayez dans une minute.',
    source_missing: 'Le paramètre «\u00a0source\u00a0» manque.',
    target_missing: 'Le paramètre «\u00a0target\u00a0» manque.',
    source_invalid: 'La source doit être une adresse http ou https complète.',
    target_invalid: 'La cible doit être une adresse http ou https complète.',
    same_url: 'La source et la cible sont la même adresse.',
    source_private: 'La source désigne une adresse privée ou locale, que ce blog ne consulte pas.',
    target_not_ours: 'La cible n’est pas un article publié de ce blog.',
    unavailable: 'La mention n’a pas pu être enregistrée (problème temporaire). Réessayez dans un moment.',
  },
};

export const mentionsEn: MentionStrings = {
  heading: (count, formatted) => `Mentioned by ${formatted} ${pluralEn(count, 'page', 'pages')}`,
  trackback: 'Trackback',
  invite: 'Writing about this on your site? Your page will appear here after moderation:',
  webmentionEndpoint: 'send a Webmention to',
  trackbackUrl: 'or a trackback from your site to',
  accepted: 'Mention received: it will be verified, then moderated before it appears.',
  trackbackUrlMissing: 'The "url" field (the address of your post) is missing.',
  refusals: {
    rate_limited: 'Too many mentions sent from this address. Try again in a minute.',
    source_missing: 'The "source" parameter is missing.',
    target_missing: 'The "target" parameter is missing.',
    source_invalid: 'The source must be a full http or https URL.',
    target_invalid: 'The target must be a full http or https URL.',
    same_url: 'The source and the target are the same URL.',
    source_private: 'The source names a private or local address, which this blog does not fetch.',
    target_not_ours: 'The target is not a published article of this blog.',
    unavailable: 'The mention could not be stored (a temporary problem). Try again in a moment.',
  },
};
