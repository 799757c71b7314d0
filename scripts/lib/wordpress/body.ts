// A WordPress post body (content:encoded) made into the body of a Markdown
// file: what readers saw on the old blog, with nothing that could run.
import sanitizeHtml from 'sanitize-html';
import { LAYOUT_CLASSES } from '../layout.ts';
import { autop } from './autop.ts';
import { BLOCK_ID, dynamicBlockNotes, layOutBlocks, markBlockPlaces } from './blocks.ts';
import { LeftOutElements } from './left-out.ts';
import {
  absoluteHttps,
  fileReference,
  LEFT_OUT_MARK,
  PLAYER_ATTRIBUTES,
  PLAYER_TAGS,
  playerTransforms,
  withFallbackLinks,
} from './players.ts';
import { expandShortcodes, shortcodesLeftAsText } from './shortcodes.ts';
import type { WxrItem } from './wxr.ts';

/**
 * What a body is converted with: the old blog's address, its attachments
 * (by wp:post_id, for [gallery ids=…], [audio], featured images) and where a
 * file of the old blog is now. `mediaPath` gives the reference the Markdown
 * file should use for a file copied into content/media (e.g.
 * "../media/wordpress/2011/07/photo.jpg", which content:publish uploads and
 * rewrites to /media/…), or null to keep the old address.
 */
export interface BodyContext {
  baseUrl: string;
  attachments: ReadonlyMap<number, WxrItem>;
  mediaPath: (url: string) => string | null;
}

/** A context with no attachments that keeps every address as it was (tests, or an import without media). */
export function bodyContext(baseUrl: string, attachments: ReadonlyMap<number, WxrItem> = new Map()): BodyContext {
  return { baseUrl, attachments, mediaPath: () => null };
}

export interface ConvertedBody {
  html: string;
  /** Things the author may want to look at, e.g. shortcodes left as text. */
  notes: string[];
}

const ALLOWED_TAGS = [
  'p',
  'br',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'strong',
  'em',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'sub',
  'sup',
  'small',
  'abbr',
  'cite',
  'q',
  'code',
  'kbd',
  'var',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'hr',
  'figure',
  'figcaption',
  'img',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'div',
  'span',
  'details',
  'summary',
  ...PLAYER_TAGS,
];

/**
 * Video players become links to the video: the article page's
 * Content-Security-Policy allows no third-party frames. Any other frame is dropped.
 */
const VIDEO_PLAYERS: [RegExp, (id: string) => string][] = [
  [/^https:\/\/www\.youtube(?:-nocookie)?\.com\/embed\/([\w-]+)/, (id) => `https://www.youtube.com/watch?v=${id}`],
  [/^https:\/\/player\.vimeo\.com\/video\/(\d+)/, (id) => `https://vimeo.com/${id}`],
  [/^https:\/\/www\.dailymotion\.com\/embed\/video\/(\w+)/, (id) => `https://www.dailymotion.com/video/${id}`],
];

/** What the sanitizer keeps, with every file through the media mapping; what it removes goes to `leftOut` and `notes`. */
const sanitizeOptions = (context: BodyContext, leftOut: LeftOutElements, notes: string[]): sanitizeHtml.IOptions => ({
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    ...PLAYER_ATTRIBUTES,
    // Ids only as blocks.ts writes them (footnotes, page parts): see transformTags.
    '*': ['id'],
    a: ['href', 'title', 'download'],
    details: ['open'],
    img: ['src', 'alt', 'width', 'height', 'title'],
    blockquote: ['cite'],
    q: ['cite'],
    abbr: ['title'],
    ol: ['start', 'reversed'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'], audio: ['https'], video: ['https'], source: ['https'], track: ['https'] },
  // The blog's layout classes, no other: blocks.ts maps WordPress's to them, [gallery] (shortcodes.ts) writes them.
  allowedClasses: { '*': [...LAYOUT_CLASSES] },
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source', 'track'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
  transformTags: {
    h1: 'h2',
    b: 'strong',
    i: 'em',
    strike: 's',
    acronym: 'abbr',
    tt: 'code',
    // Relative addresses are resolved against the old blog, and lead to the
    // copied file when there is one. The page only loads https images; most
    // old blogs serve them both ways.
    img: (tagName, attribs) => {
      const src = fileReference(attribs.src ?? '', context);
      if (!src) notes.push(`<img> with an unusable address "${attribs.src ?? ''}": left out`);
      return { tagName, attribs: { ...attribs, src } };
    },
    // A link to a file of the old blog leads to the copied file, when there is one.
    a: (tagName, attribs) => {
      const absolute = attribs.href ? absoluteHttps(attribs.href, context.baseUrl) : '';
      const copied = absolute ? context.mediaPath(absolute) : null;
      return { tagName, attribs: copied ? { ...attribs, href: copied } : attribs };
    },
    ...playerTransforms(context, notes),
    iframe: (tagName, attribs): sanitizeHtml.Tag => {
      const src = (attribs.src ?? '').trim();
      for (const [player, watch] of VIDEO_PLAYERS) {
        const id = player.exec(src)?.[1];
        if (id) return { tagName: 'a', attribs: { href: watch(id) }, text: watch(id) };
      }
      // Not allowed: dropped, and named with its address (the '*' transform below).
      return { tagName, attribs: src ? { src } : {} };
    },
    // Called with every element's final name: those not allowed are removed, and named in the notes.
    // Ids are kept only as blocks.ts writes them: the page's own ids (#comments…) stay unique.
    '*': (tagName, attribs) => {
      if (!ALLOWED_TAGS.includes(tagName)) leftOut.add(tagName, attribs);
      const { id, ...others } = attribs;
      return { tagName, attribs: id !== undefined && BLOCK_ID.test(id) ? attribs : others };
    },
  },
  // An image whose address was refused (data:, javascript:) is nothing to show.
  // A player whose address was unusable too (players.ts).
  exclusiveFilter: (frame) => (frame.tag === 'img' && !frame.attribs.src) || LEFT_OUT_MARK in frame.attribs,
});

/** An absolute https address for an image of the old blog; '' when it is not one. */
export function imageUrl(src: string, baseUrl: string): string {
  return absoluteHttps(src, baseUrl);
}

// CommonMark's HTML blocks that run until a blank line: a body that starts
// with one and has no blank line passes through Markdown untouched.
const HTML_BLOCK_START =
  /^<(?:address|article|aside|blockquote|caption|details|div|dl|dt|dd|figcaption|figure|footer|h[1-6]|header|hr|li|nav|ol|p|section|table|tbody|td|tfoot|th|thead|tr|ul)[\s/>]/i;

/**
 * `postId`: the post's wp:post_id, whose attached files [gallery] and [audio] show when they name none.
 * `footnotes`: the post's meta of that name, where the block editor keeps footnote texts.
 */
export function convertBody(content: string, context: BodyContext, postId = 0, footnotes = ''): ConvertedBody {
  const notes: string[] = dynamicBlockNotes(content);
  // Gutenberg's block markers are HTML comments; a post made with blocks is
  // already HTML and WordPress does not run wpautop on it.
  const isBlockEditor = /<!--\s*wp:/.test(content);
  let html = markBlockPlaces(content)
    .replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '')
    .replace(/<!--\s*more\b[\s\S]*?-->/g, '');
  if (!isBlockEditor) html = autop(html);
  html = expandCaptions(html);
  html = linkEmbeds(html);
  const laidOut = layOutBlocks(html, footnotes);
  notes.push(...laidOut.notes);
  html = laidOut.html;
  html = expandShortcodes(html, context, postId, notes);
  const leftOut = new LeftOutElements();
  const clean = withFallbackLinks(sanitizeHtml(html, sanitizeOptions(context, leftOut, notes)));
  notes.push(...leftOut.notes());
  for (const name of shortcodesLeftAsText(clean)) notes.push(`shortcode [${name}] left as text`);
  return { html: forMarkdown(clean), notes };
}

/**
 * [caption id="…" caption="Old style"]<a><img></a> New style[/caption] →
 * <figure><a><img></a><figcaption>…</figcaption></figure>. WordPress runs
 * shortcodes after wpautop and unwraps a paragraph holding only one.
 */
export function expandCaptions(html: string): string {
  return html
    .replace(/<p>\s*(\[(?:wp_)?caption\b[\s\S]*?\[\/(?:wp_)?caption\])\s*<\/p>/g, '$1')
    .replace(
      /\[(?:wp_)?caption\b([^\]]*)\]([\s\S]*?)\[\/(?:wp_)?caption\]/g,
      (_, attributes: string, inner: string) => {
        const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)/i.exec(inner);
        const image = media?.[1] ?? '';
        const rest = inner.slice(media?.[0].length ?? 0).replace(/^(?:\s|<br \/>)+|(?:\s|<br \/>)+$/g, '');
        const caption = /\bcaption="([^"]*)"/.exec(attributes)?.[1] ?? rest;
        const align = /\balign="(align(?:left|right|center))"/.exec(attributes)?.[1];
        return `<figure${align ? ` class="${align}"` : ''}>${image}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
      },
    );
}

/** WordPress turns a URL alone on its line into a player (oEmbed); here it becomes a link. */
function linkEmbeds(html: string): string {
  const link = (url: string) => `<a href="${url}">${url}</a>`;
  return html
    .replace(/\[embed\b[^\]]*\](https?:\/\/[^\s<[\]"]+)\[\/embed\]/g, (_, url: string) => link(url))
    .replace(
      /(<p>|<div class="wp-block-embed__wrapper">)\s*(https?:\/\/[^\s<"]+)\s*(<\/p>|<\/div>)/g,
      (_, open, url, close) => (open.startsWith('<p') ? `${open}${link(url)}${close}` : `<p>${link(url)}</p>`),
    );
}

/**
 * One HTML block for the Markdown renderer: no blank line (it would end the
 * block and make the rest Markdown) and no indentation (it would make code),
 * except inside <pre>, where an empty line is kept as an encoded newline.
 */
export function forMarkdown(html: string): string {
  const parts = html.split(/(<pre[\s>][\s\S]*?<\/pre>)/i);
  const body = parts
    .map((part, index) =>
      index % 2 === 1
        ? part.replace(
            /\n([ \t]*)(?=\n)/g,
            (_, spaces: string) => `&#10;${spaces.replace(/[ \t]/g, (c) => (c === ' ' ? '&#32;' : '&#9;'))}`,
          )
        : part
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== '')
            .join('\n'),
    )
    .join('')
    .trim();
  if (body === '') return '<p></p>';
  return HTML_BLOCK_START.test(body) ? body : `<div>\n${body}\n</div>`;
}
