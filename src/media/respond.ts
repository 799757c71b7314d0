// One file of the bucket as an HTTP answer. R2 does the HTTP work itself:
// the request's If-None-Match / If-Modified-Since (and If-Match /
// If-Unmodified-Since) and its Range header are handed to `get`, which answers
// with the metadata alone when a condition fails, or with the asked part.
//
// Names are content-hashed (`<name>-<hash>.<ext>`): the bytes behind a key
// never change, so a browser or an edge may keep them for a year without
// asking again, and an If-Range can only ever match (it is not checked).
import { IMMUTABLE, mediaTypeOf } from './types';

/**
 * The object `key` of `bucket` for `request` (GET; the Worker drops the body
 * of a HEAD). Null when the bucket has no such object.
 */
export async function serveMediaObject(bucket: R2Bucket, key: string, request: Request): Promise<Response | null> {
  const ranged = request.headers.has('range');
  let object: R2Object | R2ObjectBody | null;
  try {
    object = await bucket.get(key, { onlyIf: request.headers, range: request.headers });
  } catch (error) {
    // R2 refuses a range that starts past the end of the object.
    if (!ranged || !/range/i.test(String(error))) throw error;
    const head = await bucket.head(key);
    return head ? notSatisfiable(head) : null;
  }
  if (object === null) return null;
  const headers = objectHeaders(object);
  if (!('body' in object)) {
    // A condition failed: If-None-Match / If-Modified-Since mean "I have it".
    const cached = request.headers.has('if-none-match') || request.headers.has('if-modified-since');
    return new Response(null, { status: cached ? 304 : 412, headers });
  }
  // One that starts past the end is refused (R2 may instead hand back the whole file, as Miniflare does).
  if (ranged && startsPastEnd(request.headers.get('range') ?? '', object.size)) return notSatisfiable(object);
  // A range R2 did not take (several ranges, a malformed header) gets the whole file, as HTTP allows.
  const part = ranged ? partOf(object) : null;
  if (part === null) {
    headers.set('content-length', String(object.size));
    return new Response(object.body, { status: 200, headers });
  }
  headers.set('content-range', `bytes ${part.start}-${part.end}/${object.size}`);
  headers.set('content-length', String(part.end - part.start + 1));
  return new Response(object.body, { status: 206, headers });
}

function objectHeaders(object: R2Object): Headers {
  const headers = new Headers();
  // What publishing stored, else what the name says: never what the bytes look like (nosniff is set on every answer).
  const stored = object.httpMetadata?.contentType;
  headers.set('content-type', stored || mediaTypeOf(object.key)?.contentType || 'application/octet-stream');
  headers.set('etag', object.httpEtag);
  headers.set('last-modified', object.uploaded.toUTCString());
  headers.set('cache-control', IMMUTABLE);
  headers.set('accept-ranges', 'bytes');
  return headers;
}

function partOf(object: R2ObjectBody): { start: number; end: number } | null {
  const range = object.range as { offset?: number; length?: number; suffix?: number } | undefined;
  if (!range) return null;
  const start = range.suffix !== undefined ? Math.max(0, object.size - range.suffix) : (range.offset ?? 0);
  const length = range.suffix !== undefined ? object.size - start : (range.length ?? object.size - start);
  return { start, end: Math.min(object.size, start + length) - 1 };
}

/** `bytes=N-` or `bytes=N-M` with N at or past the end: nothing of the file can be sent. */
function startsPastEnd(header: string, size: number): boolean {
  const match = /^\s*bytes\s*=\s*(\d+)\s*-\s*(\d*)\s*$/i.exec(header);
  return match !== null && Number(match[1]) >= size;
}

function notSatisfiable(object: R2Object): Response {
  const headers = objectHeaders(object);
  headers.set('content-range', `bytes */${object.size}`);
  headers.set('cache-control', 'no-store');
  return new Response(null, { status: 416, headers });
}
