// The blog with the demo content, started the way the browser journeys
// (scripts/e2e/harness.ts) and the load run (scripts/load/run.ts) both want
// it: the Worker as `wrangler deploy` would upload it, a copy of public/ and a
// fresh D1 holding the migrations, the demo articles and the demo comments,
// a bucket holding the demo media,
// all under the caller's working directory (which the caller removes).
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
import { type Bundle, bundleWorker } from '../bundle.ts';
import { blogLanguage, loadContent } from '../content-publish.ts';
import { type Blog, type BlogOptions, startBlog } from './runtime.ts';
import { applyMigrations, type D1, seedDataSet } from './seed.ts';

export interface DemoBlog extends Blog {
  db: D1;
}

export async function startDemoBlog(
  work: string,
  options: Pick<BlogOptions, 'siteverifyUrl' | 'vars' | 'secrets' | 'onWorkerLog' | 'explorer'> & {
    /** The Worker already built (npm run check has built it to size it), instead of building it again. */
    bundle?: Pick<Bundle, 'script'>;
  },
): Promise<DemoBlog> {
  const { bundle: built, ...blogOptions } = options;
  const bundle = built ?? bundleWorker(join(work, 'dist'));
  const assetsDir = join(work, 'assets');
  cpSync('public', assetsDir, { recursive: true });
  const blog = await startBlog({
    ...blogOptions,
    script: bundle.script,
    mode: 'cache-api',
    stateDir: join(work, 'state'),
    assetsDir,
  });
  try {
    const db = await blog.mf.getD1Database('DB');
    await applyMigrations(db, await readD1Migrations('migrations'));
    await seedDataSet(db, { name: 'small', articles: 0, comments: 0 });
    // The files the demo articles show, as `npm run content:publish` uploads them.
    const bucket = await blog.mf.getR2Bucket('MEDIA');
    for (const file of (
      await loadContent('content/posts', 'public', blogLanguage(), undefined, { pagesDir: 'content/pages' })
    ).media) {
      await bucket.put(file.key, file.bytes, { httpMetadata: { contentType: file.contentType } });
    }
    return { ...blog, db };
  } catch (error) {
    // The caller never gets this blog to stop, so it is stopped here.
    await blog.mf.dispose();
    throw error;
  }
}
