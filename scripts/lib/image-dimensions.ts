// The pixel size of an image file (PNG, JPEG, GIF, WebP, SVG, AVIF…), read
// from its bytes by the `image-size` package, so that images get width and
// height attributes and the page does not jump when they load.
import { imageSize } from 'image-size';

export interface ImageSize {
  width: number;
  height: number;
}

/** Null for a file whose size cannot be read (truncated, unknown, an SVG without a size). */
export function readImageSize(bytes: Uint8Array): ImageSize | null {
  return sizeOf(bytes) ?? sizeOf(withSpacedViewBox(bytes));
}

function sizeOf(bytes: Uint8Array | null): ImageSize | null {
  if (!bytes) return null;
  try {
    const { width, height } = imageSize(bytes);
    return width > 0 && height > 0 ? { width: Math.round(width), height: Math.round(height) } : null;
  } catch {
    return null;
  }
}

/**
 * SVG separates viewBox numbers by whitespace and/or commas ("0,0,90,60");
 * image-size splits on single spaces only. The same SVG with spaces, or null
 * when there is no viewBox to respell.
 */
function withSpacedViewBox(bytes: Uint8Array): Uint8Array | null {
  const text = new TextDecoder().decode(bytes);
  const respelled = text.replace(
    /(\sviewBox\s*=\s*)(["'])([^"']*)\2/i,
    (_, name: string, quote: string, value: string) =>
      `${name}${quote}${value
        .trim()
        .split(/[\s,]+/)
        .join(' ')}${quote}`,
  );
  return respelled === text ? null : new TextEncoder().encode(respelled);
}
