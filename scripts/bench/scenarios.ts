// The benchmark's scenarios: what one round of each measures, and the checks
// that say whether its figures are what they claim (a cached page answered
// from the cache, an uncached one rendered, every comment stored).
import type { LoadOptions, LoadResult } from './load.ts';
import { runLoad } from './load.ts';
import type { Blog } from './runtime.ts';
import { CONNECTIONS, SECONDS, WARMUP } from './settings.ts';

export type Kind = 'static' | 'cached' | 'uncached' | 'post' | 'probe';

export interface RoundFigure extends LoadResult {
  /** What Server-Timing said before the run (HIT, MISS, BYPASS), "static" or "-". */
  cache: string;
  /** Why the figures cannot be trusted, if they cannot. */
  problem: string | null;
}

export interface Scenario {
  id: string;
  /** "small" or "large"; "-" for the static file and the probes, which read no blog data. */
  dataset: string;
  label: string;
  kind: Kind;
  method: 'GET' | 'POST';
  path: string;
  run: () => Promise<RoundFigure>;
}

export async function get(blog: Blog, path: string, init: RequestInit = {}) {
  const response = await fetch(new URL(path, blog.url), { redirect: 'manual', ...init });
  const body = new Uint8Array(await response.arrayBuffer());
  const timing = response.headers.get('server-timing') ?? '';
  const cache = /(?:^|,)\s*cache;desc="?([A-Za-z]+)"?/.exec(timing)?.[1]?.toUpperCase() ?? null;
  return { status: response.status, body, cache };
}

type Extra = Partial<Omit<LoadOptions, 'url' | 'path'>>;

const load = (blog: Blog, path: string, extra: Extra = {}) =>
  runLoad({ url: blog.url, path, expectStatus: 200, connections: CONNECTIONS, seconds: SECONDS, ...extra });

const warmUp = (blog: Blog, path: string, extra: Extra = {}) => load(blog, path, { ...extra, seconds: WARMUP });

/** A page, a probe: GET, with Server-Timing read before and after to prove where the answers came from. */
export function pageScenario(
  blog: Blog,
  base: Omit<Scenario, 'run' | 'method'> & { kind: 'cached' | 'uncached' | 'probe' },
  expectHit = base.kind === 'cached',
): Scenario {
  const run = async (): Promise<RoundFigure> => {
    await get(blog, base.path);
    await warmUp(blog, base.path);
    const before = await get(blog, base.path);
    const result = await load(blog, base.path);
    const after = await get(blog, base.path);
    let problem: string | null = null;
    const seen = [before.cache, after.cache].map((outcome) => outcome ?? 'no cache entry in Server-Timing');
    if (expectHit && (before.cache !== 'HIT' || after.cache !== 'HIT')) {
      problem = `expected Server-Timing cache;desc="HIT" before and after the run, got ${seen.join(' / ')}: these are NOT cached figures`;
    }
    if (base.kind === 'uncached' && (before.cache === 'HIT' || after.cache === 'HIT')) {
      problem = `EDGE_CACHE = "off" still answered from a cache (${seen.join(' / ')})`;
    }
    if (before.status !== 200) problem = `answered ${before.status}`;
    return { ...result, cache: before.cache ?? '-', problem };
  };
  return { ...base, method: 'GET', run };
}

/** The baseline: the article page's bytes as a static asset, which the Worker never sees. */
export function staticScenario(blog: Blog, path: string, expectedBytes: number): Scenario {
  const run = async (): Promise<RoundFigure> => {
    const check = await get(blog, path);
    let problem: string | null = null;
    if (check.status !== 200 || check.body.byteLength !== expectedBytes || check.cache !== null) {
      problem = `${path} answered ${check.status} with ${check.body.byteLength} bytes${check.cache ? ` from the Worker (${check.cache})` : ''}, not the ${expectedBytes}-byte static file`;
    }
    await warmUp(blog, path);
    return { ...(await load(blog, path)), cache: 'static', problem };
  };
  return { id: 'static', dataset: '-', label: 'static file (baseline)', kind: 'static', method: 'GET', path, run };
}

/** Comment POSTs, each from its own address with its own text, answered 303 when accepted; across rounds too. */
export function postScenario(blog: Blog, article: string, dataset: string, siteverifyCalls: () => number): Scenario {
  const path = `${article}/comments`;
  let sequence = 0;
  const makeRequest = () => {
    const n = sequence++;
    const form = new URLSearchParams({
      author: `Visiteuse ${n}`,
      email: `visiteuse-${n}@example.org`,
      url: '',
      body: `Commentaire de charge n° ${n} : merci pour cet article, il m’a fait réfléchir.`,
      'cf-turnstile-response': `bench-token-${n}`,
    });
    return {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        'cf-connecting-ip': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      },
      body: form.toString(),
    };
  };
  const post = { method: 'POST' as const, expectStatus: 303, makeRequest };
  const stored = async () => {
    const db = await blog.mf.getD1Database('DB');
    const row = await db
      .prepare("SELECT count(*) AS n FROM comments WHERE author_email LIKE 'visiteuse-%'")
      .first<{ n: number }>();
    return row?.n ?? 0;
  };
  const run = async (): Promise<RoundFigure> => {
    const first = makeRequest();
    const check = await get(blog, path, { method: 'POST', headers: first.headers, body: first.body });
    await warmUp(blog, path, post);
    const callsBefore = siteverifyCalls();
    const storedBefore = await stored();
    const result: LoadResult = await load(blog, path, post);
    const verified = siteverifyCalls() - callsBefore;
    const written = (await stored()) - storedBefore;
    let problem: string | null = null;
    if (check.status !== 303) problem = `a comment POST answered ${check.status}, not 303`;
    else if (verified < result.requests) problem = `only ${verified} siteverify calls for ${result.requests} comments`;
    else if (written < result.requests) problem = `only ${written} comments stored for ${result.requests} answers 303`;
    return { ...result, cache: '-', problem };
  };
  return { id: `comment-post-${dataset}`, dataset, label: 'comment POST', kind: 'post', method: 'POST', path, run };
}
