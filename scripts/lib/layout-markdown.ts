// The Markdown syntax for the layout classes (docs/writing.md, "Layout"):
// blocks fenced by ":::" lines, figures from an image and its caption, and
// buttons from links. Everything is built from marked's tokens, so prose
// inside a block is Markdown like any other (French typography included).
import { type MarkedExtension, Renderer, type Token, type Tokens } from 'marked';

/** A block fenced by ":::" lines; what the block holds depends on its kind. */
interface LayoutToken extends Tokens.Generic {
  type: 'layout';
  kind: string;
  /** What follows the kind on the opening line: a summary, a number of columns. */
  argument: string;
  /** The opening line and how many lines like it come before it, to say where a problem is. */
  opening: Near;
  summary: Token[];
  tokens: Token[];
  /** The sections of `::: columns`, split at "+++" lines. */
  parts: Token[][];
}

/** Blocks that put one class on a <div> around their content. */
const WRAPPERS = new Set([
  'align-left',
  'align-right',
  'align-center',
  'align-wide',
  'text-left',
  'text-center',
  'text-right',
  'callout',
]);
const KINDS = [...WRAPPERS, 'columns', 'gallery', 'details', 'pullquote'];

const OPENING = /^(:{3,})[ \t]*([a-z][\w-]*)?[ \t]*(.*?)[ \t]*$/;
const CLOSING = /^:{3,}[ \t]*$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SEPARATOR = /^\+{3}[ \t]*$/;

/** A line of the Markdown: its text, and how many lines with the same text come before it. */
export interface Near {
  text: string;
  occurrence: number;
}

/** A problem in the author's Markdown: the publish stops on it. */
export interface LayoutProblem {
  near: Near;
  reason: string;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The block that starts `src`: its lines up to the ":::" line that closes it
 * (blocks nest; ":::" lines inside code blocks do not count), and the top-level
 * "+++" lines that separate columns.
 */
function fencedBlock(src: string): { lines: string[]; length: number; separators: number[] } | null {
  const lines = src.split('\n');
  let depth = 0;
  let codeFence: string | null = null;
  const separators: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const fence = CODE_FENCE.exec(line)?.[1];
    if (codeFence !== null) {
      if (fence && fence[0] === codeFence[0] && fence.length >= codeFence.length && line.trim() === fence)
        codeFence = null;
    } else if (fence) codeFence = fence;
    else if (CLOSING.test(line)) {
      depth -= 1;
      if (depth === 0) return { lines: lines.slice(0, index + 1), length: index + 1, separators };
    } else if (OPENING.test(line) && OPENING.exec(line)?.[2]) depth += 1;
    else if (depth === 1 && SEPARATOR.test(line)) separators.push(index);
  }
  return null;
}

export function layoutExtension(problems: LayoutProblem[], typeset: (text: string) => string): MarkedExtension {
  const problem = (near: Near, reason: string) => problems.push({ near, reason });
  // Blocks are read in the order of the text, each once: the n-th "::: columns" read is the n-th in the text.
  const seen = new Map<string, number>();
  return {
    extensions: [
      {
        name: 'layout',
        level: 'block',
        childTokens: ['summary', 'tokens', 'parts'],
        start: (src) => /^:{3,}[ \t]*[a-z]/m.exec(src)?.index,
        tokenizer(src) {
          const opening = OPENING.exec(src.split('\n', 1)[0] ?? '');
          if (!opening) return undefined;
          const text = opening[0].trim();
          const line: Near = { text, occurrence: seen.get(text) ?? 0 };
          seen.set(text, line.occurrence + 1);
          const kind = opening[2] ?? '';
          const argument = opening[3] ?? '';
          if (!kind) return undefined;
          if (!KINDS.includes(kind)) {
            problem(line, `"::: ${kind}" is not a layout block; the blocks are: ${KINDS.join(', ')}`);
            return undefined;
          }
          const block = fencedBlock(src);
          if (!block) {
            problem(line, `"${text}" is never closed: end the block with a ":::" line`);
            return undefined;
          }
          const inner = block.lines.slice(1, -1);
          const token: LayoutToken = {
            type: 'layout',
            raw: block.lines.join('\n') + (block.length < src.split('\n').length ? '\n' : ''),
            kind,
            argument,
            opening: line,
            summary: [],
            tokens: [],
            parts: [],
          };
          if (kind === 'columns') {
            const bounds = [0, ...block.separators, block.lines.length - 1];
            for (let i = 0; i + 1 < bounds.length; i++) {
              const part = block.lines.slice((bounds[i] as number) + 1, bounds[i + 1]).join('\n');
              token.parts.push(this.lexer.blockTokens(part, []));
            }
            if (token.parts.length < 2 || token.parts.length > 3)
              problem(line, `"::: columns" holds 2 or 3 columns separated by "+++" lines, not ${token.parts.length}`);
          } else {
            if (block.separators.length > 0) problem(line, `"+++" separates columns, only inside "::: columns"`);
            token.tokens = this.lexer.blockTokens(inner.join('\n'), []);
          }
          if (kind === 'details') {
            if (!argument) problem(line, '"::: details" needs its summary on the same line: "::: details Read more"');
            this.lexer.inlineTokens(argument, token.summary);
          } else if (kind === 'gallery') {
            if (argument && !/^[234]$/.test(argument))
              problem(line, `"::: gallery" takes a number of columns, 2, 3 or 4, not "${argument}"`);
          } else if (argument) problem(line, `"::: ${kind}" takes nothing after its name`);
          return token;
        },
        renderer(generic) {
          const token = generic as LayoutToken;
          const body = () => this.parser.parse(token.tokens);
          if (WRAPPERS.has(token.kind)) return `<div class="${token.kind}">\n${body()}</div>\n`;
          if (token.kind === 'pullquote') return `<blockquote class="pullquote">\n${body()}</blockquote>\n`;
          if (token.kind === 'details')
            return `<details>\n<summary>${this.parser.parseInline(token.summary)}</summary>\n${body()}</details>\n`;
          if (token.kind === 'columns') {
            const columns = token.parts.map((part) => `<div>\n${this.parser.parse(part)}</div>\n`).join('');
            return `<div class="columns-${token.parts.length}">\n${columns}</div>\n`;
          }
          return renderGallery.call(this, token);
        },
      },
    ],
    walkTokens(token) {
      // [Text](/address){.button}: the link is shown as a button.
      const children = 'tokens' in token ? token.tokens : undefined;
      if (!children) return;
      children.forEach((child, index) => {
        const next = children[index + 1];
        if (child.type === 'link' && next?.type === 'text' && next.raw.startsWith('{.button}')) {
          (child as Tokens.Link & { button?: boolean }).button = true;
          next.raw = next.raw.slice('{.button}'.length);
          next.text = next.text.slice('{.button}'.length);
        }
      });
    },
    renderer: {
      link(token) {
        if (!(token as Tokens.Link & { button?: boolean }).button) return false;
        return Renderer.prototype.link.call(this, token).replace(/^<a /, '<a class="button" ');
      },
      paragraph(token) {
        const figure = figureOf(token.tokens);
        if (!figure) return false;
        const caption = figure.caption ? this.parser.parseInline(figure.caption) : escapeHtml(typeset(figure.title));
        return `<figure>${plainImage(this, figure.image)}<figcaption>${caption}</figcaption></figure>\n`;
      },
    },
  };

  function renderGallery(
    this: { parser: { parseInline: (tokens: Token[]) => string; renderer: Renderer } },
    token: LayoutToken,
  ) {
    const list = token.tokens.filter((child) => child.type !== 'space');
    const only = list[0];
    if (list.length !== 1 || only?.type !== 'list') {
      problem(token.opening, '"::: gallery" holds a list of images, one per line: "- ![Alt text](image.png) Caption"');
      return '';
    }
    const items = (only as Tokens.List).items.map((item) => {
      const inline =
        item.tokens.length === 1 && 'tokens' in (item.tokens[0] as Token) ? (item.tokens[0] as Tokens.Text).tokens : [];
      const [image, ...rest] = inline ?? [];
      if (image?.type !== 'image') {
        problem(token.opening, `each item of a gallery starts with an image, not "${item.raw.trim()}"`);
        return '';
      }
      const captionHtml = this.parser.parseInline(rest).trim();
      const title = (image as Tokens.Image).title;
      const caption = captionHtml || (title ? escapeHtml(typeset(title)) : '');
      return `<li><figure>${plainImage(this, image as Tokens.Image)}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure></li>\n`;
    });
    const columns = token.argument ? ` gallery-${token.argument}` : '';
    return `<ul class="gallery${columns}">\n${items.join('')}</ul>\n`;
  }
}

/** The image as marked writes it, without the title that became its caption. */
function plainImage(context: { parser: { renderer: Renderer } }, image: Tokens.Image): string {
  return context.parser.renderer.image({ ...image, title: null });
}

/**
 * A paragraph that is only an image with a title, or an image with an
 * italic line under it: a figure, the title or the italic line its caption.
 */
function figureOf(tokens: Token[]): { image: Tokens.Image; caption: Token[] | null; title: string } | null {
  const [image, between, emphasis, ...rest] = tokens;
  if (image?.type !== 'image') return null;
  const title = (image as Tokens.Image).title ?? '';
  if (tokens.length === 1) return title ? { image: image as Tokens.Image, caption: null, title } : null;
  const lineBreak = between?.type === 'br' || (between?.type === 'text' && /^[ \t]*\n[ \t]*$/.test(between.raw));
  if (!lineBreak || emphasis?.type !== 'em' || rest.some((token) => token.raw.trim() !== '')) return null;
  return { image: image as Tokens.Image, caption: (emphasis as Tokens.Em).tokens, title };
}
