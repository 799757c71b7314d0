// npm run bench's settings, from the environment (see scripts/bench.ts).
import type { DataSetSpec } from './seed.ts';

const setting = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

/**
 * Seconds per scenario and round. Three rounds of 4 s (plus 1 s of warm-up)
 * cost about what one round of 6 s did, and a median of three says more.
 */
export const SECONDS = setting('BENCH_DURATION', 4);
export const WARMUP = setting('BENCH_WARMUP', 1);
export const CONNECTIONS = Math.round(setting('BENCH_CONNECTIONS', 10));
export const ROUNDS = Math.round(setting('BENCH_ROUNDS', 3));
/** Rounds run first and not counted, so that no counted round meets a cold runtime (0: none). */
export const SETTLING_ROUNDS = Math.round(Number(process.env.BENCH_SETTLING_ROUNDS ?? 1));
if (!Number.isInteger(SETTLING_ROUNDS) || SETTLING_ROUNDS < 0) {
  throw new Error('BENCH_SETTLING_ROUNDS must be 0 or a positive whole number');
}
/**
 * The widest disagreement (max / min of requests a second across rounds) a
 * baseline may show for the run to be judged. Ratios are taken round by
 * round, so a slowdown that hits a whole round cancels out; what does not
 * cancel is noise that changes within a round. On this 2-CPU shared machine
 * the static file has measured from 506 to 1,205 req/s across runs (2.4×),
 * and a probe at 0.28× and 0.51× of it: swings that size make a 0.75× line
 * meaningless. Past 1.5×, the machine moved by more than the margins the
 * targets leave (0.75×, 0.9×, 1.5×), so the run says it cannot judge.
 */
export const MAX_SPREAD = setting('BENCH_MAX_SPREAD', 1.5);
/** The comment writes timed one after the other in each round (see ./probes.ts). */
export const WRITE_SAMPLES = Math.round(setting('BENCH_WRITE_SAMPLES', 100));
/** 0: only the probe the targets need ("1 D1 session query"), not the three others. */
export const ALL_PROBES = process.env.BENCH_PROBES !== '0';

export const DATASETS = (process.env.BENCH_DATASETS ?? 'small,large').split(',').map((name) => name.trim());
for (const name of DATASETS) {
  if (name !== 'small' && name !== 'large') throw new Error(`BENCH_DATASETS: "${name}" is neither small nor large`);
}

export const SPECS: DataSetSpec[] = [
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
].filter((spec) => DATASETS.includes(spec.name)) as DataSetSpec[];

export const VARS = parseVars(process.env.BENCH_VARS);

function parseVars(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  const vars: unknown = JSON.parse(json);
  if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) {
    throw new Error('BENCH_VARS must be a JSON object, e.g. {"COMMENTS_PER_PAGE":20}');
  }
  return vars as Record<string, unknown>;
}
