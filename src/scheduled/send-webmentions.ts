// Sending Webmentions, a little every minute. First the articles published or
// changed since the last run (webmention_scans, queued by triggers on
// articles) have their outbound links compared with what was notified: new
// links and removed ones become pending sends, so a re-publish with the same
// links sends nothing. Then a few pending sends are tried: discover the
// page's endpoint, POST source and target. A fetch that fails or a busy
// receiver is tried again later, a bounded number of times.
import { readSettings } from '../config';
import {
  type DueScan,
  dropScan,
  listDueScans,
  listPendingSends,
  listSendsOfArticle,
  type PendingSend,
  recordArticleLinks,
  recordSendOutcome,
  type SendOutcome,
} from '../db/webmention-sends';
import { articlePath } from '../views/layout';
import { isPrivateHost, MAX_URL_LENGTH, parseHttpUrl } from '../webmention/address';
import { deliverWebmention, discoverEndpoint } from '../webmention/discover';
import { scanHtml } from '../webmention/html-scan';
import { readWebmentionSettings, type WebmentionSettings } from '../webmention/settings';

/** Work per run: each send may take two fetches of WEBMENTION_TIMEOUT_MS at most. */
export const SCANS_PER_RUN = 5;
export const SENDS_PER_RUN = 5;
/** Links of one article considered (a D1 batch holds them all). */
const MAX_LINKS = 90;
export const MAX_ATTEMPTS = 3;
/** Wait before attempt n+1: 5 minutes, then 10. */
const RETRY_DELAY_SECONDS = 300;

export interface SendRun {
  scanned: string[];
  /** "target: outcome" for each send tried. */
  tried: string[];
}

export async function sendWebmentions(env: Env, now: number): Promise<SendRun> {
  const settings = readWebmentionSettings(env);
  if (!settings.send) return { scanned: [], tried: [] };
  const baseUrl = readSettings(env).baseUrl;
  const scanned: string[] = [];
  for (const scan of await listDueScans(env.DB, now, SCANS_PER_RUN)) {
    await scanArticle(env.DB, scan, baseUrl, now);
    scanned.push(scan.slug);
  }
  const tried: string[] = [];
  for (const send of await listPendingSends(env.DB, now, SENDS_PER_RUN)) {
    const result = await trySend(send, baseUrl, settings, now);
    await recordSendOutcome(env.DB, send, result, now);
    tried.push(`${send.target_url}: ${result.outcome}`);
  }
  if (tried.length > 0) console.log(`Webmentions sent: ${tried.join('; ')}`);
  return { scanned, tried };
}

async function scanArticle(db: D1Database, scan: DueScan, baseUrl: string, now: number): Promise<void> {
  // A protected article's page shows none of its links: a mention could not be verified, and would tell of it.
  if (scan.status !== 'published' || scan.protected) return dropScan(db, scan);
  const links = await outboundLinks(scan.body_html, `${baseUrl}${articlePath(scan.slug)}`, new URL(baseUrl).origin);
  const known = await listSendsOfArticle(db, scan.article_id);
  const linkedBefore = new Set(known.filter((row) => row.link_state === 'linked').map((row) => row.target_url));
  const linked = links.filter((link) => !linkedBefore.has(link));
  const removed = [...linkedBefore].filter((link) => !links.includes(link)).slice(0, MAX_LINKS);
  await recordArticleLinks(db, scan, { linked, removed }, now);
}

/** The article's links to other sites, fragments dropped, each once, in order. */
export async function outboundLinks(bodyHtml: string, articleUrl: string, ownOrigin: string): Promise<string[]> {
  const links = new Set<string>();
  await scanHtml(bodyHtml, {
    open(name, attributes) {
      const href = attributes.get('href');
      if (name !== 'a' || href === undefined || links.size >= MAX_LINKS) return;
      let url: URL | null;
      try {
        url = parseHttpUrl(new URL(href.trim(), articleUrl).href);
      } catch {
        url = null;
      }
      if (!url || url.origin === ownOrigin || isPrivateHost(url.hostname)) return;
      url.hash = '';
      if (url.href.length <= MAX_URL_LENGTH) links.add(url.href);
    },
  });
  return [...links];
}

async function trySend(send: PendingSend, baseUrl: string, settings: WebmentionSettings, now: number) {
  const attempts = send.attempts + 1;
  const final = (outcome: SendOutcome['outcome'], endpoint: string | null = null): SendOutcome => ({
    outcome,
    endpoint,
    attempts,
    nextAttemptAt: now,
  });
  const again = (endpoint: string | null = null): SendOutcome =>
    attempts >= MAX_ATTEMPTS
      ? final('failed', endpoint)
      : { outcome: 'pending', endpoint, attempts, nextAttemptAt: now + RETRY_DELAY_SECONDS * 2 ** (attempts - 1) };
  const target = parseHttpUrl(send.target_url);
  if (!target) return final('failed');
  const discovery = await discoverEndpoint(target, settings);
  if ('failure' in discovery) return discovery.failure === 'blocked' ? final('failed') : again();
  if (!discovery.endpoint) return final('no_endpoint');
  const endpoint = discovery.endpoint.href;
  const source = `${baseUrl}${articlePath(send.slug)}`;
  const delivery = await deliverWebmention(discovery.endpoint, source, send.target_url, settings);
  if (delivery.outcome === 'sent') return final('sent', endpoint);
  if (delivery.outcome === 'retry') return again(endpoint);
  return final('failed', endpoint);
}
