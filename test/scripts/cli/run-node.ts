// Shared by the CLI tests: run a script or wrangler with the project's Node,
// from the project's root, as an author's `npm run` would.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/**
 * The shell's environment without what steers wrangler (CLOUDFLARE_ENV picks a
 * section of wrangler.toml, CLOUDFLARE_API_TOKEN an account, WRANGLER_LOG
 * adds lines to its JSON output): the tests' outcome must not depend on it.
 */
export function commandEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(CLOUDFLARE|WRANGLER|CF)_/.test(name)),
  );
  return { ...env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };
}

/** `cwd` and `env` replace the project's root and commandEnv() (a test that sets its own environment). */
export function node(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...(options.env ?? commandEnv()), WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
