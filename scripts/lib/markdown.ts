// Markdown → HTML, done once at publish time so the Worker never parses
// Markdown. Typography touches only prose text tokens: code spans, code
// blocks, URLs and raw HTML are left exactly as written.
import { Marked, type Token } from 'marked';
import { collapseWhitespace } from '../../src/whitespace.ts';
import { keepLayoutClasses } from './layout.ts';
import { type LayoutProblem, layoutExtension, type Near } from './layout-markdown.ts';
import { applyFrenchTypography } from './typography.ts';

export interface RenderedMarkdown {
  html: string;
  /** Plain text of the first paragraph, shortened for listings. */
  excerpt: string;
  /** Plain text of the whole body, for the search index. */
  text: string;
  /** Layout blocks written wrong (docs/writing.md, "Layout"): line in the Markdown, and what is wrong. */
  problems: { line: number; reason: string }[];
}

const EXCERPT_LENGTH = 280;

export function renderMarkdown(markdown: string, language: 'fr' | 'en'): RenderedMarkdown {
  const marked = new Marked({
    gfm: true,
    async: false,
    walkTokens(token: Token) {
      if (language === 'fr' && token.type === 'text' && !('tokens' in token && token.tokens?.length)) {
        token.text = applyFrenchTypography(token.text);
      }
    },
  });
  const layoutProblems: LayoutProblem[] = [];
  marked.use(layoutExtension(layoutProblems, (text) => (language === 'fr' ? applyFrenchTypography(text) : text)));
  const html = keepLayoutClasses(marked.parse(markdown) as string);
  const problems = layoutProblems.map(({ near, reason }) => ({ line: lineOf(markdown, near), reason }));
  return { html, excerpt: excerptOf(html), text: plainTextOf(html), problems };
}

/** The line number of `near` in `markdown` (indentation aside). */
function lineOf(markdown: string, near: Near): number {
  let left = near.occurrence;
  const index = markdown.split('\n').findIndex((line) => line.trim() === near.text && left-- === 0);
  return index === -1 ? 1 : index + 1;
}

function plainTextOf(html: string): string {
  // Block ends become spaces so that words of two paragraphs never run together.
  return collapseWhitespace(
    decodeEntities(html.replace(/<\/(p|h\d|li|blockquote|pre|td|th)>|<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '')),
  );
}

function excerptOf(html: string): string {
  const paragraph = /<p>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
  const text = collapseWhitespace(decodeEntities(paragraph.replace(/<[^>]*>/g, '')));
  if (text.length <= EXCERPT_LENGTH) return text;
  const cut = text.slice(0, EXCERPT_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > EXCERPT_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.!?]+$/, '')}…`;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#(\d+)|#x([0-9a-f]+));/gi, (entity, name: string, dec, hex) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }[name.toLowerCase()] ?? entity;
  });
}
