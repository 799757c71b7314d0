// The deploy preflight's judgement, from data: a configuration as wrangler reads
// it, the deploying shell's variables, and what wrangler answered. Each case is
// one mistake an author can make on the way to production, and what they read.
import { describe, expect, it } from 'vitest';
import {
  type DeployConfig,
  type Finding,
  type PreflightInput,
  preflightFindings,
} from '../../../scripts/lib/deploy-preflight.ts';

const REQUIRED = [
  'TURNSTILE_SECRET_KEY',
  'IP_HASH_SALT',
  'COMMENT_TOKEN_KEY',
  'CACHE_PURGE_TOKEN',
  'ADMIN_SESSION_KEY',
  'ADMIN_PASSWORD_HASH',
];

/** A blog ready to deploy: every later case changes one thing. */
const READY: PreflightInput = {
  config: {
    workerName: 'causerie',
    accountId: undefined,
    d1Databases: [{ binding: 'DB', database_name: 'causerie', database_id: '5f2c1d0e-8a3b-4c7d-9e6f-0a1b2c3d4e5f' }],
    vars: {
      BLOG_URL: 'https://blog.example.com',
      TURNSTILE_SITE_KEY: '0x4AAAAAAABkMYinukE8nzY',
      EDGE_CACHE: 'cache-api',
      CACHE_TTL_SECONDS: 86400,
      CACHE_VERSION_BOUND_SECONDS: 60,
    },
    requiredSecrets: REQUIRED,
  },
  env: { CACHE_PURGE_TOKEN: 'kept-in-a-password-manager' },
  login: { kind: 'logged-in', accounts: [{ id: 'a1b2c3', name: 'Élise' }] },
  secrets: { kind: 'listed', names: [...REQUIRED] },
};

function findingsWith(change: {
  config?: Partial<DeployConfig>;
  vars?: Record<string, unknown>;
  env?: PreflightInput['env'];
  login?: PreflightInput['login'];
  secrets?: PreflightInput['secrets'];
  buckets?: PreflightInput['buckets'];
  queues?: PreflightInput['queues'];
}): Finding[] {
  return preflightFindings({
    config: { ...READY.config, ...change.config, vars: { ...READY.config.vars, ...change.vars } },
    env: change.env ?? READY.env,
    login: change.login ?? READY.login,
    secrets: change.secrets ?? READY.secrets,
    buckets: change.buckets,
    queues: change.queues,
  });
}

const severities = (findings: Finding[]) => findings.map((finding) => finding.severity);

describe('the deploy preflight', () => {
  it('finds nothing in a blog ready to deploy', () => {
    expect(preflightFindings(READY)).toEqual([]);
  });

  it('reports every problem of the shipped configuration at once, blockers first', () => {
    const findings = findingsWith({
      config: {
        d1Databases: [
          { binding: 'DB', database_name: 'causerie', database_id: '00000000-0000-4000-8000-000000000000' },
        ],
      },
      vars: { BLOG_URL: 'http://localhost:8787', TURNSTILE_SITE_KEY: '1x00000000000000000000AA' },
      env: {},
      login: { kind: 'logged-out' },
    });
    expect(severities(findings)).toEqual(['blocker', 'blocker', 'blocker', 'blocker', 'warning', 'not checked']);
    expect(findings.map((finding) => finding.problem)).toEqual([
      expect.stringContaining('not logged in'),
      expect.stringContaining('placeholder database_id'),
      expect.stringContaining('BLOG_URL is still the local development address http://localhost:8787'),
      expect.stringContaining(
        "TURNSTILE_SITE_KEY is Cloudflare's test site key 1x00000000000000000000AA (always passes)",
      ),
      expect.stringContaining('CACHE_PURGE_TOKEN is not set'),
      expect.stringContaining('wrangler cannot list them without a login'),
    ]);
  });

  it("gives wrangler's advice for logging in: wrangler login, or an API token and account id where it cannot work", () => {
    const [finding] = findingsWith({ login: { kind: 'logged-out' } });
    expect(finding?.severity).toBe('blocker');
    expect(finding?.fix).toContain('`npx wrangler login`');
    expect(finding?.fix).toMatch(/CI, a machine without a browser.*CLOUDFLARE_API_TOKEN.*CLOUDFLARE_ACCOUNT_ID/);
  });

  it('says the login and the secrets were not checked when Cloudflare cannot be reached, without calling it a blocker', () => {
    const offline = {
      kind: 'unanswered',
      reason: "Unable to resolve Cloudflare's API hostname (api.cloudflare.com or dash.cloudflare.com).",
      unreachable: true,
    } as const;
    const findings = findingsWith({ login: offline, secrets: offline });
    expect(severities(findings)).toEqual(['not checked', 'not checked']);
    expect(findings[0]?.problem).toContain(
      'Cloudflare login and account: not checked, Cloudflare could not be reached',
    );
    expect(findings[0]?.problem).toContain("Unable to resolve Cloudflare's API hostname");
    expect(findings[1]?.problem).toContain('Production secrets (TURNSTILE_SECRET_KEY, IP_HASH_SALT');
    expect(findings[1]?.problem).toContain('not checked, Cloudflare could not be reached');
    expect(findings[1]?.fix).toContain('npx wrangler secret list');
    // What is known to be wrong comes before what could not be checked.
    const withBlocker = findingsWith({ login: offline, secrets: offline, vars: { BLOG_URL: 'http://localhost:8787' } });
    expect(severities(withBlocker)).toEqual(['blocker', 'not checked', 'not checked']);
  });

  it.each([
    ['00000000-0000-4000-8000-000000000000', 'has the placeholder database_id'],
    [undefined, 'has no database_id'],
  ])('stops on the database id %s', (databaseId, problem) => {
    const findings = findingsWith({
      config: { d1Databases: [{ binding: 'DB', database_name: 'causerie', database_id: databaseId }] },
    });
    expect(severities(findings)).toEqual(['blocker']);
    expect(findings[0]?.problem).toContain(problem);
    expect(findings[0]?.fix).toContain('`npx wrangler d1 create causerie`');
  });

  it.each([
    ['http://localhost:8787', 'still the local development address'],
    ['http://127.0.0.1:8851', 'still the local development address'],
    ['https://localhost', 'still the local development address'],
    ['http://[::1]:8787', 'still the local development address'],
    ['http://blog.example.com', 'is not https'],
    ['blog.example.com', 'is not an address'],
    ['', 'is not an address'],
  ])('stops on BLOG_URL %j', (blogUrl, problem) => {
    const findings = findingsWith({ vars: { BLOG_URL: blogUrl } });
    expect(severities(findings)).toEqual(['blocker']);
    expect(findings[0]?.problem).toContain(problem);
    expect(findings[0]?.fix).toContain('BLOG_URL');
  });

  it.each([
    ['1x00000000000000000000AA', 'always passes'],
    ['2x00000000000000000000AB', 'always fails'],
    ['1x00000000000000000000BB', 'always passes, invisible'],
    ['2x00000000000000000000BB', 'always fails, invisible'],
    ['3x00000000000000000000FF', 'forces an interactive challenge'],
  ])("stops on Cloudflare's test site key %s", (siteKey, behaviour) => {
    const findings = findingsWith({ vars: { TURNSTILE_SITE_KEY: siteKey } });
    expect(severities(findings)).toEqual(['blocker']);
    expect(findings[0]?.problem).toContain(`${siteKey} (${behaviour})`);
    expect(findings[0]?.fix).toContain('Turnstile → Add widget');
  });

  it('names every required secret missing in production, each with the command that sets it', () => {
    const findings = findingsWith({
      secrets: {
        kind: 'listed',
        names: ['TURNSTILE_SECRET_KEY', 'IP_HASH_SALT', 'COMMENT_TOKEN_KEY', 'ADMIN_SESSION_KEY'],
      },
    });
    expect(severities(findings)).toEqual(['blocker']);
    expect(findings[0]?.problem).toContain(
      'Production secrets not set on "causerie": CACHE_PURGE_TOKEN, ADMIN_PASSWORD_HASH',
    );
    expect(findings[0]?.fix).toContain('`npx wrangler secret put CACHE_PURGE_TOKEN`');
    expect(findings[0]?.fix).toContain('`npx wrangler secret put ADMIN_PASSWORD_HASH` (`npm run admin:password`');
    expect(findings[0]?.fix).not.toContain('secret put IP_HASH_SALT');
  });

  it('on a first deploy (no Worker yet) asks for every required secret, and says the first creates the Worker', () => {
    const findings = findingsWith({ secrets: { kind: 'no-worker' } });
    expect(severities(findings)).toEqual(['blocker']);
    expect(findings[0]?.problem).toContain('the Worker "causerie" does not exist on Cloudflare yet');
    for (const name of REQUIRED) expect(findings[0]?.fix).toContain(`\`npx wrangler secret put ${name}\``);
    expect(findings[0]?.fix).toContain('The first one creates the Worker.');
  });

  it('asks for no secret when wrangler.toml requires none', () => {
    expect(findingsWith({ config: { requiredSecrets: [] }, secrets: { kind: 'no-worker' } })).toEqual([]);
  });

  it('stops when the login reaches several accounts and nothing says which, as wrangler would in a deploy', () => {
    const accounts = [
      { id: 'a1b2c3', name: 'Élise' },
      { id: 'd4e5f6', name: 'Agence' },
    ];
    const findings = findingsWith({ login: { kind: 'logged-in', accounts } });
    expect(severities(findings)).toEqual(['blocker']);
    expect(findings[0]?.problem).toContain('Élise (a1b2c3), Agence (d4e5f6)');
    expect(findings[0]?.fix).toContain('account_id');
    expect(findings[0]?.fix).toContain('CLOUDFLARE_ACCOUNT_ID');
    expect(findingsWith({ login: { kind: 'logged-in', accounts }, config: { accountId: 'd4e5f6' } })).toEqual([]);
    expect(
      findingsWith({ login: { kind: 'logged-in', accounts }, env: { ...READY.env, CLOUDFLARE_ACCOUNT_ID: 'a1b2c3' } }),
    ).toEqual([]);
    expect(severities(findingsWith({ login: { kind: 'logged-in', accounts }, config: { accountId: 'zzz' } }))).toEqual([
      'warning',
    ]);
  });

  it('stops without CACHE_PURGE_TOKEN under Workers Cache (stale for a day), warns under the Cache API layer, says nothing with the cache off', () => {
    const workersCache = findingsWith({ env: {}, vars: { EDGE_CACHE: 'workers-cache' } });
    expect(severities(workersCache)).toEqual(['blocker']);
    expect(workersCache[0]?.problem).toContain('CACHE_TTL_SECONDS (86400 s)');
    expect(workersCache[0]?.fix).toContain('export CACHE_PURGE_TOKEN=');
    const cacheApi = findingsWith({ env: {}, vars: { EDGE_CACHE: 'cache-api' } });
    expect(severities(cacheApi)).toEqual(['warning']);
    expect(cacheApi[0]?.problem).toContain('CACHE_VERSION_BOUND_SECONDS (60 s)');
    expect(findingsWith({ env: {}, vars: { EDGE_CACHE: 'off' } })).toEqual([]);
  });

  it("warns when the deploying shell holds one of Cloudflare's Turnstile test secrets", () => {
    const findings = findingsWith({
      env: { ...READY.env, TURNSTILE_SECRET_KEY: '2x0000000000000000000000000000000AA' },
    });
    expect(severities(findings)).toEqual(['warning']);
    expect(findings[0]?.problem).toContain('2x0000000000000000000000000000000AA (always fails)');
    expect(findings[0]?.fix).toContain('`npx wrangler secret put TURNSTILE_SECRET_KEY`');
    expect(findingsWith({ env: { ...READY.env, TURNSTILE_SECRET_KEY: '0x4AAAAAAAB-a-real-secret' } })).toEqual([]);
  });

  it('stops when the media bucket wrangler.toml binds does not exist, and says how to create it', () => {
    const media = { config: { r2Buckets: [{ binding: 'MEDIA', bucket_name: 'causerie-media' }] } };
    const missing = findingsWith({ ...media, buckets: { kind: 'listed', names: ['autre'] } });
    expect(severities(missing)).toEqual(['blocker']);
    expect(missing[0]?.problem).toContain('the bucket causerie-media (binding MEDIA');
    expect(missing[0]?.fix).toContain('`npx wrangler r2 bucket create causerie-media`');
    expect(findingsWith({ ...media, buckets: { kind: 'listed', names: ['causerie-media'] } })).toEqual([]);
    // Without a login, or with Cloudflare out of reach, the binding is named as not checked.
    const loggedOut = findingsWith({ ...media, login: { kind: 'logged-out' }, secrets: { kind: 'not-asked' } });
    expect(loggedOut.find((finding) => finding.problem.startsWith('R2 bucket'))).toMatchObject({
      severity: 'not checked',
      problem: 'R2 bucket causerie-media (binding MEDIA): not checked, wrangler cannot list buckets without a login.',
    });
    const offline = findingsWith({
      ...media,
      buckets: { kind: 'unanswered', reason: 'fetch failed', unreachable: true },
    });
    expect(severities(offline)).toEqual(['not checked']);
    expect(offline[0]?.fix).toContain('`npx wrangler r2 bucket create causerie-media`');
  });

  const NOTIFYING = {
    queues: {
      producers: [{ binding: 'NOTIFICATIONS', queue: 'causerie-notifications' }],
      consumers: [
        { queue: 'causerie-notifications', dead_letter_queue: 'causerie-notifications-dlq' },
        { queue: 'causerie-notifications-dlq' },
      ],
    },
  };

  it('stops when a queue of wrangler.toml (the notifications or their dead letters) does not exist, and says how to create it', () => {
    const missing = findingsWith({
      config: NOTIFYING,
      queues: { 'causerie-notifications': { kind: 'exists' }, 'causerie-notifications-dlq': { kind: 'missing' } },
    });
    expect(missing).toEqual([
      {
        severity: 'blocker',
        problem:
          'Queues: the queue causerie-notifications-dlq (e-mail notifications) does not exist on this account: `wrangler deploy` would fail.',
        fix: 'Run `npx wrangler queues create causerie-notifications-dlq` (once).',
      },
    ]);
    const both = { 'causerie-notifications': { kind: 'exists' }, 'causerie-notifications-dlq': { kind: 'exists' } };
    expect(findingsWith({ config: NOTIFYING, queues: both as PreflightInput['queues'] })).toEqual([]);
    // Without a login, or when wrangler cannot answer, each queue is named as not checked.
    const loggedOut = findingsWith({
      config: NOTIFYING,
      login: { kind: 'logged-out' },
      secrets: { kind: 'not-asked' },
    });
    expect(
      loggedOut.filter((finding) => finding.problem.startsWith('Queue ')).map((finding) => finding.problem),
    ).toEqual([
      'Queue causerie-notifications: not checked, wrangler cannot look queues up without a login.',
      'Queue causerie-notifications-dlq: not checked, wrangler cannot look queues up without a login.',
    ]);
    const offline = findingsWith({
      config: NOTIFYING,
      queues: {
        'causerie-notifications': { kind: 'unanswered', reason: 'fetch failed', unreachable: true },
        'causerie-notifications-dlq': { kind: 'exists' },
      },
    });
    expect(severities(offline)).toEqual(['not checked']);
    expect(offline[0]?.fix).toContain('`npx wrangler queues create causerie-notifications`');
  });

  it('stops on a MAIL_FROM that is not one address (notifications would be off in silence), accepts an empty one', () => {
    for (const from of ['Blog <blog@example.com>', 'blog@example.com\r\nBcc: x@y.z', 'a@b.c, d@e.f', 'blog']) {
      const findings = findingsWith({ vars: { MAIL_FROM: from } });
      expect(severities(findings), from).toEqual(['blocker']);
      expect(findings[0]?.problem).toContain('MAIL_FROM');
    }
    expect(findingsWith({ vars: { MAIL_FROM: '' } })).toEqual([]);
    expect(findingsWith({ vars: { MAIL_FROM: 'blog@example.com' } })).toEqual([]);
  });
});
