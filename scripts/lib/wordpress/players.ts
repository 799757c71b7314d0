// Sound and video players of a WordPress body (block editor audio and video
// blocks, the HTML the [audio] and [video] shortcodes printed, players written
// by hand) kept as <audio controls>/<video controls>, each file through the
// import's media mapping, with a link to the file for browsers without a player.
import type sanitizeHtml from 'sanitize-html';
import { mediaTypeOf } from '../../../src/media/types.ts';

export type PlayerKind = 'audio' | 'video';

/** Where the body's files are now: the old address resolved and made https, then the copied file if there is one. */
export interface FileMapping {
  baseUrl: string;
  mediaPath: (url: string) => string | null;
}

/** An absolute https address of the old blog; '' when it is not one (data:, javascript:, a typo like "ttps://"). */
export function absoluteHttps(src: string, baseUrl: string): string {
  try {
    const url = new URL(src.trim(), baseUrl || undefined);
    if (url.protocol === 'http:') url.protocol = 'https:';
    return url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

/**
 * The reference a body should use for a file: the copied file, else its old
 * https address, else ''. The "?_=1" WordPress adds to a player's file to
 * defeat caches is not part of the file's address.
 */
export function fileReference(src: string, mapping: FileMapping): string {
  const absolute = absoluteHttps(src, mapping.baseUrl).replace(/\?_=\d+$/, '');
  return absolute ? (mapping.mediaPath(absolute) ?? absolute) : '';
}

// WordPress's wp_get_audio_extensions() and wp_get_video_extensions(), and .mov, which WordPress serves too.
export const AUDIO_EXTENSIONS = ['mp3', 'ogg', 'oga', 'flac', 'm4a', 'wav', 'opus'];
export const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'webm', 'ogv', 'flv', 'mov'];

/** Whether an address is a sound, a video or an image, by its file name; null for anything else. */
export function fileKind(url: string): PlayerKind | 'image' | null {
  let path: string;
  try {
    path = new URL(url, 'https://x.invalid/').pathname;
  } catch {
    return null;
  }
  const extension = path.split('.').pop()?.toLowerCase() ?? '';
  if (AUDIO_EXTENSIONS.includes(extension)) return 'audio';
  if (VIDEO_EXTENSIONS.includes(extension)) return 'video';
  return mediaTypeOf(path)?.kind === 'image' ? 'image' : null;
}

/** The attribute sanitize-html's exclusive filter removes an element for (its address was unusable). */
export const LEFT_OUT_MARK = 'data-wordpress-left-out';

export const PLAYER_TAGS = ['audio', 'video', 'source', 'track'];

// The mark is allowed so that sanitize-html keeps it until its exclusive filter reads it.
export const PLAYER_ATTRIBUTES: Record<string, string[]> = {
  audio: ['controls', 'src', 'preload', LEFT_OUT_MARK],
  video: ['controls', 'src', 'poster', 'preload', 'width', 'height', LEFT_OUT_MARK],
  source: ['src', 'type', LEFT_OUT_MARK],
  track: ['src', 'kind', 'srclang', 'label', LEFT_OUT_MARK],
};

/**
 * sanitize-html transforms for players: always with controls (autoplay, loop
 * and muted are left to the reader), loading only their metadata until played,
 * every address through the media mapping. An element whose address is
 * unusable is marked for removal and named in `notes`.
 */
export function playerTransforms(mapping: FileMapping, notes: string[]): Record<string, sanitizeHtml.Transformer> {
  const withFile =
    (extra: (attribs: sanitizeHtml.Attributes) => sanitizeHtml.Attributes) =>
    (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
      if (attribs.src === undefined) return { tagName, attribs: extra(attribs) };
      const src = fileReference(attribs.src, mapping);
      if (src) return { tagName, attribs: { ...extra(attribs), src } };
      notes.push(`<${tagName}> with an unusable address "${attribs.src}": left out`);
      return { tagName, attribs: { [LEFT_OUT_MARK]: '' } };
    };
  const size = (attribs: sanitizeHtml.Attributes) => {
    const result: sanitizeHtml.Attributes = {};
    for (const name of ['width', 'height'])
      if (/^\d{1,5}$/.test(attribs[name] ?? '')) result[name] = attribs[name] as string;
    return result;
  };
  return {
    audio: withFile(() => ({ controls: '', preload: 'metadata' })),
    video: withFile((attribs) => {
      const poster = attribs.poster ? fileReference(attribs.poster, mapping) : '';
      return { controls: '', preload: 'metadata', ...size(attribs), ...(poster ? { poster } : {}) };
    }),
    source: withFile((attribs): sanitizeHtml.Attributes => (attribs.type ? { type: attribs.type } : {})),
    track: withFile((attribs) => {
      const kept: sanitizeHtml.Attributes = {};
      for (const name of ['kind', 'srclang', 'label']) if (attribs[name]) kept[name] = attribs[name] as string;
      return kept;
    }),
  };
}

/**
 * After sanitizing: an empty player gets a link to its file, what a browser
 * without players (or without the format) shows instead. sanitize-html writes
 * every tag in one canonical form, which this reads.
 */
export function withFallbackLinks(html: string): string {
  return html.replace(
    /<(audio|video)((?: [a-z-]+(?:="[^"]*")?)*)><\/\1>/g,
    (player, kind: string, attributes: string) => {
      const src = / src="([^"]*)"/.exec(attributes)?.[1];
      return src ? `<${kind}${attributes}>${downloadLink(src)}</${kind}>` : player;
    },
  );
}

/** A link to the file, named by its file name; `src` is already HTML-escaped. */
function downloadLink(src: string): string {
  const name = src.split(/[?#]/)[0]?.split('/').pop() || src;
  return `<a href="${src}">${name}</a>`;
}
