// What `npm run check` asks of the pages a reader gets from the Worker, with
// the demo content: the reference article no heavier than its committed
// baseline, and one page of every public page type valid HTML. The pages and
// the judgements are here; scripts/lib/check-pages.ts starts the blog and
// fetches them.
import { gzipSync } from 'node:zlib';

export interface GatedPage {
  /** Path and query, as a reader asks for it. */
  path: string;
  /** What the page is, in the printed lines. */
  name: string;
  /** The status it answers with (200 unless said). */
  status?: number;
  /** [vars] different from wrangler.toml's that the page needs (it is then read from a second blog). */
  vars?: Record<string, string | number>;
  /**
   * A page whose feature may not be on this branch yet: answering 404 (or a
   * redirect, as the old WordPress date addresses such as /2024/03 were sent
   * home before the date archives), it is skipped with a note instead of failing. Delete the flag once the
   * feature is merged, and the page is held to the gate like the others.
   */
  optional?: boolean;
}

/** The demo article with a featured image, tags, a comment thread with the author's reply, the comment form. */
export const REFERENCE_ARTICLE_PATH = '/animer-une-communaute-en-ligne';

/**
 * The reference article's HTML at commit 7407d4d (lighter comment markup), as
 * `npm run check` measures it (the Worker built by `wrangler deploy --dry-run`, the demo content and
 * comments, wrangler.toml's settings, the body as read by fetch; gzip at
 * Node's default level). The article may not grow past `bytes`: a change that
 * makes it heavier either trims what it added, or raises this figure in the
 * same commit, saying why.
 */
export const REFERENCE_HTML_BASELINE = { bytes: 20_073, gzipBytes: 6_175, commit: '7407d4d' } as const;

/** One page of each public page type the blog has always had. */
export const CORE_PAGES: readonly GatedPage[] = [
  { path: '/', name: 'home page' },
  // Three articles a page, as in the browser journeys: the demo's articles fill several.
  { path: '/?page=2', name: 'home page 2', vars: { PAGE_SIZE: 3 } },
  { path: REFERENCE_ARTICLE_PATH, name: 'reference article' },
  { path: '/tag/communaute', name: 'tag page' },
  { path: `/search?q=${encodeURIComponent('communauté')}`, name: 'search results' },
  { path: '/cette-page-n-existe-pas', name: 'not found page', status: 404 },
];

/** Every other page type, one page each: add a new page type's page here. */
export const EXTRA_PAGES: readonly GatedPage[] = [
  { path: '/mettre-en-page-un-billet', name: 'demo layout article' },
  { path: '/a-propos', name: 'standalone page' },
  { path: '/mentions-legales/donnees-personnelles', name: 'child page' },
  { path: '/archives', name: 'archives' },
  { path: '/2026/10', name: 'month archive' },
];

export const GATED_PAGES: readonly GatedPage[] = [...CORE_PAGES, ...EXTRA_PAGES];

export interface Weight {
  bytes: number;
  gzipBytes: number;
}

export function weightOf(body: Uint8Array): Weight {
  return { bytes: body.byteLength, gzipBytes: gzipSync(body).byteLength };
}

export interface WeightBudget {
  bytes: number;
  /** Where the figure comes from, in the printed lines. */
  source: string;
  /** Set by CHECK_REFERENCE_HTML_BUDGET_BYTES rather than the committed baseline. */
  overridden: boolean;
}

/** CHECK_REFERENCE_HTML_BUDGET_BYTES, when set, replaces the baseline (e.g. to see the check fail). */
export function referenceWeightBudget(override: string | undefined): WeightBudget {
  if (override === undefined || override === '') {
    return {
      bytes: REFERENCE_HTML_BASELINE.bytes,
      source: `its weight at ${REFERENCE_HTML_BASELINE.commit}`,
      overridden: false,
    };
  }
  const value = Number(override);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`CHECK_REFERENCE_HTML_BUDGET_BYTES must be a positive whole number of bytes, not "${override}"`);
  }
  return { bytes: value, source: 'CHECK_REFERENCE_HTML_BUDGET_BYTES', overridden: true };
}

const bytes = (count: number): string => `${count.toLocaleString('en-US')} byte${count === 1 ? '' : 's'}`;

export interface Verdict {
  ok: boolean;
  /** For the terminal (standard output). */
  report: string[];
  /** For standard error, when the check fails. */
  problems: string[];
}

export function judgeReferenceWeight(weight: Weight, budget: WeightBudget): Verdict {
  const report = [
    `Reference article HTML (${REFERENCE_ARTICLE_PATH}, demo content, default settings): ` +
      `${bytes(weight.bytes)}, ${bytes(weight.gzipBytes)} gzipped; budget ${bytes(budget.bytes)} (${budget.source}).`,
  ];
  if (weight.bytes > budget.bytes) {
    return {
      ok: false,
      report,
      problems: [
        `check: the reference article's HTML is ${bytes(weight.bytes)}, ${bytes(weight.bytes - budget.bytes)} over ` +
          `its budget of ${bytes(budget.bytes)} (${budget.source}). Find what every article page gained and trim it; ` +
          'if the weight is worth it, raise REFERENCE_HTML_BASELINE in scripts/lib/page-gate.ts and say why in the commit.',
      ],
    };
  }
  const lighter = budget.bytes - weight.bytes;
  report.push(
    lighter === 0 || budget.overridden
      ? 'check: the reference article is no heavier than its budget.'
      : `check: the reference article is ${bytes(lighter)} under its budget; ` +
          'lower REFERENCE_HTML_BASELINE in scripts/lib/page-gate.ts to keep the gain.',
  );
  return { ok: true, report, problems: [] };
}

/** What came back for a gated page: its status and type, and html-validate's findings when it was read. */
export interface PageResponse {
  status: number;
  contentType: string | null;
  /** Where a redirect leads. */
  location?: string | null;
  /** describeProblems' lines, empty when valid. */
  problems: string[];
}

export type PageOutcome =
  | { kind: 'valid' }
  | { kind: 'skipped'; note: string }
  | { kind: 'failed'; problems: string[] };

export function judgePage(page: GatedPage, response: PageResponse): PageOutcome {
  const expected = page.status ?? 200;
  const label = `${page.path} (${page.name})`;
  const answer = response.location ? `${response.status} (to ${response.location})` : String(response.status);
  const notThere = response.status === 404 || (response.status >= 300 && response.status < 400);
  if (page.optional && notThere && response.status !== expected) {
    return {
      kind: 'skipped',
      note: `check: skipped ${label}: it answers ${answer}, its feature is not on this branch yet.`,
    };
  }
  if (response.status !== expected) {
    return { kind: 'failed', problems: [`check: ${label} answered ${answer}, not ${expected}.`] };
  }
  if (response.contentType !== 'text/html; charset=utf-8') {
    return {
      kind: 'failed',
      problems: [`check: ${label} came as ${response.contentType ?? 'no Content-Type'}, not text/html; charset=utf-8.`],
    };
  }
  if (response.problems.length > 0) {
    return {
      kind: 'failed',
      problems: [`check: ${label} is not valid HTML:`, ...response.problems.map((problem) => `  ${problem}`)],
    };
  }
  return { kind: 'valid' };
}

/** The closing line: how many pages were valid, which were skipped, which failed. */
export function summarisePages(outcomes: { page: GatedPage; outcome: PageOutcome }[]): Verdict {
  const names = (kind: PageOutcome['kind']) =>
    outcomes.filter(({ outcome }) => outcome.kind === kind).map(({ page }) => page.name);
  const valid = names('valid');
  const failed = names('failed');
  const skipped = names('skipped');
  const report = outcomes.flatMap(({ outcome }) => (outcome.kind === 'skipped' ? [outcome.note] : []));
  const problems = outcomes.flatMap(({ outcome }) => (outcome.kind === 'failed' ? outcome.problems : []));
  const skippedNote = skipped.length > 0 ? `; ${skipped.length} skipped (${skipped.join(', ')})` : '';
  if (failed.length > 0) {
    problems.push(
      `check: ${failed.length} of ${outcomes.length} public pages failed (${failed.join(', ')})${skippedNote}. ` +
        'html-validate explains each rule at https://html-validate.org/rules/.',
    );
    return { ok: false, report, problems };
  }
  const are = valid.length === 1 ? 'page is' : 'pages are';
  report.push(`check: ${valid.length} public ${are} valid HTML (${valid.join(', ')})${skippedNote}.`);
  return { ok: true, report, problems };
}
