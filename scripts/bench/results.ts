// bench-results.json (git-ignored): every round's raw figures, the medians and
// spreads, each target's verdict and the exit status, for comparing runs.
import { writeFileSync } from 'node:fs';
import type { Machine } from './report.ts';
import type { Summary } from './rounds.ts';
import { CONNECTIONS, MAX_SPREAD, ROUNDS, SECONDS, VARS, WARMUP } from './settings.ts';
import { resultOf } from './tables.ts';
import type { BenchTarget } from './targets.ts';
import type { Baseline, Judgement } from './verdict.ts';

const round = (value: number, digits: number): number | null =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

export interface CommentWrite {
  /** The median across rounds of each round's mean. */
  medianMs: number;
  /** Per round: the mean of its writes. */
  roundMeans: number[];
  writesPerRound: number;
}

export function writeResults(
  file: string,
  facts: {
    machine: Machine;
    dataSets: unknown[];
    bundle: { bytes: number; gzipBytes: number };
    summaries: Summary[];
    targets: BenchTarget[];
    baselines: Baseline[];
    commentWrite: CommentWrite;
    judgement: Judgement;
  },
): void {
  const { summaries, targets, judgement } = facts;
  const json = {
    ranAt: new Date().toISOString(),
    machine: facts.machine,
    load: {
      tool: 'autocannon',
      rounds: ROUNDS,
      connections: CONNECTIONS,
      secondsPerScenario: SECONDS,
      warmupSeconds: WARMUP,
      maxSpread: MAX_SPREAD,
    },
    varsChanged: VARS,
    dataSets: facts.dataSets,
    bundle: facts.bundle,
    scenarios: summaries.map((summary) => ({
      ...summary.scenario,
      reqPerSec: round(summary.reqPerSec, 1),
      minReqPerSec: round(summary.min, 1),
      maxReqPerSec: round(summary.max, 1),
      spread: round(summary.spread, 3),
      p50Ms: round(summary.p50Ms, 3),
      p99Ms: round(summary.p99Ms, 3),
      errors: summary.errors,
      ratioToStatic: round(summary.toStatic.median, 3),
      ratioToStaticByRound: summary.toStatic.rounds.map((value) => round(value, 3)),
      ratioToProbe: round(summary.toProbe.median, 3),
      ratioToProbeByRound: summary.toProbe.rounds.map((value) => round(value, 3)),
      problems: summary.problems,
      rounds: summary.rounds.map((figure) => ({
        ...figure,
        seconds: round(figure.seconds, 2),
        reqPerSec: round(figure.reqPerSec, 1),
        p50Ms: round(figure.p50Ms, 3),
        p99Ms: round(figure.p99Ms, 3),
      })),
    })),
    commentWrite: {
      medianMs: round(facts.commentWrite.medianMs, 3),
      roundMeans: facts.commentWrite.roundMeans.map((value) => round(value, 3)),
      writesPerRound: facts.commentWrite.writesPerRound,
      how: "src/db/comments.ts's insertComment of a pending comment, in a first-primary session, timed inside workerd on a copy of the blog's D1",
    },
    baselines: facts.baselines.map((baseline) => ({ ...baseline, spread: round(baseline.spread, 3) })),
    targets: targets.map((target) => ({
      id: target.id,
      label: target.label,
      value: round(target.value, 3),
      byRound: target.rounds?.map((value) => round(value, 3)),
      limit: target.limit,
      nature: target.nature,
      result: resultOf(target, judgement),
    })),
    exitStatus: judgement.status,
    verdict: judgement.summary,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}
