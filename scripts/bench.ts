// npm run bench: the Worker as deployed (wrangler's bundle), in local workerd
// through Miniflare on a loopback port, driven by autocannon. Compares a
// static file served by the same runtime with cached and uncached pages and
// the comment POST, on a small blog and on a large one (10,000 articles, a
// 1,000-comment thread), and checks the README's targets. Prints a table,
// writes bench-results.json, exits 1 when a target is missed.
// Settings (environment): BENCH_DURATION (seconds per scenario, 6),
// BENCH_CONNECTIONS (10), BENCH_WARMUP (seconds, 1), BENCH_PROBES (0: skip
// the runtime probes, see bench/probes.ts), BENCH_DATASETS
// ("small,large"), BENCH_SMALL_ARTICLES (50), BENCH_LARGE_ARTICLES (10000),
// BENCH_SMALL_COMMENTS (20), BENCH_LARGE_COMMENTS (1000), BENCH_VARS (a JSON
// object of [vars] to change from wrangler.toml's, e.g. '{"COMMENTS_PER_PAGE":20}').
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
import { unstable_readConfig } from 'wrangler';
import { type LoadResult, runLoad } from './bench/load.ts';
import { PROBES, startProbes } from './bench/probes.ts';
import { describeMachine, fixed, kib, machine, table } from './bench/report.ts';
import { type Blog, startBlog } from './bench/runtime.ts';
import { applyMigrations, type DataSetSpec, REFERENCE_SLUG, type Seeded, seedDataSet } from './bench/seed.ts';
import { bundleWorker, WORKER_GZIP_BUDGET_BYTES } from './bundle.ts';
import { startSiteverifyStandIn } from './turnstile/siteverify-stand-in.ts';

const setting = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const SECONDS = setting('BENCH_DURATION', 6);
const CONNECTIONS = Math.round(setting('BENCH_CONNECTIONS', 10));
const WARMUP = setting('BENCH_WARMUP', 1);
const RUN_PROBES = process.env.BENCH_PROBES !== '0';
const DATASETS = (process.env.BENCH_DATASETS ?? 'small,large').split(',').map((name) => name.trim());
for (const name of DATASETS) {
  if (name !== 'small' && name !== 'large') throw new Error(`BENCH_DATASETS: "${name}" is neither small nor large`);
}
const SPECS: DataSetSpec[] = [
  {
    name: 'small',
    articles: Math.round(setting('BENCH_SMALL_ARTICLES', 50)),
    comments: Math.round(setting('BENCH_SMALL_COMMENTS', 20)),
  },
  {
    name: 'large',
    articles: Math.round(setting('BENCH_LARGE_ARTICLES', 10_000)),
    comments: Math.round(setting('BENCH_LARGE_COMMENTS', 1000)),
  },
];

const VARS = parseVars(process.env.BENCH_VARS);

function parseVars(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  const vars: unknown = JSON.parse(json);
  if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) {
    throw new Error('BENCH_VARS must be a JSON object, e.g. {"COMMENTS_PER_PAGE":20}');
  }
  return vars as Record<string, unknown>;
}

const TARGETS = {
  /** Cached pages: requests/s at least this share of the static file's. */
  cachedRatio: 0.9,
  /** Uncached renders: requests/s at least this share of the static file's. */
  uncachedRatio: 0.5,
  /** Large data set at most this many times slower (requests/s) than the small one. */
  scaling: 2,
  bundleGzipBytes: WORKER_GZIP_BUDGET_BYTES,
  articleHtmlBytes: 30 * 1024,
};

const ARTICLE = `/${REFERENCE_SLUG}`;
/** Where the baseline copy of the article page lives among the static assets (never a slug: "_"). */
const STATIC_FILE = '__bench/article.html';
const STATIC_PATH = '/__bench/article';
const RESULTS = fileURLToPath(new URL('../bench-results.json', import.meta.url));

type Kind = 'static' | 'cached' | 'uncached' | 'post' | 'probe';

interface Scenario {
  id: string;
  dataset: DataSetSpec['name'];
  label: string;
  method: 'GET' | 'POST';
  path: string;
  kind: Kind;
  result: LoadResult;
  /** What the warm-up request's Server-Timing said (HIT, MISS, BYPASS), or "static". */
  cache: string;
  /** Why the figures cannot be trusted, if they cannot. */
  problem: string | null;
}

interface DataSetRun {
  spec: DataSetSpec;
  seeded: Seeded;
  articleHtml: Uint8Array;
  articleHtmlBytes: number;
  homeHtmlBytes: number;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'causerie-bench-'));
  const config = unstable_readConfig({});
  const blogHostname = new URL(String((config.vars as Record<string, unknown>).BLOG_URL)).hostname;
  const siteverify = await startSiteverifyStandIn(blogHostname);
  try {
    const bundle = bundleWorker(join(work, 'dist'));
    console.log(`Worker bundle: ${kib(bundle.bytes)}, ${kib(bundle.gzipBytes)} gzipped.`);
    const assetsDir = join(work, 'assets');
    cpSync('public', assetsDir, { recursive: true });
    const migrations = await readD1Migrations('migrations');

    const scenarios: Scenario[] = [];
    const runs: DataSetRun[] = [];
    for (const spec of SPECS.filter(({ name }) => DATASETS.includes(name))) {
      const stateDir = join(work, `state-${spec.name}`);
      const start = (mode: 'cache-api' | 'off') =>
        startBlog({
          script: bundle.script,
          mode,
          stateDir,
          assetsDir,
          siteverifyUrl: siteverify.url,
          // Server-Timing is how each figure is proved to come from the cache (HIT) or not.
          vars: { ...VARS, SERVER_TIMING: 'on' },
        });
      const small = spec.name === 'small';

      // Uncached first, on a fresh D1 it fills; the cached instance then opens the same state.
      let blog = await start('off');
      let run: DataSetRun;
      try {
        const db = await blog.mf.getD1Database('DB');
        await applyMigrations(db, migrations);
        const seeded = await seedDataSet(db, spec);
        console.log(
          `\n${spec.name}: ${seeded.articles} published articles, ${seeded.comments} approved comments on ${ARTICLE} (seeded in ${fixed(seeded.seconds, 1)} s).`,
        );
        const article = await get(blog, ARTICLE);
        const home = await get(blog, '/');
        if (article.status !== 200 || home.status !== 200) {
          throw new Error(`the seeded blog answers ${article.status} on ${ARTICLE} and ${home.status} on /`);
        }
        run = {
          spec,
          seeded,
          articleHtml: article.body,
          articleHtmlBytes: article.body.byteLength,
          homeHtmlBytes: home.body.byteLength,
        };
        runs.push(run);
        if (small) {
          // The static baseline: the very bytes of the article page, as a static asset (public/'s copy).
          mkdirSync(join(assetsDir, '__bench'), { recursive: true });
          writeFileSync(join(assetsDir, STATIC_FILE), article.body);
        }
        scenarios.push(await measure(blog, spec, 'article-uncached', 'article, uncached render', ARTICLE, 'uncached'));
        scenarios.push(await measure(blog, spec, 'home-uncached', 'home, uncached render', '/', 'uncached'));
      } finally {
        await blog.mf.dispose();
      }

      blog = await start('cache-api');
      try {
        if (small) {
          scenarios.push(await measureStatic(blog, spec, run.articleHtmlBytes));
        }
        scenarios.push(await measure(blog, spec, 'article-cached', 'article, cached', ARTICLE, 'cached'));
        scenarios.push(await measure(blog, spec, 'home-cached', 'home, cached', '/', 'cached'));
        if (small) scenarios.push(await measurePost(blog, spec, siteverify.calls));
      } finally {
        await blog.mf.dispose();
      }

      if (small && RUN_PROBES) {
        blog = await startProbes({
          page: run.articleHtml,
          stateDir: join(work, 'state-probes'),
          assetsDir,
          compatibilityDate: config.compatibility_date ?? '2026-11-01',
        });
        try {
          for (const probe of PROBES) {
            scenarios.push(
              await measure(blog, spec, probe.id, probe.label, probe.path, 'probe', probe.id === 'probe-cache-api'),
            );
          }
        } finally {
          await blog.mf.dispose();
        }
      }
    }
    report(scenarios, runs, bundle);
  } finally {
    await siteverify.close();
    rmSync(work, { recursive: true, force: true });
  }
}

async function get(blog: Blog, path: string, init: RequestInit = {}) {
  const response = await fetch(new URL(path, blog.url), { redirect: 'manual', ...init });
  const body = new Uint8Array(await response.arrayBuffer());
  const timing = response.headers.get('server-timing') ?? '';
  const cache = /(?:^|,)\s*cache;desc="?([A-Za-z]+)"?/.exec(timing)?.[1]?.toUpperCase() ?? null;
  return { status: response.status, body, cache };
}

const load = (blog: Blog, path: string, extra: Partial<Parameters<typeof runLoad>[0]> = {}) =>
  runLoad({ url: blog.url, path, expectStatus: 200, connections: CONNECTIONS, seconds: SECONDS, ...extra });

const warmUp = (blog: Blog, path: string, extra: Partial<Parameters<typeof runLoad>[0]> = {}) =>
  load(blog, path, { ...extra, seconds: WARMUP });

async function measure(
  blog: Blog,
  spec: DataSetSpec,
  id: string,
  label: string,
  path: string,
  kind: 'cached' | 'uncached' | 'probe',
  expectHit = kind === 'cached',
): Promise<Scenario> {
  await get(blog, path);
  await warmUp(blog, path);
  const before = await get(blog, path);
  const result = await load(blog, path);
  const after = await get(blog, path);
  let problem: string | null = null;
  const seen = [before.cache, after.cache].map((outcome) => outcome ?? 'no cache entry in Server-Timing');
  if (expectHit && (before.cache !== 'HIT' || after.cache !== 'HIT')) {
    problem = `expected Server-Timing cache;desc="HIT" before and after the run, got ${seen.join(' / ')}: these are NOT cached figures`;
  }
  if (kind === 'uncached' && (before.cache === 'HIT' || after.cache === 'HIT')) {
    problem = `EDGE_CACHE = "off" still answered from a cache (${seen.join(' / ')})`;
  }
  if (before.status !== 200) problem = `answered ${before.status}`;
  const scenario: Scenario = {
    id: `${id}-${spec.name}`,
    dataset: spec.name,
    label,
    method: 'GET',
    path,
    kind,
    result,
    cache: before.cache ?? '-',
    problem,
  };
  progress(scenario);
  return scenario;
}

async function measureStatic(blog: Blog, spec: DataSetSpec, expectedBytes: number): Promise<Scenario> {
  const check = await get(blog, STATIC_PATH);
  let problem: string | null = null;
  if (check.status !== 200 || check.body.byteLength !== expectedBytes || check.cache !== null) {
    problem = `${STATIC_PATH} answered ${check.status} with ${check.body.byteLength} bytes${check.cache ? ` from the Worker (${check.cache})` : ''}, not the ${expectedBytes}-byte static file`;
  }
  await warmUp(blog, STATIC_PATH);
  const scenario: Scenario = {
    id: `static-${spec.name}`,
    dataset: spec.name,
    label: 'static file (baseline)',
    method: 'GET',
    path: STATIC_PATH,
    kind: 'static',
    result: await load(blog, STATIC_PATH),
    cache: 'static',
    problem,
  };
  progress(scenario);
  return scenario;
}

/** Comment POSTs, each from its own address with its own text, answered 303 when accepted. */
async function measurePost(blog: Blog, spec: DataSetSpec, siteverifyCalls: () => number): Promise<Scenario> {
  const path = `${ARTICLE}/comments`;
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
  const first = makeRequest();
  const check = await get(blog, path, { method: 'POST', headers: first.headers, body: first.body });
  await warmUp(blog, path, post);
  const db = await blog.mf.getD1Database('DB');
  const stored = async () =>
    (
      await db
        .prepare("SELECT count(*) AS n FROM comments WHERE author_email LIKE 'visiteuse-%'")
        .first<{ n: number }>()
    )?.n ?? 0;
  const callsBefore = siteverifyCalls();
  const storedBefore = await stored();
  const result = await load(blog, path, post);
  const verified = siteverifyCalls() - callsBefore;
  const written = (await stored()) - storedBefore;
  let problem: string | null = null;
  if (check.status !== 303) problem = `a comment POST answered ${check.status}, not 303`;
  else if (verified < result.requests) problem = `only ${verified} siteverify calls for ${result.requests} comments`;
  else if (written < result.requests) problem = `only ${written} comments stored for ${result.requests} answers 303`;
  const scenario: Scenario = {
    id: `comment-post-${spec.name}`,
    dataset: spec.name,
    label: 'comment POST',
    method: 'POST',
    path,
    kind: 'post',
    result,
    cache: '-',
    problem,
  };
  progress(scenario);
  return scenario;
}

function progress(scenario: Scenario): void {
  const { result } = scenario;
  console.log(
    `  ${scenario.label.padEnd(26)} ${fixed(result.reqPerSec, 0).padStart(6)} req/s  p50 ${fixed(result.p50Ms, 2)} ms  p99 ${fixed(result.p99Ms, 2)} ms  [${Object.entries(
      result.statuses,
    )
      .map(([status, count]) => `${status}×${count}`)
      .join(' ')}]${scenario.problem ? `  PROBLEM: ${scenario.problem}` : ''}`,
  );
}

function report(scenarios: Scenario[], runs: DataSetRun[], bundle: ReturnType<typeof bundleWorker>): void {
  const missed: string[] = [];
  const baseline = scenarios.find((scenario) => scenario.kind === 'static');
  const baseRate = baseline?.result.reqPerSec ?? Number.NaN;
  const order = [
    'static',
    'article-cached',
    'article-uncached',
    'home-cached',
    'home-uncached',
    'comment-post',
    ...PROBES.map((probe) => probe.id),
  ];
  const rank = (scenario: Scenario) =>
    (scenario.dataset === 'small' ? 0 : 100) + order.findIndex((prefix) => scenario.id.startsWith(prefix));
  const sorted = [...scenarios].sort((a, b) => rank(a) - rank(b));

  const rows = sorted.map((scenario) => {
    const ratio = scenario.result.reqPerSec / baseRate;
    const minimum =
      scenario.dataset !== 'small'
        ? null
        : scenario.kind === 'cached'
          ? TARGETS.cachedRatio
          : scenario.kind === 'uncached'
            ? TARGETS.uncachedRatio
            : null;
    let verdict = minimum === null ? '' : ratio >= minimum ? 'ok' : 'MISSED';
    if (verdict === 'MISSED') missed.push(`${scenario.label} (${scenario.dataset}): ${fixed(ratio, 2)}× < ${minimum}×`);
    if (scenario.result.errors > 0) {
      verdict = 'ERRORS';
      missed.push(
        `${scenario.label} (${scenario.dataset}): ${scenario.result.errors} error(s) ${statusList(scenario)}`,
      );
    }
    if (scenario.problem) {
      verdict = 'INVALID';
      missed.push(`${scenario.label} (${scenario.dataset}): ${scenario.problem}`);
    }
    return {
      scenario,
      ratio,
      minimum,
      verdict,
      cells: [
        scenario.label,
        scenario.dataset,
        scenario.cache,
        fixed(scenario.result.reqPerSec, 0),
        fixed(scenario.result.p50Ms, 2),
        fixed(scenario.result.p99Ms, 2),
        String(scenario.result.errors),
        scenario.kind === 'static' ? '1.00' : fixed(ratio, 2),
        minimum === null ? '' : `≥ ${minimum}×`,
        verdict,
      ],
    };
  });

  const scaling = ['article-cached', 'article-uncached', 'home-cached', 'home-uncached'].flatMap((id) => {
    const small = scenarios.find((scenario) => scenario.id === `${id}-small`);
    const large = scenarios.find((scenario) => scenario.id === `${id}-large`);
    if (!small || !large) return [];
    const slowdown = small.result.reqPerSec / large.result.reqPerSec;
    const ok = slowdown <= TARGETS.scaling;
    if (!ok) missed.push(`${small.label}: the large blog is ${fixed(slowdown, 2)}× slower than the small one`);
    return [
      {
        page: small.label,
        smallReqPerSec: small.result.reqPerSec,
        largeReqPerSec: large.result.reqPerSec,
        slowdown,
        p50Ratio: large.result.p50Ms / small.result.p50Ms,
        ok,
      },
    ];
  });

  const bundleOk = bundle.gzipBytes <= TARGETS.bundleGzipBytes;
  if (!bundleOk) missed.push(`bundle: ${kib(bundle.gzipBytes)} gzipped > ${kib(TARGETS.bundleGzipBytes)}`);
  // The size target is the reference article's (the small data set); the
  // 1,000-comment page is shown for information: its size follows COMMENTS_PER_PAGE.
  const html = runs.map((run) => {
    const targeted = run.spec.name === 'small';
    const ok = !targeted || run.articleHtmlBytes <= TARGETS.articleHtmlBytes;
    if (!ok) {
      missed.push(
        `article HTML (${run.spec.name}, ${run.seeded.comments} comments): ${run.articleHtmlBytes} bytes > ${TARGETS.articleHtmlBytes}`,
      );
    }
    return { dataset: run.spec.name, comments: run.seeded.comments, bytes: run.articleHtmlBytes, ok, targeted };
  });

  const host = machine();
  console.log(`\nLoad: autocannon, ${CONNECTIONS} connections × ${SECONDS} s per scenario, loopback.`);
  if (Object.keys(VARS).length > 0) console.log(`[vars] changed from wrangler.toml's: ${JSON.stringify(VARS)}`);
  console.log(`Machine: ${describeMachine(host)}.\n`);
  console.log(
    table(
      ['scenario', 'data', 'cache', 'req/s', 'p50 ms', 'p99 ms', 'errors', '× static', 'target', 'result'],
      rows.map((row) => row.cells),
    ),
  );
  if (scaling.length > 0) {
    console.log('');
    console.log(
      table(
        ['page', 'small req/s', 'large req/s', 'slowdown', 'p50 large/small', 'target', 'result'],
        scaling.map((row) => [
          row.page,
          fixed(row.smallReqPerSec, 0),
          fixed(row.largeReqPerSec, 0),
          `${fixed(row.slowdown, 2)}×`,
          `${fixed(row.p50Ratio, 2)}×`,
          `≤ ${TARGETS.scaling}×`,
          row.ok ? 'ok' : 'MISSED',
        ]),
      ),
    );
  }
  console.log('');
  console.log(
    table(
      ['size', 'value', 'target', 'result'],
      [
        [
          'Worker bundle, gzipped',
          kib(bundle.gzipBytes),
          `≤ ${kib(TARGETS.bundleGzipBytes)}`,
          bundleOk ? 'ok' : 'MISSED',
        ],
        ...html.map((entry) => [
          `article HTML, ${entry.comments} comments (${entry.dataset})`,
          `${entry.bytes} B (${kib(entry.bytes)})`,
          entry.targeted ? `≤ ${kib(TARGETS.articleHtmlBytes)}` : '-',
          entry.targeted ? (entry.ok ? 'ok' : 'MISSED') : 'info',
        ]),
      ],
    ),
  );

  const json = {
    ranAt: new Date().toISOString(),
    machine: host,
    load: { tool: 'autocannon', connections: CONNECTIONS, secondsPerScenario: SECONDS, warmupSeconds: WARMUP },
    varsChanged: VARS,
    targets: TARGETS,
    dataSets: runs.map((run) => ({
      name: run.spec.name,
      publishedArticles: run.seeded.articles,
      referenceArticleComments: run.seeded.comments,
      articleHtmlBytes: run.articleHtmlBytes,
      homeHtmlBytes: run.homeHtmlBytes,
    })),
    scenarios: rows.map(({ scenario, ratio, minimum, verdict }) => ({
      id: scenario.id,
      label: scenario.label,
      dataSet: scenario.dataset,
      kind: scenario.kind,
      method: scenario.method,
      path: scenario.path,
      cache: scenario.cache,
      requests: scenario.result.requests,
      seconds: round(scenario.result.seconds, 2),
      reqPerSec: round(scenario.result.reqPerSec, 1),
      p50Ms: round(scenario.result.p50Ms, 3),
      p99Ms: round(scenario.result.p99Ms, 3),
      errors: scenario.result.errors,
      statuses: scenario.result.statuses,
      ratioToStatic: round(ratio, 3),
      minimumRatio: minimum,
      result: verdict || null,
      problem: scenario.problem,
    })),
    scaling: scaling.map((row) => ({
      ...row,
      smallReqPerSec: round(row.smallReqPerSec, 1),
      largeReqPerSec: round(row.largeReqPerSec, 1),
      slowdown: round(row.slowdown, 3),
      p50Ratio: round(row.p50Ratio, 3),
    })),
    bundle: { bytes: bundle.bytes, gzipBytes: bundle.gzipBytes, ok: bundleOk },
    articleHtml: html,
    missed,
  };
  writeFileSync(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nWrote ${RESULTS}.`);
  if (missed.length > 0) {
    console.error(`\n${missed.length} target(s) missed:\n${missed.map((line) => `  - ${line}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('\nEvery target met.');
  }
}

function statusList(scenario: Scenario): string {
  return `(${Object.entries(scenario.result.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(', ')})`;
}

const round = (value: number, digits: number): number | null =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
