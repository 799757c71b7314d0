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
  const settings = readCacheSettings(env);
  const cacheApiVersion = await bumpCacheVersion(env.DB);
  let workersCache: PurgeReport['workersCache'] = 'off';
  if (settings.mode === 'workers-cache') {
    if (!ctx.cache) {
      workersCache = 'unavailable';
    } else {
      const result = await ctx.cache.purge({ tags });
      workersCache = result.success ? 'purged' : 'failed';
      if (!result.success) console.error('Workers Cache purge failed', tags, result.errors);
    }
  }
  return { tags, workersCache, cacheApiVersion };
}
