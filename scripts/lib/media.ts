// The blog owns its files: every local file an article references (an image,
// a link to a document, a sound or a video) is published to the MEDIA bucket
// under a content-hashed name, `<name>-<hash>.<ext>`, and the article's HTML
// points at /media/<that name>. A changed file is a new name, so the Worker
// serves every name as immutable and only new names are uploaded.
//
// Works on the rendered HTML (after any sanitising), so every `src`, `href`,
// `poster` and `srcset` is seen whatever wrote it: Markdown images and links,
// raw HTML, figures and galleries. Tags that change are written anew; the
// rest of the HTML keeps its bytes. Pure (bytes in, HTML out) so that the
// Worker tests can publish the demo as the command does.
import { Parser } from 'htmlparser2';
import { MEDIA_EXTENSIONS, MEDIA_PREFIX, type MediaKind, mediaTypeOf } from '../../src/media/types.ts';
import { readImageSize } from './image-dimensions.ts';
import { readVideoSize } from './video-size.ts';

export interface MediaFile {
  /** The bucket key, served at /media/<key>. */
  key: string;
  /** The file as the author knows it, e.g. content/media/photo.jpg. */
  path: string;
  contentType: string;
  kind: MediaKind;
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  width: number | null;
  height: number | null;
  bytes: Uint8Array;
}

export interface MediaSource {
  /** The folder references may reach (content/): a file outside it is not published. */
  root: string;
  /** The bytes of a file, by its path joined from the post's folder; null when there is none. */
  read(path: string): Uint8Array | null;
  /** The bytes of a file of public/ by its URL path (for image sizes); null when there is none. */
  readPublic?(urlPath: string): Uint8Array | null;
}

/** Characters of the hash kept in a name: 32 bits, against other versions of one file name. */
const HASH_CHARS = 8;
const NOT_FILES = new Set(['md', 'htm', 'html']);
/** Images the browser should fetch early; every later one waits until it nears the screen. */
const EAGER_IMAGES = 1;

/** The bucket key of a file: its name made URL-safe (case kept), the short hash, its extension in lowercase. */
export function mediaKey(fileName: string, sha256: string): string {
  const base = fileName.split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = (dot >= 0 ? base.slice(0, dot) : base)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 80);
  const extension = dot >= 0 ? base.slice(dot + 1).toLowerCase() : '';
  return `${stem || 'fichier'}-${sha256.slice(0, HASH_CHARS)}.${extension}`;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A reference to a file of content/: a relative URL whose path ends with an
 * extension ("../media/photo.jpg", "plan.pdf"). Absolute paths ("/images/…",
 * public/'s static files), other sites, anchors and links to pages are not.
 */
export function isLocalFileReference(url: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || /^[/#?]/.test(url) || url.trim() === '') return false;
  const extension = /\.([A-Za-z0-9]+)$/.exec(url.split(/[?#]/)[0] as string)?.[1]?.toLowerCase();
  return extension !== undefined && !NOT_FILES.has(extension);
}

/** `relative` joined to the folder of `file`, "." and ".." resolved (POSIX separators, as content paths are written). */
export function joinPath(file: string, relative: string): string {
  const parts = file.split('/').slice(0, -1);
  for (const part of relative.split('/')) {
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else if (part === '..') parts.push(part);
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Every file one publish run references, each read and hashed once. */
export class MediaLibrary {
  readonly #source: MediaSource;
  readonly #files = new Map<string, Promise<MediaFile | { problem: string }>>();

  constructor(source: MediaSource) {
    this.#source = source;
  }

  /** The file a post's reference names, or why it cannot be published. */
  resolve(postFile: string, url: string): Promise<MediaFile | { problem: string }> {
    let decoded: string;
    try {
      decoded = decodeURI(url.split(/[?#]/)[0] as string);
    } catch {
      return Promise.resolve({ problem: `${url} is not a valid path: write spaces and accents as they are` });
    }
    const path = joinPath(postFile, decoded);
    const root = this.#source.root.replace(/\/+$/, '');
    const inside =
      root === '' || root === '.'
        ? path !== '..' && !path.startsWith('../') && !path.startsWith('/')
        : path.startsWith(`${root}/`);
    if (!inside) return Promise.resolve({ problem: `${url} is outside ${root === '' ? '.' : root}/` });
    let found = this.#files.get(path);
    if (!found) {
      found = this.#load(path, url);
      this.#files.set(path, found);
    }
    return found;
  }

  /** The files resolved so far, each once, by key. */
  async files(): Promise<MediaFile[]> {
    const files = (await Promise.all(this.#files.values())).filter((file): file is MediaFile => 'key' in file);
    return [...new Map(files.map((file) => [file.key, file])).values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /** The size of an image of public/ ("/images/x.png"), when it is there. */
  publicImageSize(url: string): { width: number; height: number } | null {
    if (!/^\/[^/]/.test(url)) return null;
    const bytes = this.#source.readPublic?.(url.split(/[?#]/)[0] as string);
    return bytes ? readImageSize(bytes) : null;
  }

  async #load(path: string, url: string): Promise<MediaFile | { problem: string }> {
    const type = mediaTypeOf(path);
    if (!type)
      return {
        problem: `${url} is not a kind of file the blog serves (it serves .${MEDIA_EXTENSIONS.join(', .')})`,
      };
    const bytes = this.#source.read(path);
    if (!bytes) return { problem: `${url} not found: put the file at ${path} (or fix the path)` };
    const sha256 = await sha256Hex(bytes);
    const size = type.kind === 'image' ? readImageSize(bytes) : type.kind === 'video' ? readVideoSize(bytes) : null;
    return {
      key: mediaKey(path, sha256),
      path,
      contentType: type.contentType,
      kind: type.kind,
      size: bytes.byteLength,
      sha256,
      width: size?.width ?? null,
      height: size?.height ?? null,
      bytes,
    };
  }
}

export interface MediaRewrite {
  html: string;
  /** Keys of the files the HTML now points at, in order of first reference. */
  keys: string[];
  problems: { url: string; reason: string }[];
}

interface Tag {
  name: string;
  attributes: [string, string][];
  start: number;
  end: number;
}

const URL_ATTRIBUTES = ['src', 'href', 'poster'];

/**
 * The HTML with every local file reference pointing at /media/, each <img>
 * with its width and height (files of public/ too, when found), every image
 * but the first `eagerImages` loading lazily, and an image whose file is a
 * sound or a video turned into an <audio> or <video> player.
 */
export async function rewriteMediaReferences(
  html: string,
  postFile: string,
  library: MediaLibrary,
  options: { eagerImages?: number } = {},
): Promise<MediaRewrite> {
  const tags = openingTags(html);
  const keys: string[] = [];
  const problems: MediaRewrite['problems'] = [];
  const published = async (url: string): Promise<MediaFile | null> => {
    if (!isLocalFileReference(url)) return null;
    const found = await library.resolve(postFile, url);
    if ('problem' in found) {
      problems.push({ url, reason: found.problem });
      return null;
    }
    if (!keys.includes(found.key)) keys.push(found.key);
    return found;
  };
  let eager = options.eagerImages ?? EAGER_IMAGES;
  const edits: { start: number; end: number; text: string }[] = [];
  for (const tag of tags) {
    let changed = false;
    let source: MediaFile | null = null;
    const attributes = new Map(tag.attributes);
    for (const name of URL_ATTRIBUTES) {
      const value = attributes.get(name);
      const file = value === undefined ? null : await published(value.trim());
      if (!file) continue;
      attributes.set(name, MEDIA_PREFIX + file.key);
      if (name === 'src') source = file;
      changed = true;
    }
    const srcset = attributes.get('srcset');
    if (srcset !== undefined) {
      const rewritten = await rewriteSrcset(srcset, published);
      if (rewritten !== srcset) {
        attributes.set('srcset', rewritten);
        changed = true;
      }
    }
    if (tag.name === 'img') {
      if (source && (source.kind === 'audio' || source.kind === 'video')) {
        edits.push({ start: tag.start, end: tag.end, text: player(source, attributes) });
        continue;
      }
      const size =
        source?.width && source.height
          ? { width: source.width, height: source.height }
          : library.publicImageSize(attributes.get('src') ?? '');
      if (size && !attributes.has('width') && !attributes.has('height')) {
        attributes.set('width', String(size.width));
        attributes.set('height', String(size.height));
        changed = true;
      }
      if (eager > 0) eager--;
      else if (!attributes.has('loading')) {
        attributes.set('loading', 'lazy');
        if (!attributes.has('decoding')) attributes.set('decoding', 'async');
        changed = true;
      }
    }
    if (changed) edits.push({ start: tag.start, end: tag.end, text: openingTag(tag.name, attributes) });
  }
  let result = html;
  for (const edit of edits.reverse()) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return { html: result, keys, problems };
}

async function rewriteSrcset(value: string, published: (url: string) => Promise<MediaFile | null>): Promise<string> {
  const candidates = value.split(',').map((candidate) => candidate.trim());
  const rewritten = await Promise.all(
    candidates.map(async (candidate) => {
      const [url = '', ...descriptor] = candidate.split(/\s+/);
      const file = await published(url);
      return file ? [MEDIA_PREFIX + file.key, ...descriptor].join(' ') : candidate;
    }),
  );
  return rewritten.join(', ');
}

/** `![Description](son.mp3)`: a player for the file, with a link to download it where players are not. */
function player(file: MediaFile, image: Map<string, string>): string {
  const url = MEDIA_PREFIX + file.key;
  const label = image.get('alt')?.trim() ?? '';
  const attributes = new Map<string, string>([
    ['controls', ''],
    ['preload', 'metadata'],
    ['src', url],
  ]);
  if (file.kind === 'video' && file.width && file.height) {
    attributes.set('width', String(file.width));
    attributes.set('height', String(file.height));
  }
  if (label) attributes.set('aria-label', label);
  const title = image.get('title');
  if (title) attributes.set('title', title);
  const link = openingTag('a', new Map([['href', url]]));
  const name = file.path.split('/').pop() ?? file.key;
  return `${openingTag(file.kind, attributes)}${link}${escapeText(label || name)}</a></${file.kind}>`;
}

function openingTags(html: string): Tag[] {
  const tags: Tag[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!URL_ATTRIBUTES.some((attribute) => attribute in attributes) && !('srcset' in attributes)) return;
        tags.push({ name, attributes: Object.entries(attributes), start: parser.startIndex, end: parser.endIndex + 1 });
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return tags;
}

function openingTag(name: string, attributes: Map<string, string>): string {
  const written = [...attributes].map(([attribute, value]) =>
    value === '' && (attribute === 'controls' || attribute === 'download')
      ? attribute
      : `${attribute}="${escapeAttribute(value)}"`,
  );
  return `<${[name, ...written].join(' ')}>`;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}

function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
