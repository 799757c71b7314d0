// Run by `npm run dev` (scripts/dev.ts) before `wrangler dev`: builds the
// comment form's script, migrates the local D1 (and stores as HTML the comments
// written before formatting), publishes content/posts and content/pages, seeds
// the demo comments and retires the pages cached by the previous run. Safe to
// run any number of times.
import { appendFileSync, copyFileSync, existsSync, readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildClient } from './build-client.ts';
import { BUMP_CACHE_VERSION_SQL } from './cache-purge.ts';
import { convertComments } from './comments.ts';
import { blogLanguage, publish } from './content-publish.ts';
import { buildDemoCommentStatements, parseDemoComments } from './lib/demo-comments.ts';
import { applyMigrations, type D1Target, executeStatements } from './wrangler.ts';

const DEMO_COMMENTS = 'content/demo/comments.yaml';

export async function setUpLocalBlog(): Promise<void> {
  // Local secrets: Cloudflare's Turnstile test keys and throw-away salts.
  if (!existsSync('.dev.vars')) {
    copyFileSync('.dev.vars.example', '.dev.vars');
    console.log('Created .dev.vars from .dev.vars.example (Turnstile test keys).');
  } else {
    addMissingLocalSecrets();
  }
  // public/js/ is build output, not committed; wrangler dev serves it from public/.
  // (After editing src/client, run `npm run build:client` again.)
  console.log(`Comment form script built (${await buildClient()} bytes).`);
  const target: D1Target = { remote: false };
  applyMigrations(target);
  console.log('Local D1 migrated.');
  // Comments from before formatting (a local D1 older than migration 0013) get their HTML.
  convertComments(target);
  // No purge: no server runs yet.
  await publish(
    { target, contentDir: 'content/posts', pagesDir: 'content/pages', publicDir: 'public', purge: false },
    blogLanguage(),
  );
  const comments = parseDemoComments(DEMO_COMMENTS, readFileSync(DEMO_COMMENTS, 'utf8'));
  // wrangler dev keeps its Cache API store in .wrangler/state between runs: a
  // new cache version retires pages rendered with the previous run's settings
  // (another port in BLOG_URL, another Turnstile stand-in address).
  executeStatements(target, [...buildDemoCommentStatements(comments), BUMP_CACHE_VERSION_SQL]);
  console.log(`Demo comments in place (${comments.length}); pages of earlier runs retired.`);
}

/** A secret added to the example since .dev.vars was made is appended, values untouched. */
function addMissingLocalSecrets(): void {
  const names = (text: string) => new Set([...text.matchAll(/^([A-Z0-9_]+)\s*=/gm)].map((match) => match[1]));
  const local = readFileSync('.dev.vars', 'utf8');
  const present = names(local);
  const missing = readFileSync('.dev.vars.example', 'utf8')
    .split('\n')
    .filter((line) => {
      const name = /^([A-Z0-9_]+)\s*=/.exec(line)?.[1];
      return name !== undefined && !present.has(name);
    });
  if (missing.length === 0) return;
  appendFileSync('.dev.vars', `${local.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`);
  console.log(`Added to .dev.vars from the example: ${missing.map((line) => line.split('=')[0]?.trim()).join(', ')}.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  setUpLocalBlog().catch((error: unknown) => {
    console.error(`dev setup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
