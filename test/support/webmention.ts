// Sending Webmentions and trackbacks to the Worker as another site would, and
// setting up that site's pages in the outbound stub (source-sites.ts).
import { env } from 'cloudflare:test';
import { freshIp } from './comments';
import type { RecordedRequest, StubPage } from './source-sites.ts';
import { callWorker } from './worker';

export const BLOG = 'http://localhost:8787';

let counter = 0;
/** A path no other test uses, on the stand-in site. */
export function uniquePath(name = 'post'): string {
  counter++;
  return `/${name}-${crypto.randomUUID().slice(0, 8)}-${counter}`;
}

/** Makes https://<host><path> serve `page` (HTML by default). */
export async function stubPage(url: string, page: StubPage): Promise<void> {
  const { host, pathname, search } = new URL(url);
  const response = await fetch(`https://${host}/__stub/page?path=${encodeURIComponent(pathname + search)}`, {
    method: 'PUT',
    body: JSON.stringify(page),
  });
  if (response.status !== 204) throw new Error(`stub refused the page: ${response.status}`);
}

/** An HTML page that links to `target`, with microformats when `entry` is given. */
export function pageLinkingTo(target: string, entry?: { title?: string; author?: string; summary?: string }): string {
  if (!entry) return `<!doctype html><title>Un billet</title><p>Lire <a href="${target}">cet article</a>.</p>`;
  return `<!doctype html><html><head><title>Site title</title></head><body>
<article class="h-entry">
<h1 class="p-name">${entry.title ?? ''}</h1>
<a class="p-author h-card" href="/about"><span class="p-name">${entry.author ?? ''}</span></a>
<p class="p-summary">${entry.summary ?? ''}</p>
<div class="e-content"><p>Voir <a href="${target}">cet article</a>.</p></div>
</article></body></html>`;
}

export function postForm(
  path: string,
  fields: Record<string, string>,
  options: { ip?: string; env?: Record<string, unknown>; cache?: CacheContext; contentType?: string } = {},
): Promise<Response> {
  return callWorker(path, {
    env: options.env,
    cache: options.cache,
    init: {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: {
        'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
        'cf-connecting-ip': options.ip ?? freshIp(),
      },
    },
  });
}

/** POST /webmention; verification (ctx.waitUntil) has finished when this resolves. */
export function sendWebmention(
  source: string,
  target: string,
  options: Parameters<typeof postForm>[2] = {},
): Promise<Response> {
  return postForm('/webmention', { source, target }, options);
}

export interface StoredMention {
  id: number;
  article_id: number;
  kind: string;
  source_url: string;
  target_url: string;
  status: string;
  verification: string;
  author_name: string | null;
  author_url: string | null;
  title: string | null;
  excerpt: string | null;
  verified_at: number | null;
}

export function storedMention(source: string): Promise<StoredMention | null> {
  return env.DB.prepare('SELECT * FROM mentions WHERE source_url = ?1').bind(source).first<StoredMention>();
}

export async function setMentionStatus(id: number, status: string): Promise<void> {
  await env.DB.prepare('UPDATE mentions SET status = ?2 WHERE id = ?1').bind(id, status).run();
}

/** What the stand-in site at `host` received, oldest first. */
export async function receivedBy(host: string): Promise<RecordedRequest[]> {
  return (await (await fetch(`https://${host}/__stub/requests`)).json()) as RecordedRequest[];
}
