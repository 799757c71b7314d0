// Reads a form body without ever holding more than the limit in memory:
// a declared Content-Length over the limit is refused before reading, and a
// streamed body is cut off as soon as it passes the limit. What comes back is
// exactly what a browser's HTML form sends, or a status saying why not:
//   415  not a form (another or no Content-Type);
//   413  more than the limit (MAX_FORM_BYTES unless the route gives its own);
//        with `keepPartial`, the fields of a urlencoded body's first `limit`
//        bytes come with it, the last one cut where reading stopped;
//   400  not readable as sent: invalid UTF-8 (raw or percent-encoded, which
//        URLSearchParams would quietly turn into U+FFFD), a multipart body cut
//        short or without its boundary, a file part (no form here takes
//        files), or more than MAX_FORM_FIELDS fields.
import { readBytesUpTo } from '../streams';
export const MAX_FORM_BYTES = 64 * 1024;
/** Far above any form of the blog (the desk's bulk actions included), far below what a hostile client sends. */
export const MAX_FORM_FIELDS = 1000;

export type FormBodyError = 400 | 413 | 415;
export type FormBody = { form: FormData } | { error: FormBodyError; partial?: FormData };

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export async function readFormBody(
  request: Request,
  limit = MAX_FORM_BYTES,
  { keepPartial = false } = {},
): Promise<FormBody> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const urlEncoded = type.startsWith('application/x-www-form-urlencoded');
  if (!urlEncoded && !type.startsWith('multipart/form-data')) return { error: 415 };
  const declared = request.headers.get('content-length');
  const salvage = keepPartial && urlEncoded;
  if (declared !== null && Number(declared) > limit && !salvage) return { error: 413 };
  const { bytes, complete } = await readBytesUpTo(request.body, limit);
  if (!complete) return salvage ? { error: 413, partial: parsePartialUrlEncoded(bytes) } : { error: 413 };
  try {
    // Neither kind of form carries anything but UTF-8 text here.
    const text = STRICT_UTF8.decode(bytes);
    const form = urlEncoded ? parseUrlEncoded(text) : await parseMultipart(bytes, request.headers.get('content-type'));
    return form ? { form } : { error: 400 };
  } catch {
    return { error: 400 };
  }
}

function parseUrlEncoded(text: string): FormData | null {
  const form = new FormData();
  if (text === '') return form;
  const pairs = text.split('&');
  if (pairs.length > MAX_FORM_FIELDS) return null;
  for (const pair of pairs) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    form.append(percentDecode(name), percentDecode(value));
  }
  return form;
}

/**
 * What can be read of a urlencoded body cut off at the limit: every field up
 * to the cut, the last one ending where it was cut (an escape or a character
 * left incomplete is dropped). Fields that are not UTF-8 are left out.
 */
function parsePartialUrlEncoded(bytes: Uint8Array): FormData {
  const form = new FormData();
  // stream: an incomplete last character is held back, not an error.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes, { stream: true });
  } catch {
    return form;
  }
  const pairs = text.split('&').slice(0, MAX_FORM_FIELDS);
  pairs.forEach((pair, index) => {
    const last = index === pairs.length - 1;
    const equals = pair.indexOf('=');
    if (pair === '' || (last && equals === -1)) return;
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    try {
      form.append(
        percentDecode(name),
        last ? percentDecode(value.replace(/%[0-9a-f]?$/i, ''), true) : percentDecode(value),
      );
    } catch {
      // Not UTF-8: nothing of it can be shown again.
    }
  });
  return form;
}

/**
 * As URLSearchParams decodes (a "%" not followed by two hex digits stays as
 * it is), except that the bytes must then be valid UTF-8: a TypeError otherwise.
 */
function percentDecode(encoded: string, cut = false): string {
  const plus = encoded.replaceAll('+', ' ');
  if (!plus.includes('%')) return plus;
  const source = new TextEncoder().encode(plus);
  const bytes = new Uint8Array(source.length);
  let length = 0;
  for (let i = 0; i < source.length; i++) {
    const byte = source[i] as number;
    const hex = byte === 0x25 ? String.fromCharCode(source[i + 1] ?? 0, source[i + 2] ?? 0) : '';
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      bytes[length++] = Number.parseInt(hex, 16);
      i += 2;
    } else {
      bytes[length++] = byte;
    }
  }
  // A value cut off may end inside a character: that character is dropped.
  const decoder = cut ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }) : STRICT_UTF8;
  return decoder.decode(bytes.subarray(0, length), { stream: cut });
}

async function parseMultipart(bytes: Uint8Array, contentType: string | null): Promise<FormData | null> {
  // The runtime's parser, given the boundary as sent (its case matters).
  const form = await new Response(bytes, { headers: { 'content-type': contentType ?? '' } }).formData();
  let fields = 0;
  for (const [, value] of form) {
    if (typeof value !== 'string' || ++fields > MAX_FORM_FIELDS) return null;
  }
  return form;
}
