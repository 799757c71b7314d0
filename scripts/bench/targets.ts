// What `npm run bench` holds the Worker to. Cached pages are compared with a
// static file; uncached renders with the probe "1 D1 session query", the
// least any page reading D1 as the blog does can cost on this runtime (local
// D1 fetches a bookmark on every session round trip), so that a render's line
// is one the runtime allows. See docs/caching.md.
import { WORKER_GZIP_BUDGET_BYTES } from '../bundle.ts';
import { kib } from './report.ts';
import type { Summary } from './rounds.ts';
import { median, ratiosByRound, type Target } from './verdict.ts';

export const TARGETS = {
  /** Cached pages (both data sets): requests/s at least this share of the static file's. */
  cachedToStatic: 0.9,
  /** Uncached renders, small data set: at least this share of the session probe's requests/s. */
  articleToProbe: 0.75,
  homeToProbe: 0.9,
  /** The uncached article on the large data set (10,000 articles, 1,000 comments). */
  largeArticleToProbe: 0.5,
  /** Large data set at most this many times slower (requests/s) than the small one, every page. */
  slowdown: 1.5,
  bundleGzipBytes: WORKER_GZIP_BUDGET_BYTES,
  /** The reference article with its 20 comments, raw HTML. */
  articleHtmlBytes: 30 * 1024,
  /** The 1,000-comment article page with wrangler.toml's COMMENTS_PER_PAGE, raw HTML. */
  largeArticleHtmlBytes: 100 * 1024,
};

export interface BenchTarget extends Target {
  /** The table row it belongs to, for ratio targets. */
  scenarioId?: string;
  /** Per round, for load targets. */
  rounds?: number[];
}

export interface Sizes {
  bundleGzipBytes: number;
  /** Per data set: the reference article's raw HTML and its approved comments. */
  articles: { dataset: string; comments: number; bytes: number }[];
  /** Set when BENCH_VARS changes COMMENTS_PER_PAGE: the 1,000-comment page is then not the default one. */
  commentsPerPageChanged: boolean;
}

export function benchTargets(summaries: Summary[], sizes: Sizes): BenchTarget[] {
  const byId = (id: string) => summaries.find((summary) => summary.scenario.id === id);
  const targets: BenchTarget[] = [];
  const ratio = (id: string, against: 'static' | 'probe', atLeast: number) => {
    const summary = byId(id);
    if (!summary) return;
    const figures = against === 'static' ? summary.toStatic : summary.toProbe;
    targets.push({
      id: `${id}-to-${against}`,
      scenarioId: id,
      label: `${summary.scenario.label} (${summary.scenario.dataset}) ≥ ${atLeast}× ${against === 'static' ? 'the static file' : 'the session probe'}`,
      value: figures.median,
      rounds: figures.rounds,
      limit: { atLeast },
      nature: 'load',
    });
  };
  for (const dataset of ['small', 'large']) {
    ratio(`article-cached-${dataset}`, 'static', TARGETS.cachedToStatic);
    ratio(`home-cached-${dataset}`, 'static', TARGETS.cachedToStatic);
  }
  ratio('article-uncached-small', 'probe', TARGETS.articleToProbe);
  ratio('home-uncached-small', 'probe', TARGETS.homeToProbe);
  ratio('article-uncached-large', 'probe', TARGETS.largeArticleToProbe);
  for (const page of ['article-cached', 'article-uncached', 'home-cached', 'home-uncached']) {
    const small = byId(`${page}-small`);
    const large = byId(`${page}-large`);
    if (!small || !large) continue;
    const rounds = ratiosByRound(
      small.rounds.map((round) => round.reqPerSec),
      large.rounds.map((round) => round.reqPerSec),
    );
    targets.push({
      id: `${page}-slowdown`,
      label: `${small.scenario.label}: large ≤ ${TARGETS.slowdown}× slower than small`,
      value: median(rounds),
      rounds,
      limit: { atMost: TARGETS.slowdown },
      nature: 'load',
    });
  }
  targets.push({
    id: 'bundle',
    label: `Worker bundle ≤ ${kib(TARGETS.bundleGzipBytes)} gzipped`,
    value: sizes.bundleGzipBytes,
    limit: { atMost: TARGETS.bundleGzipBytes },
    nature: 'size',
  });
  for (const article of sizes.articles) {
    const small = article.dataset === 'small';
    const limit = small ? TARGETS.articleHtmlBytes : TARGETS.largeArticleHtmlBytes;
    targets.push({
      id: `article-html-${article.dataset}`,
      label: `article HTML, ${article.comments} comments (${article.dataset}) ≤ ${kib(limit)}`,
      value: article.bytes,
      limit: { atMost: limit },
      nature: 'size',
      ...(!small && sizes.commentsPerPageChanged
        ? { infoOnly: 'BENCH_VARS changes COMMENTS_PER_PAGE: not the default page' }
        : {}),
    });
  }
  return targets;
}
