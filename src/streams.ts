// Bodies from outside (a form post, a page a Webmention points at) are read
// with a cap: past it, reading stops and the rest is never buffered.

/** The whole stream, or null as soon as it passes `limit` bytes. */
export async function readBytesAtMost(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | null> {
  const read = await readBytesUpTo(stream, limit);
  return read.complete ? read.bytes : null;
}

/**
 * The stream's first `limit` bytes at most; `complete` is false when there was
 * more, which is then left unread.
 */
export async function readBytesUpTo(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<{ bytes: Uint8Array; complete: boolean }> {
  if (!stream) return { bytes: new Uint8Array(), complete: true };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = true;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      chunks.push(value.subarray(0, limit - size));
      size = limit;
      complete = false;
      await reader.cancel();
      break;
    }
    size += value.byteLength;
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, complete };
}
