// The benchmark's judgement, kept free of I/O so that a test can hold it:
// medians and spreads across rounds, ratios taken round by round, each
// target's outcome, and the exit status the run ends with.

/** The middle value (the mean of the two middle ones for an even count); NaN when there is none. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** How far apart the rounds were: max / min (1 when they agree); NaN when it cannot be told. */
export function maxOverMin(values: readonly number[]): number {
  if (values.length === 0 || !values.every(Number.isFinite)) return Number.NaN;
  const min = Math.min(...values);
  return min > 0 ? Math.max(...values) / min : Number.NaN;
}

/**
 * One ratio per round, each scenario against the baseline measured in the
 * same round: a noisy minute slows both alike and leaves their ratio alone.
 */
export function ratiosByRound(values: readonly number[], baseline: readonly number[]): number[] {
  if (values.length !== baseline.length) throw new Error('a ratio needs the same rounds on both sides');
  return values.map((value, round) => value / (baseline[round] as number));
}

export interface Target {
  id: string;
  label: string;
  /** The figure judged: a median ratio, a slowdown, a size in bytes. */
  value: number;
  limit: { atLeast: number } | { atMost: number };
  /**
   * "load" figures come from requests a second and move with the machine's
   * noise; "size" figures (bytes) are the same on every run.
   */
  nature: 'load' | 'size';
  /** Shown but not held to its limit (e.g. a setting changed for this run). */
  infoOnly?: string;
}

export type Outcome = 'ok' | 'missed' | 'info';

export function outcome(target: Target): Outcome {
  if (target.infoOnly) return 'info';
  const met = 'atLeast' in target.limit ? target.value >= target.limit.atLeast : target.value <= target.limit.atMost;
  // NaN (a figure that could not be measured) meets no limit.
  return met ? 'ok' : 'missed';
}

export interface Baseline {
  label: string;
  /** max / min of its requests a second across rounds. */
  spread: number;
  rounds: number;
}

/** The baselines whose rounds disagree by more than maxSpread (max / min): nothing measured against them can be judged. */
export function unsteady(baselines: readonly Baseline[], maxSpread: number): Baseline[] {
  return baselines.filter((baseline) => !(baseline.spread <= maxSpread));
}

export const EXIT = { passed: 0, missed: 1, tooNoisy: 3 } as const;

export interface Judgement {
  status: (typeof EXIT)[keyof typeof EXIT];
  missed: Target[];
  /** Load targets left unjudged because a baseline was unsteady. */
  unjudged: Target[];
  summary: string;
}

/**
 * The exit status. Sizes and broken scenarios (errors, a page not served
 * from where it should be) do not depend on noise: they fail the run
 * whatever else happened. Load targets are judged only on a steady run; on an
 * unsteady one the run says so with its own status, neither passing nor
 * failing them.
 */
export function judge(targets: readonly Target[], invalid: readonly string[], noisy: readonly Baseline[]): Judgement {
  const missed = targets.filter((target) => outcome(target) === 'missed');
  const sizeMissed = missed.filter((target) => target.nature === 'size');
  const loadMissed = missed.filter((target) => target.nature === 'load');
  const loadTargets = targets.filter((target) => target.nature === 'load' && outcome(target) !== 'info');
  const which = noisy.map((baseline) => `${baseline.label} ×${baseline.spread.toFixed(2)}`).join(', ');
  const noise = `the rounds of ${which} (max/min) disagree too much to judge the load targets; run again on a quieter machine`;
  if (invalid.length > 0 || sizeMissed.length > 0) {
    const reasons = [
      ...invalid,
      ...sizeMissed.map((target) => target.label),
      ...(noisy.length > 0 ? [noise] : loadMissed.map((target) => target.label)),
    ];
    return {
      status: EXIT.missed,
      missed: noisy.length > 0 ? sizeMissed : missed,
      unjudged: noisy.length > 0 ? loadTargets : [],
      summary: `FAILED: ${reasons.join('; ')}`,
    };
  }
  if (noisy.length > 0) {
    return { status: EXIT.tooNoisy, missed: [], unjudged: loadTargets, summary: `TOO NOISY: ${noise}` };
  }
  if (loadMissed.length > 0) {
    return {
      status: EXIT.missed,
      missed: loadMissed,
      unjudged: [],
      summary: `FAILED: ${loadMissed.map((target) => target.label).join('; ')}`,
    };
  }
  return { status: EXIT.passed, missed: [], unjudged: [], summary: 'PASSED: every target met' };
}
