// WordPress comment HTML (and titles, excerpts, captions) as the plain text
// Causerie stores: paragraphs as blank lines, links as their text and
// address, entities decoded. Causerie escapes it when it shows it.
import sanitizeHtml from 'sanitize-html';
import { normalizeLine, normalizeText } from '../../../src/comments/text.ts';

// Parsing through sanitize-html decodes every entity; what it writes back
// has only these four escapes left.
const ESCAPES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' };
const decodeEscapes = (value: string) => value.replace(/&(?:lt|gt|quot|amp);/g, (entity) => ESCAPES[entity] ?? entity);

export function htmlToText(html: string): string {
  const canonical = sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'a', 'blockquote', 'ul', 'ol', 'li', 'div'],
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    disallowedTagsMode: 'discard',
  });
  let text = canonical
    .replace(/<a(?: href="([^"]*)")?>([\s\S]*?)<\/a>/g, (_, href: string | undefined, inner: string) =>
      linkText(href ? decodeEscapes(href) : '', decodeEscapes(inner.replace(/<[^>]*>/g, ''))),
    )
    .replace(/<br \/>/g, '\n')
    .replace(/<li>/g, '\n- ')
    .replace(/<\/?(?:p|div|ul|ol|li)>/g, '\n\n');
  text = quotesAsMarkdown(text);
  return normalizeText(
    decodeEscapes(text.replace(/<[^>]*>/g, ''))
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n[ \t]+/g, '\n')
      .replace(/\n{3,}/g, '\n\n'),
  );
}

/** "le forum (https://forum.example/)", or just the address when the text is the address. */
/** <blockquote>s as "> " lines, innermost first, so that a quote in a quote gets "> > ". */
export function quotesAsMarkdown(text: string): string {
  const innermost = /<blockquote>((?:(?!<blockquote>)[\s\S])*?)<\/blockquote>/;
  let result = text;
  for (let match = innermost.exec(result); match; match = innermost.exec(result)) {
    const quoted = (match[1] ?? '')
      .trim()
      .replace(/\n{3,}/g, '\n\n')
      .split('\n')
      .map((line) => `> ${line}`.trimEnd())
      .join('\n');
    result = `${result.slice(0, match.index)}\n\n${quoted}\n\n${result.slice(match.index + match[0].length)}`;
  }
  return result;
}

function linkText(href: string, inner: string): string {
  const label = inner.trim();
  if (!href) return label;
  const bare = (value: string) => value.replace(/^(?:https?:\/\/|mailto:)/, '').replace(/\/$/, '');
  if (!label || bare(label) === bare(href)) return href.replace(/^mailto:/, '');
  return `${label} (${href.replace(/^mailto:/, '')})`;
}

/** One line of text (a title, a name, a caption). */
export function htmlToLine(html: string): string {
  return normalizeLine(htmlToText(html));
}

/** At most `max` characters (code points, as SQLite counts them), ending with "…" when cut. */
export function truncate(value: string, max: number): string {
  const characters = [...value];
  if (characters.length <= max) return value;
  return `${characters
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
