// The layout classes public/style.css gives article bodies (docs/writing.md,
// "Layout"), and the publish step's filter that lets no other class, and no
// style attribute, through. Author HTML is trusted; its classes are not free,
// so that every body, written here or imported from WordPress, shows with the
// blog's own stylesheet and nothing else (the CSP refuses inline styles anyway).
import { Parser } from 'htmlparser2';

export const LAYOUT_CLASSES: ReadonlySet<string> = new Set([
  // Images, figures or any block: floated beside the text, centred, or wider than the text.
  'align-left',
  'align-right',
  'align-center',
  'align-wide',
  'text-left',
  'text-center',
  'text-right',
  // A grid of figures; -2/-3/-4 fix the number of columns on wide screens.
  'gallery',
  'gallery-2',
  'gallery-3',
  'gallery-4',
  // Sections side by side on wide screens, one under the other on phones.
  'columns-2',
  'columns-3',
  // Four or more: as many side by side as fit.
  'columns-4',
  'callout',
  'pullquote',
  // On a link: shown as a button; a block of them side by side.
  'button',
  'buttons',
  // An image with text laid over it.
  'cover',
  // Poetry: line breaks and indentation kept, in the text's font.
  'verse',
  // A table with every other row shaded.
  'stripes',
  // The numbered notes at the end of an article.
  'footnotes',
]);

/** The language of a code block, as Markdown's fences write it (the HTML standard's convention). */
const CODE_LANGUAGE = /^language-[\w+#.-]+$/;

const allowedClass = (tag: string, name: string) =>
  LAYOUT_CLASSES.has(name) || (tag === 'code' && CODE_LANGUAGE.test(name));

interface TagEdit {
  start: number;
  end: number;
  tag: string;
}

/**
 * The HTML with every class outside LAYOUT_CLASSES and every style attribute
 * removed (but a code block's language-…). Only the tags that had one are rewritten; every other byte stays
 * as the Markdown renderer wrote it.
 */
export function keepLayoutClasses(html: string): string {
  const edits: TagEdit[] = [];
  let tag = '';
  let attributes: string[] = [];
  let changed = false;
  const parser = new Parser(
    {
      onopentagname(name) {
        tag = name;
        attributes = [];
        changed = false;
      },
      onattribute(name, value, quote) {
        let kept = value;
        if (name === 'style') {
          changed = true;
          return;
        }
        if (name === 'class') {
          const names = value.split(/\s+/).filter((token) => token !== '');
          const allowed = names.filter((token) => allowedClass(tag, token));
          if (allowed.length !== names.length || allowed.length === 0) changed = true;
          if (allowed.length === 0) return;
          kept = allowed.join(' ');
        }
        // The value as written: entities are not decoded, so they need no encoding.
        if (quote === undefined) attributes.push(name);
        else if (quote === null) attributes.push(`${name}="${kept}"`);
        else attributes.push(`${name}=${quote}${kept}${quote}`);
      },
      onopentag(name, _attribs, isImplied) {
        if (!changed || isImplied) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        const selfClosing = /\/\s*>$/.test(html.slice(start, end));
        const written = attributes.map((attribute) => ` ${attribute}`).join('');
        edits.push({ start, end, tag: `<${name}${written}${selfClosing ? ' />' : '>'}` });
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  let result = '';
  let position = 0;
  for (const edit of edits) {
    result += html.slice(position, edit.start) + edit.tag;
    position = edit.end;
  }
  return result + html.slice(position);
}
