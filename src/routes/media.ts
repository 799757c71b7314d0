// GET /media/<key>: an image, sound, video or document of the articles, from
// the MEDIA bucket (src/media/respond.ts). Not through the page cache: the
// bytes are immutable and R2 is already the store, so browsers and any cache
// in front keep them by their Cache-Control instead.
import type { IRequest } from 'itty-router';
import { readSettings } from '../config';
import { serveMediaObject } from '../media/respond';
import { isMediaKey, MEDIA_PREFIX } from '../media/types';
import { renderErrorPage } from '../views/error';
import { readerLanguage } from './reader-language';
import { htmlResponse, pageContext } from './respond';

export async function mediaRoute(request: IRequest, env: Env): Promise<Response> {
  const key = mediaKeyOf(new URL(request.url).pathname);
  const found = key === null ? null : await serveMediaObject(env.MEDIA, key, request);
  return found ?? notFound(request, env);
}

/** The bucket key a path names, or null when it names none (another folder, a climb, an unknown kind). */
export function mediaKeyOf(pathname: string): string | null {
  if (!pathname.startsWith(MEDIA_PREFIX)) return null;
  let key: string;
  try {
    key = decodeURIComponent(pathname.slice(MEDIA_PREFIX.length));
  } catch {
    return null;
  }
  return isMediaKey(key) ? key : null;
}

/** The blog's 404, in the reader's language; a file may be published later, so not kept long. */
function notFound(request: Request, env: Env): Response {
  const ctx = pageContext(env, readerLanguage(request, readSettings(env).language));
  return htmlResponse(renderErrorPage(ctx, 404), 404, { 'cache-control': 'public, max-age=60' });
}

export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith(MEDIA_PREFIX);
}
