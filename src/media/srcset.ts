// IMAGE_TRANSFORMATIONS = true: the zone resizes images at /cdn-cgi/image/,
// so an article's images from the bucket get a srcset of smaller widths (and
// AVIF or WebP where the browser takes them). Added to the page as it is
// rendered, never stored: the articles in D1 are the same whatever the
// setting, and turning it off gives the plain page back at the next render.
import { MEDIA_PREFIX } from './types';

/** Widths offered below an image's own; its own width is always the largest. */
const WIDTHS = [320, 640, 960, 1280, 1920];
/** Formats Cloudflare resizes; SVG is already any size, and a GIF may be animated. */
const RESIZABLE = /\.(?:avif|jpe?g|png|webp)$/i;
/** The article column is 42rem wide at most (public/style.css, .wrap). */
const SIZES = '(min-width: 46rem) 42rem, 100vw';

export function transformedUrl(src: string, width: number): string {
  return `/cdn-cgi/image/width=${width},format=auto${src}`;
}

/** The srcset of an image of the bucket `width` pixels wide, or null when it gets none. */
export function srcsetFor(src: string, width: number): string | null {
  if (!src.startsWith(MEDIA_PREFIX) || !RESIZABLE.test(src) || !Number.isInteger(width) || width <= 0) return null;
  const widths = [...WIDTHS.filter((candidate) => candidate < width), width];
  return widths.map((candidate) => `${transformedUrl(src, candidate)} ${candidate}w`).join(', ');
}

/** The page with a srcset on each image of the bucket that has a width and no srcset of its own. */
export function withImageSrcsets(page: Response): Response {
  return new HTMLRewriter()
    .on(`img[src^="${MEDIA_PREFIX}"][width]:not([srcset])`, {
      element(image) {
        const srcset = srcsetFor(image.getAttribute('src') ?? '', Number(image.getAttribute('width')));
        if (srcset === null) return;
        image.setAttribute('srcset', srcset);
        image.setAttribute('sizes', SIZES);
      },
    })
    .transform(page);
}
