// Sending a Webmention (W3C Recommendation, section 3.1): find the receiver's
// endpoint — the first HTTP Link header with rel="webmention", else the first
// <link> or <a> element with rel="webmention" in document order — resolved
// against the page's URL after redirects, then POST source and target to it.
import { parseHttpUrl } from './address';
import { type FetchFailure, fetchOutside } from './fetch';
import { scanHtml, tokens } from './html-scan';
import type { WebmentionSettings } from './settings';

export type Discovery = { endpoint: URL } | { endpoint: null } | { failure: FetchFailure };

export async function discoverEndpoint(target: URL, settings: WebmentionSettings): Promise<Discovery> {
  const page = await fetchOutside(target, settings, {
    accept: ['text/html', 'application/xhtml+xml'],
    otherTypes: 'headers-only',
  });
  if (!page.ok) return { failure: page.failure };
  const href = endpointInLinkHeader(page.headers.get('link') ?? '') ?? (await endpointInHtml(page.text));
  if (href === null) return { endpoint: null };
  let endpoint: URL | null = null;
  try {
    endpoint = parseHttpUrl(new URL(href, page.url).href);
  } catch {
    endpoint = null;
  }
  return { endpoint };
}

/** The first URL of a Link header whose rel list holds "webmention". */
export function endpointInLinkHeader(header: string): string | null {
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    for (const parameter of (match[2] ?? '').split(';')) {
      const rel = /^\s*rel\s*=\s*(?:"([^"]*)"|([^\s"]+))\s*$/i.exec(parameter);
      if (rel && tokens(rel[1] ?? rel[2]).includes('webmention')) return match[1] ?? '';
    }
  }
  return null;
}

/** The href of the first <link> or <a> with rel="webmention" ("" stands for the page itself). */
export async function endpointInHtml(html: string): Promise<string | null> {
  let found: string | null = null;
  await scanHtml(html, {
    open(name, attributes) {
      if (found !== null || (name !== 'link' && name !== 'a')) return;
      const href = attributes.get('href');
      if (href !== undefined && tokens(attributes.get('rel')).includes('webmention')) found = href;
    },
  });
  return found;
}

export type Delivery =
  | { outcome: 'sent' }
  | { outcome: 'refused'; status: number }
  | { outcome: 'retry'; reason: string };

/** Notifies `endpoint` that `source` mentions (or no longer mentions) `target`. */
export async function deliverWebmention(
  endpoint: URL,
  source: string,
  target: string,
  settings: WebmentionSettings,
): Promise<Delivery> {
  const answer = await fetchOutside(endpoint, settings, {
    method: 'POST',
    form: new URLSearchParams({ source, target }),
  });
  if (!answer.ok)
    return answer.failure === 'blocked'
      ? { outcome: 'refused', status: 0 }
      : { outcome: 'retry', reason: answer.failure };
  if (answer.status >= 200 && answer.status < 300) return { outcome: 'sent' };
  // The receiver may be busy (429, 5xx): later. Any other answer is its final word.
  if (answer.status === 429 || answer.status >= 500) return { outcome: 'retry', reason: `http_${answer.status}` };
  return { outcome: 'refused', status: answer.status };
}
