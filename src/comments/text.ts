// What a commenter typed, made safe to store: Unicode in NFC, no control
// characters (line breaks kept where a field may have them), trimmed.

// C0 and C1 controls, DEL, and the invisible format characters that can
// reorder or hide text. Names and addresses lose every one of them (there
// they only ever serve to deceive). The comment itself keeps the zero-width
// joiner and non-joiner (emoji sequences, Persian and Indic scripts) and the
// LRM/RLM marks (punctuation in Arabic and Hebrew), none of which can reorder
// a whole run of text; it loses the rest, which would only hide words from
// the blocklist or the reader.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LINE_BREAKS = /[\n\r\u2028\u2029]+/g;
const BIDI_AND_INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const BIDI_CONTROLS_AND_HIDDEN = /[\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// Format characters, and the letters that draw nothing (Hangul fillers, the
// blank braille pattern): what "empty" names and comments are made of.
const INVISIBLE = /[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;

export function normalizeLine(value: string): string {
  return value
    .normalize('NFC')
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROLS, '')
    .replace(BIDI_AND_INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normalizeText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS_AND_HIDDEN, '')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

/** False when nothing a reader could see is left: a required field given only that is empty. */
export function hasVisibleText(value: string): boolean {
  return value.replace(INVISIBLE, '') !== '';
}

/** Length in characters as a reader counts them (code points), like SQLite's length(). */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

// http(s) URLs in running text; trailing punctuation belongs to the sentence.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]}'’»]/gi;

export interface TextPart {
  text: string;
  url?: string;
}

/** Splits text into plain parts and URL parts, for linking and counting. */
export function splitUrls(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: match[0], url: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export function countLinks(text: string): number {
  return splitUrls(text).filter((part) => part.url).length;
}
