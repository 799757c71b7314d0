// The old blog's own files (its wp-content/uploads, or a WordPress.com blog's
// <site>.files.wordpress.com) found in a copy of that folder, or downloaded,
// and copied to content/media/wordpress/<the same path>: content:publish then
// uploads them to the bucket under content-hashed names and points the posts
// at /media/…. Files of other sites stay links to those sites.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mediaTypeOf } from '../../../src/media/types.ts';
import type { WxrExport } from './wxr.ts';

/** Where the copies go, below content/media. */
export const MEDIA_SUBFOLDER = 'wordpress';

/** One of the blog's files as a body or a featured image names it. */
export interface OwnFile {
  /** The path below uploads/ (or the files host), decoded: "2011/07/photo-300x200.jpg". */
  path: string;
  /** The path as written in the address (still percent-encoded), to find the posts that use it. */
  written: string;
  /** The address without its query string, where --fetch-media downloads it. */
  url: string;
}

/**
 * The hosts whose files are the blog's: the blog's own host, the hosts its
 * attachments live on, and for a WordPress.com blog its files host.
 */
export function ownHosts(wxr: Pick<WxrExport, 'baseUrl' | 'items'>): Set<string> {
  const hosts = new Set<string>();
  const add = (url: string) => {
    try {
      hosts.add(new URL(url).hostname.toLowerCase());
    } catch {
      // Not an address: nothing to add.
    }
  };
  add(wxr.baseUrl);
  for (const item of wxr.items) if (item.type === 'attachment') add(item.attachmentUrl);
  for (const host of [...hosts]) {
    const site = /^([a-z0-9-]+)\.wordpress\.com$/.exec(host)?.[1];
    if (site && site !== 'files') hosts.add(`${site}.files.wordpress.com`);
  }
  return hosts;
}

/**
 * The file an address names when it is one of the blog's own: matched by the
 * path after wp-content/uploads/ or, on a files.wordpress.com host, the whole
 * path. The query string (?w=300) is ignored; Jetpack's image CDN
 * (i0.wp.com/<host>/…) is read through. Null for anything else.
 */
export function ownFile(address: string, hosts: ReadonlySet<string>): OwnFile | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  let host = url.hostname.toLowerCase();
  let pathname = url.pathname;
  const cdn = /^i[0-3]\.wp\.com$/.test(host) ? /^\/([^/]+)(\/.*)$/.exec(pathname) : null;
  if (cdn) {
    host = (cdn[1] as string).toLowerCase();
    pathname = cdn[2] as string;
  }
  if (!hosts.has(host)) return null;
  const uploads = pathname.indexOf('/wp-content/uploads/');
  const written =
    uploads >= 0
      ? pathname.slice(uploads + '/wp-content/uploads/'.length)
      : host.endsWith('.files.wordpress.com')
        ? pathname.slice(1)
        : null;
  if (!written) return null;
  let segments: string[];
  try {
    segments = written.split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  // Decoded, a segment could say "..", or hold a "/" of its own ("%2F"): neither names a file of the folder.
  if (segments.some((part) => part === '' || part === '.' || part === '..' || /[/\\\0]/.test(part))) return null;
  return { path: segments.join('/'), written, url: `${url.protocol}//${url.host}${url.pathname}` };
}

/** "photo-300x200.jpg" → "photo.jpg": the original a resized copy was made from; null when the name is not a resized one. */
export function originalOf(path: string): string | null {
  const original = path.replace(/-\d+x\d+(\.[A-Za-z0-9]+)$/, '$1');
  return original === path ? null : original;
}

/** What became of one of the blog's files. */
export type FileOutcome =
  | { state: 'copied' | 'present'; stored: string }
  | { state: 'missing' | 'failed' | 'not-served'; reason: string };

/** The files the bodies asked for, by path, with what became of each. */
export interface MediaResult {
  files: Map<string, { file: OwnFile; outcome: FileOutcome }>;
}

/**
 * The reference a Markdown file uses for each copied file (`prefix` is the
 * way from content/posts to content/media/wordpress, e.g.
 * "../media/wordpress"); null keeps the old address.
 */
export function mediaPathFor(
  result: MediaResult,
  hosts: ReadonlySet<string>,
  prefix: string,
): (url: string) => string | null {
  return (url) => {
    const file = ownFile(url, hosts);
    const outcome = file ? result.files.get(file.path)?.outcome : undefined;
    if (!outcome || !('stored' in outcome)) return null;
    return `${prefix}/${outcome.stored.split('/').map(encodeURIComponent).join('/')}`;
  };
}

/**
 * The scheme the export gives each host ("http:" for a blog that had no
 * https): bodies are converted with https addresses, but a file is
 * downloaded the way the old site served it.
 */
export function exportSchemes(wxr: Pick<WxrExport, 'baseUrl' | 'items'>): Map<string, string> {
  const schemes = new Map<string, string>();
  const addresses = [
    ...wxr.items.filter((item) => item.type === 'attachment').map((item) => item.attachmentUrl),
    wxr.baseUrl,
  ];
  for (const address of addresses) {
    try {
      const url = new URL(address);
      if (!schemes.has(url.host)) schemes.set(url.host, url.protocol);
    } catch {
      // Not an address: nothing to learn.
    }
  }
  return schemes;
}

/** The blog's own files among the addresses, each once, by path (downloaded with the scheme the export gives their host). */
export function ownFiles(
  urls: Iterable<string>,
  hosts: ReadonlySet<string>,
  schemes: ReadonlyMap<string, string> = new Map(),
): Map<string, OwnFile> {
  const files = new Map<string, OwnFile>();
  for (const url of urls) {
    const file = ownFile(url, hosts);
    if (!file || files.has(file.path)) continue;
    const { protocol, host } = new URL(file.url);
    const scheme = schemes.get(host) ?? protocol;
    files.set(file.path, { ...file, url: `${scheme}${file.url.slice(protocol.length)}` });
  }
  return files;
}

/** Writes `bytes` at `path` unless that file already holds them: true when written. */
export function writeIfChanged(path: string, bytes: Uint8Array): boolean {
  if (existsSync(path)) {
    const present = readFileSync(path);
    if (present.byteLength === bytes.byteLength && present.equals(bytes)) return false;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return true;
}

/**
 * Copies each file from a copy of wp-content/uploads (`uploadsDir`) to
 * `mediaDir` (content/media/wordpress): a resized copy missing from the
 * folder is replaced by its original. With `dryRun`, only looks.
 */
export function copyFromUploads(
  files: ReadonlyMap<string, OwnFile>,
  uploadsDir: string,
  mediaDir: string,
  dryRun = false,
): MediaResult {
  const result: MediaResult = { files: new Map() };
  // A resized size and its original may be one file: copied once, counted as copied for both.
  const copiedNow = new Set<string>();
  const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
  for (const [path, file] of files) {
    const original = originalOf(path);
    const found = isFile(join(uploadsDir, path))
      ? path
      : original && isFile(join(uploadsDir, original))
        ? original
        : null;
    let outcome: FileOutcome;
    if (!mediaTypeOf(path)) outcome = { state: 'not-served', reason: 'not a kind of file the blog serves' };
    else if (!found) outcome = { state: 'missing', reason: `not in ${uploadsDir}` };
    else if (dryRun) outcome = { state: 'copied', stored: found };
    else {
      if (writeIfChanged(join(mediaDir, found), readFileSync(join(uploadsDir, found)))) copiedNow.add(found);
      outcome = { state: copiedNow.has(found) ? 'copied' : 'present', stored: found };
    }
    result.files.set(path, { file, outcome });
  }
  return result;
}

/**
 * The report's lines: how many files were copied (or fetched) and already
 * there, then every file left at its old address with why and the posts
 * that use it (`markdown` of each post, by where it is in the export).
 */
export function mediaReport(
  result: MediaResult,
  verb: 'copied' | 'fetched' | 'to copy',
  posts: readonly { where: string; markdown: string }[],
): string[] {
  const outcomes = [...result.files.values()];
  const count = (state: FileOutcome['state']) => outcomes.filter((entry) => entry.outcome.state === state).length;
  const left = outcomes.filter((entry) => !('stored' in entry.outcome));
  const lines = [
    `Media: ${outcomes.length} file(s) of the blog referenced: ${count('copied')} ${verb}, ${count('present')} already in content/media/${MEDIA_SUBFOLDER}, ${left.length} left at their old address.`,
  ];
  for (const { file, outcome } of left) {
    const users = posts.filter((post) => post.markdown.includes(file.written)).map((post) => post.where);
    lines.push(
      `  ${file.url}: ${'reason' in outcome ? outcome.reason : ''}; used by ${users.length > 0 ? users.join(', ') : 'no imported post'}`,
    );
  }
  return lines;
}
