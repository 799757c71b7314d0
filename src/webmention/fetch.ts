// Fetching a page someone else named (a mention's source, a page an article
// links to, its Webmention endpoint) without letting them aim the Worker at
// a private network, hold it for long or fill its memory: redirects followed
// by hand and each hop checked again, one time budget for the whole exchange
// (DNS, redirects, body), the body streamed and cut off past a size cap.

import { readBytesAtMost } from '../streams';
import { isPrivateHost, parseHttpUrl } from './address';
import { checkHostAddresses } from './dns';
import type { WebmentionSettings } from './settings';

const MAX_REDIRECTS = 3;
const USER_AGENT = 'Causerie-Webmention/1.0 (+https://www.w3.org/TR/webmention/)';

/** blocked: a private address, or a name that does not exist; dns_unavailable: the resolver failed, try later. */
export type FetchFailure =
  | 'blocked'
  | 'dns_unavailable'
  | 'timeout'
  | 'too_large'
  | 'network'
  | 'too_many_redirects'
  | 'unsupported_type';

export type FetchOutcome =
  | {
      ok: true;
      /** The URL finally answered, after redirects. */
      url: URL;
      status: number;
      headers: Headers;
      /** The body, for a 2xx answer of an accepted type; empty otherwise. */
      text: string;
    }
  | { ok: false; failure: FetchFailure };

export interface FetchOptions {
  method?: 'GET' | 'POST';
  form?: URLSearchParams;
  /** Media types whose body is read (GET); another type of 2xx answer fails with unsupported_type. */
  accept?: readonly string[];
  /** Answer another type with an empty body instead (its headers may still matter). */
  otherTypes?: 'fail' | 'headers-only';
}

export const PAGE_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain'] as const;

export async function fetchOutside(
  start: URL,
  settings: WebmentionSettings,
  options: FetchOptions = {},
): Promise<FetchOutcome> {
  const signal = AbortSignal.timeout(settings.timeoutMs);
  const method = options.method ?? 'GET';
  let url = start;
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const refusal = await refusalOf(url, settings, signal);
      if (refusal) return { ok: false, failure: refusal };
      const response = await fetch(url, {
        method,
        redirect: 'manual',
        signal,
        headers: {
          'user-agent': USER_AGENT,
          accept: options.accept ? `${options.accept.join(', ')};q=0.9, */*;q=0.1` : '*/*',
          ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: options.form?.toString(),
      });
      const location = response.headers.get('location');
      // A POST is not repeated elsewhere: its answer is the outcome.
      if (method === 'GET' && response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        const next = parseHttpUrl(resolve(location, url) ?? '');
        if (!next) return { ok: false, failure: 'blocked' };
        url = next;
        continue;
      }
      if (response.status < 200 || response.status >= 300 || !options.accept) {
        await response.body?.cancel();
        return { ok: true, url, status: response.status, headers: response.headers, text: '' };
      }
      const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!options.accept.includes(type)) {
        await response.body?.cancel();
        if (options.otherTypes === 'headers-only') {
          return { ok: true, url, status: response.status, headers: response.headers, text: '' };
        }
        return { ok: false, failure: 'unsupported_type' };
      }
      const text = await readCapped(response, settings.maxBytes);
      if (text === null) return { ok: false, failure: 'too_large' };
      return { ok: true, url, status: response.status, headers: response.headers, text };
    }
    return { ok: false, failure: 'too_many_redirects' };
  } catch (error) {
    if (signal.aborted) return { ok: false, failure: 'timeout' };
    console.warn('Webmention: fetch failed', url.href, error);
    return { ok: false, failure: 'network' };
  }
}

/** Why `url` may not be fetched, or null when it may. */
async function refusalOf(url: URL, settings: WebmentionSettings, signal: AbortSignal): Promise<FetchFailure | null> {
  if (isPrivateHost(url.hostname)) return 'blocked';
  if (!settings.dohUrl) return null;
  const verdict = await checkHostAddresses(url.hostname, settings.dohUrl, signal);
  if (verdict === 'public') return null;
  if (signal.aborted) return 'timeout';
  return verdict === 'unavailable' ? 'dns_unavailable' : 'blocked';
}

function resolve(reference: string, base: URL): string | null {
  try {
    return new URL(reference, base).href;
  } catch {
    return null;
  }
}

/** The body as text, or null as soon as it passes `limit` bytes (a declared length says so before reading). */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    return null;
  }
  const bytes = await readBytesAtMost(response.body, limit);
  return bytes && decoderFor(response.headers.get('content-type') ?? '').decode(bytes);
}

function decoderFor(contentType: string): TextDecoder {
  const charset = /charset="?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset);
  } catch {
    return new TextDecoder('utf-8');
  }
}
