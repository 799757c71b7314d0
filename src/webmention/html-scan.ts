// Reading HTML fetched from elsewhere (a mention's source, a page's
// Webmention endpoint) with the platform's own streaming parser,
// HTMLRewriter: start tags with their attributes, end tags and text, in
// document order. Comments and doctypes never reach the handler; the insides
// of script and style are skipped. HTMLRewriter hands over text and attribute
// values as written, so character references are decoded here. Nothing here
// builds markup: the results are read as data, then escaped wherever they are
// shown.
import { collapseWhitespace } from '../whitespace';

export type Attributes = Map<string, string>;

export interface HtmlHandler {
  open?(name: string, attributes: Attributes, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Elements that never have an end tag (HTMLRewriter refuses an end-tag handler on them). */
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
const SKIPPED_TEXT = new Set(['script', 'style']);

export async function scanHtml(html: string, handler: HtmlHandler): Promise<void> {
  let skipping = 0; // script and style elements open
  let pending = ''; // a text node arrives in chunks: decoded once whole
  const flush = () => {
    if (pending && skipping === 0) handler.text?.(decodeEntities(pending));
    pending = '';
  };
  const rewriter = new HTMLRewriter()
    .on('*', {
      element(element) {
        flush();
        const name = element.tagName.toLowerCase();
        const attributes: Attributes = new Map();
        for (const [key = '', value = ''] of element.attributes) {
          const attribute = key.toLowerCase();
          if (!attributes.has(attribute)) attributes.set(attribute, decodeEntities(value));
        }
        const isVoid = VOID_ELEMENTS.has(name);
        handler.open?.(name, attributes, isVoid);
        if (isVoid) return;
        if (SKIPPED_TEXT.has(name)) skipping++;
        element.onEndTag(() => {
          flush();
          if (SKIPPED_TEXT.has(name)) skipping = Math.max(0, skipping - 1);
          handler.close?.(name);
        });
      },
    })
    .onDocument({
      text(chunk) {
        pending += chunk.text;
        if (chunk.lastInTextNode) flush();
      },
    });
  await rewriter.transform(new Response(html)).arrayBuffer();
  flush();
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
export async function htmlToText(html: string, max: number): Promise<string> {
  let text = '';
  const gap = (name: string) => {
    if (separatesWords(name)) text += ' ';
  };
  await scanHtml(html, {
    open: gap,
    close: gap,
    text: (chunk) => {
      text += chunk;
    },
  });
  return plainText(text, max);
}
