// WordPress's block layouts (and the alignment classes of classic posts)
// made into the blog's own layout classes (scripts/lib/layout.ts), so that an
// imported post is laid out as its readers saw it, by the blog's stylesheet
// alone: WordPress's CSS does not come over, and the CSP refuses inline styles.
// Footnotes get their texts back (the block editor keeps them in the post's
// meta) and <!--nextpage--> parts stay on one page, each behind an anchor.
import type { ChildNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { LAYOUT_CLASSES } from '../layout.ts';
import { BLOCK_ID, FOOTNOTES_PLACE, listFootnotes, numberPages, PAGE_BREAK, parseJson } from './footnotes-and-pages.ts';

export { BLOCK_ID };

/** WordPress classes and the blog's class each becomes, on any element. */
const CLASS_MAP: Record<string, string> = {
  alignleft: 'align-left',
  alignright: 'align-right',
  aligncenter: 'align-center',
  alignwide: 'align-wide',
  // The blog has no full-bleed width: as wide as it goes.
  alignfull: 'align-wide',
  'has-text-align-left': 'text-left',
  'has-text-align-center': 'text-center',
  'has-text-align-right': 'text-right',
  'wp-block-verse': 'verse',
  'is-style-stripes': 'stripes',
  'wp-block-buttons': 'buttons',
  'is-content-justification-center': 'align-center',
  'wp-block-button__link': 'button',
  'wp-block-file__button': 'button',
};

/**
 * Blocks whose HTML WordPress makes when the page is shown (latest posts,
 * archives, search…): the export holds only their name. Said in the notes.
 */
const SELF_CLOSING_BLOCK = /<!--\s*wp:([a-z][a-z0-9/-]*)(?:\s+(\{(?:(?!-->)[\s\S])*?\}))?\s*\/-->/g;

/**
 * Before WordPress's comments are removed: the places of page breaks and of
 * the footnotes block become elements layOutBlocks finds, and social icons
 * (whose address is only in the comment) become links.
 */
export function markBlockPlaces(content: string): string {
  return content
    .replace(/<!--\s*nextpage\s*-->/g, `\n${PAGE_BREAK}\n`)
    .replace(/<!--\s*wp:footnotes\b[^>]*\/-->/g, FOOTNOTES_PLACE)
    .replace(SELF_CLOSING_BLOCK, (comment, name: string, json: string | undefined) => {
      if (name !== 'social-link' || !json) return comment;
      const { url, service, label } = parseJson(json) as { url?: string; service?: string; label?: string };
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return comment;
      const text = typeof label === 'string' && label ? label : (service ?? url);
      return `<li><a href="${escapeAttribute(url)}">${escapeText(String(text))}</a></li>`;
    });
}

/** Notes naming the blocks WordPress drew itself, which come over as nothing. */
export function dynamicBlockNotes(content: string): string[] {
  const counts = new Map<string, number>();
  for (const [comment, name] of content.matchAll(SELF_CLOSING_BLOCK)) {
    if (name === 'footnotes' || name === 'more' || name === 'nextpage') continue;
    // A social icon with an address is a link now (markBlockPlaces); one without is nothing.
    if (name === 'social-link' && /"url"\s*:\s*"https?:/.test(comment)) continue;
    counts.set(name as string, (counts.get(name as string) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const names = [...counts].map(([name, count]) => (count > 1 ? `${name} ×${count}` : name));
  return [
    `blocks left out, WordPress made them when the page was shown (the export has only their name): ${names.join(', ')}`,
  ];
}

/** What layOutBlocks reads: a WordPress class it maps, its own markers, footnotes, an in-page link. */
const NEEDS_LAYOUT =
  /\bclass\s*=\s*["']?[^"'>]*\b(?:wp-block-|align(?:left|right|center|wide|full)\b|has-text-align-|is-style-stripes|is-content-justification-)|\bdata-(?:wp-|fn\b)|\bhref\s*=\s*["']?#./i;

export interface LaidOut {
  html: string;
  notes: string[];
}

/**
 * The body with WordPress's layout classes made into the blog's, footnotes
 * listed where the footnotes block was (else at the end), and page breaks
 * made into <hr id="page-N">. `footnotesMeta` is the post's `footnotes` meta
 * (JSON: [{id, content}]). Every other class and id is removed.
 */
export function layOutBlocks(html: string, footnotesMeta = ''): LaidOut {
  // Most classic posts have nothing here to lay out: the sanitizer alone drops their classes and styles.
  if (!NEEDS_LAYOUT.test(html) && !footnotesMeta.trim()) return { html, notes: [] };
  const notes: string[] = [];
  const document = parseDocument(html, { decodeEntities: false });
  let spacers = 0;

  const visit = (node: ChildNode): void => {
    if (node.type !== 'tag') return;
    const element = node as Element;
    const classes = classesOf(element);
    if (classes.includes('wp-block-spacer')) {
      spacers++;
      DomUtils.removeElement(element);
      return;
    }
    if (classes.includes('wp-block-gallery')) {
      layOutGallery(element, classes);
      return;
    }
    if (classes.includes('wp-block-columns')) {
      const columns = element.children.filter((child) => child.type === 'tag').length;
      setClasses(element, [...mappedOnly(classes), ...(columns > 1 ? [`columns-${Math.min(columns, 4)}`] : [])]);
    } else if (classes.includes('wp-block-media-text')) {
      // Media and text are two columns; on a phone, one under the other.
      const media = element.children.find((child) => classesOf(child).includes('wp-block-media-text__media'));
      if (media && classes.includes('has-media-on-the-right')) {
        DomUtils.removeElement(media);
        DomUtils.appendChild(element, media);
      }
      setClasses(element, [...mappedOnly(classes), 'columns-2']);
    } else if (classes.includes('wp-block-cover') || classes.includes('wp-block-cover-image')) {
      layOutCover(element, classes);
    } else if (classes.includes('wp-block-pullquote') && element.name === 'figure') {
      // The figure stays (plain); its quotation is the pullquote.
      const quote = element.children.find(
        (child): child is Element => child.type === 'tag' && child.name === 'blockquote',
      );
      if (quote) {
        setClasses(element, []);
        setClasses(quote, ['pullquote', ...mapClasses(classes)]);
        quote.children.forEach(visit);
        return;
      }
      setClasses(element, ['pullquote', ...mapClasses(classes)]);
    } else if (classes.includes('wp-block-pullquote')) {
      setClasses(element, ['pullquote', ...mapClasses(classes)]);
    } else if (classes.includes('wp-block-file')) {
      layOutFile(element, classes);
    } else setClasses(element, mapClasses(classes));
    [...element.children].forEach(visit);
  };

  /** A gallery of the blog (a list of figures), inside a figure when it was one or has a caption or an alignment. */
  function layOutGallery(gallery: Element, classes: string[]): void {
    const figures = DomUtils.findAll((element) => element.name === 'figure', gallery.children);
    const caption = gallery.children.find(
      (child): child is Element => child.type === 'tag' && child.name === 'figcaption',
    );
    const columns = Number(classes.find((name) => /^columns-\d+$/.test(name))?.slice('columns-'.length) ?? 0);
    const grid = columns === 1 ? [] : ['gallery', ...(columns > 1 ? [`gallery-${Math.min(columns, 4)}`] : [])];
    const list = parseDocument(`<ul class="${grid.join(' ')}"></ul>`).children[0] as Element;
    for (const figure of figures) {
      figure.children.forEach(visit);
      setClasses(figure, []);
      const item = parseDocument('<li></li>').children[0] as Element;
      DomUtils.removeElement(figure);
      DomUtils.appendChild(item, figure);
      DomUtils.appendChild(list, item);
    }
    const align = mappedOnly(classes);
    if (gallery.name !== 'figure' && !caption && align.length === 0) {
      DomUtils.replaceElement(gallery, list);
      return;
    }
    const outer = parseDocument('<figure></figure>').children[0] as Element;
    setClasses(outer, align);
    DomUtils.appendChild(outer, list);
    if (caption) {
      setClasses(caption, []);
      DomUtils.removeElement(caption);
      DomUtils.appendChild(outer, caption);
    }
    DomUtils.replaceElement(gallery, outer);
  }

  listFootnotes(document, footnotesMeta, notes);
  const authorIds = new Set(
    DomUtils.findAll((element) => element.attribs.id !== undefined, document.children)
      .map((element) => element.attribs.id as string)
      .filter((id) => !BLOCK_ID.test(id)),
  );
  document.children.forEach(visit);
  numberPages(document);
  // Ids are the blog page's own (a heading's "#comments" would take the comments' place): said when one was linked.
  const linked = DomUtils.findAll((element) => element.name === 'a', document.children)
    .map((link) => /^#(.+)$/.exec(link.attribs.href ?? '')?.[1])
    .filter((id): id is string => id !== undefined && authorIds.has(id));
  if (linked.length > 0)
    notes.push(`in-page anchors left out, the links to them now lead to the top: #${[...new Set(linked)].join(', #')}`);
  if (spacers > 0)
    notes.push(
      `spacer block (an empty <div>) left out${spacers > 1 ? ` ×${spacers}` : ''}: the blog spaces paragraphs itself`,
    );
  return { html: DomUtils.getOuterHTML(document.children, { decodeEntities: false }), notes };
}

/**
 * A cover: its image (an <img> or the background-image of a style) as a
 * real image first, with the text over it (public/style.css, .cover). A
 * background video stays, a player under the text; the empty overlay
 * elements stay too, and show nothing.
 */
function layOutCover(cover: Element, classes: string[]): void {
  // An image set as a CSS background: on the cover (older covers) or on a <div role="img"> (fixed or repeated).
  const styled = [cover, ...cover.children].find(
    (node): node is Element => node.type === 'tag' && /background-image\s*:\s*url\(/i.test(node.attribs.style ?? ''),
  );
  const style = (styled?.attribs.style ?? '').replace(/&quot;|&#0*39;|&#x0*27;/gi, "'").replace(/&amp;/g, '&');
  const url = /background-image\s*:\s*url\(\s*(['"]?)([^'")]+)\1\s*\)/i.exec(style)?.[2];
  const image =
    cover.children.find(
      (child): child is Element =>
        child.type === 'tag' && child.name === 'img' && classesOf(child).includes('wp-block-cover__image-background'),
    ) ??
    (url
      ? (parseDocument(`<img src="${escapeAttribute(url)}" alt="">`, { decodeEntities: false }).children[0] as Element)
      : null);
  if (image) {
    setClasses(image, []);
    DomUtils.removeElement(image);
    DomUtils.prependChild(cover, image);
  }
  setClasses(cover, ['cover', ...mapClasses(classes)]);
}

/** A file block: a link named after the file, and its download button. */
function layOutFile(file: Element, classes: string[]): void {
  const links = file.children.filter((child): child is Element => child.type === 'tag' && child.name === 'a');
  for (const link of links) {
    const isButton = classesOf(link).includes('wp-block-file__button');
    setClasses(link, isButton ? ['button'] : []);
    delete link.attribs.id;
    delete link.attribs['aria-describedby'];
    const name = fileName(link.attribs.href ?? '');
    if (isButton && name) link.attribs.download = escapeAttribute(name);
    else delete link.attribs.download;
    if (!isButton && DomUtils.textContent(link).trim() === '') {
      DomUtils.appendChild(link, parseDocument(escapeText(name || link.attribs.href || '')).children[0] as ChildNode);
    }
  }
  // Side by side on one line, in a paragraph; the embedded preview (an <object>) stays for the sanitizer to remove and name.
  const others = file.children.filter((child) => child.type === 'tag' && !links.includes(child as Element));
  const line = parseDocument('<p></p>').children[0] as Element;
  links.forEach((link, index) => {
    if (index > 0) DomUtils.appendChild(line, parseDocument(' ').children[0] as ChildNode);
    DomUtils.appendChild(line, link);
  });
  file.children = [];
  for (const child of [...others, line]) DomUtils.appendChild(file, child);
  setClasses(file, mapClasses(classes));
}

/** "photo 1.jpg" for …/photo%201.jpg?x; '' when there is none. */
function fileName(href: string): string {
  const last = href.split(/[?#]/)[0]?.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function classesOf(node: ChildNode): string[] {
  return node.type === 'tag' ? ((node as Element).attribs.class ?? '').split(/\s+/).filter(Boolean) : [];
}

/** The blog's classes for WordPress's; classes already the blog's stay, the others go. */
function mapClasses(classes: string[]): string[] {
  return [...new Set(classes.flatMap((name) => CLASS_MAP[name] ?? (LAYOUT_CLASSES.has(name) ? [name] : [])))];
}

/** Only what WordPress's own classes become (a WordPress gallery's "columns-3" is not the blog's columns). */
function mappedOnly(classes: string[]): string[] {
  return mapClasses(classes.filter((name) => name in CLASS_MAP));
}

function setClasses(element: Element, classes: string[]): void {
  delete element.attribs.style;
  if (element.attribs.id !== undefined && !BLOCK_ID.test(element.attribs.id)) delete element.attribs.id;
  if (classes.length > 0) element.attribs.class = [...new Set(classes)].join(' ');
  else delete element.attribs.class;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');
