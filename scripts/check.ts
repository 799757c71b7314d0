// npm run check: builds the Worker offline exactly as `wrangler deploy` would
// upload it and fails when it is over its gzipped size budget, so that a
// dependency or a large import that bloats it is caught before a deploy (and in
// CI), not only by the benchmark. CHECK_BUNDLE_BUDGET_KIB overrides the budget
// (the tests use it to see the check fail). It also fails when a relative link
// in README.md or docs/ leads to a missing file or heading. Then it starts that
// Worker locally on the demo content (scripts/lib/check-pages.ts) and fails
// when the reference article's HTML is heavier than its committed baseline
// (CHECK_REFERENCE_HTML_BUDGET_BYTES overrides it) or when a page of any
// public page type is not valid HTML.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Bundle, bundleWorker, WORKER_GZIP_BUDGET_BYTES } from './bundle.ts';
import { findBrokenLinks, type MarkdownFile } from './lib/doc-links.ts';
import { referenceWeightBudget, type WeightBudget } from './lib/page-gate.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

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

function readMarkdown(path: string): string | undefined {
  const full = join(ROOT, path);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
}

/** README.md and every Markdown page under docs/. */
function documentation(): MarkdownFile[] {
  const pages = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name.split('\\').join('/')}`)
    .sort();
  return ['README.md', ...pages].map((path) => ({ path, text: readMarkdown(path) ?? '' }));
}

function checkDocumentationLinks(): number {
  const files = documentation();
  const broken = findBrokenLinks(files, { exists: (path) => existsSync(join(ROOT, path)), readMarkdown });
  for (const link of broken) console.error(`check: ${link.file}:${link.line}: (${link.href}) ${link.problem}.`);
  if (broken.length > 0) {
    console.error(
      `check: ${broken.length} relative link${broken.length === 1 ? '' : 's'} in README.md or docs/ lead nowhere: ` +
        "fix the path, or the heading it points at (anchors are GitHub's: lowercase, punctuation dropped, spaces as hyphens).",
    );
    return 1;
  }
  console.log(
    `check: every relative link in README.md and docs/ (${files.length} Markdown files) leads to a file and heading that exist.`,
  );
  return 0;
}

/** The Worker, built and held to its budget (built even when over it: the pages are checked all the same). */
function checkBundle(budget: number): { bundle: Bundle; status: number } {
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
      return { bundle, status: 1 };
    }
    console.log('check: the Worker is within its size budget.');
    return { bundle, status: 0 };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

async function checkPublicPages(bundle: Bundle, budget: WeightBudget): Promise<number> {
  // Loaded here, not at the top: Miniflare, wrangler and html-validate take
  // seconds to import, which a mistyped budget or a broken link need not wait for.
  const { checkPages } = await import('./lib/check-pages.ts');
  let status = 0;
  for (const verdict of await checkPages(bundle, budget)) {
    for (const line of verdict.report) console.log(line);
    for (const line of verdict.problems) console.error(line);
    if (!verdict.ok) status = 1;
  }
  return status;
}

try {
  // Both budgets read first, so that a mistyped one stops the check before anything is built.
  const bundleBudget = budgetBytes();
  const referenceBudget = referenceWeightBudget(process.env.CHECK_REFERENCE_HTML_BUDGET_BYTES);
  const documentationStatus = checkDocumentationLinks();
  const { bundle, status: bundleStatus } = checkBundle(bundleBudget);
  const pagesStatus = await checkPublicPages(bundle, referenceBudget);
  process.exitCode = Math.max(documentationStatus, bundleStatus, pagesStatus);
} catch (error) {
  console.error(`check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
