// npm run bench:import: a generated WordPress export of a large blog (5,000
// posts, 50,000 comments, see wordpress-export.ts) imported into a fresh local
// D1 (its own --persist-to folder, with its own content folder: the project's
// content/ and .wrangler/state are not touched), then imported again, which
// must find nothing new. Prints the time of each step and the total; exits 1
// when the first import takes longer than the target or the second changes anything.
// Settings (environment): BENCH_IMPORT_POSTS (5000), BENCH_IMPORT_COMMENTS
// (50000), BENCH_IMPORT_TARGET (seconds, 120), BENCH_IMPORT_KEEP=1 (keep the
// temporary folder and say where it is).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportStep, importWordPress } from '../import-wordpress.ts';
import { describeMachine, machine, table } from './report.ts';
import { generateWordPressExport } from './wordpress-export.ts';

const setting = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const POSTS = Math.round(setting('BENCH_IMPORT_POSTS', 5000));
const COMMENTS = Math.round(setting('BENCH_IMPORT_COMMENTS', 50_000));
const TARGET_SECONDS = setting('BENCH_IMPORT_TARGET', 120);
const STEPS: ImportStep[] = ['read and convert', 'migrations', 'write files', 'publish', 'comments and mentions'];

interface Run {
  steps: Map<ImportStep, { wall: number; cpu: number }>;
  total: { wall: number; cpu: number };
  lines: string[];
}

/**
 * CPU seconds used so far by this process and the processes it waited for
 * (wrangler, workerd): on a busy machine the wall-clock time mostly says how
 * busy it was, this says what the import itself costs. Linux's /proc; elsewhere this process only.
 */
function cpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime, stime, cutime, cstime: fields 14 to 17, in clock ticks (100 a second on Linux).
    return fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0) / 100;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
}

async function run(exportFile: string, dir: string): Promise<Run> {
  const steps = new Map<ImportStep, { wall: number; cpu: number }>();
  const lines: string[] = [];
  const start = performance.now();
  const startCpu = cpuSeconds();
  let stepCpu = startCpu;
  await importWordPress({
    exportFile,
    target: { remote: false, persistTo: join(dir, 'state') },
    contentDir: join(dir, 'content', 'posts'),
    pagesDir: join(dir, 'content', 'pages'),
    publicDir: 'public',
    dryRun: false,
    force: false,
    log: (line) => lines.push(line),
    onStep: (step, milliseconds) => {
      const cpu = cpuSeconds();
      steps.set(step, { wall: milliseconds / 1000, cpu: cpu - stepCpu });
      stepCpu = cpu;
    },
  });
  return { steps, total: { wall: (performance.now() - start) / 1000, cpu: cpuSeconds() - startCpu }, lines };
}

/** The report's lines worth reading here (not the list of 5,000 changed slugs). */
const shown = (lines: string[]) =>
  lines
    .flatMap((line) => line.split('\n'))
    .filter((line) => /^(WordPress export|\s+Posts:|\s+Pages:|Published|Comments:|Mentions:)/.test(line))
    .map((line) => `  ${line.trim().replace(/(new or changed): .*/, '$1.')}`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'causerie-bench-import-'));
  try {
    mkdirSync(join(dir, 'content'));
    const exportFile = join(dir, 'export.xml');
    writeFileSync(exportFile, generateWordPressExport({ posts: POSTS, comments: COMMENTS }));
    console.log(
      `Import benchmark: ${POSTS} posts, ${COMMENTS} comments (${(statSync(exportFile).size / 1024 ** 2).toFixed(1)} MiB of WXR), into a fresh local D1.`,
    );
    // Other work on the machine shows in the times: its load is printed before and after.
    const load = () =>
      loadavg()
        .map((value) => value.toFixed(2))
        .join(', ');
    console.log(`Machine: ${describeMachine(machine())}; load average ${load()}\n`);

    const first = await run(exportFile, dir);
    console.log(shown(first.lines).join('\n'));
    const again = await run(exportFile, dir);
    console.log(`\nAgain:\n${shown(again.lines).join('\n')}\n`);

    const seconds = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1));
    const columns = (times: { wall: number; cpu: number } | undefined) => [seconds(times?.wall), seconds(times?.cpu)];
    console.log(
      table(
        ['step', 'first import (s)', 'CPU (s)', 'again (s)', 'CPU again (s)'],
        [
          ...STEPS.map((step) => [step, ...columns(first.steps.get(step)), ...columns(again.steps.get(step))]),
          ['total', ...columns(first.total), ...columns(again.total)],
        ],
      ),
    );
    console.log(`\nLoad average after: ${load()}`);
    const failures: string[] = [];
    if (first.total.wall > TARGET_SECONDS)
      failures.push(`the first import took ${seconds(first.total.wall)} s, more than ${TARGET_SECONDS} s`);
    const report = again.lines.join('\n');
    for (const expected of [/; 0 new or changed\./, /^Comments: .*: 0 new\.$/m, /^Mentions: .*: 0 new\.$/m])
      if (!expected.test(report)) failures.push(`importing again did not report ${expected.source}`);
    if (failures.length > 0) {
      console.error(`\nbench:import: ${failures.join('; ')}.`);
      process.exitCode = 1;
    }
    if (process.env.BENCH_IMPORT_KEEP === '1') console.log(`\nKept ${dir}`);
  } finally {
    if (process.env.BENCH_IMPORT_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

await main();
