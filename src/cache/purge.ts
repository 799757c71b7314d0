// Making a change visible at once, in both layers: Workers Cache by tag (where
// the runtime offers ctx.cache), the Cache API layer by bumping its version.
import { readCacheSettings } from './settings';
import { bumpCacheVersion } from './version';

export interface PurgeReport {
  tags: string[];
  workersCache: 'purged' | 'unavailable' | 'failed' | 'off';
  cacheApiVersion: number;
}

export async function purgeCachedPages(env: Env, ctx: ExecutionContext, tags: string[]): Promise<PurgeReport> {
  const cacheApiVersion = await bumpCacheVersion(env.DB);
  return { tags, workersCache: await purgeWorkersCache(env, ctx, tags), cacheApiVersion };
}

/** Workers Cache alone, for a write that bumped the Cache API version in its own batch (cacheVersionBump). */
export async function purgeWorkersCache(
  env: Env,
  ctx: ExecutionContext,
  tags: string[],
): Promise<PurgeReport['workersCache']> {
  if (readCacheSettings(env).mode !== 'workers-cache') return 'off';
  if (!ctx.cache) return 'unavailable';
  const result = await ctx.cache.purge({ tags });
  if (!result.success) console.error('Workers Cache purge failed', tags, result.errors);
  return result.success ? 'purged' : 'failed';
}
