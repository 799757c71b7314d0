// Rounds: every scenario once, always in the same order, then again, so that
// a noisy minute on this shared machine hits all of them rather than one.
// Each scenario is summed up by its median across rounds and how far its
// rounds disagreed; ratios are taken round by round against the baselines.
import { fixed } from './report.ts';
import type { RoundFigure, Scenario } from './scenarios.ts';
import { maxOverMin, median, ratiosByRound } from './verdict.ts';

export interface Measured {
  scenario: Omit<Scenario, 'run'>;
  rounds: RoundFigure[];
}

export interface Rounds {
  measured: Measured[];
  /** Per round, the mean milliseconds of a comment's D1 write (timed inside workerd). */
  commentWrites: number[];
}

export async function runRounds(
  scenarios: Scenario[],
  count: number,
  timeCommentWrite: () => Promise<number>,
  settlingRounds = 0,
): Promise<Rounds> {
  const measured: Measured[] = scenarios.map(({ run: _run, ...scenario }) => ({ scenario, rounds: [] }));
  const commentWrites: number[] = [];
  // The first pass over cold runtimes (workerd's and autocannon's JIT) ran
  // the static file at 494 req/s, then 800 and 748 (npm run bench at
  // 7c44d73, an idle machine): counted, it alone made the run "too noisy".
  for (let round = 1; round <= settlingRounds; round++) {
    console.log(`\nSettling round ${round} of ${settlingRounds} (not counted):`);
    for (const scenario of scenarios) progress(scenario, await scenario.run());
  }
  for (let round = 1; round <= count; round++) {
    console.log(`\nRound ${round} of ${count}:`);
    for (const [index, scenario] of scenarios.entries()) {
      const figure = await scenario.run();
      (measured[index] as Measured).rounds.push(figure);
      progress(scenario, figure);
    }
    const ms = await timeCommentWrite();
    commentWrites.push(ms);
    console.log(`  ${'comment D1 write'.padEnd(32)} ${fixed(ms, 2).padStart(6)} ms a write`);
  }
  return { measured, commentWrites };
}

function progress(scenario: Scenario, figure: RoundFigure): void {
  const statuses = Object.entries(figure.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  console.log(
    `  ${`${scenario.label}${scenario.dataset === '-' ? '' : ` (${scenario.dataset})`}`.padEnd(32)} ${fixed(figure.reqPerSec, 0).padStart(6)} req/s  p50 ${fixed(figure.p50Ms, 2)} ms  p99 ${fixed(figure.p99Ms, 2)} ms  [${statuses}]${figure.problem ? `  PROBLEM: ${figure.problem}` : ''}`,
  );
}

export interface Summary extends Measured {
  reqPerSec: number;
  min: number;
  max: number;
  /** max / min across rounds. */
  spread: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Per round against the same round's static file, and their median. */
  toStatic: { rounds: number[]; median: number };
  /** Per round against the same round's "1 D1 session query" probe, and their median. */
  toProbe: { rounds: number[]; median: number };
  problems: string[];
}

export function summarise(measured: Measured[], staticId: string, probeId: string): Summary[] {
  const rates = (id: string) => measured.find((entry) => entry.scenario.id === id)?.rounds.map((r) => r.reqPerSec);
  const staticRates = rates(staticId);
  const probeRates = rates(probeId);
  return measured.map((entry) => {
    const values = entry.rounds.map((round) => round.reqPerSec);
    const against = (baseline: number[] | undefined) => {
      const rounds = baseline ? ratiosByRound(values, baseline) : [];
      return { rounds, median: median(rounds) };
    };
    return {
      ...entry,
      reqPerSec: median(values),
      min: Math.min(...values),
      max: Math.max(...values),
      spread: maxOverMin(values),
      p50Ms: median(entry.rounds.map((round) => round.p50Ms)),
      p99Ms: median(entry.rounds.map((round) => round.p99Ms)),
      errors: entry.rounds.reduce((sum, round) => sum + round.errors, 0),
      toStatic: against(staticRates),
      toProbe: against(probeRates),
      problems: [...new Set(entry.rounds.flatMap((round) => (round.problem ? [round.problem] : [])))],
    };
  });
}
