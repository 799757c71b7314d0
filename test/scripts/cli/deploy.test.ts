// `npm run deploy`: the order of its steps, what a failure or a preflight
// blocker stops, proven with a recording command runner (nothing reaches
// wrangler or Cloudflare), and the real script's --dry-run on the configuration
// a fresh clone ships with.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { experimental_readRawConfig } from 'wrangler';
import { deploy } from '../../../scripts/lib/deploy.ts';
import type { Finding } from '../../../scripts/lib/deploy-preflight.ts';
import { node, ROOT } from './run-node.ts';

const MIGRATE = 'wrangler d1 migrations apply DB --remote';
const CONVERT = 'npm run comments -- convert --remote';
const WORKER = 'wrangler deploy';
const PUBLISH = 'npm run content:publish -- --remote';
const FULL = [
  'npm run typecheck',
  'npm run lint',
  'npm run test:schema',
  'npm run check',
  'npm run build:client',
  MIGRATE,
  CONVERT,
  WORKER,
  PUBLISH,
];

const BLOCKER: Finding = {
  severity: 'blocker',
  problem: 'wrangler.toml: BLOG_URL is still the local development address http://localhost:8787.',
  fix: 'Set BLOG_URL.',
};
const WARNING: Finding = {
  severity: 'warning',
  problem: 'CACHE_PURGE_TOKEN is not set in this shell.',
  fix: 'Export it.',
};

/** Runs `npm run deploy` with a runner that records commands and fails the one given. */
async function deployWith(argv: string[], failing?: string, findings: Finding[] = []) {
  const ran: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const status = await deploy(
    argv,
    (command) => {
      ran.push(command.join(' '));
      return command.join(' ') === failing ? 2 : 0;
    },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    async () => findings,
  );
  return { status, ran, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run deploy', () => {
  it('checks, then migrates, deploys the Worker and publishes the articles, in that order', async () => {
    const result = await deployWith([]);
    expect(result.status).toBe(0);
    expect(result.ran).toEqual(FULL);
    // Each step is announced before it runs.
    expect(result.out).toContain(`== [6/9] apply D1 migrations to the production database: npx ${MIGRATE}`);
    expect(result.out).toContain('Deployed:');
    // The checks are not the whole suite, and it says so.
    expect(result.out).toContain('Not run by deploy: the full test suite (`npm test`');
  });

  it('runs no step while the preflight finds a blocker, and lists every finding with its fix', async () => {
    const result = await deployWith([], undefined, [BLOCKER, WARNING]);
    expect(result.status).toBe(1);
    expect(result.ran).toEqual([]);
    expect(result.out).toContain(`blocker: ${BLOCKER.problem}\n    fix: Set BLOG_URL.`);
    expect(result.out).toContain(`warning: ${WARNING.problem}\n    fix: Export it.`);
    expect(result.out).toContain('Preflight: 1 blocker, 1 warning, 0 checks that could not run.');
    expect(result.err).toContain(
      'stopped before any step, nothing was run: the preflight found a blocker (above): fix it, then run `npm run deploy` again',
    );
    expect(result.out).not.toContain('==');
  });

  it('goes on when the preflight finds only warnings', async () => {
    const result = await deployWith([], undefined, [WARNING]);
    expect(result.status).toBe(0);
    expect(result.ran).toEqual(FULL);
    expect(result.out).toContain(`warning: ${WARNING.problem}`);
  });

  it('stops at the first failure, names the step and what to do, and runs nothing after it', async () => {
    const result = await deployWith([], MIGRATE);
    expect(result.status).toBe(1);
    expect(result.ran).toEqual(FULL.slice(0, FULL.indexOf(MIGRATE) + 1));
    expect(result.err).toContain(
      'stopped at step [6/9], "apply D1 migrations to the production database" (`npx wrangler d1 migrations apply DB --remote` exited with status 2)',
    );
    expect(result.err).toContain('Nothing was deployed or published');
    expect(result.err).toContain(
      'Not run: convert the comments written before formatting; deploy the Worker; publish changed articles to the production database.',
    );
    expect(result.out).not.toContain('Deployed:');
  });

  it('converts the old comments right after the migrations, and stops before the Worker when that fails', async () => {
    const result = await deployWith([], CONVERT);
    expect(result.status).toBe(1);
    expect(result.ran).toEqual(FULL.slice(0, FULL.indexOf(CONVERT) + 1));
    expect(FULL.indexOf(CONVERT)).toBe(FULL.indexOf(MIGRATE) + 1);
    expect(result.err).toContain('stopped at step [7/9], "convert the comments written before formatting"');
    expect(result.err).toContain('the conversion goes on with what is left');
    expect(result.ran).not.toContain(WORKER);
  });

  it('publishes no article when the Worker deploy fails', async () => {
    const result = await deployWith([], WORKER);
    expect(result.status).toBe(1);
    expect(result.ran).not.toContain(PUBLISH);
    expect(result.err).toContain('"deploy the Worker"');
    expect(result.err).toContain('npm run deploy -- --skip-checks');
  });

  it('touches nothing remote when a check fails', async () => {
    const result = await deployWith([], 'npm run test:schema');
    expect(result.status).toBe(1);
    expect(result.ran).toEqual(['npm run typecheck', 'npm run lint', 'npm run test:schema']);
    expect(result.err).toContain('"schema tests"');
  });

  it('--skip-checks leaves out typecheck, lint, the schema tests and the size check, and nothing else', async () => {
    const result = await deployWith(['--skip-checks']);
    expect(result.status).toBe(0);
    expect(result.ran).toEqual(['npm run build:client', MIGRATE, CONVERT, WORKER, PUBLISH]);
    expect(result.out).toContain('Checks left out (--skip-checks)');
    expect(result.out).toContain('`npm test`');
  });

  it('--skip-checks does not skip the preflight', async () => {
    const result = await deployWith(['--skip-checks'], undefined, [BLOCKER]);
    expect(result.status).toBe(1);
    expect(result.ran).toEqual([]);
  });

  it('--dry-run prints the plan and runs nothing', async () => {
    const result = await deployWith(['--dry-run']);
    expect(result.status).toBe(0);
    expect(result.ran).toEqual([]);
    expect(result.out).toContain(`[9/9] publish changed articles to the production database: ${PUBLISH}`);
    expect(result.out).toContain('Nothing was run.');
  });

  it('--dry-run with a blocker prints the findings and the plan, runs nothing and fails', async () => {
    const result = await deployWith(['--dry-run'], undefined, [BLOCKER]);
    expect(result.status).toBe(1);
    expect(result.ran).toEqual([]);
    expect(result.out).toContain(`blocker: ${BLOCKER.problem}`);
    expect(result.out).toContain(`[9/9] publish changed articles to the production database: ${PUBLISH}`);
    expect(result.err).toContain('the preflight found a blocker (above)');
    expect(result.err).toContain('Nothing was run.');
  });

  it('refuses an unknown option before running anything', async () => {
    const result = await deployWith(['--skip-check']);
    expect(result.status).toBe(1);
    expect(result.ran).toEqual([]);
    expect(result.err).toContain('unknown argument "--skip-check"');
    expect(result.err).toContain('--skip-checks');
  });
});

// The shipped values of everything the preflight reads, put back whatever the
// author has changed in their own wrangler.toml since: the test stays about a
// fresh clone (and passes on a blog already configured for production).
const SHIPPED = {
  database_id: '00000000-0000-4000-8000-000000000000',
  BLOG_URL: 'http://localhost:8787',
  TURNSTILE_SITE_KEY: '1x00000000000000000000AA',
};
const SHIPPED_SECRETS = [
  'TURNSTILE_SECRET_KEY',
  'IP_HASH_SALT',
  'COMMENT_TOKEN_KEY',
  'CACHE_PURGE_TOKEN',
  'ADMIN_SESSION_KEY',
  'ADMIN_PASSWORD_HASH',
];

describe('npm run deploy -- --dry-run, as a script, on the configuration a fresh clone has', () => {
  let tmp: string;
  let home: string;

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'causerie-deploy-'));
    home = join(tmp, 'home');
    // wrangler.toml as wrangler reads it, with the shipped values put back, as a
    // wrangler.json that the script and its wrangler commands find in their directory.
    writeConfig(SHIPPED);
  });

  function writeConfig(values: typeof SHIPPED): void {
    const { rawConfig } = experimental_readRawConfig({ config: join(ROOT, 'wrangler.toml') });
    const config = structuredClone(rawConfig) as {
      name: string;
      account_id?: string;
      d1_databases: Array<{ database_id: string }>;
      vars: Record<string, unknown>;
      secrets: { required: string[] };
    };
    config.name = 'causerie';
    delete config.account_id;
    config.secrets = { required: SHIPPED_SECRETS };
    for (const db of config.d1_databases) db.database_id = values.database_id;
    config.vars.BLOG_URL = values.BLOG_URL;
    config.vars.TURNSTILE_SITE_KEY = values.TURNSTILE_SITE_KEY;
    config.vars.EDGE_CACHE = 'cache-api';
    writeFileSync(join(tmp, 'wrangler.json'), JSON.stringify(config));
  }

  afterEach(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  /**
   * The machine's own Cloudflare login and deploy variables left out: wrangler
   * gets an empty home (no stored login) and no token, whatever the developer has.
   */
  function hermeticEnv(extraEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !/^(CLOUDFLARE_|CF_)/.test(name) && name !== 'CACHE_PURGE_TOKEN' && name !== 'TURNSTILE_SECRET_KEY',
      ),
    );
    return {
      ...env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      CLOUDFLARE_AUTH_USE_KEYRING: 'false',
      WRANGLER_SEND_METRICS: 'false',
      NO_COLOR: '1',
      ...extraEnv,
    };
  }

  function deployDryRun(extraEnv: NodeJS.ProcessEnv = {}) {
    return node([join(ROOT, 'scripts/deploy.ts'), '--dry-run'], { cwd: tmp, env: hermeticEnv(extraEnv) });
  }

  /** The same, without blocking this process, which serves the stand-in API meanwhile. */
  function deployDryRunAsync(extraEnv: NodeJS.ProcessEnv) {
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts/deploy.ts'), '--dry-run'], {
        cwd: tmp,
        env: hermeticEnv(extraEnv),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  const findingLines = (stdout: string, severity: string) =>
    stdout.split('\n').filter((line) => line.startsWith(`  ${severity}: `));

  it('lists every blocker with its fix, then the steps, runs none of them and exits 1', () => {
    const result = deployDryRun();
    expect(result.status, result.stderr).toBe(1);
    const blockers = findingLines(result.stdout, 'blocker');
    expect(blockers).toHaveLength(4);
    expect(blockers[0]).toContain('Cloudflare: not logged in');
    expect(result.stdout).toContain('fix: Run `npx wrangler login`');
    expect(result.stdout).toContain('CLOUDFLARE_API_TOKEN');
    expect(result.stdout).toContain('CLOUDFLARE_ACCOUNT_ID');
    expect(blockers[1]).toContain(`placeholder database_id ${SHIPPED.database_id}`);
    expect(result.stdout).toContain('fix: Run `npx wrangler d1 create causerie`');
    expect(blockers[2]).toContain(`BLOG_URL is still the local development address ${SHIPPED.BLOG_URL}`);
    expect(blockers[3]).toContain(`TURNSTILE_SITE_KEY is Cloudflare's test site key ${SHIPPED.TURNSTILE_SITE_KEY}`);
    expect(findingLines(result.stdout, 'warning').join('\n')).toContain('CACHE_PURGE_TOKEN is not set in this shell');
    expect(findingLines(result.stdout, 'not checked').join('\n')).toContain(
      'Production secrets (TURNSTILE_SECRET_KEY, IP_HASH_SALT, COMMENT_TOKEN_KEY, CACHE_PURGE_TOKEN, ADMIN_SESSION_KEY, ADMIN_PASSWORD_HASH): not checked',
    );
    expect(findingLines(result.stdout, 'not checked').join('\n')).toContain(
      'R2 bucket causerie-media (binding MEDIA): not checked',
    );
    expect(findingLines(result.stdout, 'not checked').join('\n')).toContain(
      'Queue causerie-notifications-dlq: not checked, wrangler cannot look queues up without a login.',
    );
    expect(result.stdout).toContain('Preflight: 4 blockers, 1 warning, 4 checks that could not run.');
    // Where the Worker keeps its data, as wrangler.toml binds it.
    expect(result.stdout).toContain(
      "The Worker's storage:\n  D1 database causerie (binding DB): articles, pages, comments\n  R2 bucket causerie-media (binding MEDIA): the articles' media",
    );
    // The notification queues and the e-mail binding, off while MAIL_FROM is empty.
    expect(result.stdout).toContain(
      [
        '  Queue causerie-notifications (binding NOTIFICATIONS): e-mail notifications to send',
        '  Queue causerie-notifications: consumed by this Worker, dead letters to causerie-notifications-dlq',
        '  Queue causerie-notifications-dlq: consumed by this Worker',
        '  E-mail sending (binding EMAIL): off (MAIL_FROM is empty in [vars])',
      ].join('\n'),
    );
    // The plan is still shown, in order, and nothing of it ran.
    const steps = result.stdout.split('\n').filter((line) => /^\s+\[\d\/9\]/.test(line));
    expect(steps.map((line) => line.slice(line.indexOf(': ') + 2))).toEqual(
      FULL.map((command) => (command.startsWith('wrangler') ? `npx ${command}` : command)),
    );
    expect(result.stdout).not.toMatch(/^== /m);
    expect(result.stdout).toContain('Not run by deploy: the full test suite (`npm test`');
    expect(result.stderr).toContain(
      'the preflight found 4 blockers (above): fix them before deploying. Nothing was run.',
    );
  });

  it('offline, says which checks could not run because Cloudflare could not be reached, and still lists the rest', () => {
    // A token, so that wrangler has to ask Cloudflare; an API address nothing listens on.
    const result = deployDryRun({
      CLOUDFLARE_API_TOKEN: 'a-token-for-an-unreachable-api',
      CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4',
    });
    expect(result.status, result.stderr).toBe(1);
    const notChecked = findingLines(result.stdout, 'not checked');
    expect(notChecked).toHaveLength(5);
    expect(notChecked[0]).toContain('Cloudflare login and account: not checked, Cloudflare could not be reached');
    expect(notChecked[1]).toContain(
      'R2 bucket causerie-media (binding MEDIA): not checked, Cloudflare could not be reached',
    );
    expect(notChecked[2]).toContain('Queue causerie-notifications: not checked, Cloudflare could not be reached');
    expect(notChecked[3]).toContain('Queue causerie-notifications-dlq: not checked, Cloudflare could not be reached');
    expect(notChecked[4]).toContain('Production secrets');
    expect(notChecked[4]).toContain('not checked, Cloudflare could not be reached');
    // No login blocker: whether the token works is unknown, not wrong.
    const blockers = findingLines(result.stdout, 'blocker');
    expect(blockers).toHaveLength(3);
    expect(blockers.join('\n')).not.toContain('not logged in');
    expect(result.stdout).toContain('Preflight: 3 blockers, 1 warning, 5 checks that could not run.');
  });

  describe('with Cloudflare answering (a stand-in for its API)', () => {
    let api: Server;
    let apiUrl: string;
    let secretNames: string[];
    const asked: string[] = [];
    const READY = {
      database_id: '5f2c1d0e-8a3b-4c7d-9e6f-0a1b2c3d4e5f',
      BLOG_URL: 'https://blog.example.com',
      TURNSTILE_SITE_KEY: '0x4AAAAAAABkMYinukE8nzY',
    };
    const ALL_SECRETS = SHIPPED_SECRETS;

    beforeEach(async () => {
      asked.length = 0;
      secretNames = [...ALL_SECRETS];
      // The Cloudflare API's answers to what `wrangler whoami` and `wrangler secret list` ask,
      // for an API token that reaches one account.
      api = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://api');
        const path = url.pathname.replace('/client/v4', '');
        asked.push(`${request.method} ${path}`);
        const answers: Record<string, unknown> = {
          '/user/tokens/verify': { id: 'token-id', status: 'active' },
          '/user': { email: 'elise@example.com' },
          '/accounts': [{ id: 'a1b2c3', name: 'Élise' }],
          '/memberships': [{ account: { id: 'a1b2c3', name: 'Élise' } }],
          '/accounts/a1b2c3/r2/buckets': {
            buckets: [{ name: 'causerie-media', creation_date: '2026-12-01T10:00:00.000Z' }],
          },
          // What `wrangler queues info <name>` asks: the queues of that name (both exist).
          '/accounts/a1b2c3/queues': ['causerie-notifications', 'causerie-notifications-dlq']
            .filter((name) => name === url.searchParams.get('name'))
            .map((name) => ({
              queue_id: `id-${name}`,
              queue_name: name,
              created_on: '2026-12-01T10:00:00.000Z',
              modified_on: '2026-12-01T10:00:00.000Z',
              producers: [],
              producers_total_count: 0,
              consumers: [],
              consumers_total_count: 0,
            })),
          '/accounts/a1b2c3/workers/scripts/causerie/secrets': secretNames.map((name) => ({
            name,
            type: 'secret_text',
          })),
        };
        const result = answers[path];
        response.setHeader('content-type', 'application/json');
        if (result === undefined) {
          response.statusCode = 404;
          response.end(
            JSON.stringify({
              success: false,
              errors: [{ code: 7003, message: 'No route' }],
              messages: [],
              result: null,
            }),
          );
          return;
        }
        const list = Array.isArray(result)
          ? { result_info: { page: 1, per_page: 50, total_pages: 1, count: result.length, total_count: result.length } }
          : {};
        response.end(JSON.stringify({ success: true, errors: [], messages: [], result, ...list }));
      });
      await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
      apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/client/v4`;
      writeConfig(READY);
    });

    afterEach(async () => {
      await new Promise((resolve) => api.close(resolve));
    });

    const cloudflare = () => ({
      CLOUDFLARE_API_TOKEN: 'a-token-the-stand-in-accepts',
      CLOUDFLARE_API_BASE_URL: apiUrl,
      CACHE_PURGE_TOKEN: 'kept-in-a-password-manager',
    });

    // Everything else in order: the one finding is the secrets production lacks
    // (a blog with all of them passes, as the preflight's own tests show).
    it('names the required secrets production does not have, and nothing else of a blog ready to deploy', async () => {
      secretNames = ALL_SECRETS.filter((name) => name !== 'ADMIN_PASSWORD_HASH' && name !== 'IP_HASH_SALT');
      const result = await deployDryRunAsync(cloudflare());
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(1);
      const blockers = findingLines(result.stdout, 'blocker');
      expect(blockers).toEqual([
        '  blocker: Production secrets not set on "causerie": IP_HASH_SALT, ADMIN_PASSWORD_HASH ' +
          "(wrangler.toml's [secrets] required); `wrangler deploy` refuses to deploy without them.",
      ]);
      expect(result.stdout).toContain('Preflight: 1 blocker, 0 warnings, 0 checks that could not run.');
      expect(asked).toContain('GET /accounts/a1b2c3/workers/scripts/causerie/secrets');
      expect(asked).toContain('GET /accounts/a1b2c3/r2/buckets');
      expect(asked.filter((line) => line === 'GET /accounts/a1b2c3/queues')).toHaveLength(2);
      expect(result.stderr).toContain('Nothing was run.');
    });
  });
});
