// Whitespace collapsed for text shown on one line (excerpts, descriptions,
// snippets). `\s` matches the no-break spaces too, and a plain space in their
// place lets a phone break a line before ":" or inside « »: a run holding one
// of them becomes that one, any other run a plain space.
const NO_BREAK = /[\u00a0\u2007\u202f]/;

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, (run) => (run === ' ' ? run : (NO_BREAK.exec(run)?.[0] ?? ' '))).trim();
}
