// Calls the Worker's fetch handler directly with a doctored environment and
// execution context: the cache switched on, a D1 that counts its queries, a
// recording stand-in for ctx.cache (Workers Cache exists only in production).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index';

export interface RecordedPurge {
  method: 'purge' | 'invalidate';
  options: CachePurgeOptions;
}

export function recordingCacheContext(): { cache: CacheContext; purges: RecordedPurge[] } {
  const purges: RecordedPurge[] = [];
  const record = (method: RecordedPurge['method']) => async (options: CachePurgeOptions) => {
    purges.push({ method, options });
    return { success: true, errors: [] };
  };
  return { cache: { purge: record('purge'), invalidate: record('invalidate') }, purges };
}

export interface DbHooks {
  /** Called for every statement prepared. */
  prepare?: (sql: string) => void;
  /** Return an error to make a batch fail, given the SQL of its statements. */
  batch?: (sql: string[]) => Error | undefined;
}

/** The real local D1 with hooks on prepare and batch, sessions (page reads) included. */
export function instrumentedDb(hooks: DbHooks): D1Database {
  const sqlOf = new WeakMap<object, string>();
  const wrap = <T extends object>(database: T): T =>
    new Proxy(database, {
      get(target, property) {
        const real = target as unknown as D1Database;
        if (property === 'prepare') {
          return (sql: string) => {
            hooks.prepare?.(sql);
            const statement = real.prepare(sql);
            const bind = statement.bind.bind(statement);
            // Bound statements are new objects: remember their SQL too.
            statement.bind = (...values: unknown[]) => {
              const bound = bind(...values);
              sqlOf.set(bound, sql);
              return bound;
            };
            sqlOf.set(statement, sql);
            return statement;
          };
        }
        if (property === 'batch') {
          return (statements: D1PreparedStatement[]) => {
            const error = hooks.batch?.(statements.map((statement) => sqlOf.get(statement) ?? ''));
            return error ? Promise.reject(error) : real.batch(statements);
          };
        }
        if (property === 'withSession') return (constraint?: string) => wrap(real.withSession(constraint));
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return wrap(env.DB);
}

/** A D1 that counts every statement it prepares. */
export function countingDb(): { db: D1Database; count: () => number } {
  let queries = 0;
  const db = instrumentedDb({
    prepare: () => {
      queries++;
    },
  });
  return { db, count: () => queries };
}

export async function callWorker(
  path: string,
  options: { env?: Partial<Env> & Record<string, unknown>; init?: RequestInit; cache?: CacheContext } = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  if (options.cache) Object.assign(ctx, { cache: options.cache });
  const request = new Request(`http://localhost:8787${path}`, { redirect: 'manual', ...options.init });
  const incoming = request as Request<unknown, IncomingRequestCfProperties>;
  const response = await worker.fetch(incoming, { ...env, ...options.env } as Env, ctx);
  // Let cache.put (ctx.waitUntil) finish, as the runtime would before the next request.
  await waitOnExecutionContext(ctx);
  return response;
}
