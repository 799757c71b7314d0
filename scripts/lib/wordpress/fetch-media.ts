// --fetch-media: the blog's own files downloaded from the old site into
// content/media/wordpress, a few at a time. An old host is often slow or
// flaky: each download has a time limit, a failing server or network is
// asked again (waiting longer each time), a redirect is followed a few hops
// (http and https only), and a file over the size limit is refused while it
// streams. What failed is said with why, never thrown: the posts that use it
// keep the old address.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mediaTypeOf } from '../../../src/media/types.ts';
import { type FileOutcome, type MediaResult, type OwnFile, originalOf, writeIfChanged } from './media.ts';

export interface FetchMediaOptions {
  /** Downloads at once. */
  concurrency?: number;
  /** Time for one attempt, answer and body, in milliseconds. */
  timeoutMs?: number;
  /** Attempts after the first, on a network error, a time-out or a 5xx/429 answer. */
  retries?: number;
  /** Wait before the first retry; doubled for each next one. */
  backoffMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** The address actually asked for a file's address (the old site may answer somewhere else, e.g. a local copy). */
  rewrite?: (url: string) => string;
}

export const FETCH_DEFAULTS = {
  concurrency: 4,
  timeoutMs: 60_000,
  retries: 3,
  backoffMs: 1000,
  maxBytes: 100 * 1024 * 1024,
  maxRedirects: 5,
} as const;

type Settings = Required<Omit<FetchMediaOptions, 'rewrite'>> & Pick<FetchMediaOptions, 'rewrite'>;

type Attempt = { ok: true; bytes: Uint8Array } | { ok: false; retry: boolean; reason: string; status?: number };

/** Downloads each file not already in `mediaDir`; a resized copy the site lacks (404) is replaced by its original. */
export async function fetchToMedia(
  files: ReadonlyMap<string, OwnFile>,
  mediaDir: string,
  options: FetchMediaOptions = {},
): Promise<MediaResult> {
  const settings: Settings = { ...FETCH_DEFAULTS, ...options };
  const result: MediaResult = { files: new Map() };
  const outcomes = new Map<string, FileOutcome>();
  // A resized size and its original may be one file: downloaded once, counted as fetched for both.
  const run: Run = { settings, downloads: new Map(), fetchedNow: new Set() };
  await eachLimited([...files.values()], settings.concurrency, async (file) => {
    outcomes.set(file.path, await fetchOne(file, mediaDir, run));
  });
  // In the order the posts named them, whatever order the downloads ended in.
  for (const [path, file] of files) result.files.set(path, { file, outcome: outcomes.get(path) as FileOutcome });
  return result;
}

/** One run's downloads, by address (each asked once), and the files it wrote. */
interface Run {
  settings: Settings;
  downloads: Map<string, Promise<Attempt>>;
  fetchedNow: Set<string>;
}

async function fetchOne(file: OwnFile, mediaDir: string, run: Run): Promise<FileOutcome> {
  const already = (stored: string): FileOutcome => ({
    state: run.fetchedNow.has(stored) ? 'copied' : 'present',
    stored,
  });
  const store = (stored: string, bytes: Uint8Array): FileOutcome => {
    if (writeIfChanged(join(mediaDir, stored), bytes)) run.fetchedNow.add(stored);
    return already(stored);
  };
  const downloadOnce = (url: string) => {
    let found = run.downloads.get(url);
    if (!found) {
      found = download(url, run.settings);
      run.downloads.set(url, found);
    }
    return found;
  };
  if (!mediaTypeOf(file.path)) return { state: 'not-served', reason: 'not a kind of file the blog serves' };
  if (existsSync(join(mediaDir, file.path))) return already(file.path);
  // A size a previous run did not find, whose original it brought: not asked again.
  const original = originalOf(file.path);
  if (original && !run.fetchedNow.has(original) && existsSync(join(mediaDir, original))) return already(original);
  const first = await downloadOnce(file.url);
  if (first.ok) return store(file.path, first.bytes);
  if (!original || first.status !== 404) return { state: 'failed', reason: first.reason };
  if (existsSync(join(mediaDir, original))) return already(original);
  // The original's address is the file's with the name changed; a name written percent-encoded is not guessed.
  if (!file.url.endsWith(file.path)) return { state: 'failed', reason: first.reason };
  const url = file.url.slice(0, file.url.length - file.path.length) + original;
  const second = await downloadOnce(url);
  if (!second.ok) return { state: 'failed', reason: `${first.reason}, and its original ${url}: ${second.reason}` };
  return store(original, second.bytes);
}

async function download(url: string, settings: Settings): Promise<Attempt> {
  let attempt = await attemptOnce(url, settings);
  let attempts = 1;
  while (!attempt.ok && attempt.retry && attempts <= settings.retries) {
    await new Promise((resolve) => setTimeout(resolve, settings.backoffMs * 2 ** (attempts - 1)));
    attempt = await attemptOnce(url, settings);
    attempts++;
  }
  return attempt.ok || attempts === 1 ? attempt : { ...attempt, reason: `${attempt.reason} (${attempts} attempts)` };
}

async function attemptOnce(url: string, settings: Settings): Promise<Attempt> {
  const signal = AbortSignal.timeout(settings.timeoutMs);
  let current = url;
  try {
    for (let hops = 0; ; hops++) {
      const protocol = new URL(current).protocol;
      if (protocol !== 'http:' && protocol !== 'https:')
        return { ok: false, retry: false, reason: `redirected to ${current}: only http and https are fetched` };
      const response = await fetch(settings.rewrite ? settings.rewrite(current) : current, {
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (hops >= settings.maxRedirects)
          return { ok: false, retry: false, reason: `more than ${settings.maxRedirects} redirects` };
        current = new URL(location, current).href;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const retry = response.status >= 500 || response.status === 429;
        return { ok: false, retry, status: response.status, reason: `HTTP ${response.status}` };
      }
      return await readLimited(response, settings.maxBytes);
    }
  } catch (error) {
    if (signal.aborted) return { ok: false, retry: true, reason: `no complete answer within ${settings.timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, retry: true, reason: `network error: ${cause?.code ?? cause?.message ?? String(error)}` };
  }
}

/** The body, unless it is larger than `maxBytes` (said by Content-Length, or found while reading). */
async function readLimited(response: Response, maxBytes: number): Promise<Attempt> {
  const tooLarge = (): Attempt => ({ ok: false, retry: false, reason: `larger than the ${maxBytes}-byte limit` });
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    return tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(value);
  }
  return { ok: true, bytes: new Uint8Array(Buffer.concat(chunks, size)) };
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
