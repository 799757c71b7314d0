// `npm run bench`'s judgement: medians and spreads across rounds, ratios
// taken round by round, and the exit status a run ends with (0 passed,
// 1 missed, 3 too noisy to judge).
import { describe, expect, it } from 'vitest';
import {
  EXIT,
  judge,
  maxOverMin,
  median,
  outcome,
  ratiosByRound,
  type Target,
  unsteady,
} from '../../scripts/bench/verdict.ts';

const load = (id: string, value: number, atLeast: number): Target => ({
  id,
  label: id,
  value,
  limit: { atLeast },
  nature: 'load',
});
const size = (id: string, bytes: number, atMost: number): Target => ({
  id,
  label: id,
  value: bytes,
  limit: { atMost },
  nature: 'size',
});
const steady = [{ label: 'static file', spread: 1.1, rounds: 3 }];
const shaky = [{ label: 'static file', spread: 1.8, rounds: 3 }];

describe('figures across rounds', () => {
  it('takes the middle round, so that one bad round does not move it', () => {
    expect(median([900, 310, 880])).toBe(880);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('tells how far the rounds disagreed as max / min', () => {
    expect(maxOverMin([500, 1000, 750])).toBe(2);
    expect(maxOverMin([600])).toBe(1);
    expect(maxOverMin([0, 100])).toBeNaN();
  });

  it('divides each round by the same round’s baseline', () => {
    // Round 2 was slow for both: the ratio holds.
    expect(ratiosByRound([450, 225, 440], [600, 300, 550])).toEqual([0.75, 0.75, 0.8]);
    expect(() => ratiosByRound([1, 2], [1])).toThrow();
  });
});

describe('a target', () => {
  it('is met at its limit and missed just below or above it', () => {
    expect(outcome(load('render', 0.75, 0.75))).toBe('ok');
    expect(outcome(load('render', 0.749, 0.75))).toBe('missed');
    expect(outcome(size('page', 30 * 1024, 30 * 1024))).toBe('ok');
    expect(outcome(size('page', 30 * 1024 + 1, 30 * 1024))).toBe('missed');
  });

  it('is missed when its figure could not be measured', () => {
    expect(outcome(load('render', Number.NaN, 0.75))).toBe('missed');
  });

  it('is only shown when the run changed what it measures', () => {
    expect(outcome({ ...size('page', 200_000, 100 * 1024), infoOnly: 'COMMENTS_PER_PAGE changed' })).toBe('info');
  });
});

describe('the exit status', () => {
  it('is 0 when every target is met on a steady run', () => {
    const verdict = judge([load('cached', 1.0, 0.9), size('page', 20_000, 30_720)], [], unsteady(steady, 1.5));
    expect(verdict.status).toBe(EXIT.passed);
    expect(verdict.missed).toEqual([]);
  });

  it('is 1 when a render misses on a steady run', () => {
    const render = load('render', 0.55, 0.75);
    const verdict = judge([load('cached', 1.0, 0.9), render], [], unsteady(steady, 1.5));
    expect(verdict.status).toBe(EXIT.missed);
    expect(verdict.missed).toEqual([render]);
  });

  it('is 3 when a baseline’s rounds disagree past the limit, whether the ratios pass or miss', () => {
    const noisy = unsteady(shaky, 1.5);
    expect(noisy).toEqual(shaky);
    const passing = judge([load('cached', 1.0, 0.9)], [], noisy);
    const missing = judge([load('render', 0.5, 0.75)], [], noisy);
    expect(passing.status).toBe(EXIT.tooNoisy);
    expect(missing.status).toBe(EXIT.tooNoisy);
    expect(missing.missed).toEqual([]);
    expect(missing.unjudged.map((target) => target.id)).toEqual(['render']);
    expect(missing.summary).toMatch(/too noisy/i);
  });

  it('takes a baseline whose spread cannot be told for an unsteady one', () => {
    expect(unsteady([{ label: 'probe', spread: Number.NaN, rounds: 3 }], 1.5)).toHaveLength(1);
    expect(unsteady([{ label: 'probe', spread: 1.5, rounds: 3 }], 1.5)).toEqual([]);
  });

  it('is 1 for a missed size or a broken scenario, however noisy the run: neither depends on the load', () => {
    const page = size('page', 40_000, 30_720);
    const heavy = judge([load('render', 0.5, 0.75), page], [], unsteady(shaky, 1.5));
    expect(heavy.status).toBe(EXIT.missed);
    expect(heavy.missed).toEqual([page]);
    expect(heavy.unjudged.map((target) => target.id)).toEqual(['render']);
    expect(heavy.summary).toMatch(/page.*too much to judge the load targets/);
    const broken = judge([load('cached', 1.0, 0.9)], ['article, cached: not a HIT'], []);
    expect(broken.status).toBe(EXIT.missed);
    expect(broken.summary).toContain('not a HIT');
  });
});
