// npm run check: builds the Worker offline exactly as `wrangler deploy` would
// upload it and fails when it is over its gzipped size budget, so that a
// dependency or a large import that bloats it is caught before a deploy (and in
// CI), not only by the benchmark. CHECK_BUNDLE_BUDGET_KIB overrides the budget
// (the tests use it to see the check fail).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorker, WORKER_GZIP_BUDGET_BYTES } from './bundle.ts';

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

function budgetBytes(): number {
  const override = process.env.CHECK_BUNDLE_BUDGET_KIB;
  if (override === undefined || override === '') return WORKER_GZIP_BUDGET_BYTES;
  const value = Number(override);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`CHECK_BUNDLE_BUDGET_KIB must be a positive number of KiB, not "${override}"`);
  }
  return value * 1024;
}

function main(): number {
  const budget = budgetBytes();
  const outdir = mkdtempSync(join(tmpdir(), 'causerie-check-'));
  try {
    const bundle = bundleWorker(outdir);
    console.log(
      `Worker bundle (wrangler deploy --dry-run): ${kib(bundle.bytes)}, ${kib(bundle.gzipBytes)} gzipped; budget ${kib(budget)} gzipped.`,
    );
    if (bundle.gzipBytes > budget) {
      console.error(
        `check: the Worker is ${kib(bundle.gzipBytes)} gzipped, over its ${kib(budget)} budget. ` +
          'Find what made it grow (a new dependency, a large file imported into src/) before deploying.',
      );
      return 1;
    }
    console.log('check: the Worker is within its size budget.');
    return 0;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
