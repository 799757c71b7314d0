// WordPress's media shortcodes as the HTML the blog renders: [gallery] as the
// gallery authors write (docs/writing.md, "Layout"), [audio], [video] and
// [playlist] as players. Shortcodes are read with WordPress's own grammar
// (@wordpress/shortcode, the port of get_shortcode_regex()). Files keep their
// old addresses here; the sanitizer maps every one through the import's media
// mapping, in one place. Shortcodes the blog cannot render stay as text, and
// are named in the body's notes.
import { attrs, regexp, replace, type Shortcode } from '@wordpress/shortcode';
import { unserialize } from 'php-serialize';
import type { BodyContext } from './body.ts';
import { AUDIO_EXTENSIONS, absoluteHttps, fileKind, type PlayerKind, VIDEO_EXTENSIONS } from './players.ts';
import type { WxrItem } from './wxr.ts';

const RENDERED = 'gallery|audio|video|playlist';
// Around each rendered shortcode until paragraphs are tidied (private-use characters, never in a post).
const START = '\uE010';
const END = '\uE011';
const ALONE = /<p>\s*\uE010([^\uE010\uE011]*)\uE011\s*<\/p>/g;
const MARKS = /[\uE010\uE011]/g;

export function expandShortcodes(html: string, context: BodyContext, postId: number, notes: string[]): string {
  const render = (shortcode: Shortcode): string | null => {
    switch (shortcode.tag) {
      case 'gallery':
        return gallery(shortcode, context, postId, notes);
      case 'playlist':
        return playlist(shortcode, context, postId, notes);
      default:
        return player(shortcode.tag as PlayerKind, shortcode, context, postId, notes);
    }
  };
  // A null answer keeps the shortcode as it was written (the callback's contract).
  const expanded = replace(RENDERED, html, (shortcode) => {
    const rendered = render(shortcode);
    return rendered === null ? (null as unknown as string) : `${START}${rendered}${END}`;
  });
  // WordPress's shortcode_unautop(): a shortcode alone in its paragraph is not in one.
  return expanded.replace(ALONE, '$1').replace(MARKS, '');
}

// Core's shortcodes and the most common ones of WordPress.com, Jetpack and
// syntax highlighters: found in a body's text, each is named in the notes.
const KNOWN_SHORTCODES = new Set([
  ...RENDERED.split('|'),
  'caption',
  'wp_caption',
  'embed',
  'videopress',
  'wpvideo',
  'youtube',
  'vimeo',
  'dailymotion',
  'ted',
  'soundcloud',
  'spotify',
  'bandcamp',
  'tweet',
  'instagram',
  'facebook',
  'flickr',
  'googlemaps',
  'googleapps',
  'gist',
  'slideshare',
  'slideshow',
  'scribd',
  'polldaddy',
  'crowdsignal',
  'contact-form',
  'contact-field',
  'archives',
  'sitemap',
  'latex',
  'recipe',
  'code',
  'sourcecode',
]);

/**
 * The shortcodes still in a converted body, by name: core and common ones
 * (KNOWN_SHORTCODES), and any other written with a named attribute or a
 * closing tag ("[sic]" or "[simple boat]" are text).
 */
export function shortcodesLeftAsText(html: string): string[] {
  const names = new Set<string>();
  for (const match of html.matchAll(regexp('[a-z][a-z0-9_-]*'))) {
    const [, left = '', name = '', attributes = '', , , closing, right = ''] = match;
    if (left === '[' && right === ']') continue;
    const named = Object.keys(attrs(attributes).named).length > 0;
    if (KNOWN_SHORTCODES.has(name) || named || closing) names.add(name);
  }
  return [...names];
}

function gallery(shortcode: Shortcode, context: BodyContext, postId: number, notes: string[]): string | null {
  const named = shortcode.attrs.named;
  const listed = idList(named.ids ?? named.include ?? '');
  let images: WxrItem[];
  if (listed.length > 0) {
    images = exportedAttachments('gallery', listed, context, notes);
  } else {
    const parent = Number.parseInt(named.id ?? '', 10) || postId;
    const excluded = new Set(idList(named.exclude ?? ''));
    images = sorted(
      attachedTo(parent, context).filter((item) => !excluded.has(item.postId)),
      named.orderby ?? 'menu_order ID',
    );
  }
  if (listed.length > 0 && named.orderby) images = sorted(images, named.orderby);
  if ((named.order ?? '').toUpperCase() === 'DESC') images.reverse();
  if (named.orderby === 'rand') notes.push('[gallery orderby="rand"]: shown in a fixed order');
  images = images.filter((item) => fileKind(item.attachmentUrl) === 'image');
  if (images.length === 0) {
    if (listed.length === 0) notes.push('[gallery]: no image attached to the post');
    return null;
  }
  const columns = galleryColumns(named.columns, notes);
  const link = named.link === 'none' ? 'none' : 'file';
  const figures = images.map((image) => {
    const src = absoluteHttps(image.attachmentUrl, context.baseUrl);
    const alt = escapeAttribute(image.meta.get('_wp_attachment_image_alt') ?? '');
    const size = imageSize(image);
    const img = `<img src="${escapeAttribute(src)}" alt="${alt}"${size ? ` width="${size.width}" height="${size.height}"` : ''}>`;
    const linked = link === 'file' ? `<a href="${escapeAttribute(src)}">${img}</a>` : img;
    const caption = image.excerpt.trim();
    return `<li><figure>${linked}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure></li>`;
  });
  if (columns === 1) return figures.map((figure) => figure.slice('<li>'.length, -'</li>'.length)).join('\n');
  return `<ul class="gallery${columns ? ` gallery-${columns}` : ''}">\n${figures.join('\n')}\n</ul>`;
}

/**
 * WordPress's columns (1 to 9, 3 by default) as the blog's galleries have
 * them: one image under the other, or 2, 3 or 4 side by side (more would be
 * too small on the blog's column of text).
 */
function galleryColumns(value: string | undefined, notes: string[]): 1 | 2 | 3 | 4 {
  const columns = Number.parseInt(value ?? '3', 10);
  if (Number.isNaN(columns) || columns === 3) return 3;
  if (columns <= 1) return 1;
  if (columns <= 4) return columns as 2 | 4;
  notes.push(`[gallery columns="${columns}"]: shown in 4 columns, the most the blog's galleries have`);
  return 4;
}

function player(
  kind: PlayerKind,
  shortcode: Shortcode,
  context: BodyContext,
  postId: number,
  notes: string[],
): string | null {
  const named = shortcode.attrs.named;
  const extensions = kind === 'audio' ? AUDIO_EXTENSIONS : VIDEO_EXTENSIONS;
  // [audio https://…] (an address without src=) is how many posts wrote it.
  const written = [named.src, ...extensions.map((extension) => named[extension]), shortcode.attrs.numeric[0]]
    .filter((value): value is string => !!value?.trim())
    .map((value) => absoluteHttps(value, context.baseUrl))
    .filter((value) => value !== '');
  // Without a file, WordPress plays the first sound or video attached to the post.
  const attached = attachedTo(postId, context).find((item) => fileKind(item.attachmentUrl) === kind);
  const files = written.length > 0 ? [...new Set(written)] : attached ? [attached.attachmentUrl] : [];
  if (files.length === 0) {
    notes.push(`[${kind}]: no file to play`);
    return null;
  }
  let attributes = '';
  if (kind === 'video') {
    for (const name of ['width', 'height', 'poster'] as const)
      if (named[name]) attributes += ` ${name}="${escapeAttribute(named[name])}"`;
  }
  if (files.length === 1) return `<${kind} controls src="${escapeAttribute(files[0] ?? '')}"${attributes}></${kind}>`;
  const sources = files.map((file) => `<source src="${escapeAttribute(file)}">`).join('');
  return `<${kind} controls${attributes}>${sources}</${kind}>`;
}

/** [playlist ids="…" type="audio|video"]: the tracks one under the other, each with its title. */
function playlist(shortcode: Shortcode, context: BodyContext, postId: number, notes: string[]): string | null {
  const named = shortcode.attrs.named;
  const kind: PlayerKind = named.type === 'video' ? 'video' : 'audio';
  const listed = idList(named.ids ?? named.include ?? '');
  const tracks = (
    listed.length > 0
      ? exportedAttachments('playlist', listed, context, notes)
      : sorted(attachedTo(Number.parseInt(named.id ?? '', 10) || postId, context), named.orderby ?? 'menu_order ID')
  ).filter((item) => fileKind(item.attachmentUrl) === kind);
  if ((named.order ?? '').toUpperCase() === 'DESC') tracks.reverse();
  if (tracks.length === 0) {
    notes.push(`[playlist]: no ${kind} file of the export to play`);
    return null;
  }
  const items = tracks.map((track) => {
    const src = escapeAttribute(absoluteHttps(track.attachmentUrl, context.baseUrl));
    const title = track.title.trim() || (track.attachmentUrl.split('/').pop() ?? '');
    return `<li><figure><${kind} controls src="${src}"></${kind}><figcaption>${title}</figcaption></figure></li>`;
  });
  return `<ol>\n${items.join('\n')}\n</ol>`;
}

/**
 * The image's size as WordPress recorded it (_wp_attachment_metadata, PHP's
 * serialize() format), so that the page keeps its place before it loads; null
 * when the export has none or it is unreadable (a copied file gets its size on publishing anyway).
 */
function imageSize(image: WxrItem): { width: number; height: number } | null {
  const serialized = image.meta.get('_wp_attachment_metadata');
  if (!serialized) return null;
  try {
    const { width, height } = unserialize(serialized) as { width?: unknown; height?: unknown };
    return Number.isInteger(width) && Number.isInteger(height) && (width as number) > 0 && (height as number) > 0
      ? { width: width as number, height: height as number }
      : null;
  } catch {
    return null;
  }
}

/** The listed attachments the export has; the others are named in one note. */
function exportedAttachments(tag: string, ids: number[], context: BodyContext, notes: string[]): WxrItem[] {
  const missing = ids.filter((id) => !context.attachments.has(id));
  if (missing.length > 0)
    notes.push(
      `[${tag}]: attachment${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not in the export, left out`,
    );
  return ids.flatMap((id) => context.attachments.get(id) ?? []);
}

/** The attachments whose parent is the post (wp:post_parent), as WordPress's get_children() finds them. */
function attachedTo(parent: number, context: BodyContext): WxrItem[] {
  return [...context.attachments.values()].filter((item) => item.pageFields.parent === parent);
}

/** WordPress's orderby for attachments: "menu_order ID" (its default), "ID", "title", "date", "post__in", "rand". */
function sorted(items: WxrItem[], orderby: string): WxrItem[] {
  const keys = orderby.toLowerCase().split(/[\s,]+/);
  const compare = (a: WxrItem, b: WxrItem): number => {
    for (const key of keys) {
      const order =
        key === 'menu_order'
          ? a.pageFields.menuOrder - b.pageFields.menuOrder
          : key === 'id'
            ? a.postId - b.postId
            : key === 'title'
              ? a.title.localeCompare(b.title)
              : key === 'date'
                ? (a.dateGmt || a.date).localeCompare(b.dateGmt || b.date)
                : 0;
      if (order !== 0) return order;
    }
    return 0;
  };
  return keys.includes('post__in') || keys.includes('rand') ? items : [...items].sort(compare);
}

function idList(value: string): number[] {
  return value
    .split(',')
    .map((id) => Number.parseInt(id.trim(), 10))
    .filter((id) => Number.isInteger(id) && id > 0);
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&(?![#\w]+;)/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;');
}
