// npm run deploy -- [--skip-checks] [--dry-run]
// A preflight (wrangler.toml, the Cloudflare login, the production secrets, the R2 bucket, the queues),
// then checks, size check, remote D1 migrations, `wrangler deploy`, then the
// changed articles: each step announced, the first failure stops the chain (the
// plan and its order are in lib/deploy.ts, the preflight's judgement in
// lib/deploy-preflight.ts). This file only reads and runs.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unstable_readConfig } from 'wrangler';
import { deploy } from './lib/deploy.ts';
import { declaredQueues } from './lib/deploy-notifications.ts';
import { type DeployConfig, describeStorage, type Finding, preflightFindings } from './lib/deploy-preflight.ts';
import {
  readBucketList,
  readQueueInfo,
  readSecretList,
  readWhoami,
  type WranglerAnswer,
} from './lib/wrangler-answers.ts';

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

/** A read-only wrangler command, its output captured for the preflight. */
function askWrangler(args: string[]): Promise<WranglerAnswer> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WRANGLER_BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ status: null, stdout, stderr: `[ERROR] ${error.message}` }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function readDeployConfig(): DeployConfig {
  const config = unstable_readConfig({});
  return {
    workerName: config.name,
    accountId: config.account_id,
    d1Databases: config.d1_databases,
    r2Buckets: config.r2_buckets,
    sendEmail: config.send_email,
    queues: config.queues,
    vars: config.vars as Record<string, unknown>,
    requiredSecrets: config.secrets?.required ?? [],
  };
}

async function preflight(): Promise<Finding[]> {
  let config: DeployConfig;
  try {
    config = readDeployConfig();
  } catch (error) {
    return [
      {
        severity: 'blocker',
        problem: `wrangler.toml could not be read: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'Correct wrangler.toml where wrangler says; `npx wrangler deploy --dry-run` checks it the same way.',
      },
    ];
  }
  // Asked together (each wrangler takes seconds to start); without a login the
  // list fails too, and the preflight then says it needs one.
  const queueNames = declaredQueues(config);
  const [whoami, secretList, bucketList, ...queueAnswers] = await Promise.all([
    askWrangler(['whoami', '--json']),
    askWrangler(['secret', 'list', '--format', 'json']),
    askWrangler(['r2', 'bucket', 'list']),
    ...queueNames.map((name) => askWrangler(['queues', 'info', name])),
  ]);
  const login = readWhoami(whoami);
  const secrets = readSecretList(secretList);
  const buckets = readBucketList(bucketList);
  const queues = Object.fromEntries(
    queueNames.map((name, i) => [name, readQueueInfo(name, queueAnswers[i] as WranglerAnswer)]),
  );
  const { CACHE_PURGE_TOKEN, TURNSTILE_SECRET_KEY, CLOUDFLARE_ACCOUNT_ID } = process.env;
  return preflightFindings({
    config,
    env: { CACHE_PURGE_TOKEN, TURNSTILE_SECRET_KEY, CLOUDFLARE_ACCOUNT_ID },
    login,
    secrets,
    buckets,
    queues,
  });
}

process.exitCode = await deploy(
  process.argv.slice(2),
  runCommand,
  {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  },
  preflight,
  () => {
    try {
      return describeStorage(readDeployConfig());
    } catch {
      // The preflight has already said why wrangler.toml cannot be read.
      return [];
    }
  },
);
