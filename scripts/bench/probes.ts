// Runtime probes: a Worker that does nothing but the least each blog scenario
// needs, with the article page's bytes, on the same runtime and the same
// assets set-up. They say how close to the static file the runtime lets any
// Worker come, so a missed ratio can be told apart from a slow blog.
import { type Blog, startLoopbackWorker } from './runtime.ts';

export const PROBES = [
  { id: 'probe-memory', path: '/__probe/memory', label: 'probe: bytes from memory' },
  { id: 'probe-cache-api', path: '/__probe/cache-api', label: 'probe: bare Cache API hit' },
  { id: 'probe-d1', path: '/__probe/d1', label: 'probe: 1 D1 query + memory' },
  // What the blog's pages do: reads in a Sessions API session (replicas). Local
  // D1 then fetches a bookmark for every round trip: the floor of any render.
  { id: 'probe-d1-session', path: '/__probe/d1-session', label: 'probe: 1 D1 session query' },
] as const;

const PROBE_WORKER = `
const headers = { 'content-type': 'text/html; charset=utf-8' };
export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/__probe/memory') return new Response(env.PAGE, { headers });
    if (pathname === '/__probe/cache-api') {
      const cache = await caches.open('probe');
      const key = 'https://probe.example/page';
      const hit = await cache.match(key);
      if (hit) {
        const answer = new Response(hit.body, hit);
        answer.headers.set('server-timing', 'cache;desc="HIT"');
        return answer;
      }
      await cache.put(key, new Response(env.PAGE, { headers: { ...headers, 'cache-control': 'public, max-age=86400' } }));
      return new Response(env.PAGE, { headers: { ...headers, 'server-timing': 'cache;desc="MISS"' } });
    }
    if (pathname === '/__probe/d1') {
      await env.DB.prepare('SELECT 1 AS one').first();
      return new Response(env.PAGE, { headers });
    }
    if (pathname === '/__probe/d1-session') {
      await env.DB.withSession('first-unconstrained').prepare('SELECT 1 AS one').first();
      return new Response(env.PAGE, { headers });
    }
    return new Response('not found', { status: 404 });
  },
};`;

export async function startProbes(options: {
  page: Uint8Array;
  stateDir: string;
  assetsDir: string;
  compatibilityDate: string;
}): Promise<Blog> {
  return startLoopbackWorker({
    name: 'probe',
    script: PROBE_WORKER,
    stateDir: options.stateDir,
    assetsDir: options.assetsDir,
    compatibilityDate: options.compatibilityDate,
    extra: {
      d1Databases: { DB: 'probe' },
      bindings: { PAGE: new TextDecoder().decode(options.page) },
    },
  });
}
