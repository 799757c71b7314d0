// The words of the author's digest e-mail, in the blog's language (the desk's).
// The hold reasons are the desk's own (src/views/admin/strings-*.ts), so an
// e-mail and the queue name a reason alike. French typography written in.
import type { Language } from '../config';

export interface AuthorMailStrings {
  subjectOne(held: boolean, author: string, title: string): string;
  subjectMany(count: number, held: number, blogTitle: string): string;
  intro(blogTitle: string): string;
  quoted(title: string): string;
  published: string;
  openOnDesk: string;
  openDesk: string;
  more: string;
  deskNote: string;
  because(mode: 'held' | 'all', blogTitle: string): string;
}

const fr: AuthorMailStrings = {
  subjectOne: (held, author, title) =>
    held
      ? `Commentaire de ${author} en attente de modération sur «\u00a0${title}\u00a0»`
      : `Nouveau commentaire de ${author} sur «\u00a0${title}\u00a0»`,
  subjectMany: (count, held, blogTitle) =>
    held === count
      ? `${count}\u00a0commentaires en attente de modération sur ${blogTitle}`
      : held === 0
        ? `${count}\u00a0nouveaux commentaires sur ${blogTitle}`
        : `${count}\u00a0nouveaux commentaires sur ${blogTitle}, dont ${held}\u00a0en attente de modération`,
  intro: (blogTitle) => `Arrivé sur ${blogTitle} depuis le dernier e-mail\u00a0:`,
  quoted: (title) => `«\u00a0${title}\u00a0»`,
  published: 'Publié',
  openOnDesk: 'Voir sur le bureau',
  openDesk: 'Ouvrir le bureau',
  more: 'D’autres commentaires attendent\u00a0: ils sont déjà sur le bureau, et seront dans le prochain e-mail.',
  deskNote:
    'Les liens ouvrent le bureau de modération (connexion requise)\u00a0: c’est là qu’on approuve, qu’on met en indésirable ou à la corbeille.',
  because: (mode, blogTitle) =>
    `Vous recevez cet e-mail parce que NOTIFY_AUTHOR vaut "${mode}" et que AUTHOR_EMAIL est cette adresse dans la configuration de ${blogTitle}. Pour ne plus en recevoir\u00a0: NOTIFY_AUTHOR = "off".`,
};

const en: AuthorMailStrings = {
  subjectOne: (held, author, title) =>
    held ? `Comment from ${author} awaiting moderation on “${title}”` : `New comment from ${author} on “${title}”`,
  subjectMany: (count, held, blogTitle) =>
    held === count
      ? `${count} comments awaiting moderation on ${blogTitle}`
      : held === 0
        ? `${count} new comments on ${blogTitle}`
        : `${count} new comments on ${blogTitle}, ${held} awaiting moderation`,
  intro: (blogTitle) => `New on ${blogTitle} since the last e-mail:`,
  quoted: (title) => `“${title}”`,
  published: 'Published',
  openOnDesk: 'See on the desk',
  openDesk: 'Open the desk',
  more: 'More comments are waiting: they are already on the desk, and will be in the next e-mail.',
  deskNote:
    'The links open the moderation desk (sign-in required): approving, marking as spam or trashing is done there.',
  because: (mode, blogTitle) =>
    `You receive this e-mail because NOTIFY_AUTHOR is "${mode}" and AUTHOR_EMAIL is this address in the settings of ${blogTitle}. To stop them: NOTIFY_AUTHOR = "off".`,
};

export const AUTHOR_MAIL_STRINGS: Record<Language, AuthorMailStrings> = { fr, en };
