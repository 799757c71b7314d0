// Turns whatever a reader types into an FTS5 query that cannot be a syntax
// error: each word becomes a quoted string (FTS5's own escaping: `"` doubled),
// so AND, NEAR(, column filters ("title:"), `^`, `-` and stray quotes are only
// text. Words are joined by FTS5's implicit AND. A word ending in `*` is a
// prefix search ("commun*" finds "communauté"), the one operator we keep.

/** Longer queries are refused (400), not cut: a cut query would silently search something else. */
export const MAX_QUERY_LENGTH = 200;
/** Past this, more words only make a query slower, never more useful. */
const MAX_TERMS = 12;

export type SearchQuery =
  /** Nothing to search for: no query, or no letter or digit in it. */
  { kind: 'empty'; text: string } | { kind: 'too_long'; text: string } | { kind: 'terms'; text: string; match: string };

// What unicode61 indexes: letters, numbers and private-use characters. A word
// with none of them gives FTS5 an empty phrase, so it is dropped.
const SEARCHABLE = /[\p{L}\p{N}\p{Co}]/u;

export function parseSearchQuery(input: string): SearchQuery {
  // Control characters (NUL included) have no business in a search and would
  // show up echoed in the search box.
  const text = input
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ')
    .trim();
  if (text.length > MAX_QUERY_LENGTH) return { kind: 'too_long', text: text.slice(0, MAX_QUERY_LENGTH).trimEnd() };
  const terms = text
    .split(' ')
    .filter((word) => SEARCHABLE.test(word))
    .slice(0, MAX_TERMS)
    .map(toFtsTerm);
  if (terms.length === 0) return { kind: 'empty', text };
  return { kind: 'terms', text, match: terms.join(' ') };
}

function toFtsTerm(word: string): string {
  const prefix = word.endsWith('*');
  const bare = word.replace(/\*+$/, '');
  const quoted = `"${bare.replaceAll('"', '""')}"`;
  return prefix && SEARCHABLE.test(bare) ? `${quoted}*` : quoted;
}
