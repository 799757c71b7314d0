// A WordPress comment's HTML as the light Markdown Causerie's comments are
// written in (src/comments/format.ts), so that what WordPress let commenters
// format stays formatted: paragraphs, line breaks, emphasis, strong, code,
// quotes, lists and links, with what the comment format has no markup for
// written as readers of plain text write it (a citation in italics, a short
// quotation in quotation marks, an abbreviation followed by its expansion,
// struck text between ~~, which the format shows as typed). Other tags lose
// their markup and keep their text; the text itself is escaped wherever
// Markdown would read it as formatting.
import sanitizeHtml from 'sanitize-html';
import { normalizeText, splitUrls } from '../../../src/comments/text.ts';
import { quotesAsMarkdown } from './text.ts';

const ESCAPES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' };
const decodeEscapes = (value: string) => value.replace(/&(?:lt|gt|quot|amp);/g, (entity) => ESCAPES[entity] ?? entity);
// Markdown written in the middle of the HTML is escaped like it, so that the last decoding gives it back.
const escapeLikeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CODE_TAGS = new Set(['code', 'pre']);
// A ">" of the text (not of a quote this file writes), until lines are known.
const TEXT_GREATER_THAN = '\uE001';

/**
 * Text as sanitize-html hands it over (its four escapes in place), with a
 * backslash before what would otherwise become formatting. Addresses are left
 * whole: a backslash in one would end up in the link.
 */
function escapeMarkdown(escapedText: string, tag: string): string {
  if (CODE_TAGS.has(tag)) return escapedText;
  return splitUrls(escapedText)
    .map((part) =>
      part.url
        ? part.text
        : part.text
            .replace(/[\\`*_[\]~]/g, '\\$&')
            // The parser hands text over in pieces (cut at each entity), so a
            // piece's start may be mid-line: a stray backslash there is harmless.
            .replace(/(^|\n)([ \t]*)([-+](?=[ \t]|$)|\d{1,9}(?=[.)])|~~~)/g, (_, start, space, marker: string) =>
              /^\d/.test(marker) ? `${start}${space}${marker}\\` : `${start}${space}\\${marker}`,
            )
            // Whether a ">" starts a line is known only once the text is whole: see TEXT_GREATER_THAN.
            .replace(/&gt;/g, TEXT_GREATER_THAN),
    )
    .join('');
}

/** The shortest run of backticks longer than any run inside `code`. */
function fenceFor(code: string, minimum: number): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(minimum, longest + 1));
}

const TEXT_BLOCKS = [
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'address'],
  ...['center', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'table', 'caption', 'tr', 'th', 'td', 'details', 'summary'],
];

/** A short quotation's marks, as the comment's language writes them (French with no-break spaces). */
const QUOTATION_MARKS = { fr: ['«\u00a0', '\u00a0»'], en: ['“', '”'] } as const;

export function htmlToCommentMarkdown(html: string, language: 'fr' | 'en' = 'en'): string {
  const canonical = sanitizeHtml(html, {
    allowedTags: [
      ...['p', 'br', 'a', 'blockquote', 'ul', 'ol', 'li', 'div', 'em', 'i', 'strong', 'b', 'code', 'pre'],
      ...['del', 's', 'strike', 'abbr', 'acronym', 'q', 'cite'],
    ],
    allowedAttributes: { a: ['href'], abbr: ['title'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    disallowedTagsMode: 'discard',
    // A citation (a work's title) is shown in italics, as browsers show <cite>.
    transformTags: {
      i: 'em',
      b: 'strong',
      cite: 'em',
      s: 'del',
      strike: 'del',
      acronym: 'abbr',
      // Other blocks (headings, table cells…) lose their markup, not the break around their text.
      ...Object.fromEntries(TEXT_BLOCKS.map((tag) => [tag, 'div'])),
    },
    textFilter: escapeMarkdown,
  });
  const [open, close] = QUOTATION_MARKS[language];
  // Code blocks are set aside while whitespace is tidied: their indentation is their content.
  const blocks: string[] = [];
  let text = canonical.replace(/<pre>([\s\S]*?)<\/pre>/g, (_, inner: string) => {
    const code = decodeEscapes(inner.replace(/<[^>]*>/g, '')).replace(/^\n|\n$/g, '');
    const fence = fenceFor(code, 3);
    blocks.push(`${fence}\n${code}\n${fence}`);
    return `\n\n\uE000${blocks.length - 1}\uE000\n\n`;
  });
  text = text
    .replace(/<code>([\s\S]*?)<\/code>/g, (_, inner: string) => {
      const code = decodeEscapes(inner.replace(/<[^>]*>/g, '')).replace(/\n/g, ' ');
      const fence = fenceFor(code, 1);
      const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
      return code.trim() ? escapeLikeHtml(`${fence}${pad}${code}${pad}${fence}`) : '';
    })
    .replace(/<q>([\s\S]*?)<\/q>/g, `${open}$1${close}`)
    .replace(/<abbr(?: title="([^"]*)")?>([\s\S]*?)<\/abbr>/g, (_, title: string | undefined, inner: string) => {
      const expansion = title?.trim() ? escapeMarkdown(title.trim(), 'abbr') : '';
      return expansion && expansion !== inner.trim() ? `${inner} (${expansion})` : inner;
    })
    .replace(/<(em|strong|del)>([\s\S]*?)<\/\1>/g, (_, tag: string, inner: string) => {
      const marker = tag === 'em' ? '*' : tag === 'strong' ? '**' : '~~';
      const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
      return match?.[2] ? `${match[1]}${marker}${match[2]}${marker}${match[3]}` : inner;
    })
    .replace(/<a(?: href="([^"]*)")?>([\s\S]*?)<\/a>/g, (_, href: string | undefined, inner: string) =>
      markdownLink(href ? decodeEscapes(href) : '', inner.replace(/<[^>]*>/g, '')),
    )
    .replace(/<br \/>/g, '\n')
    .replace(/<ol>([\s\S]*?)<\/ol>/g, (_, items: string) => {
      let number = 0;
      return `\n\n${items.replace(/<li>/g, () => `\n${++number}. `)}\n\n`;
    })
    .replace(/<\/li>/g, '')
    .replace(/<li>/g, '\n- ')
    .replace(/<\/?(?:p|div|ul|ol|li)>/g, '\n\n');
  text = quotesAsMarkdown(text);
  const tidy = decodeEscapes(text.replace(/<[^>]*>/g, ''))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(new RegExp(`(^|\n)((?:> )*)${TEXT_GREATER_THAN}`, 'g'), '$1$2\\>')
    .replaceAll(TEXT_GREATER_THAN, '>');
  return normalizeText(tidy.replace(/\uE000(\d+)\uE000/g, (_, index: string) => blocks[Number(index)] ?? ''));
}

/** `[text](address)`, or the bare address when the text is the address (it is linked as it stands). */
function markdownLink(href: string, escapedInner: string): string {
  const label = escapedInner.trim();
  if (!href) return label;
  const bare = (value: string) => value.replace(/^(?:https?:\/\/|mailto:)/, '').replace(/\/$/, '');
  const plainLabel = decodeEscapes(label).replace(/\\(.)/g, '$1');
  // In <…>, an address may hold spaces and parentheses; < and > cannot be in it.
  const destination = escapeLikeHtml(`<${href.replace(/</g, '%3C').replace(/>/g, '%3E')}>`);
  if (!label || bare(plainLabel) === bare(href)) {
    return /^https?:/i.test(href) ? escapeLikeHtml(href) : `[${label || escapeLikeHtml(href)}](${destination})`;
  }
  return `[${label}](${destination})`;
}
