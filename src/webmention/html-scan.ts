// A small, forgiving HTML tokenizer for pages fetched from elsewhere: start
// tags with their attributes, end tags, and text, in document order.
// Comments, doctypes and the insides of script and style are skipped.
// Nothing here builds markup: the results are read as data, then escaped
// wherever they are shown.
import { collapseWhitespace } from '../whitespace';

export type Attributes = Map<string, string>;

export interface HtmlHandler {
  open?(name: string, attributes: Attributes, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
export const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

export function scanHtml(html: string, handler: HtmlHandler): void {
  let index = 0;
  while (index < html.length) {
    const next = html.indexOf('<', index);
    if (next === -1) {
      handler.text?.(decodeEntities(html.slice(index)));
      return;
    }
    if (next > index) handler.text?.(decodeEntities(html.slice(index, next)));
    index = next;
    if (html.startsWith('<!--', index)) {
      const end = html.indexOf('-->', index + 4);
      index = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<!', index) || html.startsWith('<?', index)) {
      const end = html.indexOf('>', index);
      index = end === -1 ? html.length : end + 1;
      continue;
    }
    TAG.lastIndex = index;
    const tag = TAG.exec(html);
    if (!tag) {
      handler.text?.('<');
      index++;
      continue;
    }
    index = TAG.lastIndex;
    const name = (tag[2] as string).toLowerCase();
    if (tag[1]) {
      handler.close?.(name);
      continue;
    }
    handler.open?.(name, parseAttributes(tag[3] ?? ''), tag[4] === '/' || VOID_ELEMENTS.has(name));
    if (RAW_TEXT.has(name)) {
      // Their content is text up to their own end tag; title's is kept, the others' dropped.
      const end = html.toLowerCase().indexOf(`</${name}`, index);
      const inside = html.slice(index, end === -1 ? html.length : end);
      if (name === 'title' || name === 'textarea') handler.text?.(decodeEntities(inside));
      index = end === -1 ? html.length : html.indexOf('>', end) + 1 || html.length;
      handler.close?.(name);
    }
  }
}

function parseAttributes(text: string): Attributes {
  const attributes: Attributes = new Map();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = (match[1] as string).toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  ocirc: 'ô',
  icirc: 'î',
  ucirc: 'û',
  ugrave: 'ù',
  euml: 'ë',
  iuml: 'ï',
  copy: '©',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi, (whole, decimal, hex, name) => {
    if (name) return NAMED[(name as string).toLowerCase()] ?? whole;
    const code = decimal ? Number(decimal) : Number.parseInt(hex as string, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Whitespace collapsed (no-break spaces kept), trimmed, and cut to `max` characters with an ellipsis. */
export function plainText(text: string, max: number): string {
  const collapsed = collapseWhitespace(text);
  if (collapsed.length <= max) return collapsed;
  return `${collapsed.slice(0, max - 1).trimEnd()}…`;
}

/** Elements inside a line of text: their tags separate no words. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);

/** Whether a tag of this element stands between two words (a paragraph, a line break, an image). */
export function separatesWords(name: string): boolean {
  return !INLINE.has(name);
}

/** Space-separated tokens of an attribute (class, rel), lowercase. */
export function tokens(value: string | undefined): string[] {
  return (value ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** The text of an HTML fragment (a trackback's title or excerpt), as plain text. */
export function htmlToText(html: string, max: number): string {
  let text = '';
  const gap = (name: string) => {
    if (separatesWords(name)) text += ' ';
  };
  scanHtml(html, {
    open: gap,
    close: gap,
    text: (chunk) => {
      text += chunk;
    },
  });
  return plainText(text, max);
}
