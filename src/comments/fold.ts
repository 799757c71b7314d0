// Text as the blocklist and the duplicate check compare it, seen through the
// disguises that keep a word readable to people but not to a plain string
// match: invisible characters inside it, full-width or mathematical letters,
// letters of another script that look like Latin ones (from Unicode's own
// confusables.txt, see scripts/generate-look-alikes.ts), letters spaced out.
// Only ever compared, never shown: the comment keeps what its author wrote.
import { foldFormAndCase } from './fold-form';
import { LOOK_ALIKES } from './look-alikes';

let latinOf: Map<string, string> | undefined;

function lookAlikes(): Map<string, string> {
  if (!latinOf) {
    latinOf = new Map();
    for (const [latin, characters] of Object.entries(LOOK_ALIKES)) {
      for (const character of characters) latinOf.set(character, latin);
    }
  }
  return latinOf;
}

/** Invisible characters gone, NFKC, case folded, unaccented, look-alikes Latin, white space runs one space. */
export function foldForMatching(text: string): string {
  const table = lookAlikes();
  let folded = '';
  for (const character of foldFormAndCase(text)) folded += table.get(character) ?? character;
  return folded.replace(/\s+/gu, ' ').trim();
}

// Three or more letters or digits standing alone, each apart from the next by
// one to three spaces or punctuation marks: "v i a g r a", "v.i.a.g.r.a". Not
// apostrophes, which French single letters lean on ("l'a", "s'y", "j'y").
const SPACED_LETTERS = /(?<![\p{L}\p{N}])[\p{L}\p{N}](?:[^\p{L}\p{N}'’]{1,3}[\p{L}\p{N}](?![\p{L}\p{N}])){2,}/gu;
const NOT_LETTERS = /[^\p{L}\p{N}]/gu;

/** The words spelled by each spaced-out run of single letters in folded text. */
function spelledWords(folded: string): string[] {
  return [...folded.matchAll(SPACED_LETTERS)].map(([run]) => run.replace(NOT_LETTERS, ''));
}

/**
 * True when one of the words occurs in the text, disguised or not: as it is,
 * or spelled out letter by letter ("v i a g r a", "v.i.a.g.r.a", "crédit
 * r a p i d e"). Only runs of single letters are joined, so words stay
 * apart: "les exemples" never reads "sexe".
 */
export function containsAnyWord(text: string, words: readonly string[]): boolean {
  const folded = foldForMatching(text);
  const spelled = spelledWords(folded);
  // Each run as the word it spells, in place: "buy v i a g r a now" → "buy viagra now".
  const joined = spelled.length > 0 ? folded.replace(SPACED_LETTERS, (run) => run.replace(NOT_LETTERS, '')) : folded;
  return words.some((word) => {
    const target = foldForMatching(word);
    if (target === '') return false;
    if (joined.includes(target) || folded.includes(target)) return true;
    // A phrase spelled out whole, its spaces gone with the others.
    return target.includes(' ') && spelled.some((run) => run.includes(target.replaceAll(' ', '')));
  });
}
