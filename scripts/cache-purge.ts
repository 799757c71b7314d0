// After a command-line tool writes to D1 (through wrangler, outside the
// Worker), it asks the Worker to purge the pages that show the change:
// POST /_causerie/cache/purge with the CACHE_PURGE_TOKEN secret. The Cache API
// layer's version was already bumped in the same write, so pages refresh
// within CACHE_VERSION_BOUND_SECONDS even if this call cannot be made.
// Which server: CAUSERIE_URL if set; for the remote D1, BLOG_URL; for the local
// one, the server `npm run dev` says it runs (.wrangler/causerie-dev.json),
// else where a plain `wrangler dev` listens.
import { existsSync, readFileSync } from 'node:fs';
import { unstable_readConfig } from 'wrangler';
import {
  DEV_SERVER_FILE,
  type PurgeTarget,
  parseDevServerRecord,
  purgeTarget,
  WRANGLER_DEFAULT_PORT,
} from './lib/dev-server.ts';
import type { D1Target } from './wrangler.ts';

export { BUMP_CACHE_VERSION_SQL } from '../src/cache/version-sql.ts';

const TIMEOUT_MS = 5000;

/** Whether a process runs (signal 0 only checks; EPERM: it runs, as someone else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function resolvePurgeTarget(target: D1Target): PurgeTarget {
  const config = unstable_readConfig({ config: target.config });
  return purgeTarget({
    remote: target.remote,
    override: process.env.CAUSERIE_URL,
    blogUrl: String((config.vars as Record<string, unknown>).BLOG_URL ?? ''),
    devServer: existsSync(DEV_SERVER_FILE) ? parseDevServerRecord(readFileSync(DEV_SERVER_FILE, 'utf8')) : null,
    isRunning,
    defaultLocalUrl: `http://localhost:${config.dev.port ?? WRANGLER_DEFAULT_PORT}`,
  });
}

export async function requestCachePurge(
  target: D1Target,
  tags: string[],
  log: (line: string) => void = console.log,
): Promise<boolean> {
  const vars = unstable_readConfig({ config: target.config }).vars as Record<string, unknown>;
  const server = resolvePurgeTarget(target);
  const baseUrl = server.url;
  const token = process.env.CACHE_PURGE_TOKEN ?? (target.remote ? '' : localSecret('CACHE_PURGE_TOKEN'));
  const bound = vars.CACHE_VERSION_BOUND_SECONDS ?? 60;
  if (!token) {
    log(
      `Cache: not purged (set CACHE_PURGE_TOKEN to the Worker's secret to purge at once); pages refresh within ${bound} s on the Cache API layer${target.remote ? ', and Workers Cache keeps them until CACHE_TTL_SECONDS' : ''}.`,
    );
    return false;
  }
  try {
    const response = await fetch(new URL('/_causerie/cache/purge', baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tags }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    log(`Cache: purged ${tags.join(', ')} at ${baseUrl}.`);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (server.from === 'default') {
      // The usual case: no dev server at all, and nothing cached to purge.
      log(
        `Cache: not purged: no \`npm run dev\` runs in this folder and nothing answers at ${baseUrl} (${reason}); the next \`npm run dev\` starts with fresh pages (set CAUSERIE_URL to purge a server elsewhere).`,
      );
    } else {
      log(
        `Cache: could not reach ${baseUrl} to purge (${reason}); pages refresh within ${bound} s on the Cache API layer.`,
      );
    }
    return false;
  }
}

/** Reads one value from .dev.vars (KEY = "value" lines), for local runs. */
function localSecret(name: string): string {
  if (!existsSync('.dev.vars')) return '';
  const line = readFileSync('.dev.vars', 'utf8')
    .split('\n')
    .find((candidate) => candidate.trim().startsWith(`${name}`));
  return line?.split('=').slice(1).join('=').trim().replace(/^"|"$/g, '') ?? '';
}
