// What may reach a header of an e-mail: the binding takes a subject or a
// display name with CR/LF as it stands (probed), so a commenter's name or an
// article's title could split a header and add one of their own. Everything
// that goes into a header passes through here first.

/**
 * C0 and C1 controls (CR, LF, tab, NUL, NEL…), line and paragraph separators,
 * and format characters (bidi controls, zero-width spaces, BOM) but the
 * zero-width joiner of emoji sequences.
 */
const UNSAFE = /[\p{Cc}\p{Zl}\p{Zp}]|(?!\u200d)\p{Cf}/gu;

/** Runs of white space but the no-break spaces French typography puts in titles and in our own strings. */
const BREAKING_SPACES = /[^\S\u00a0\u202f]+/g;

export const HEADER_TEXT_MAX = 150;

/**
 * One line of plain text for a subject or a display name: controls become a
 * space, runs of (breaking) white space one space, trimmed, and at most `max` characters
 * (code points, never half a surrogate pair), cut with an ellipsis.
 */
export function headerText(text: string, max = HEADER_TEXT_MAX): string {
  const line = text.normalize('NFC').replace(UNSAFE, ' ').replace(BREAKING_SPACES, ' ').trim();
  const chars = [...line];
  if (chars.length <= max) return line;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
