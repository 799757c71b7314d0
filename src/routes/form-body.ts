// Reads a form body without ever holding more than the limit in memory:
// a declared Content-Length over the limit is refused before reading, and a
// streamed body is cut off as soon as it passes the limit.
export const MAX_FORM_BYTES = 64 * 1024;

export type FormBody = { form: FormData } | { error: 400 | 413 | 415 };

export async function readFormBody(request: Request, limit = MAX_FORM_BYTES): Promise<FormBody> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const urlEncoded = type.startsWith('application/x-www-form-urlencoded');
  if (!urlEncoded && !type.startsWith('multipart/form-data')) return { error: 415 };
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return { error: 413 };
  const bytes = await readAtMost(request, limit);
  if (bytes === null) return { error: 413 };
  try {
    if (urlEncoded) {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
      const form = new FormData();
      for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
      return { form };
    }
    return { form: await new Response(bytes, { headers: { 'content-type': type } }).formData() };
  } catch {
    return { error: 400 };
  }
}

async function readAtMost(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
