// The first half of folding text for matching (src/comments/fold.ts), kept
// free of imports so that the script generating the look-alike table runs it
// in Node exactly as the Worker does.

/**
 * Unicode's own list of what draws nothing: soft hyphen, zero-width joiners,
 * the Mongolian vowel separator, variation selectors, tag characters…
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const MARKS = /\p{M}/gu;

/**
 * Invisible characters removed, compatibility forms (full-width letters,
 * mathematical alphabets, ligatures) made plain by NFKC, case folded
 * (upper then lower case, so "ß" and "SS" meet), accents taken off.
 */
export function foldFormAndCase(text: string): string {
  return text
    .replace(IGNORABLE, '')
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(IGNORABLE, '');
}
