// npm run test:load (first part): 500 comment submissions from 50 concurrent
// clients to the demo article, against the Worker as deployed (wrangler's
// bundle) in local workerd through Miniflare on a loopback port, with a fresh
// D1 holding the demo content and the siteverify stand-in answering success,
// failure or slowly in a known mix. Then checks every answer against D1
// (scripts/load/verify.ts), prints the counts and timings, and exits 1 on any
// mismatch. Each submission comes from its own address (CF-Connecting-IP, which
// the Worker reads): the real rate limiter, 5 a minute per address, stays on.
// Settings (environment): LOAD_SUBMISSIONS (500), LOAD_CLIENTS (50),
// LOAD_TURNSTILE_TIMEOUT_MS (the Worker's siteverify deadline: wrangler.toml's
// TURNSTILE_TIMEOUT_MS, 3000; much less and a busy machine turns prompt answers
// into timeouts), LOAD_SLOW_MS (how long a slow answer takes: that plus 1000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unstable_readConfig } from 'wrangler';
import { type DemoBlog, startDemoBlog } from '../bench/demo-blog.ts';
import { percentile } from '../bench/load.ts';
import { describeMachine, fixed, machine, table } from '../bench/report.ts';
import type { Blog } from '../bench/runtime.ts';
import { REFERENCE_SLUG } from '../bench/seed.ts';
import { startSiteverifyStandIn } from '../turnstile/siteverify-stand-in.ts';
import { expectedSiteverifyCalls, planSubmissions, type Submission } from './plan.ts';
import { loadWorkerStrings } from './strings.ts';
import { type Answer, verifyRun } from './verify.ts';

const setting = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const SUBMISSIONS = setting('LOAD_SUBMISSIONS', 500);
const CLIENTS = setting('LOAD_CLIENTS', 50);
const config = unstable_readConfig({});
const TURNSTILE_TIMEOUT_MS = setting(
  'LOAD_TURNSTILE_TIMEOUT_MS',
  Number((config.vars as Record<string, unknown>).TURNSTILE_TIMEOUT_MS ?? 3000),
);
const SLOW_MS = setting('LOAD_SLOW_MS', TURNSTILE_TIMEOUT_MS + 1000);
/** A request that takes longer than this is a failure of the run, not a slow answer. */
const REQUEST_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  if (SLOW_MS <= TURNSTILE_TIMEOUT_MS) throw new Error('LOAD_SLOW_MS must exceed LOAD_TURNSTILE_TIMEOUT_MS');
  const work = mkdtempSync(join(tmpdir(), 'causerie-load-'));
  const blogHostname = new URL(String((config.vars as Record<string, unknown>).BLOG_URL)).hostname;
  const siteverify = await startSiteverifyStandIn(blogHostname, { slowMs: SLOW_MS });
  let blog: DemoBlog | null = null;
  const workerLogs = new Map<string, number>();
  try {
    const strings = await loadWorkerStrings();
    blog = await startDemoBlog(work, {
      siteverifyUrl: siteverify.url,
      vars: { TURNSTILE_TIMEOUT_MS },
      onWorkerLog: ({ level, message }) => {
        // Counted rather than printed: 50 identical warnings would bury the report.
        const key = `${level}: ${message.split('\n')[0]}`;
        workerLogs.set(key, (workerLogs.get(key) ?? 0) + 1);
      },
    });
    const db = blog.db;
    const known = await db
      .prepare(
        `SELECT c.id, c.author_name, c.author_email FROM comments c JOIN articles a ON a.id = c.article_id
          WHERE a.slug = ?1 AND c.status = 'approved' AND c.parent_id IS NULL AND c.is_author = 0 ORDER BY c.id`,
      )
      .bind(REFERENCE_SLUG)
      .all<{ id: number; author_name: string; author_email: string }>();
    const first = known.results[0];
    if (!first) throw new Error(`the demo content has no approved comment on ${REFERENCE_SLUG} to reply to`);
    const runId = Date.now().toString(36);
    const submissions = planSubmissions(SUBMISSIONS, {
      runId,
      knownCommenters: known.results.map((row) => ({ author: row.author_name, email: row.author_email })),
      replyTo: first.id,
    });

    const page = await fetch(new URL(`/${REFERENCE_SLUG}`, blog.url));
    if (page.status !== 200) throw new Error(`/${REFERENCE_SLUG} answers ${page.status} before the run`);
    await page.arrayBuffer();

    console.log(`${SUBMISSIONS} comment submissions to /${REFERENCE_SLUG} from ${CLIENTS} concurrent clients…`);
    const started = performance.now();
    const answers = await drive(blog, submissions);
    const seconds = (performance.now() - started) / 1000;

    const verdict = await verifyRun(db, runId, answers, strings);
    const calls = siteverify.callsBy();
    const owed = expectedSiteverifyCalls(submissions);
    for (const behaviour of ['success', 'failure', 'slow'] as const) {
      if (calls[behaviour] !== owed[behaviour]) {
        verdict.problems.push(`siteverify "${behaviour}": ${calls[behaviour]} call(s), expected ${owed[behaviour]}`);
      }
    }
    const after = await fetch(new URL(`/${REFERENCE_SLUG}`, blog.url));
    if (after.status !== 200) verdict.problems.push(`/${REFERENCE_SLUG} answers ${after.status} after the run`);
    await after.arrayBuffer();

    report(answers, verdict, seconds, calls);
    console.log('\nThe Worker logged:');
    for (const [line, count] of workerLogs) console.log(`  ${count} × ${line}`);
    if (verdict.problems.length > 0) {
      console.error(
        `\n${verdict.problems.length} problem(s):\n${verdict.problems.map((line) => `  - ${line}`).join('\n')}`,
      );
      process.exitCode = 1;
    } else {
      console.log('\nEvery submission accounted for: the answers and D1 agree, no 5xx.');
    }
  } finally {
    await blog?.mf.dispose();
    await siteverify.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** CLIENTS loops, each taking the next submission as soon as its previous answer is in. */
async function drive(blog: Blog, submissions: Submission[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const url = new URL(`/${REFERENCE_SLUG}/comments`, blog.url);
  const client = async () => {
    while (next < submissions.length) {
      const submission = submissions[next++] as Submission;
      answers.push(await submit(url, submission));
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return answers.sort((a, b) => a.submission.n - b.submission.n);
}

/** The form as a browser posts it from the article page. */
async function submit(url: URL, submission: Submission): Promise<Answer> {
  const started = performance.now();
  const n = submission.n;
  try {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      body: new URLSearchParams(submission.form),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: url.origin,
        referer: new URL(`/${REFERENCE_SLUG}`, url).href,
        'sec-fetch-site': 'same-origin',
        'sec-fetch-mode': 'navigate',
        accept: 'text/html,application/xhtml+xml',
        'accept-language': 'fr-FR,fr;q=0.9',
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) causerie-load',
        // 198.18.0.0/15: the addresses set aside for benchmarks.
        'cf-connecting-ip': `198.18.${(n >> 8) & 255}.${n & 255}`,
      },
    });
    const body = await response.text();
    return {
      submission,
      status: response.status,
      location: response.headers.get('location'),
      body,
      ms: performance.now() - started,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { submission, status: 0, location: null, body: '', ms: performance.now() - started, error: message };
  }
}

function report(
  answers: Answer[],
  verdict: Awaited<ReturnType<typeof verifyRun>>,
  seconds: number,
  calls: Record<string, number>,
): void {
  const statuses = new Map<number, number>();
  for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  console.log(`\nMachine: ${describeMachine(machine())}.`);
  console.log(`Statuses: ${[...statuses].map(([status, count]) => `${status}×${count}`).join(', ')}.`);
  console.log(
    `siteverify stand-in calls: ${Object.entries(calls)
      .map(([behaviour, count]) => `${behaviour} ${count}`)
      .join(', ')}.\n`,
  );
  console.log(
    table(
      ['outcome', 'answers', 'rows in D1', 'result'],
      [...verdict.counts].map(([outcome, [answered, stored]]) => [
        outcome,
        String(answered),
        String(stored),
        outcome.startsWith('refused') ? (stored === 0 ? 'ok' : 'MISMATCH') : answered === stored ? 'ok' : 'MISMATCH',
      ]),
    ),
  );
  const kinds = [...new Set(answers.map((answer) => answer.submission.kind))];
  const latencyRow = (label: string, subset: Answer[]) => {
    const sorted = subset.map((answer) => answer.ms).sort((a, b) => a - b);
    return [
      label,
      String(subset.length),
      fixed(percentile(sorted, 50), 1),
      fixed(percentile(sorted, 95), 1),
      fixed(percentile(sorted, 99), 1),
      fixed(sorted[sorted.length - 1] ?? Number.NaN, 1),
    ];
  };
  console.log('');
  console.log(
    table(
      ['submissions', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        ...kinds.map((kind) =>
          latencyRow(
            kind,
            answers.filter((answer) => answer.submission.kind === kind),
          ),
        ),
        latencyRow('all', answers),
      ],
    ),
  );
  console.log(
    `\n${answers.length} submissions in ${fixed(seconds, 2)} s (${fixed(answers.length / seconds, 1)} a second) with ${CLIENTS} clients; TURNSTILE_TIMEOUT_MS ${TURNSTILE_TIMEOUT_MS}, slow siteverify answers after ${SLOW_MS} ms.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
