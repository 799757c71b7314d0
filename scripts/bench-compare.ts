// npm run bench:compare -- <commit>: the uncached article and home of this
// checkout's Worker against the same pages of the Worker at <commit>, on one
// D1 (this checkout's migrations and seed: a superset of the older schema),
// alternated round by round. On a shared machine two separate `npm run
// bench` runs differ by more than most single changes; alternating two
// Workers within one run is how a change shows what it buys (new/old > 1:
// the change is faster).
// Settings (environment): BENCH_ROUNDS (5), BENCH_DURATION (2 s a page and
// round, after 1 s of warm-up), BENCH_DATASETS ("small", or "large": 10,000
// articles and a 1,000-comment thread).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
import { ARTICLE, copyState, seedRun } from './bench/datasets.ts';
import { runLoad } from './bench/load.ts';
import { type Blog, startBlog } from './bench/runtime.ts';
import { SPECS } from './bench/settings.ts';
import { median } from './bench/verdict.ts';
import { bundleWorker } from './bundle.ts';
import { startSiteverifyStandIn } from './turnstile/siteverify-stand-in.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_DURATION ?? 2);
const PAGES = [ARTICLE, '/'];

/** The Worker as deployed from <commit>: its sources in a throwaway worktree, bundled with this checkout's tools. */
function bundleAt(commit: string, work: string): string {
  const tree = join(work, 'tree');
  execFileSync('git', ['worktree', 'add', '--detach', tree, commit], { stdio: 'pipe' });
  try {
    symlinkSync(resolve('node_modules'), join(tree, 'node_modules'));
    const here = process.cwd();
    process.chdir(tree);
    try {
      return bundleWorker(join(work, 'dist-old')).script;
    } finally {
      process.chdir(here);
    }
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { stdio: 'pipe' });
  }
}

async function main(): Promise<void> {
  const commit = process.argv[2];
  if (!commit) throw new Error('usage: npm run bench:compare -- <commit>');
  const spec = SPECS[0];
  if (!spec) throw new Error('BENCH_DATASETS names no data set');
  const work = mkdtempSync(join(tmpdir(), 'causerie-compare-'));
  const siteverify = await startSiteverifyStandIn('example.org');
  const blogs: [string, Blog][] = [];
  try {
    const script = bundleWorker(join(work, 'dist')).script;
    const oldScript = bundleAt(commit, work);
    const assetsDir = join(work, 'assets');
    cpSync('public', assetsDir, { recursive: true });
    const options = { script, assetsDir, siteverifyUrl: siteverify.url, vars: { SERVER_TIMING: 'on' } };
    const run = await seedRun(spec, join(work, 'state'), await readD1Migrations('migrations'), options);
    for (const [name, worker] of [
      ['old', oldScript],
      ['new', script],
    ] as const) {
      const stateDir = copyState(run, join(work, `state-${name}`));
      blogs.push([name, await startBlog({ ...options, script: worker, mode: 'off', stateDir })]);
    }
    const figures = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of PAGES) {
        for (const [name, blog] of blogs) {
          await runLoad({ url: blog.url, path, expectStatus: 200, connections: 10, seconds: 1 });
          const result = await runLoad({ url: blog.url, path, expectStatus: 200, connections: 10, seconds: SECONDS });
          if (result.errors > 0) throw new Error(`${name} ${path}: ${result.errors} error(s)`);
          figures.set(`${name} ${path}`, [...(figures.get(`${name} ${path}`) ?? []), result.reqPerSec]);
        }
      }
    }
    console.log(`\n${spec.name} data set, uncached renders, ${ROUNDS} rounds of ${SECONDS} s, old = ${commit}:`);
    for (const path of PAGES) {
      const old = figures.get(`old ${path}`) ?? [];
      const fresh = figures.get(`new ${path}`) ?? [];
      const ratios = fresh.map((value, round) => value / (old[round] ?? Number.NaN));
      console.log(
        `${path.padEnd(34)} old ${median(old).toFixed(0).padStart(4)} req/s  new ${median(fresh).toFixed(0).padStart(4)} req/s  new/old ${median(ratios).toFixed(2)} (rounds ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')})`,
      );
    }
  } finally {
    for (const [, blog] of blogs) await blog.mf.dispose().catch(() => undefined);
    await siteverify.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
