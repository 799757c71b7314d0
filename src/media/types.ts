// What the blog serves from its bucket: the file kinds an author may publish
// and the Content-Type each is served with. Shared by the Worker (which falls
// back on it when an object lacks its stored type) and by `npm run
// content:publish` (which refuses any other kind). Nothing here is a type a
// browser would run as a page or a script on the blog's origin: HTML, XML and
// JavaScript are not media. SVG can hold script, so it is served with a policy
// that forbids it (src/security/headers.ts).

export type MediaKind = 'image' | 'audio' | 'video' | 'document';

interface MediaType {
  contentType: string;
  kind: MediaKind;
}

const TYPES: Readonly<Record<string, MediaType>> = {
  avif: { contentType: 'image/avif', kind: 'image' },
  gif: { contentType: 'image/gif', kind: 'image' },
  jpeg: { contentType: 'image/jpeg', kind: 'image' },
  jpg: { contentType: 'image/jpeg', kind: 'image' },
  png: { contentType: 'image/png', kind: 'image' },
  svg: { contentType: 'image/svg+xml', kind: 'image' },
  webp: { contentType: 'image/webp', kind: 'image' },
  flac: { contentType: 'audio/flac', kind: 'audio' },
  m4a: { contentType: 'audio/mp4', kind: 'audio' },
  mp3: { contentType: 'audio/mpeg', kind: 'audio' },
  oga: { contentType: 'audio/ogg', kind: 'audio' },
  ogg: { contentType: 'audio/ogg', kind: 'audio' },
  opus: { contentType: 'audio/ogg', kind: 'audio' },
  wav: { contentType: 'audio/wav', kind: 'audio' },
  m4v: { contentType: 'video/mp4', kind: 'video' },
  mov: { contentType: 'video/quicktime', kind: 'video' },
  mp4: { contentType: 'video/mp4', kind: 'video' },
  ogv: { contentType: 'video/ogg', kind: 'video' },
  webm: { contentType: 'video/webm', kind: 'video' },
  csv: { contentType: 'text/csv; charset=utf-8', kind: 'document' },
  epub: { contentType: 'application/epub+zip', kind: 'document' },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', kind: 'document' },
  pdf: { contentType: 'application/pdf', kind: 'document' },
  txt: { contentType: 'text/plain; charset=utf-8', kind: 'document' },
  vtt: { contentType: 'text/vtt; charset=utf-8', kind: 'document' },
  zip: { contentType: 'application/zip', kind: 'document' },
};

/** The extensions authors may publish, for messages. */
export const MEDIA_EXTENSIONS: readonly string[] = Object.keys(TYPES);

/** The type of a file name by its extension (case-insensitive), or null when it is not a media kind. */
export function mediaTypeOf(name: string): MediaType | null {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (extension !== undefined && TYPES[extension]) || null;
}

/**
 * A bucket key as publishing names files: "<name>-<hash>.<ext>", one path
 * segment of letters, digits, dots, hyphens and underscores, not starting
 * with a dot. Nothing else is looked up, so no key can climb out of /media/.
 */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

export function isMediaKey(key: string): boolean {
  return KEY.test(key) && !key.includes('..') && mediaTypeOf(key) !== null;
}

/** Where the Worker serves a key. */
export const MEDIA_PREFIX = '/media/';

/** Kept for a year by browsers and shared caches, never revalidated: a new file is a new name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
