// Formatting for the benchmark's output: plain-text tables and the machine it ran on.
import { availableParallelism, cpus, release, totalmem } from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
  };
}

export function describeMachine(m: Machine): string {
  return `${m.cpus} CPU(s), ${m.cpuModel}, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.os}`;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  // Numbers right-aligned, words left-aligned.
  const numeric = header.map((_, i) => rows.every((row) => /^[\d.,×≥≤ %–-]*$/.test(row[i] ?? '')));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');

export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
