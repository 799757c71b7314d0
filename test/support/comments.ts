// Posting the comment form as a browser would, from a fresh IP address each
// time unless the test says otherwise (the rate limiter counts per IPv4
// address or IPv6 /64, so each fresh address is in a /64 of its own).
import { env, SELF } from 'cloudflare:test';
import { callWorker } from './worker';

let counter = 0;
export function freshIp(): string {
  counter++;
  const random = crypto.randomUUID();
  return `2001:db8:${random.slice(0, 4)}:${random.slice(4, 8)}::${counter.toString(16)}`;
}

/** Another address in the same IPv6 /64 as `ip` (a freshIp()), as one subscriber's devices would have. */
export function sameSubnetIp(ip: string, host: number): string {
  return `${ip.slice(0, ip.indexOf('::'))}:${host.toString(16)}:${(host * 7).toString(16)}:1:2`;
}

export interface PostOptions {
  ip?: string;
  headers?: Record<string, string>;
  cookie?: string;
}

/** The comment form's fields as a browser sends them: defaults, then `fields`; a list repeats its field (ticked boxes). */
export function commentFormBody(fields: Record<string, string | string[]> = {}): URLSearchParams {
  const body = new URLSearchParams({
    author: 'Camille Martin',
    email: 'camille@example.org',
    url: '',
    body: 'Un commentaire.',
    parent_id: '',
    'cf-turnstile-response': 'pass',
  });
  for (const [name, value] of Object.entries(fields)) {
    body.delete(name);
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  }
  return body;
}

/** The form posted through the Worker with [vars] of this call only (callWorker), from a fresh address. */
export function postCommentWith(
  slug: string,
  fields: Record<string, string | string[]>,
  vars: Record<string, unknown> = {},
) {
  return callWorker(`/${slug}/comments`, {
    env: vars,
    init: {
      method: 'POST',
      body: commentFormBody(fields),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'cf-connecting-ip': freshIp(),
        'sec-fetch-site': 'same-origin',
      },
    },
  });
}

export function postComment(slug: string, fields: Record<string, string> = {}, options: PostOptions = {}) {
  const body = commentFormBody(fields);
  return SELF.fetch(
    new Request(`http://localhost:8787/${slug}/comments`, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'cf-connecting-ip': options.ip ?? freshIp(),
        'sec-fetch-site': 'same-origin',
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...options.headers,
      },
    }),
  );
}

export interface StoredComment {
  id: number;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  author_url: string | null;
  body: string;
  status: string;
  held_reason: string | null;
  turnstile_verified: number;
  ip_hash: string | null;
}

export async function storedComment(id: number): Promise<StoredComment | null> {
  return env.DB.prepare('SELECT * FROM comments WHERE id = ?1').bind(id).first<StoredComment>();
}

export async function commentsByEmail(email: string): Promise<StoredComment[]> {
  const { results } = await env.DB.prepare('SELECT * FROM comments WHERE author_email = ?1 ORDER BY id')
    .bind(email)
    .all<StoredComment>();
  return results;
}

export function commentIdFrom(response: Response): number {
  const match = /#comment-(\d+)$/.exec(response.headers.get('location') ?? '');
  if (!match) throw new Error(`no comment anchor in ${response.headers.get('location')}`);
  return Number(match[1]);
}

export async function approve(id: number): Promise<void> {
  await env.DB.prepare("UPDATE comments SET status = 'approved' WHERE id = ?1").bind(id).run();
}

/** The Set-Cookie of a response, as the Cookie header a browser would send back. */
export function cookieFrom(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
