// The CLI tests' view of a local D1 (wrangler's --persist-to folder): a
// migrated copy to start from, and reads of what the commands wrote. The
// commands under test write through wrangler as an author's would; the tests
// read the same SQLite file in-process, where a `wrangler d1 execute` per
// query cost about 3 s of a 2-CPU machine each.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLOutputValue } from 'node:sqlite';
import { inject } from 'vitest';

/** A local D1 with every migration applied (test/scripts/cli/global-setup.ts makes it once per run). */
export function migratedState(state: string): string {
  cpSync(inject('migratedState'), state, { recursive: true });
  return state;
}

/** The SQLite file wrangler keeps the blog's DB in, under a --persist-to folder. */
function databaseFile(state: string): string {
  const dir = join(state, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = readdirSync(dir).filter((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (files.length !== 1) throw new Error(`expected one D1 database in ${dir}, found: ${files.join(', ') || 'none'}`);
  return join(dir, files[0] as string);
}

/** Values as D1 gives them: integers as numbers, blobs as arrays of bytes. */
function asD1(value: SQLOutputValue): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Array.from(value);
  return value;
}

/** Runs each statement in turn and returns the rows of each, as `wrangler d1 execute --json` lists them. */
export function d1Results(state: string, statements: string[]): Record<string, unknown>[][] {
  const db = new DatabaseSync(databaseFile(state), { readBigInts: true });
  try {
    return statements.map((sql) =>
      db
        .prepare(sql)
        .all()
        .map((row) => Object.fromEntries(Object.entries(row).map(([name, value]) => [name, asD1(value)]))),
    );
  } finally {
    db.close();
  }
}

/** The rows of one query. */
export function d1Rows<T>(state: string, sql: string): T[] {
  return (d1Results(state, [sql])[0] ?? []) as T[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    migratedState: string;
  }
}
