// Runtime probes: a Worker that does nothing but the least each blog scenario
// needs, with the article page's bytes, on the same runtime and the same
// assets set-up. They say how close to the static file the runtime lets any
// Worker come, so a missed ratio can be told apart from a slow blog.
//
// The same Worker times the comment form's D1 write from inside workerd:
// the Worker's own insertComment (src/db/comments.ts, bundled here), in a
// write session as the form opens it, on a copy of the blog's D1. A Worker's
// clock moves across I/O, so each figure is that batch's round trip.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Blog, startLoopbackWorker } from './runtime.ts';
import { REFERENCE_SLUG } from './seed.ts';

export const SESSION_PROBE = 'probe-d1-session';
export const ARTICLE_READS_PROBE = 'probe-article-reads';
const HOME_READS_PROBE = 'probe-home-reads';

export const PROBES = [
  { id: 'probe-memory', path: '/__probe/memory', label: 'probe: bytes from memory' },
  { id: 'probe-cache-api', path: '/__probe/cache-api', label: 'probe: bare Cache API hit' },
  { id: 'probe-d1', path: '/__probe/d1', label: 'probe: 1 D1 query + memory' },
  // What the blog's pages do: reads in a Sessions API session (replicas). Local
  // D1 then fetches a bookmark for every round trip: the floor of any render,
  // and so the line uncached renders are held to.
  { id: SESSION_PROBE, path: '/__probe/d1-session', label: 'probe: 1 D1 session query' },
  // The blog's own reads of a page (src/db/, the menu included), in a session,
  // then the page's bytes with no rendering: the most an uncached render of
  // that page could reach, whatever its Worker-side code did.
  { id: ARTICLE_READS_PROBE, path: '/__probe/article-reads', label: 'probe: the article’s D1 reads, no render' },
  { id: HOME_READS_PROBE, path: '/__probe/home-reads', label: 'probe: the home’s D1 reads, no render' },
] as const;

/** Run in every bench, whatever BENCH_PROBES says: the render lines are read against them. */
export const ALWAYS_RUN_PROBES: readonly string[] = [SESSION_PROBE, ARTICLE_READS_PROBE, HOME_READS_PROBE];

const PROBE_WORKER = `
import { getPublishedArticlePage, listPublishedArticles } from './src/db/articles.ts';
import { insertComment } from './src/db/comments.ts';
import { withMenu } from './src/db/menu.ts';
import { formatComment } from './src/comments/format.ts';

const headers = { 'content-type': 'text/html; charset=utf-8' };
const BODY = 'Commentaire de charge : merci pour cet article, il m’a fait réfléchir.';

/**
 * n comment writes one after the other, as the form makes them for the
 * benchmark's POSTs (pending: a first comment). The Worker clock ticks in
 * whole milliseconds, so the loop is timed as a whole: its mean per write.
 */
async function timeCommentWrites(env, n) {
  const article = await env.DB.prepare('SELECT id FROM articles WHERE slug = ?1').bind(${JSON.stringify(REFERENCE_SLUG)}).first();
  if (!article) return new Response('no reference article in this D1', { status: 500 });
  const formatted = formatComment(BODY);
  const comments = Array.from({ length: n }, (_, i) => ({
    articleId: article.id, parentId: null, author: 'Visiteuse ' + i, email: 'probe-' + i + '@example.org',
    url: null, body: BODY, formatted, status: 'pending', heldReason: 'first_comment',
    turnstileVerified: true, ipHash: 'probe-ip-hash', createdAt: Math.floor(Date.now() / 1000),
  }));
  const start = performance.now();
  for (const comment of comments) {
    const written = await insertComment(env.DB.withSession('first-primary'), comment, []);
    if (written.id === null) return new Response('the guarded insert refused the comment', { status: 500 });
  }
  return Response.json({ meanMs: (performance.now() - start) / n });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const pathname = url.pathname;
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
    if (pathname === '/__probe/article-reads' || pathname === '/__probe/home-reads') {
      const now = Math.floor(Date.now() / 1000);
      const db = withMenu(env.DB.withSession('first-unconstrained'), now);
      const read = pathname === '/__probe/article-reads'
        ? await getPublishedArticlePage(db, ${JSON.stringify(REFERENCE_SLUG)}, now, { page: 1, perPage: Number(env.COMMENTS_PER_PAGE) })
        : await listPublishedArticles(db, { page: 1, pageSize: Number(env.PAGE_SIZE), now });
      if (!read || db.menu() === undefined) return new Response('the reads found no page', { status: 500 });
      return new Response(env.PAGE, { headers });
    }
    if (pathname === '/__probe/comment-write') return timeCommentWrites(env, Number(url.searchParams.get('n') ?? 1));
    return new Response('not found', { status: 404 });
  },
};`;

async function bundleProbeWorker(): Promise<string> {
  const built = await build({
    stdin: { contents: PROBE_WORKER, resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return built.outputFiles[0]?.text ?? '';
}

/** The probes, on stateDir: a copy of a seeded blog's state (its D1 is "bench", as the blog's). */
export async function startProbes(options: {
  page: Uint8Array;
  /** The blog's page sizes, as its [vars] set them for this run. */
  pageSizes: { COMMENTS_PER_PAGE: number; PAGE_SIZE: number };
  stateDir: string;
  assetsDir: string;
  compatibilityDate: string;
}): Promise<Blog> {
  return startLoopbackWorker({
    name: 'probe',
    script: await bundleProbeWorker(),
    stateDir: options.stateDir,
    assetsDir: options.assetsDir,
    compatibilityDate: options.compatibilityDate,
    extra: {
      d1Databases: { DB: 'bench' },
      bindings: { PAGE: new TextDecoder().decode(options.page), ...options.pageSizes },
    },
  });
}

/** The mean milliseconds of n comment writes in a row, timed inside the probe Worker. */
export async function timeCommentWrites(probes: Blog, n: number): Promise<number> {
  const response = await fetch(new URL(`/__probe/comment-write?n=${n}`, probes.url));
  if (!response.ok) throw new Error(`the comment-write probe answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { meanMs: number }).meanMs;
}
