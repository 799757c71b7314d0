// npm run build:client: bundles the comment form's browser script
// (src/client/comment-form.ts) into public/js/comment-form.js, which Workers
// static assets serve. The output is not committed: `npm run dev`, `npm run
// deploy` and the test suite's global setup all build it first.
import { realpathSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Resolved from this file, not the working directory: Vitest's global setup
// calls buildClient() too.
const ENTRY = fileURLToPath(new URL('../src/client/comment-form.ts', import.meta.url));
export const CLIENT_OUTFILE = fileURLToPath(new URL('../public/js/comment-form.js', import.meta.url));

/** Builds the script; returns its size in bytes. Throws if esbuild reports an error. */
export async function buildClient(): Promise<number> {
  await build({
    entryPoints: [ENTRY],
    outfile: CLIENT_OUTFILE,
    bundle: true,
    // A classic script wrapped in a function: none of its names leak into window.
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return statSync(CLIENT_OUTFILE).size;
}

// Compared as real paths, as in content-publish.ts: a URL would be
// percent-encoded and the script may be reached through a symbolic link.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  buildClient().then(
    (bytes) => console.log(`${relative(process.cwd(), CLIENT_OUTFILE)}: ${bytes} bytes`),
    (error: unknown) => {
      console.error(`build:client failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
