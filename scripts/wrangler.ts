// Runs the project's own wrangler (never a global one) with the Node that
// runs this script, so it works wherever `npm run` works.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin',
  'wrangler.js',
);

export interface D1Target {
  remote: boolean;
  /** Local state directory (wrangler's --persist-to), for tests. */
  persistTo?: string;
  config?: string;
}

export function runWrangler(
  args: string[],
  options: { quiet?: boolean } = {},
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [wranglerBin, ...args], {
    encoding: 'utf8',
    stdio: options.quiet ? 'pipe' : ['inherit', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function targetArgs(target: D1Target): string[] {
  return [
    target.remote ? '--remote' : '--local',
    ...(target.persistTo ? ['--persist-to', target.persistTo] : []),
    ...(target.config ? ['--config', target.config] : []),
  ];
}

export function applyMigrations(target: D1Target): void {
  const result = runWrangler(['d1', 'migrations', 'apply', 'DB', ...targetArgs(target)], { quiet: true });
  if (result.status !== 0) throw new Error(`wrangler d1 migrations apply failed:\n${result.stderr || result.stdout}`);
}

/** Executes statements in one `wrangler d1 execute --file` call. */
export function executeStatements(target: D1Target, statements: string[]): void {
  if (statements.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'causerie-'));
  const file = join(dir, 'publish.sql');
  try {
    writeFileSync(file, `${statements.join(';\n')};\n`);
    const result = runWrangler(['d1', 'execute', 'DB', ...targetArgs(target), '--file', file, '--yes'], {
      quiet: true,
    });
    if (result.status !== 0) throw new Error(`wrangler d1 execute failed:\n${result.stderr || result.stdout}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one read-only query and returns its rows. */
export function queryRows<T>(target: D1Target, sql: string): T[] {
  const result = runWrangler(['d1', 'execute', 'DB', ...targetArgs(target), '--command', sql, '--json'], {
    quiet: true,
  });
  if (result.status !== 0) throw new Error(`wrangler d1 execute failed:\n${result.stderr || result.stdout}`);
  const parsed = JSON.parse(result.stdout) as { results: T[] }[];
  return parsed[0]?.results ?? [];
}
