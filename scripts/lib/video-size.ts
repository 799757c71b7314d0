// Reads the picture size of an MP4 (its first track header with a size) or a
// WebM (its first video track), so that a <video> reserves its place in the
// page before it loads, as images do with width/height.
import type { ImageSize } from './image-dimensions.ts';

export function readVideoSize(bytes: Uint8Array): ImageSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 8 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp')
    return mp4Size(bytes, view, 0, bytes.length);
  if (bytes.length >= 4 && view.getUint32(0) === 0x1a45dfa3) return webmSize(bytes);
  return null;
}

/** MP4 boxes: size (32 bits, or 1 then 64 bits), type; the size is in moov > trak > tkhd, as 16.16 fixed point. */
function mp4Size(bytes: Uint8Array, view: DataView, start: number, end: number): ImageSize | null {
  let offset = start;
  while (offset + 8 <= end) {
    let size = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    let header = 8;
    if (size === 1 && offset + 16 <= end) {
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) size = end - offset;
    if (size < header || offset + size > end) return null;
    if (type === 'moov' || type === 'trak') {
      const inner = mp4Size(bytes, view, offset + header, offset + size);
      if (inner) return inner;
    } else if (type === 'tkhd') {
      const content = offset + header;
      const at = content + (bytes[content] === 1 ? 88 : 76);
      if (at + 8 <= offset + size) {
        const width = view.getUint32(at) >>> 16;
        const height = view.getUint32(at + 4) >>> 16;
        if (width > 0 && height > 0) return { width, height };
      }
    }
    offset += size;
  }
  return null;
}

// Matroska elements walked down to the video track's PixelWidth and PixelHeight.
const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const VIDEO = 0xe0;
const PIXEL_WIDTH = 0xb0;
const PIXEL_HEIGHT = 0xba;
const CLUSTER = 0x1f43b675;

function webmSize(bytes: Uint8Array): ImageSize | null {
  /** An EBML variable-length integer at `at`: its value (marker kept for IDs) and length. */
  const vint = (at: number, keepMarker: boolean): { value: number; length: number } | null => {
    const first = bytes[at];
    if (first === undefined || first === 0) return null;
    const length = Math.clz32(first) - 23;
    if (at + length > bytes.length) return null;
    let value = keepMarker ? first : first & (0xff >> length);
    for (let index = 1; index < length; index++) value = value * 256 + (bytes[at + index] as number);
    return { value, length };
  };
  const walk = (start: number, end: number): ImageSize | null => {
    let offset = start;
    let width = 0;
    let height = 0;
    while (offset < end) {
      const id = vint(offset, true);
      if (!id) return null;
      const size = vint(offset + id.length, false);
      if (!size) return null;
      const content = offset + id.length + size.length;
      // An unknown size (all ones) runs to the end of its parent.
      const unknown = size.value === 2 ** (7 * size.length) - 1;
      const next = unknown ? end : Math.min(end, content + size.value);
      if (id.value === CLUSTER) return null;
      if (id.value === SEGMENT || id.value === TRACKS || id.value === TRACK_ENTRY || id.value === VIDEO) {
        const inner = walk(content, next);
        if (inner) return inner;
      } else if (id.value === PIXEL_WIDTH || id.value === PIXEL_HEIGHT) {
        let value = 0;
        for (let index = content; index < next; index++) value = value * 256 + (bytes[index] as number);
        if (id.value === PIXEL_WIDTH) width = value;
        else height = value;
        if (width > 0 && height > 0) return { width, height };
      }
      offset = next;
    }
    return null;
  };
  return walk(0, bytes.length);
}
