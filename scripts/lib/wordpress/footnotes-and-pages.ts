// The parts of a post WordPress showed apart, brought onto the one page:
// footnote texts (the block editor keeps them in the post's meta, not in its
// body) listed with links both ways, and <!--nextpage--> parts, each after
// the first behind an anchor the old address /slug/N/ is redirected to.
import type { ChildNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';

/** Where the body had <!--nextpage--> and the footnotes block, until layOutBlocks replaces them. */
export const PAGE_BREAK = '<div data-wp-nextpage></div>';
export const FOOTNOTES_PLACE = '<div data-wp-footnotes></div>';

/** The ids written here; the sanitizer keeps these and no other. */
export const BLOCK_ID = /^(?:page-\d+|fn-\d+(?:-ref)?)$/;

type Document = ReturnType<typeof parseDocument>;

/**
 * The footnote references (<sup data-fn="uuid">) numbered in order, each
 * linking to its text in a list, and each text linking back.
 */
export function listFootnotes(document: Document, meta: string, notes: string[]): void {
  const place = DomUtils.findOne((element) => 'data-wp-footnotes' in element.attribs, document.children);
  const references = DomUtils.findAll(
    (element) => element.name === 'sup' && 'data-fn' in element.attribs,
    document.children,
  );
  if (references.length === 0 && !meta.trim()) {
    if (place) DomUtils.removeElement(place);
    return;
  }
  const parsed = meta.trim() ? parseJson(meta) : [];
  const texts = new Map<string, string>();
  if (Array.isArray(parsed)) {
    for (const entry of parsed as { id?: unknown; content?: unknown }[]) {
      if (typeof entry?.id === 'string' && typeof entry.content === 'string') texts.set(entry.id, entry.content);
    }
  } else notes.push('the footnotes meta is not a list of footnotes: footnote texts left out');
  const numbers = new Map<string, number>();
  for (const reference of references) {
    const id = reference.attribs['data-fn'] ?? '';
    const number = numbers.get(id) ?? numbers.size + 1;
    numbers.set(id, number);
    const link = `<a href="#fn-${number}" id="fn-${number}-ref">${number}</a>`;
    reference.attribs = {};
    reference.children = [];
    DomUtils.appendChild(reference, parseDocument(link).children[0] as ChildNode);
    if (!texts.has(id)) notes.push(`footnote ${number} has no text in the footnotes meta`);
  }
  const items = [...numbers].map(
    ([id, number]) => `<li id="fn-${number}">${texts.get(id) ?? ''} <a href="#fn-${number}-ref">↩&#xFE0E;</a></li>`,
  );
  const unreferenced = [...texts].filter(([id]) => !numbers.has(id)).map(([, text]) => `<li>${text}</li>`);
  if (items.length + unreferenced.length === 0) {
    if (place) DomUtils.removeElement(place);
    return;
  }
  const list = parseDocument(`<ol class="footnotes">${items.join('')}${unreferenced.join('')}</ol>`, {
    decodeEntities: false,
  }).children[0] as Element;
  if (place) DomUtils.replaceElement(place, list);
  else DomUtils.appendChild(document, list);
}

/**
 * <!--nextpage--> parts stay on one page: each part after the first starts
 * with <hr id="page-N">, where the old address /slug/N/ now leads. A break
 * before any content is dropped, as WordPress drops it.
 */
export function numberPages(document: Document): void {
  const breaks = DomUtils.findAll((element) => 'data-wp-nextpage' in element.attribs, document.children);
  let page = 1;
  for (const marker of breaks) {
    if (page === 1 && !hasContentBefore(marker)) {
      DomUtils.removeElement(marker);
      continue;
    }
    page++;
    marker.name = 'hr';
    marker.attribs = { id: `page-${page}` };
    marker.children = [];
  }
}

function hasContentBefore(node: ChildNode): boolean {
  for (let current: ChildNode | null = node; current; current = current.parent as ChildNode | null) {
    for (let previous = current.prev; previous; previous = previous.prev) {
      if (previous.type === 'tag' || DomUtils.textContent(previous).trim() !== '') return true;
    }
  }
  return false;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
