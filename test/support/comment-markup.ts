// What a comment's HTML may contain, checked with HTMLRewriter (which reads
// HTML as browsers do): the comments' short list of elements, no attribute but
// a link's href and rel and a list's start, and every link http(s) or mailto.
import { decodeEntities, type ScannedElement, scanElements } from './live-markup';

export const COMMENT_ELEMENTS = new Set([
  'p',
  'br',
  'em',
  'strong',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
]);
const ALLOWED_ATTRIBUTES: Record<string, Set<string>> = { a: new Set(['href', 'rel']), ol: new Set(['start']) };
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Everything in these elements that a comment may not hold, described; empty when all is well. */
export function markupOutsideComments(elements: ScannedElement[]): string[] {
  const problems: string[] = [];
  for (const element of elements) {
    if (!COMMENT_ELEMENTS.has(element.tag)) problems.push(`<${element.tag}> element`);
    const allowed = ALLOWED_ATTRIBUTES[element.tag] ?? new Set<string>();
    for (const [name, value] of element.attributes) {
      if (!allowed.has(name)) problems.push(`<${element.tag} ${name}="${value}">`);
    }
    const attributes = new Map(element.attributes);
    if (element.tag === 'a') {
      const href = decodeEntities(attributes.get('href') ?? '');
      let protocol = '';
      try {
        protocol = new URL(href).protocol;
      } catch {
        problems.push(`<a href="${href}"> (not an absolute address)`);
      }
      if (protocol && !LINK_PROTOCOLS.has(protocol)) problems.push(`<a href="${href}">`);
      if (attributes.get('rel') !== 'nofollow ugc noopener') problems.push(`<a rel="${attributes.get('rel')}">`);
    }
    if (element.tag === 'ol' && attributes.has('start') && !/^\d+$/.test(attributes.get('start') ?? '')) {
      problems.push(`<ol start="${attributes.get('start')}">`);
    }
  }
  return problems;
}

/** A fragment of comment HTML (a stored body_html, a feed entry's content), checked whole. */
export async function commentFragmentProblems(fragment: string): Promise<string[]> {
  return markupOutsideComments(await scanElements(fragment));
}

/** The elements inside every element matching `container` in a page (the container itself left out). */
export async function elementsInside(html: string, container: string): Promise<ScannedElement[]> {
  const elements: ScannedElement[] = [];
  await new HTMLRewriter()
    .on(`${container} *`, {
      element(element) {
        elements.push({
          tag: element.tagName.toLowerCase(),
          attributes: [...element.attributes].map((pair): [string, string] => [
            String(pair[0]).toLowerCase(),
            String(pair[1]),
          ]),
          scriptText: '',
        });
      },
    })
    .transform(new Response(html))
    .text();
  return elements;
}
