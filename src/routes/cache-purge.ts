// POST /_causerie/cache/purge — how the command-line tools (which write to D1
// through wrangler, outside the Worker) make their changes visible at once.
// Authorised by the CACHE_PURGE_TOKEN secret; without it the endpoint does not exist.
import type { IRequest } from 'itty-router';
import { purgeCachedPages } from '../cache/purge';
import { errorPage } from './respond';

const MAX_TAGS = 100;

export async function cachePurgeRoute(request: IRequest, env: Env, ctx: ExecutionContext): Promise<Response> {
  const token = env.CACHE_PURGE_TOKEN ?? '';
  if (!token) return errorPage(env, 404);
  const given = (request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  if (!(await sameSecret(given, token))) return json({ error: 'unauthorised' }, 401);
  let tags: unknown;
  try {
    tags = ((await request.json()) as { tags?: unknown }).tags;
  } catch {
    return json({ error: 'the body must be JSON: {"tags": ["home", …]}' }, 400);
  }
  if (
    !Array.isArray(tags) ||
    tags.length === 0 ||
    tags.length > MAX_TAGS ||
    tags.some((tag) => typeof tag !== 'string' || !/^[a-z0-9:_-]{1,100}$/.test(tag))
  ) {
    return json({ error: `tags must be 1 to ${MAX_TAGS} names of letters, digits, ":", "_" or "-"` }, 422);
  }
  return json(await purgeCachedPages(env, ctx, tags as string[]), 200);
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** Compares digests, so the time taken says nothing about the secret. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = async (text: string) =>
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}
