// `npm run check`'s look at the pages themselves: the Worker it has just
// built, started in local workerd with a fresh D1 holding the migrations, the
// demo content and the demo comments (the blog the browser journeys and the
// benchmark use, scripts/bench/demo-blog.ts), all in a temporary directory:
// nothing of .wrangler/, .dev.vars or the network is used. About 2 s a blog on
// 2 CPUs; pages that need other [vars] get a second blog.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { type DemoBlog, startDemoBlog } from '../bench/demo-blog.ts';
import type { Bundle } from '../bundle.ts';
import { describeProblems, HTML_VALIDATE_CONFIG } from './html-validity.ts';
import {
  GATED_PAGES,
  type GatedPage,
  judgePage,
  judgeReferenceWeight,
  type PageOutcome,
  REFERENCE_ARTICLE_PATH,
  summarisePages,
  type Verdict,
  type WeightBudget,
  weightOf,
} from './page-gate.ts';

// No page the check reads posts a comment: the Worker never calls siteverify.
// Port 9 (discard) on loopback, so that a call would fail at once, offline.
const UNUSED_SITEVERIFY_URL = 'http://127.0.0.1:9/siteverify';

/** The gated pages by the [vars] they need, wrangler.toml's own (the reference article's) first. */
function byVars(pages: readonly GatedPage[]): GatedPage[][] {
  const groups = new Map<string, GatedPage[]>([['{}', []]]);
  for (const page of pages) {
    const key = JSON.stringify(page.vars ?? {});
    groups.set(key, [...(groups.get(key) ?? []), page]);
  }
  return [...groups.values()].filter((group) => group.length > 0);
}

interface ReadPage {
  status: number;
  contentType: string | null;
  location: string | null;
  body: Uint8Array;
}

/** A page as a reader's browser gets it, redirects not followed. */
async function readPage(blog: URL, path: string): Promise<ReadPage> {
  try {
    const response = await fetch(new URL(path, blog), { redirect: 'manual' });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      location: response.headers.get('location'),
      body: new Uint8Array(await response.arrayBuffer()),
    };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new Error(`reading ${path} from the local blog at ${blog} failed (${error}${cause})`);
  }
}

export async function checkPages(
  bundle: Pick<Bundle, 'script'>,
  budget: WeightBudget,
  pages: readonly GatedPage[] = GATED_PAGES,
): Promise<Verdict[]> {
  const validator = new HtmlValidate(new StaticConfigLoader(HTML_VALIDATE_CONFIG));
  const work = mkdtempSync(join(tmpdir(), 'causerie-check-pages-'));
  const workerProblems: string[] = [];
  const outcomes: { page: GatedPage; outcome: PageOutcome }[] = [];
  let weight: Verdict | undefined;
  try {
    for (const [index, group] of byVars(pages).entries()) {
      let blog: DemoBlog | undefined;
      try {
        blog = await startDemoBlog(join(work, `blog-${index}`), {
          bundle,
          siteverifyUrl: UNUSED_SITEVERIFY_URL,
          vars: group[0]?.vars,
          onWorkerLog: ({ level, message }) => {
            if (level === 'warn' || level === 'error') workerProblems.push(`${level}: ${message}`);
          },
        });
        for (const page of group) {
          const read = await readPage(blog.url, page.path);
          if (page.path === REFERENCE_ARTICLE_PATH && page.vars === undefined && read.status === 200) {
            weight = judgeReferenceWeight(weightOf(read.body), budget);
          }
          const markup = new TextDecoder().decode(read.body);
          const report = await validator.validateString(markup);
          const problems = describeProblems(
            report.results.flatMap((result) => result.messages),
            markup,
          );
          outcomes.push({ page, outcome: judgePage(page, { ...read, problems }) });
        }
      } finally {
        await blog?.mf.dispose();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const pagesVerdict = summarisePages(outcomes);
  if (!pagesVerdict.ok && workerProblems.length > 0) {
    pagesVerdict.problems.push(
      'check: what the Worker logged meanwhile:',
      ...workerProblems.map((line) => `  ${line}`),
    );
  }
  return [
    weight ?? {
      ok: false,
      report: [],
      problems: [
        `check: the reference article ${REFERENCE_ARTICLE_PATH} could not be read, so it could not be weighed.`,
      ],
    },
    pagesVerdict,
  ];
}
