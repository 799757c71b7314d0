// Highlighting search matches without trusting the text: FTS5's highlight()
// and snippet() wrap matches in two private-use characters, the text is
// HTML-escaped as a whole, and only then do complete marker pairs become
// <mark> elements. An article containing "<script>" stays text.
import { escapeHtml, raw, type SafeHtml } from '../views/html';

/** Marker characters given to highlight() and snippet(); not in any real text. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

const PAIR = new RegExp(`${MATCH_START}([^${MATCH_START}${MATCH_END}]*)${MATCH_END}`, 'g');
const STRAY = new RegExp(`[${MATCH_START}${MATCH_END}]`, 'g');

export function highlightMatches(marked: string): SafeHtml {
  // escapeHtml leaves the markers alone: they are not HTML-special.
  const escaped = escapeHtml(marked).replace(PAIR, '<mark>$1</mark>').replace(STRAY, '');
  return raw(escaped);
}
