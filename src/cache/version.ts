// The Cache API layer's version. cache.delete() reaches one data centre only,
// so instead of deleting, a change bumps a version stored in D1 that every key
// includes. Each isolate re-reads it at most once per bound: a data centre may
// serve a pre-change page for at most that long, and a hit costs no D1 query
// in between.
import { BUMP_CACHE_VERSION_SQL, READ_CACHE_VERSION_SQL } from './version-sql';

interface Memo {
  version: number;
  readAt: number;
}

let memo: Memo | null = null;

export async function currentCacheVersion(db: D1Database, boundSeconds: number, nowMs = Date.now()): Promise<number> {
  if (memo && nowMs - memo.readAt < boundSeconds * 1000) return memo.version;
  const row = await db.prepare(READ_CACHE_VERSION_SQL).first<{ version: number }>();
  memo = { version: row?.version ?? 1, readAt: nowMs };
  return memo.version;
}

export async function bumpCacheVersion(db: D1Database, nowMs = Date.now()): Promise<number> {
  const row = await db.prepare(`${BUMP_CACHE_VERSION_SQL} RETURNING version`).first<{ version: number }>();
  // This isolate sees its own change at once; the others within the bound.
  memo = { version: row?.version ?? 1, readAt: nowMs };
  return memo.version;
}

/** The bump as a statement, for a write that must commit it in its own batch: no change without its purge. */
export function cacheVersionBump(db: Pick<D1Database, 'prepare'>): D1PreparedStatement {
  return db.prepare(`${BUMP_CACHE_VERSION_SQL} RETURNING version`);
}

/** After such a batch: this isolate sees its own change at once. */
export function rememberCacheVersion(result: D1Result | undefined, nowMs = Date.now()): void {
  const version = (result?.results[0] as { version?: number } | undefined)?.version;
  if (typeof version === 'number') memo = { version, readAt: nowMs };
}
