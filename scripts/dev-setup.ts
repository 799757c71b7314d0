// Run by `npm run dev` before `wrangler dev`: builds the comment form's script,
// migrates the local D1, publishes content/posts and seeds the demo comments.
// Safe to run any number of times.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { buildClient } from './build-client.ts';
import { blogLanguage, publish } from './content-publish.ts';
import { buildDemoCommentStatements, parseDemoComments } from './lib/demo-comments.ts';
import { applyMigrations, type D1Target, executeStatements } from './wrangler.ts';

const DEMO_COMMENTS = 'content/demo/comments.yaml';

async function main(): Promise<void> {
  // Local secrets: Cloudflare's Turnstile test keys and throw-away salts.
  if (!existsSync('.dev.vars')) {
    copyFileSync('.dev.vars.example', '.dev.vars');
    console.log('Created .dev.vars from .dev.vars.example (Turnstile test keys).');
  }
  // public/js/ is build output, not committed; wrangler dev serves it from public/.
  // (After editing src/client, run `npm run build:client` again.)
  console.log(`Comment form script built (${await buildClient()} bytes).`);
  const target: D1Target = { remote: false };
  applyMigrations(target);
  console.log('Local D1 migrated.');
  // No purge: wrangler dev starts next, with an empty cache.
  await publish({ target, contentDir: 'content/posts', publicDir: 'public', purge: false }, blogLanguage());
  const comments = parseDemoComments(DEMO_COMMENTS, readFileSync(DEMO_COMMENTS, 'utf8'));
  executeStatements(target, buildDemoCommentStatements(comments));
  console.log(`Demo comments in place (${comments.length}).`);
}

main().catch((error: unknown) => {
  console.error(`dev setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
