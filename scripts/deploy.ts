// npm run deploy -- [--skip-checks] [--dry-run]
// Checks, size check, remote D1 migrations, `wrangler deploy`, then the changed
// articles: each step announced, the first failure stops the chain (the plan
// and its order are in lib/deploy.ts). This file only runs the commands.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deploy } from './lib/deploy.ts';

// The project's own wrangler, run by the Node running this script (as scripts/wrangler.ts does).
const WRANGLER_BIN = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin',
  'wrangler.js',
);

function programFor(name: string): { file: string; prefix: string[]; shell: boolean } {
  if (name === 'wrangler') return { file: process.execPath, prefix: [WRANGLER_BIN], shell: false };
  // Under `npm run`, npm says where its own CLI is: run it with this Node.
  const npmCli = process.env.npm_execpath;
  if (npmCli) return { file: process.execPath, prefix: [npmCli], shell: false };
  return { file: name, prefix: [], shell: process.platform === 'win32' };
}

function runCommand([name = '', ...args]: string[]): number {
  const program = programFor(name);
  const result = spawnSync(program.file, [...program.prefix, ...args], {
    // No stdin: wrangler then answers its own "Ok to proceed?" prompts with yes.
    // `npm run deploy` is the author's go-ahead, and a declined prompt would exit
    // 0 having done nothing (migrations not applied), letting the chain go on.
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: program.shell,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.error) {
    console.error(`deploy: could not run ${name}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

process.exitCode = await deploy(process.argv.slice(2), runCommand, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
