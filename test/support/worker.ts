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

/** A D1 that counts every statement it prepares, sessions (page reads) included. */
export function countingDb(): { db: D1Database; count: () => number } {
  let queries = 0;
  const wrap = <T extends object>(database: T): T =>
    new Proxy(database, {
      get(target, property) {
        const real = target as unknown as D1Database;
        if (property === 'prepare') {
          return (sql: string) => {
            queries++;
            return real.prepare(sql);
          };
        }
        if (property === 'withSession') return (constraint?: string) => wrap(real.withSession(constraint));
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return { db: wrap(env.DB), count: () => queries };
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
