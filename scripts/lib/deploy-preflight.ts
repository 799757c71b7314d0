// What `npm run deploy` checks before any step runs: everything that would make
// a step fail halfway or put a broken site online, reported together, each with
// its fix. Pure: the configuration (as wrangler read it), the deploying shell's
// environment and wrangler's answers (read by wrangler-answers.ts) come in as
// data; scripts/deploy.ts gathers them. No Node APIs here.

import { checkMailFrom, checkQueues } from './deploy-notifications.ts';
import { TEST_SECRET_BEHAVIOURS, TEST_SITE_KEYS } from './turnstile-test-keys.ts';
import type { BucketList, Login, ProductionSecrets, QueueState } from './wrangler-answers.ts';

/** The part of wrangler's reading of wrangler.toml that the preflight looks at. */
export interface DeployConfig {
  workerName: string | undefined;
  accountId: string | undefined;
  d1Databases: ReadonlyArray<{ binding: string; database_name?: string; database_id?: string }>;
  /** [[r2_buckets]]: the MEDIA bucket the articles' files are served from. */
  r2Buckets?: ReadonlyArray<{ binding: string; bucket_name?: string }>;
  /** [[send_email]]: the EMAIL binding notifications are sent through. */
  sendEmail?: ReadonlyArray<{ name: string }>;
  /** [[queues.producers]] and [[queues.consumers]]: the notification queue and its dead letters. */
  queues?: {
    producers?: ReadonlyArray<{ binding: string; queue: string }>;
    consumers?: ReadonlyArray<{ queue: string; dead_letter_queue?: string }>;
  };
  vars: Readonly<Record<string, unknown>>;
  /** `[secrets] required`: wrangler deploy refuses to deploy while one is missing. */
  requiredSecrets: readonly string[];
}

/** Where the Worker keeps its data, one line each, as a dry run lists them. */
export function describeStorage(
  config: Pick<DeployConfig, 'd1Databases' | 'r2Buckets' | 'sendEmail' | 'queues'> & { vars?: DeployConfig['vars'] },
): string[] {
  const from = typeof config.vars?.MAIL_FROM === 'string' ? config.vars.MAIL_FROM.trim() : '';
  const producers = config.queues?.producers ?? [];
  return [
    ...config.d1Databases.map(
      (db) => `D1 database ${db.database_name ?? '(no name)'} (binding ${db.binding}): articles, pages, comments`,
    ),
    ...(config.r2Buckets ?? []).map(
      (bucket) => `R2 bucket ${bucket.bucket_name ?? '(no name)'} (binding ${bucket.binding}): the articles' media`,
    ),
    ...producers.map(
      (producer) => `Queue ${producer.queue} (binding ${producer.binding}): e-mail notifications to send`,
    ),
    ...(config.queues?.consumers ?? []).map(
      (consumer) =>
        `Queue ${consumer.queue}: consumed by this Worker${consumer.dead_letter_queue ? `, dead letters to ${consumer.dead_letter_queue}` : ''}`,
    ),
    ...(config.sendEmail ?? []).map(
      (sender) =>
        `E-mail sending (binding ${sender.name}): ${from ? `from ${from}` : 'off (MAIL_FROM is empty in [vars])'}`,
    ),
  ];
}

/** The variables of the shell running the deploy that the preflight reads. */
export interface DeployEnvironment {
  CACHE_PURGE_TOKEN?: string;
  TURNSTILE_SECRET_KEY?: string;
  CLOUDFLARE_ACCOUNT_ID?: string;
}

export interface PreflightInput {
  config: DeployConfig;
  env: DeployEnvironment;
  login: Login;
  secrets: ProductionSecrets;
  /** The account's R2 buckets (`wrangler r2 bucket list`). */
  buckets?: BucketList;
  /** Each queue of wrangler.toml as `wrangler queues info` found it. */
  queues?: Readonly<Record<string, QueueState>>;
}

export type Severity = 'blocker' | 'warning' | 'not checked';

export interface Finding {
  severity: Severity;
  problem: string;
  fix: string;
}

/** What `wrangler d1 create` is to replace: the id wrangler.toml ships with. */
export const PLACEHOLDER_DATABASE_ID = '00000000-0000-4000-8000-000000000000';

const API_TOKEN_ADVICE =
  'Where `wrangler login` cannot work (CI, a machine without a browser), set CLOUDFLARE_API_TOKEN ' +
  '(an API token made from the "Edit Cloudflare Workers" template, with D1 Edit added for the migrations: ' +
  'https://developers.cloudflare.com/fundamentals/api/get-started/create-token/) and CLOUDFLARE_ACCOUNT_ID ' +
  'in the environment instead.';

function checkDatabases(config: DeployConfig): Finding[] {
  return config.d1Databases
    .filter((db) => !db.database_id || db.database_id === PLACEHOLDER_DATABASE_ID)
    .map((db) => ({
      severity: 'blocker',
      problem: db.database_id
        ? `wrangler.toml: the D1 database ${db.binding} has the placeholder database_id ${PLACEHOLDER_DATABASE_ID}, so the migrations would have no database to go to.`
        : `wrangler.toml: the D1 database ${db.binding} has no database_id.`,
      fix: `Run \`npx wrangler d1 create ${db.database_name ?? 'causerie'}\` and copy the database_id it prints into wrangler.toml, under [[d1_databases]] (binding = "${db.binding}").`,
    }));
}

/** Every bucket wrangler.toml binds must exist: `wrangler deploy` fails on a missing one, and publishing uploads to it. */
function checkBuckets(config: DeployConfig, buckets: BucketList): Finding[] {
  const bound = (config.r2Buckets ?? []).filter((bucket) => bucket.bucket_name);
  if (bound.length === 0) return [];
  const names = bound.map((bucket) => `${bucket.bucket_name} (binding ${bucket.binding})`).join(', ');
  const create = bound.map((bucket) => `\`npx wrangler r2 bucket create ${bucket.bucket_name}\``).join(', ');
  switch (buckets.kind) {
    case 'listed': {
      const missing = bound.filter((bucket) => !buckets.names.includes(bucket.bucket_name as string));
      return missing.map((bucket) => ({
        severity: 'blocker',
        problem: `R2: the bucket ${bucket.bucket_name} (binding ${bucket.binding}, where the articles' images, sounds and documents are served from) does not exist on this account: \`wrangler deploy\` would fail.`,
        fix: `Run \`npx wrangler r2 bucket create ${bucket.bucket_name}\` (once; \`npm run content:publish -- --remote\` then uploads the files).`,
      }));
    }
    case 'not-asked':
      return [
        {
          severity: 'not checked',
          problem: `R2 bucket ${names}: not checked, wrangler cannot list buckets without a login.`,
          fix: `Log in (above), then run \`npm run deploy -- --dry-run\` again; a bucket that does not exist yet is made with ${create}.`,
        },
      ];
    case 'unanswered':
      return [
        {
          severity: 'not checked',
          problem: `R2 bucket ${names}: not checked, ${buckets.unreachable ? 'Cloudflare could not be reached' : 'wrangler could not list buckets'} (${buckets.reason}).`,
          fix: `Check that \`npx wrangler r2 bucket list\` names it before deploying; if not, run ${create}.`,
        },
      ];
  }
}

function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    host === '0.0.0.0' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

function checkBlogUrl(vars: DeployConfig['vars']): Finding[] {
  const value = vars.BLOG_URL;
  const fix =
    'Set BLOG_URL in the [vars] of wrangler.toml to the public https address of the blog, such as "https://blog.example.com" ' +
    '(the hostname of its route): it makes the canonical links, the feeds, the share links and the cache purge.';
  let url: URL;
  try {
    url = new URL(String(value ?? ''));
  } catch {
    return [{ severity: 'blocker', problem: `wrangler.toml: BLOG_URL "${value ?? ''}" is not an address.`, fix }];
  }
  if (isLocalHost(url.hostname)) {
    return [
      {
        severity: 'blocker',
        problem: `wrangler.toml: BLOG_URL is still the local development address ${url.origin}: every absolute link of the blog would point there.`,
        fix,
      },
    ];
  }
  if (url.protocol !== 'https:') {
    return [
      {
        severity: 'blocker',
        problem: `wrangler.toml: BLOG_URL ${url.origin} is not https: browsers would be sent to an insecure address.`,
        fix,
      },
    ];
  }
  return [];
}

function checkTurnstileSiteKey(vars: DeployConfig['vars']): Finding[] {
  const key = String(vars.TURNSTILE_SITE_KEY ?? '');
  const fix =
    'In the Cloudflare dashboard, Turnstile → Add widget (hostname: the one of BLOG_URL, mode Managed); put its site key ' +
    'in TURNSTILE_SITE_KEY in wrangler.toml and its secret key in production with `npx wrangler secret put TURNSTILE_SECRET_KEY`.';
  const behaviour = TEST_SITE_KEYS[key]?.behaviour;
  if (behaviour) {
    return [
      {
        severity: 'blocker',
        problem: `wrangler.toml: TURNSTILE_SITE_KEY is Cloudflare's test site key ${key} (${behaviour}): comments would not be protected from bots.`,
        fix,
      },
    ];
  }
  if (key === '') return [{ severity: 'blocker', problem: 'wrangler.toml: TURNSTILE_SITE_KEY is empty.', fix }];
  return [];
}

const HOW_TO_MAKE: Readonly<Record<string, string>> = {
  TURNSTILE_SECRET_KEY: 'the secret key of your Turnstile widget',
  ADMIN_PASSWORD_HASH: '`npm run admin:password`, or the word off behind Cloudflare Access',
  CACHE_PURGE_TOKEN: '`openssl rand -base64 32`, kept: export the same value as CACHE_PURGE_TOKEN where you deploy',
};

function checkSecrets(config: DeployConfig, secrets: ProductionSecrets): Finding[] {
  const required = config.requiredSecrets;
  if (required.length === 0) return [];
  const list = required.join(', ');
  const worker = config.workerName ?? 'the Worker';
  switch (secrets.kind) {
    case 'listed':
    case 'no-worker': {
      const set = new Set(secrets.kind === 'listed' ? secrets.names : []);
      const missing = required.filter((name) => !set.has(name));
      if (missing.length === 0) return [];
      const commands = missing
        .map((name) => `\`npx wrangler secret put ${name}\` (${HOW_TO_MAKE[name] ?? '`openssl rand -base64 32`'})`)
        .join('; ');
      return [
        {
          severity: 'blocker',
          problem:
            secrets.kind === 'no-worker'
              ? `Production secrets: the Worker "${worker}" does not exist on Cloudflare yet, so none of ${list} is set; \`wrangler deploy\` refuses to deploy without them.`
              : `Production secrets not set on "${worker}": ${missing.join(', ')} (wrangler.toml's [secrets] required); \`wrangler deploy\` refuses to deploy without them.`,
          fix: `Set each one, pasting the value when asked: ${commands}.${secrets.kind === 'no-worker' ? ' The first one creates the Worker.' : ''}`,
        },
      ];
    }
    case 'not-asked':
      return [
        {
          severity: 'not checked',
          problem: `Production secrets (${list}): not checked, wrangler cannot list them without a login.`,
          fix: 'Log in (above), then run `npm run deploy -- --dry-run` again, or list them with `npx wrangler secret list`.',
        },
      ];
    case 'unanswered':
      return [
        {
          severity: 'not checked',
          problem: `Production secrets (${list}): not checked, ${secrets.unreachable ? 'Cloudflare could not be reached' : 'wrangler could not list them'} (${secrets.reason}).`,
          fix: 'Check that each is listed by `npx wrangler secret list` before deploying.',
        },
      ];
  }
}

function checkLogin(config: DeployConfig, env: DeployEnvironment, login: Login): Finding[] {
  switch (login.kind) {
    case 'logged-out':
      return [
        {
          severity: 'blocker',
          problem:
            'Cloudflare: not logged in (`npx wrangler whoami`), so wrangler could not migrate the database nor deploy.',
          fix: `Run \`npx wrangler login\` (it opens a browser once and wrangler keeps the login). ${API_TOKEN_ADVICE}`,
        },
      ];
    case 'unanswered':
      return [
        {
          severity: 'not checked',
          problem: `Cloudflare login and account: not checked, ${login.unreachable ? 'Cloudflare could not be reached' : 'wrangler could not answer'} (\`npx wrangler whoami\`: ${login.reason}).`,
          fix: login.unreachable
            ? 'Check the network connection: every step after the checks talks to Cloudflare.'
            : `Run \`npx wrangler whoami\` to see what is wrong; \`npx wrangler login\` logs in again. ${API_TOKEN_ADVICE}`,
        },
      ];
    case 'logged-in': {
      const chosen = config.accountId ?? env.CLOUDFLARE_ACCOUNT_ID;
      const accounts = login.accounts.map((account) => `${account.name} (${account.id})`).join(', ');
      if (chosen === undefined || chosen === '') {
        if (login.accounts.length <= 1) return [];
        return [
          {
            severity: 'blocker',
            problem: `Cloudflare: this login reaches ${login.accounts.length} accounts (${accounts}) and nothing says which one to deploy to; wrangler cannot ask during a deploy.`,
            fix: 'Add `account_id = "…"` (the account\'s id) at the top of wrangler.toml, or set it in the CLOUDFLARE_ACCOUNT_ID environment variable.',
          },
        ];
      }
      if (login.accounts.length > 0 && !login.accounts.some((account) => account.id === chosen)) {
        return [
          {
            severity: 'warning',
            problem: `Cloudflare: the account ${chosen} (account_id or CLOUDFLARE_ACCOUNT_ID) is not one this login reaches: ${accounts}.`,
            fix: 'Correct the account id, or log in as a user of that account (`npx wrangler login`).',
          },
        ];
      }
      return [];
    }
  }
}

function checkPurgeToken(vars: DeployConfig['vars'], env: DeployEnvironment): Finding[] {
  if (env.CACHE_PURGE_TOKEN) return [];
  const mode = String(vars.EDGE_CACHE ?? 'cache-api');
  if (mode === 'off') return [];
  const workersCache = mode === 'workers-cache';
  const stale = workersCache
    ? `Workers Cache keeps the old pages up to CACHE_TTL_SECONDS (${vars.CACHE_TTL_SECONDS ?? 86400} s)`
    : `pages catch up within CACHE_VERSION_BOUND_SECONDS (${vars.CACHE_VERSION_BOUND_SECONDS ?? 60} s)`;
  return [
    {
      severity: workersCache ? 'blocker' : 'warning',
      problem: `CACHE_PURGE_TOKEN is not set in this shell: the last step (content:publish) would publish without purging the edge cache, and ${stale}.`,
      fix: 'Export the value you set on the Worker with `npx wrangler secret put CACHE_PURGE_TOKEN`: `export CACHE_PURGE_TOKEN="…"`.',
    },
  ];
}

// The production value of TURNSTILE_SECRET_KEY cannot be read back (wrangler
// lists secrets by name only), so a test secret there is only visible when the
// deploying shell holds it, as where CI sets the Worker's secrets from its own.
function checkTurnstileSecret(env: DeployEnvironment): Finding[] {
  const behaviour = env.TURNSTILE_SECRET_KEY ? TEST_SECRET_BEHAVIOURS[env.TURNSTILE_SECRET_KEY] : undefined;
  if (!behaviour) return [];
  return [
    {
      severity: 'warning',
      problem: `TURNSTILE_SECRET_KEY in this shell is Cloudflare's test secret ${env.TURNSTILE_SECRET_KEY} (${behaviour}). If that is the value given to the Worker, siteverify checks nothing.`,
      fix: "Give the Worker your widget's secret key: `npx wrangler secret put TURNSTILE_SECRET_KEY`.",
    },
  ];
}

/** Every problem found, blockers first, in the order an author would fix them. */
export function preflightFindings(input: PreflightInput): Finding[] {
  const { config, env, login } = input;
  const findings = [
    ...checkLogin(config, env, login),
    ...checkDatabases(config),
    ...checkBuckets(
      config,
      login.kind === 'logged-out' ? { kind: 'not-asked' } : (input.buckets ?? { kind: 'not-asked' }),
    ),
    ...checkQueues(config, login.kind === 'logged-out' ? {} : (input.queues ?? {})),
    ...checkBlogUrl(config.vars),
    ...checkMailFrom(config.vars),
    ...checkTurnstileSiteKey(config.vars),
    ...checkSecrets(config, login.kind === 'logged-out' ? { kind: 'not-asked' } : input.secrets),
    ...checkPurgeToken(config.vars, env),
    ...checkTurnstileSecret(env),
  ];
  const order: Severity[] = ['blocker', 'warning', 'not checked'];
  return findings.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The report: each finding and its fix, then the count. */
export function describeFindings(findings: readonly Finding[]): string[] {
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  const lines = ['Preflight (nothing has run yet):'];
  if (findings.length === 0) lines.push('  all clear.');
  for (const finding of findings) {
    lines.push(`  ${finding.severity}: ${finding.problem}`, `    fix: ${finding.fix}`);
  }
  lines.push(
    `Preflight: ${plural(count('blocker'), 'blocker', 'blockers')}, ${plural(count('warning'), 'warning', 'warnings')}, ` +
      `${plural(count('not checked'), 'check', 'checks')} that could not run.`,
  );
  return lines;
}
