// Runs the project's own wrangler (never a global one) with the Node that
// runs this script, so it works wherever `npm run` works.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { splitIntoFiles, sqlFileText } from './lib/sql-files.ts';

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

/**
 * Executes statements in order with `wrangler d1 execute --file`: one file,
 * or remotely as many as D1's limits ask for (see lib/sql-files.ts), run one
 * after the other.
 */
export function executeStatements(target: D1Target, statements: string[]): void {
  if (statements.length === 0) return;
  const files = target.remote ? splitIntoFiles(statements) : [statements];
  const dir = mkdtempSync(join(tmpdir(), 'causerie-'));
  try {
    files.forEach((fileStatements, index) => {
      const file = join(dir, `publish-${index + 1}.sql`);
      writeFileSync(file, sqlFileText(fileStatements));
      const result = runWrangler(['d1', 'execute', 'DB', ...targetArgs(target), '--file', file, '--yes'], {
        quiet: true,
      });
      if (result.status !== 0)
        throw new Error(
          `wrangler d1 execute failed${files.length > 1 ? ` on file ${index + 1} of ${files.length} (the files before it were applied)` : ''}:\n${result.stderr || result.stdout}`,
        );
      rmSync(file, { force: true });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same as executeStatements, for runs of thousands of statements (a
 * WordPress import, a large publish): locally they go in-process to the
 * database wrangler uses (lib/local-d1.ts: seconds instead of minutes), in
 * batches of the size a remote file has; remotely, through executeStatements.
 */
export async function applyStatements(target: D1Target, statements: string[]): Promise<void> {
  if (statements.length === 0) return;
  if (target.remote) return executeStatements(target, statements);
  // Loaded when used: Miniflare is large, and most commands never need it.
  const { withLocalD1 } = await import('./lib/local-d1.ts');
  await withLocalD1(target, async (db) => {
    for (const batch of splitIntoFiles(statements)) await db.batch(batch);
  });
}

/** queryRows, read in-process when local (see applyStatements). */
export async function readRows<T>(target: D1Target, sql: string): Promise<T[]> {
  if (target.remote) return queryRows<T>(target, sql);
  const { withLocalD1 } = await import('./lib/local-d1.ts');
  return withLocalD1(target, async (db) => ((await db.batch([sql]))[0] ?? []) as T[]);
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
