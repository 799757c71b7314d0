// A comment's light Markdown turned into HTML once, when it is written
// (form, desk, demo seed, WordPress import); pages then show the stored HTML.
// marked only reads the text into tokens: every tag here is written by this
// file through the escaping template, from a short list, and anything else
// the commenter typed (raw HTML, headings, tables, images, links to other
// schemes…) is shown as the text they typed.
// Imports name their .ts files: the import scripts (demo comments, WordPress) run it in Node.
import { Lexer, type Token, type Tokens } from 'marked';
import { html, type SafeHtml } from '../views/html.ts';
import { renderPlainCommentText } from './plain-text.ts';

export interface FormattedComment {
  /** What pages and feeds show. */
  html: string;
  /** The same, as plain text (JSON-LD's Comment.text): the words the reader sees, no markup. */
  text: string;
}

// GFM for bare http(s) addresses; `breaks`: a single newline is a line break, as it always was.
// Options of its own keep marked's global defaults out; fresh each time, as the lexer writes into them.
const lexerOptions = () => ({ gfm: true, breaks: true });
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const REL = 'nofollow ugc noopener';

export function formatComment(body: string): FormattedComment {
  let tokens: Token[];
  try {
    tokens = Lexer.lex(body, lexerOptions());
  } catch (error) {
    // Thousands of nested quotes exhaust the parser's stack: such a text is shown as plain text.
    console.warn('comment format: Markdown not readable, kept as plain text', error);
    return { html: renderPlainCommentText(body).value, text: body };
  }
  return { html: renderBlocks(tokens).value, text: blocksText(tokens) };
}

/**
 * An http(s) or mailto address as the browser will read it, else null. The
 * WHATWG parser is the browser's own: it drops the tabs, newlines and
 * surrounding controls that hide "javascript:", and a relative address fails.
 */
export function allowedHref(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  return ALLOWED_PROTOCOLS.has(url.protocol) ? url.href : null;
}

// Markdown resolves character references in a link's address; marked leaves
// that to its renderer. Numeric ones and the XML five are read here; any
// other stays literal (and is then written escaped, so the browser reads it literally too).
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeReferences(value: string): string {
  return value.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g, (_, dec, hex, name) => {
    if (name) return NAMED[name] ?? '';
    const code = dec ? Number(dec) : Number.parseInt(hex, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  });
}

/** A link's address if it may be one: bare addresses only when they start with http(s)://, as before. */
function linkHref(token: Tokens.Link | Tokens.Image): string | null {
  if (token.type === 'link' && token.autolink) {
    const bare = !token.raw.startsWith('<');
    return bare && !/^https?:\/\//i.test(token.raw) ? null : allowedHref(token.href);
  }
  return allowedHref(decodeReferences(token.href));
}

function renderBlocks(tokens: Token[]): SafeHtml {
  return html`${tokens.map(renderBlock)}`;
}

function renderBlock(token: Token): SafeHtml {
  const t = token as Tokens.Generic;
  switch (t.type) {
    case 'paragraph':
      return html`<p>${renderInline(t.tokens ?? [])}</p>`;
    case 'text':
      // A tight list item's text.
      return t.tokens ? renderInline(t.tokens) : html`${t.text}`;
    case 'blockquote':
      return html`<blockquote>${renderBlocks(t.tokens ?? [])}</blockquote>`;
    case 'code':
      return html`<pre><code>${t.text}</code></pre>`;
    case 'list':
      return renderList(token as Tokens.List);
    case 'checkbox':
      // A task list's "[ ]": text, as typed.
      return html`${t.raw}`;
    case 'space':
    case 'def':
      return html``;
    default:
      return renderAsTyped(t.raw);
  }
}

function renderList(list: Tokens.List): SafeHtml {
  const items = list.items.map((item) => html`<li>${item.tokens.map(renderBlock)}</li>`);
  if (!list.ordered) return html`<ul>${items}</ul>`;
  const start = typeof list.start === 'number' && list.start !== 1 ? html` start="${list.start}"` : '';
  return html`<ol${start}>${items}</ol>`;
}

/** A block that is not formatting here (heading, rule, table, raw HTML): its text as typed, lines kept. */
function renderAsTyped(raw: string): SafeHtml {
  const text = raw.trim();
  if (!text) return html``;
  return html`<p>${text.split('\n').map((line, index) => html`${index === 0 ? '' : html`<br>`}${line}`)}</p>`;
}

function renderInline(tokens: Token[]): SafeHtml {
  return html`${tokens.map(renderInlineToken)}`;
}

function renderInlineToken(token: Token): SafeHtml | string {
  const t = token as Tokens.Generic;
  switch (t.type) {
    case 'text':
      return t.tokens ? renderInline(t.tokens) : t.text;
    case 'escape':
      return t.text;
    case 'strong':
      return html`<strong>${renderInline(t.tokens ?? [])}</strong>`;
    case 'em':
      return html`<em>${renderInline(t.tokens ?? [])}</em>`;
    case 'codespan':
      return html`<code>${t.text}</code>`;
    case 'br':
      return html`<br>`;
    case 'link': {
      const href = linkHref(token as Tokens.Link);
      return href ? html`<a href="${href}" rel="${REL}">${renderInline(t.tokens ?? [])}</a>` : t.raw;
    }
    case 'image': {
      // Never an image (no tracking pixel, no layout shift): a link to it, named by its description.
      const href = linkHref(token as Tokens.Image);
      return href ? html`<a href="${href}" rel="${REL}">${t.text || href}</a>` : t.raw;
    }
    default:
      return t.raw;
  }
}

function blocksText(tokens: Token[]): string {
  let text = '';
  let separator = '';
  for (const token of tokens) {
    const part = blockText(token);
    if (part === '') continue;
    text += separator + part;
    separator = token.type === 'checkbox' ? '' : '\n\n';
  }
  return text;
}

function blockText(token: Token): string {
  const t = token as Tokens.Generic;
  switch (t.type) {
    case 'paragraph':
      return inlineText(t.tokens ?? []);
    case 'text':
      return t.tokens ? inlineText(t.tokens) : t.text;
    case 'blockquote':
      return blocksText(t.tokens ?? []);
    case 'code':
      return t.text;
    case 'checkbox':
      return t.raw;
    case 'list': {
      const list = token as Tokens.List;
      const first = typeof list.start === 'number' ? list.start : 1;
      return list.items
        .map((item, index) => `${list.ordered ? `${first + index}.` : '-'} ${blocksText(item.tokens)}`)
        .join('\n');
    }
    case 'space':
    case 'def':
      return '';
    default:
      return t.raw.trim();
  }
}

function inlineText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      const t = token as Tokens.Generic;
      switch (t.type) {
        case 'text':
          return t.tokens ? inlineText(t.tokens) : t.text;
        case 'escape':
        case 'codespan':
          return t.text;
        case 'strong':
        case 'em':
          return inlineText(t.tokens ?? []);
        case 'br':
          return '\n';
        case 'link':
          return linkHref(token as Tokens.Link) ? inlineText(t.tokens ?? []) : t.raw;
        case 'image':
          return linkHref(token as Tokens.Image) ? t.text || (linkHref(token as Tokens.Image) ?? '') : t.raw;
        default:
          return t.raw;
      }
    })
    .join('');
}
