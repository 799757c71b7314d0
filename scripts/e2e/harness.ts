// The blog the browser journeys run against (npm run test:e2e): the Worker as
// `wrangler deploy` would upload it, in local workerd through Miniflare on a
// loopback port, with a fresh D1 holding the migrations, the demo content and
// the demo comments, the siteverify stand-in, and a known desk password.
// Everything lives in a temporary directory that stop() removes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unstable_readConfig } from 'wrangler';
import { hashAdminPassword } from '../../src/admin/auth/password.ts';
import { type DemoBlog, startDemoBlog } from '../bench/demo-blog.ts';
import { buildClient } from '../build-client.ts';
import { passwordProblem } from '../lib/admin-password.ts';
import { type SiteverifyStandIn, startSiteverifyStandIn } from '../turnstile/siteverify-stand-in.ts';

/** The desk's password in the journeys (the harness hashes it as `npm run admin:password` would). */
export const E2E_ADMIN_PASSWORD = 'journeys-desk-password';

/**
 * Three articles a page: the demo's nine then fill three pages, so a reader
 * can page through. A sender address, so that e-mail notifications are on
 * (the form offers its boxes; e2e/notifications.test.ts reads what was sent
 * through Miniflare's local explorer). AUTHOR_EMAIL stays empty: no author
 * digests among the readers' e-mails. Settings stay wrangler.toml's otherwise.
 */
export const E2E_VARS = { PAGE_SIZE: 3, MAIL_FROM: 'causerie@example.org' } as const;

export interface E2eBlog {
  url: URL;
  /** Worker log lines at warning level or above, for a failing test to print. */
  workerProblems: string[];
  stop: () => Promise<void>;
}

export async function startE2eBlog(): Promise<E2eBlog> {
  const problem = passwordProblem(E2E_ADMIN_PASSWORD);
  if (problem) throw new Error(`E2E_ADMIN_PASSWORD: ${problem}`);
  const config = unstable_readConfig({});
  const blogHostname = new URL(String((config.vars as Record<string, unknown>).BLOG_URL)).hostname;
  const work = mkdtempSync(join(tmpdir(), 'causerie-e2e-'));
  let siteverify: SiteverifyStandIn | null = null;
  let blog: DemoBlog | null = null;
  const workerProblems: string[] = [];
  const stop = async () => {
    await blog?.mf.dispose();
    await siteverify?.close();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    siteverify = await startSiteverifyStandIn(blogHostname);
    // The comment form's script goes into public/js/ before public/ is copied.
    await buildClient();
    blog = await startDemoBlog(work, {
      siteverifyUrl: siteverify.url,
      vars: E2E_VARS,
      explorer: true,
      secrets: {
        ADMIN_PASSWORD_HASH: await hashAdminPassword(E2E_ADMIN_PASSWORD),
        ADMIN_SESSION_KEY: 'e2e-admin-session-key-not-a-real-secret',
      },
      onWorkerLog: ({ level, message }) => {
        if (level === 'warn' || level === 'error') workerProblems.push(`${level}: ${message}`);
      },
    });
    return { url: blog.url, workerProblems, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
