// How the blog caches rendered pages. "workers-cache": Cloudflare's cache in
// front of the Worker ([cache] enabled = true), driven by our headers and
// purged by tag; where ctx.cache is missing (local workerd) the Cache API layer
// takes over. "cache-api": the Cache API inside the Worker. "off": render always.
export type CacheMode = 'workers-cache' | 'cache-api' | 'off';

export interface CacheSettings {
  mode: CacheMode;
  /** How long the edge keeps a page; purges make it fresh before that. */
  ttlSeconds: number;
  /** How long a missing page stays cached (it may be published soon). */
  notFoundTtlSeconds: number;
  /** The longest a data centre may serve a page from before a change (Cache API layer). */
  versionBoundSeconds: number;
}

interface CacheVars {
  EDGE_CACHE?: unknown;
  CACHE_TTL_SECONDS?: unknown;
  CACHE_VERSION_BOUND_SECONDS?: unknown;
}

const cache = new WeakMap<object, CacheSettings>();

export function readCacheSettings(env: object): CacheSettings {
  const known = cache.get(env);
  if (known) return known;
  const vars = env as CacheVars;
  const mode = vars.EDGE_CACHE ?? 'cache-api';
  if (mode !== 'workers-cache' && mode !== 'cache-api' && mode !== 'off') {
    throw new Error(`EDGE_CACHE must be "workers-cache", "cache-api" or "off", not ${JSON.stringify(mode)}`);
  }
  const seconds = (value: unknown, fallback: number, name: string) => {
    const number = Number(value ?? fallback);
    if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive whole number of seconds`);
    return number;
  };
  const settings: CacheSettings = {
    mode,
    ttlSeconds: seconds(vars.CACHE_TTL_SECONDS, 86_400, 'CACHE_TTL_SECONDS'),
    notFoundTtlSeconds: 60,
    versionBoundSeconds: seconds(vars.CACHE_VERSION_BOUND_SECONDS, 60, 'CACHE_VERSION_BOUND_SECONDS'),
  };
  cache.set(env, settings);
  return settings;
}
