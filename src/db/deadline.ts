// A deadline around every D1 call: a query that never answers must not hold
// the reader's request until the runtime kills it. The binding is wrapped
// once per environment; statements, batches and sessions all inherit the
// deadline. D1_TIMEOUT_MS (optional var, 5000 by default) sets it.
import { DatabaseUnavailableError } from './errors';

export const DEFAULT_D1_TIMEOUT_MS = 5000;

/** The calls that reach the database; everything else (bind, getBookmark) is local. */
const QUERY_METHODS = new Set(['first', 'all', 'run', 'raw', 'batch', 'exec', 'dump']);

const wrappedEnvs = new WeakMap<object, Env>();
/** A wrapped statement or session → the real one, handed back to D1's own batch. */
const realObjects = new WeakMap<object, object>();

/** The environment with its DB behind a deadline; the same object for the same env (settings caches key on it). */
export function withD1Deadline(env: Env): Env {
  const known = wrappedEnvs.get(env);
  if (known) return known;
  const wrapped = { ...env, DB: guardDatabase(env.DB, d1TimeoutMs(env)) };
  wrappedEnvs.set(env, wrapped);
  return wrapped;
}

export function d1TimeoutMs(env: object): number {
  const value = (env as { D1_TIMEOUT_MS?: unknown }).D1_TIMEOUT_MS;
  if (value === undefined || value === '') return DEFAULT_D1_TIMEOUT_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1) throw new Error('D1_TIMEOUT_MS must be a positive whole number of milliseconds');
  return ms;
}

export function guardDatabase<T extends object>(database: T, timeoutMs: number): T {
  if (realObjects.has(database)) return database;
  const guarded = new Proxy(database, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      const name = String(property);
      return (...args: unknown[]) => {
        const realArgs = name === 'batch' ? [(args[0] as object[]).map(unwrap), ...args.slice(1)] : args;
        const result = (value as (...a: unknown[]) => unknown).apply(target, realArgs);
        if (QUERY_METHODS.has(name)) return withDeadline(result as Promise<unknown>, timeoutMs, name);
        // prepare, bind and withSession give objects that query later: guard them too.
        return result !== null && typeof result === 'object' ? guardDatabase(result, timeoutMs) : result;
      };
    },
  });
  realObjects.set(guarded, database);
  return guarded;
}

function unwrap(object: object): object {
  return realObjects.get(object) ?? object;
}

async function withDeadline<T>(call: Promise<T>, timeoutMs: number, method: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new DatabaseUnavailableError(`D1 ${method} gave no answer within ${timeoutMs} ms`, { timedOut: true })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([call, deadline]);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError(
      `D1 ${method} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
