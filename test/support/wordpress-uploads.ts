// A stand-in for an old blog's wp-content/uploads: a small valid file at the
// path of every attachment of a WordPress export (what the export names, not
// the files themselves, is what tests have). Images carry a real header with
// a size, so scripts/lib/image-dimensions.ts reads them as it reads real ones; each
// file's bytes hold its path, so no two files are the same.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ownFile, ownHosts } from '../../scripts/lib/wordpress/media.ts';
import { parseWxr } from '../../scripts/lib/wordpress/wxr.ts';

/** A PNG whose IHDR says width × height (the pixels themselves are not needed to read the size). */
export function pngBytes(width: number, height: number, note: string): Uint8Array {
  const header = Buffer.alloc(24);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return Buffer.concat([header, Buffer.from([8, 6, 0, 0, 0, 0, 0, 0, 0]), Buffer.from(note)]);
}

/** A JPEG: a comment segment holding `note`, then a baseline frame header saying width × height. */
export function jpegBytes(width: number, height: number, note: string): Uint8Array {
  const comment = Buffer.from(note);
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(comment.byteLength + 2, 2);
  const sof = Buffer.alloc(19);
  sof.writeUInt16BE(0xffc0, 0);
  sof.writeUInt16BE(17, 2);
  sof.writeUInt8(8, 4);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  sof.writeUInt8(3, 9);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), com, comment, sof, Buffer.from([0xff, 0xd9])]);
}

export function gifBytes(width: number, height: number, note: string): Uint8Array {
  const header = Buffer.alloc(13);
  header.write('GIF89a', 0, 'latin1');
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  return Buffer.concat([header, Buffer.from(note), Buffer.from([0x3b])]);
}

/** Small files of each other kind, recognisable by their first bytes. */
function otherBytes(extension: string, note: string): Uint8Array {
  const start: Record<string, Buffer> = {
    mp3: Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]),
    mp4: Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]),
    mov: Buffer.from([0, 0, 0, 0x14, 0x66, 0x74, 0x79, 0x70, 0x71, 0x74, 0x20, 0x20, 0, 0, 2, 0]),
    ogg: Buffer.from('OggS\0\x02', 'latin1'),
    pdf: Buffer.from('%PDF-1.4\n', 'latin1'),
  };
  const end = extension === 'pdf' ? '\n%%EOF\n' : '';
  return Buffer.concat([start[extension] ?? Buffer.alloc(0), Buffer.from(`${note}${end}`)]);
}

/** A file for `path`: an image of the size its name says ("-300x200") or of `fallback`, else a small file of its kind. */
export function standInFile(path: string, fallback = { width: 640, height: 480 }): Uint8Array {
  const sized = /-(\d+)x(\d+)\.[a-z0-9]+$/i.exec(path);
  const width = sized ? Number(sized[1]) : fallback.width;
  const height = sized ? Number(sized[2]) : fallback.height;
  const extension = path.split('.').pop()?.toLowerCase() ?? '';
  const note = `stand-in for ${path}`;
  if (extension === 'png') return pngBytes(width, height, note);
  if (extension === 'jpg' || extension === 'jpeg') return jpegBytes(width, height, note);
  if (extension === 'gif') return gifBytes(width, height, note);
  return otherBytes(extension, note);
}

/**
 * Writes a stand-in file at the uploads path of every attachment of the
 * export (`exportFile`) into `dir`; returns those paths, sorted.
 */
export function writeStandInUploads(exportFile: string, dir: string): string[] {
  const wxr = parseWxr(readFileSync(exportFile, 'utf8'));
  const hosts = ownHosts(wxr);
  const paths = new Set<string>();
  for (const item of wxr.items) {
    if (item.type !== 'attachment') continue;
    const file = ownFile(item.attachmentUrl, hosts);
    if (file) paths.add(file.path);
  }
  const sorted = [...paths].sort();
  sorted.forEach((path, index) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), standInFile(path, { width: 800 + index, height: 600 }));
  });
  return sorted;
}
