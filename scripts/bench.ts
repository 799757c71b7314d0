// npm run bench: the Worker as deployed (wrangler's bundle), in local workerd
// through Miniflare on a loopback port, driven by autocannon. Compares a
// static file served by the same runtime, runtime probes, cached and uncached
// pages and the comment POST, on a small blog and on a large one (10,000
// articles, a 1,000-comment thread), in interleaved rounds, and checks the
// targets (./bench/targets.ts). Prints tables, writes bench-results.json.
// Exit status: 0 every target met; 1 a target missed (or a scenario broken);
// 3 a baseline's rounds disagree too much to judge (see ./bench/verdict.ts).
// Settings (environment): BENCH_ROUNDS (3), BENCH_DURATION (seconds per
// scenario and round, 4), BENCH_WARMUP (seconds, 1), BENCH_SETTLING_ROUNDS (1,
// run first and not counted), BENCH_CONNECTIONS (10),
// BENCH_MAX_SPREAD (1.5: max/min a baseline may show across rounds),
// BENCH_PROBES (0: only the session probe and the pages' reads), BENCH_WRITE_SAMPLES (100 comment
// writes timed per round), BENCH_DATASETS ("small,large"),
// BENCH_SMALL_ARTICLES (50), BENCH_LARGE_ARTICLES (10000),
// BENCH_SMALL_COMMENTS (20), BENCH_LARGE_COMMENTS (1000), BENCH_VARS (a JSON
// object of [vars] to change from wrangler.toml's, e.g. '{"COMMENTS_PER_PAGE":20}').
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
import { unstable_readConfig } from 'wrangler';
import { ARTICLE, copyState, type DataSetRun, type StartOptions, seedRun } from './bench/datasets.ts';
import {
  ALWAYS_RUN_PROBES,
  ARTICLE_READS_PROBE,
  PROBES,
  SESSION_PROBE,
  startProbes,
  timeCommentWrites,
} from './bench/probes.ts';
import { describeMachine, fixed, kib, machine } from './bench/report.ts';
import { writeResults } from './bench/results.ts';
import { runRounds, summarise } from './bench/rounds.ts';
import { type Blog, startBlog } from './bench/runtime.ts';
import { pageScenario, postScenario, type Scenario, staticScenario } from './bench/scenarios.ts';
import * as settings from './bench/settings.ts';
import { scenarioTable, sizeTable, slowdownTable } from './bench/tables.ts';
import { benchTargets } from './bench/targets.ts';
import { judge, median, unsteady } from './bench/verdict.ts';
import { bundleWorker } from './bundle.ts';
import { startSiteverifyStandIn } from './turnstile/siteverify-stand-in.ts';

/** Where the baseline copy of the article page lives among the static assets (never a slug: "_"). */
const STATIC_FILE = '__bench/article.html';
const STATIC_PATH = '/__bench/article';
const RESULTS = fileURLToPath(new URL('../bench-results.json', import.meta.url));

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'causerie-bench-'));
  const config = unstable_readConfig({});
  const blogHostname = new URL(String((config.vars as Record<string, unknown>).BLOG_URL)).hostname;
  const siteverify = await startSiteverifyStandIn(blogHostname);
  const instances: Blog[] = [];
  try {
    const bundle = bundleWorker(join(work, 'dist'));
    console.log(`Worker bundle: ${kib(bundle.bytes)}, ${kib(bundle.gzipBytes)} gzipped.`);
    const assetsDir = join(work, 'assets');
    cpSync('public', assetsDir, { recursive: true });
    const migrations = await readD1Migrations('migrations');
    const options: StartOptions = {
      script: bundle.script,
      assetsDir,
      siteverifyUrl: siteverify.url,
      // Server-Timing is how each figure is proved to come from the cache (HIT) or not.
      vars: { ...settings.VARS, SERVER_TIMING: 'on' },
    };

    const runs: DataSetRun[] = [];
    for (const spec of settings.SPECS) {
      const run = await seedRun(spec, join(work, `state-${spec.name}`), migrations, options);
      console.log(
        `${spec.name}: ${run.seeded.articles} published articles, ${run.seeded.comments} approved comments on ${ARTICLE} (seeded in ${fixed(run.seeded.seconds, 1)} s).`,
      );
      runs.push(run);
    }
    const reference = runs[0];
    if (!reference) throw new Error('BENCH_DATASETS names no data set');
    // The static baseline and the probes serve the reference article page's very bytes (the first data set's;
    // another data set's reads probe, that set's article page).
    mkdirSync(join(assetsDir, '__bench'), { recursive: true });
    writeFileSync(join(assetsDir, STATIC_FILE), reference.articleHtml);

    const scenarios: Scenario[] = [];
    const start = async (run: DataSetRun, mode: 'off' | 'cache-api') => {
      const stateDir = copyState(run, join(work, `state-${run.spec.name}-${mode}`));
      const blog = await startBlog({ ...options, mode, stateDir });
      instances.push(blog);
      return blog;
    };
    const vars = { ...(config.vars as Record<string, unknown>), ...settings.VARS };
    const startProbesOn = async (run: DataSetRun) => {
      const instance = await startProbes({
        page: run.articleHtml,
        pageSizes: { COMMENTS_PER_PAGE: Number(vars.COMMENTS_PER_PAGE), PAGE_SIZE: Number(vars.PAGE_SIZE) },
        stateDir: copyState(run, join(work, `state-probes-${run.spec.name}`)),
        assetsDir,
        compatibilityDate: config.compatibility_date ?? '2026-11-01',
      });
      instances.push(instance);
      return instance;
    };
    const probes = await startProbesOn(reference);
    for (const [index, run] of runs.entries()) {
      const dataset = run.spec.name;
      const cached = await start(run, 'cache-api');
      const uncached = await start(run, 'off');
      if (index === 0) {
        scenarios.push(staticScenario(cached, STATIC_PATH, reference.articleHtml.byteLength));
        for (const probe of PROBES.filter(({ id }) => settings.ALL_PROBES || ALWAYS_RUN_PROBES.includes(id))) {
          const expectHit = probe.id === 'probe-cache-api';
          scenarios.push(pageScenario(probes, { ...probe, dataset: '-', kind: 'probe' }, expectHit));
        }
      } else {
        // This data set's article, read as its page reads it and answered with its bytes: the large line's ceiling.
        const reads = PROBES.find(({ id }) => id === ARTICLE_READS_PROBE);
        if (reads) {
          const scenario = { ...reads, id: `${reads.id}-${dataset}`, dataset, kind: 'probe' as const };
          scenarios.push(pageScenario(await startProbesOn(run), scenario));
        }
      }
      const page = (blog: Blog, what: 'article' | 'home', kind: 'cached' | 'uncached') =>
        pageScenario(blog, {
          id: `${what}-${kind}-${dataset}`,
          dataset,
          label: `${what}, ${kind === 'cached' ? 'cached' : 'uncached render'}`,
          path: what === 'article' ? ARTICLE : '/',
          kind,
        });
      scenarios.push(page(cached, 'article', 'cached'), page(cached, 'home', 'cached'));
      scenarios.push(page(uncached, 'article', 'uncached'), page(uncached, 'home', 'uncached'));
      if (dataset === 'small') scenarios.push(postScenario(cached, ARTICLE, dataset, siteverify.calls));
    }

    const rounds = await runRounds(
      scenarios,
      settings.ROUNDS,
      () => timeCommentWrites(probes, settings.WRITE_SAMPLES),
      settings.SETTLING_ROUNDS,
    );
    const summaries = summarise(rounds.measured, 'static', SESSION_PROBE);
    const articles = runs.map((run) => ({
      dataset: run.spec.name,
      comments: run.seeded.comments,
      bytes: run.articleHtml.byteLength,
    }));
    const targets = benchTargets(summaries, {
      bundleGzipBytes: bundle.gzipBytes,
      articles,
      commentsPerPageChanged: 'COMMENTS_PER_PAGE' in settings.VARS,
    });
    const baselines = summaries
      .filter((summary) => summary.scenario.id === 'static' || summary.scenario.id === SESSION_PROBE)
      .map((summary) => ({ label: summary.scenario.label, spread: summary.spread, rounds: summary.rounds.length }));
    const invalid = summaries.flatMap((summary) => [
      ...summary.problems.map((problem) => `${summary.scenario.label} (${summary.scenario.dataset}): ${problem}`),
      ...(summary.errors > 0
        ? [`${summary.scenario.label} (${summary.scenario.dataset}): ${summary.errors} error(s)`]
        : []),
    ]);
    const judgement = judge(targets, invalid, unsteady(baselines, settings.MAX_SPREAD));
    const commentWrite = {
      medianMs: median(rounds.commentWrites),
      roundMeans: rounds.commentWrites,
      writesPerRound: settings.WRITE_SAMPLES,
    };

    const host = machine();
    console.log(
      `\nLoad: autocannon, ${settings.CONNECTIONS} connections, ${settings.ROUNDS} round(s) of ${settings.SECONDS} s per scenario (after ${settings.WARMUP} s of warm-up), loopback.`,
    );
    console.log(
      'req/s, p50, p99 and ratios: medians across rounds (ratios taken round by round); spread: max/min − 1.',
    );
    if (Object.keys(settings.VARS).length > 0) console.log(`[vars] changed: ${JSON.stringify(settings.VARS)}`);
    console.log(`Machine: ${describeMachine(host)}.\n`);
    console.log(scenarioTable(summaries, targets, judgement));
    const slowdowns = slowdownTable(summaries, targets, judgement);
    if (slowdowns) console.log(`\n${slowdowns}`);
    console.log(`\n${sizeTable(targets, judgement)}`);
    console.log(
      `\nComment POST: ${fixed(summaries.find((s) => s.scenario.kind === 'post')?.reqPerSec ?? Number.NaN, 0)} req/s; its D1 write (insertComment, timed inside workerd): ${fixed(commentWrite.medianMs, 2)} ms a write (median of the rounds' means of ${commentWrite.writesPerRound} writes: ${commentWrite.roundMeans.map((ms) => fixed(ms, 2)).join(', ')} ms).`,
    );
    for (const baseline of baselines) {
      console.log(
        `Steadiness: ${baseline.label} across ${baseline.rounds} round(s): max/min ${fixed(baseline.spread, 2)} (limit ${settings.MAX_SPREAD}).`,
      );
    }
    if (settings.ROUNDS === 1) console.log('One round: no spread to tell noise by; use BENCH_ROUNDS ≥ 3 to judge.');
    writeResults(RESULTS, {
      machine: host,
      dataSets: runs.map((run) => ({
        name: run.spec.name,
        publishedArticles: run.seeded.articles,
        referenceArticleComments: run.seeded.comments,
        articleHtmlBytes: run.articleHtml.byteLength,
        homeHtmlBytes: run.homeHtmlBytes,
      })),
      bundle: { bytes: bundle.bytes, gzipBytes: bundle.gzipBytes },
      summaries,
      targets,
      baselines,
      commentWrite,
      judgement,
    });
    console.log(`\nWrote ${RESULTS}.`);
    for (const line of judgement.missed) {
      console.error(
        `  missed: ${line.label} (${line.nature === 'size' ? kib(line.value) : `${fixed(line.value, 2)}×`})`,
      );
    }
    for (const line of invalid) console.error(`  broken: ${line}`);
    (judgement.status === 0 ? console.log : console.error)(`\n${judgement.summary} (exit ${judgement.status}).`);
    process.exitCode = judgement.status;
  } finally {
    for (const instance of instances) await instance.mf.dispose().catch(() => undefined);
    await siteverify.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
