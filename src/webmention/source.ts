// Reading a mention's source page: does it link to us, and what does it say
// about itself? Microformats first (the first h-entry: its p-name, its
// p-author h-card, its p-summary or e-content), then the page's <title> and
// <meta> tags. Everything comes out as plain text, capped to what D1 stores.
import { normaliseUrl, parseHttpUrl } from './address';
import { type Attributes, plainText, scanHtml, separatesWords, tokens } from './html-scan';

export interface SourcePage {
  /** Every http(s) link of the page, resolved and normalised (see normaliseUrl). */
  links: Set<string>;
  authorName: string | null;
  authorUrl: string | null;
  title: string | null;
  excerpt: string | null;
}

export const LIMITS = { author: 200, title: 300, excerpt: 1000, url: 2000 } as const;

/** A text/plain page: its URLs are its links, and it says nothing about itself. */
export function readPlainTextSource(text: string, pageUrl: URL): SourcePage {
  const links = new Set<string>();
  for (const match of text.matchAll(/https?:\/\/[^\s<>"'()]+/g))
    addLink(links, match[0].replace(/[.,;:!?]+$/, ''), pageUrl);
  return { links, authorName: null, authorUrl: null, title: null, excerpt: null };
}

interface Frame {
  name: string;
  /** Is this element a microformats root (an h-* class)? */
  root: boolean;
  /** Fields whose text this element's content makes. */
  fields: Field[];
}

type Field = 'entryName' | 'content' | 'summary' | 'authorName' | 'authorText' | 'title';

export async function readHtmlSource(html: string, pageUrl: URL): Promise<SourcePage> {
  const links = new Set<string>();
  const text: Partial<Record<Field, string>> = {};
  const meta: Record<string, string> = {};
  const stack: Frame[] = [];
  let base = pageUrl;
  let entryDepth = -1; // the first h-entry's place in the stack, -1 before it, -2 after it
  let cardDepth = -1; // the entry's author h-card, while inside it
  let authorUrl: string | null = null;
  const collecting = () => stack.flatMap((frame) => frame.fields);
  const append = (chunk: string) => {
    for (const field of new Set(collecting())) text[field] = (text[field] ?? '') + chunk;
  };
  const nearestRoot = () => stack.findLastIndex((frame) => frame.root);

  const open = (name: string, attributes: Attributes, selfClosing: boolean) => {
    // HTMLRewriter reports only the end tags written: close what HTML closes by implication.
    if (CLOSES_PARAGRAPH.has(name) && stack.some((frame) => frame.name === 'p')) close('p');
    if (name === 'li' && stack.findLastIndex((frame) => frame.name === 'li') > stack.findLastIndex(isList)) close('li');
    const classes = tokens(attributes.get('class'));
    const href = attributes.get('href');
    if (name === 'base' && href !== undefined) base = parseHttpUrl(resolve(href, pageUrl) ?? '') ?? base;
    if ((name === 'a' || name === 'link' || name === 'area') && href !== undefined) addLink(links, href, base);
    if (name === 'meta') {
      const key = (attributes.get('name') ?? attributes.get('property') ?? '').toLowerCase();
      const content = attributes.get('content');
      if (key && content && !(key in meta)) meta[key] = content;
    }
    const root = classes.some((token) => /^h-[a-z]/.test(token));
    const fields: Field[] = [];
    if (name === 'title' && stack.every((frame) => frame.name !== 'svg') && text.title === undefined)
      fields.push('title');
    if (entryDepth === -1 && classes.includes('h-entry')) entryDepth = stack.length;
    else if (entryDepth >= 0) {
      const owner = nearestRoot();
      if (owner === entryDepth) {
        if (classes.includes('p-name') && text.entryName === undefined) fields.push('entryName');
        if (classes.includes('e-content') && text.content === undefined) fields.push('content');
        if (classes.includes('p-summary') && text.summary === undefined) fields.push('summary');
        if (classes.includes('p-author') && text.authorName === undefined && text.authorText === undefined) {
          if (classes.includes('h-card')) cardDepth = stack.length;
          else fields.push('authorText');
          if (href && !authorUrl) authorUrl = href;
        }
      } else if (owner === cardDepth && cardDepth >= 0) {
        if (classes.includes('p-name') && text.authorName === undefined) fields.push('authorName');
        if (classes.includes('u-url') && href && !authorUrl) authorUrl = href;
      }
    }
    if (cardDepth === stack.length && text.authorText === undefined) fields.push('authorText');
    if (separatesWords(name)) append(' ');
    if (selfClosing) return;
    stack.push({ name, root, fields });
    for (const field of fields) text[field] ??= '';
  };

  const close = (name: string) => {
    const index = stack.findLastIndex((frame) => frame.name === name);
    if (index === -1) return;
    if (separatesWords(name)) append(' ');
    stack.length = index;
    if (cardDepth >= index) cardDepth = -1;
    if (entryDepth >= index) entryDepth = -2;
  };

  await scanHtml(html, { open, close, text: append });

  const clean = (value: string | undefined, max: number) => {
    const result = value === undefined ? '' : plainText(value, max);
    return result || null;
  };
  const resolvedAuthorUrl = authorUrl ? parseHttpUrl(resolve(authorUrl, base) ?? '')?.href : undefined;
  return {
    links,
    authorName: clean(text.authorName ?? text.authorText ?? meta.author, LIMITS.author),
    authorUrl: resolvedAuthorUrl && resolvedAuthorUrl.length <= LIMITS.url ? resolvedAuthorUrl : null,
    title: clean(text.entryName ?? meta['og:title'] ?? text.title, LIMITS.title),
    excerpt: clean(text.summary ?? text.content ?? meta.description ?? meta['og:description'], LIMITS.excerpt),
  };
}

/** Start tags that end an open <p> (HTML's "close a p element" rule). */
const CLOSES_PARAGRAPH = new Set(
  'address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul'.split(
    ' ',
  ),
);
const isList = (frame: Frame) => frame.name === 'ul' || frame.name === 'ol' || frame.name === 'menu';

function addLink(links: Set<string>, href: string, base: URL): void {
  const url = parseHttpUrl(resolve(href.trim(), base) ?? '');
  if (url) links.add(normaliseUrl(url));
}

function resolve(reference: string, base: URL): string | null {
  try {
    return new URL(reference, base).href;
  } catch {
    return null;
  }
}
