// The hottest pages, kept in the isolate's own memory in front of the Cache
// API: a hit then costs no I/O at all. Keys carry the cache version, so a
// purge makes old entries unreachable; they age out or are pushed out first.
interface Entry {
  body: ArrayBuffer;
  init: ResponseInit & { headers: [string, string][] };
  expiresAt: number;
}

const MAX_ENTRIES = 200;
const MAX_BYTES = 8 * 1024 * 1024;
const MAX_ENTRY_BYTES = 512 * 1024;

const entries = new Map<string, Entry>();
let totalBytes = 0;

export function memoryMatch(key: string, nowMs = Date.now()): Response | null {
  const entry = entries.get(key);
  if (!entry) return null;
  forget(key, entry);
  if (entry.expiresAt <= nowMs) return null;
  // Re-inserted last: the Map's order is the least-recently-used order.
  remember(key, entry);
  return new Response(entry.body, entry.init);
}

export function memoryPut(
  key: string,
  body: ArrayBuffer,
  response: Response,
  ttlSeconds: number,
  nowMs = Date.now(),
): void {
  if (body.byteLength > MAX_ENTRY_BYTES) return;
  const existing = entries.get(key);
  if (existing) forget(key, existing);
  remember(key, {
    body,
    init: { status: response.status, statusText: response.statusText, headers: [...response.headers] },
    expiresAt: nowMs + ttlSeconds * 1000,
  });
  for (const [oldest, entry] of entries) {
    if (entries.size <= MAX_ENTRIES && totalBytes <= MAX_BYTES) break;
    forget(oldest, entry);
  }
}

function remember(key: string, entry: Entry): void {
  entries.set(key, entry);
  totalBytes += entry.body.byteLength;
}

function forget(key: string, entry: Entry): void {
  entries.delete(key);
  totalBytes -= entry.body.byteLength;
}
