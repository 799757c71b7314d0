// The benchmark's printed tables: every scenario's median across rounds with
// its spread and both ratios, the large/small slowdowns, and the sizes.
import { fixed, kib, table } from './report.ts';
import type { Summary } from './rounds.ts';
import type { BenchTarget } from './targets.ts';
import { type Judgement, outcome } from './verdict.ts';

const ORDER = [
  'static',
  'probe-',
  'article-cached',
  'article-uncached',
  'home-cached',
  'home-uncached',
  'comment-post',
];

function rank(summary: Summary): number {
  const { id, dataset } = summary.scenario;
  const set = dataset === 'large' ? 200 : dataset === 'small' ? 100 : 0;
  return set + ORDER.findIndex((prefix) => id.startsWith(prefix));
}

/** "ok", "MISSED", "info", or "noisy" for a load target the run cannot judge. */
export function resultOf(target: BenchTarget, judgement: Judgement): string {
  if (judgement.unjudged.includes(target)) return `noisy (${outcome(target) === 'ok' ? 'ok' : 'missed'}?)`;
  const result = outcome(target);
  return result === 'missed' ? 'MISSED' : result;
}

const limitText = (target: BenchTarget, unit = '×') =>
  'atLeast' in target.limit ? `≥ ${target.limit.atLeast}${unit}` : `≤ ${target.limit.atMost}${unit}`;

export function scenarioTable(summaries: Summary[], targets: BenchTarget[], judgement: Judgement): string {
  const rows = [...summaries]
    .sort((a, b) => rank(a) - rank(b))
    .map((summary) => {
      const { scenario } = summary;
      const target = targets.find((entry) => entry.scenarioId === scenario.id);
      let result = target ? resultOf(target, judgement) : '';
      if (summary.errors > 0) result = 'ERRORS';
      if (summary.problems.length > 0) result = 'INVALID';
      const showsProbe = scenario.kind === 'uncached' || scenario.kind === 'probe';
      return [
        scenario.label,
        scenario.dataset,
        scenario.kind === 'uncached' ? 'off' : (summary.rounds[0]?.cache ?? '-'),
        fixed(summary.reqPerSec, 0),
        `${fixed(summary.min, 0)}–${fixed(summary.max, 0)}`,
        `${fixed((summary.spread - 1) * 100, 0)} %`,
        fixed(summary.p50Ms, 2),
        fixed(summary.p99Ms, 2),
        String(summary.errors),
        fixed(summary.toStatic.median, 2),
        showsProbe ? fixed(summary.toProbe.median, 2) : '',
        target ? `${limitText(target)} ${target.id.endsWith('-to-probe') ? 'probe' : 'static'}` : '',
        result,
      ];
    });
  return table(
    [
      'scenario',
      'data',
      'cache',
      'req/s',
      'min–max',
      'spread',
      'p50 ms',
      'p99 ms',
      'errors',
      '× static',
      '× probe',
      'target',
      'result',
    ],
    rows,
  );
}

export function slowdownTable(summaries: Summary[], targets: BenchTarget[], judgement: Judgement): string | null {
  const rows = targets
    .filter((target) => target.id.endsWith('-slowdown'))
    .map((target) => {
      const page = target.id.replace(/-slowdown$/, '');
      const rate = (dataset: string) =>
        summaries.find((summary) => summary.scenario.id === `${page}-${dataset}`)?.reqPerSec ?? Number.NaN;
      const label = summaries.find((summary) => summary.scenario.id === `${page}-small`)?.scenario.label ?? page;
      return [
        label,
        fixed(rate('small'), 0),
        fixed(rate('large'), 0),
        `${fixed(target.value, 2)}×`,
        (target.rounds ?? []).map((value) => fixed(value, 2)).join(' '),
        limitText(target),
        resultOf(target, judgement),
      ];
    });
  if (rows.length === 0) return null;
  return table(['page', 'small req/s', 'large req/s', 'slowdown', 'by round', 'target', 'result'], rows);
}

export function sizeTable(targets: BenchTarget[], judgement: Judgement): string {
  const rows = targets
    .filter((target) => target.nature === 'size')
    .map((target) => [
      target.label.replace(/ ≤ .*$/, ''),
      target.id === 'bundle' ? kib(target.value) : `${target.value} B (${kib(target.value)})`,
      'atMost' in target.limit ? `≤ ${kib(target.limit.atMost)}` : '',
      target.infoOnly ? `info: ${target.infoOnly}` : resultOf(target, judgement),
    ]);
  return table(['size', 'value', 'target', 'result'], rows);
}
