// Strings of password-protected articles, in French and English: the title's
// prefix in lists and on the locked page, the password form and its answers.
export type PasswordRefusal = 'wrong' | 'rate_limited' | 'unavailable';

export interface ProtectedStrings {
  /** Before the title in lists and on the locked page, as WordPress shows it: "Protégé : Titre". */
  titlePrefix: string;
  intro: string;
  label: string;
  submit: string;
  refusals: Record<PasswordRefusal, string>;
}

export const protectedFr: ProtectedStrings = {
  titlePrefix: 'Protégé\u00a0: ',
  intro: 'Cet article est protégé par un mot de passe. Pour le lire, saisissez son mot de passe ci-dessous.',
  label: 'Mot de passe',
  submit: 'Valider',
  refusals: {
    wrong: 'Ce mot de passe n’est pas le bon. Vérifiez-le et réessayez.',
    rate_limited: 'Trop d’essais depuis cette adresse. Patientez une minute avant de réessayer.',
    unavailable: 'Le mot de passe ne peut pas être vérifié pour le moment. Réessayez dans quelques minutes.',
  },
};

export const protectedEn: ProtectedStrings = {
  titlePrefix: 'Protected: ',
  intro: 'This article is password protected. To read it, enter its password below.',
  label: 'Password',
  submit: 'Enter',
  refusals: {
    wrong: 'That password is not the right one. Check it and try again.',
    rate_limited: 'Too many attempts from this address. Please wait a minute before trying again.',
    unavailable: 'The password cannot be checked at the moment. Please try again in a few minutes.',
  },
};
