import { availableParallelism } from 'node:os';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import {
  knownAccessKey,
  TEST_ACCESS_AUD,
  TEST_ACCESS_TEAM_DOMAIN,
  unknownAccessKey,
} from './test/support/access-keys.ts';
import { hermeticEnv } from './test/support/hermetic-bindings.ts';
import { createOutboundStub } from './test/support/outbound.ts';

// Every [vars] value and every required secret bound here, so that nothing in
// a developer's .dev.vars, .env files or shell changes what a test sees.
// Publishing's pure parts (scripts/lib) run in Node, as the publish commands
// run them: nothing of workerd is needed there, and each workerd file costs
// a runtime of its own.
const NODE_TESTS = [
  'test/scripts/admin-password.test.ts',
  'test/scripts/bench-verdict.test.ts',
  'test/scripts/command-lines.test.ts',
  'test/scripts/convert-comments.test.ts',
  'test/scripts/dev-server.test.ts',
  'test/scripts/doc-links.test.ts',
  'test/scripts/image-size.test.ts',
  'test/scripts/layout-classes.test.ts',
  'test/scripts/layout-markdown.test.ts',
  'test/scripts/page-gate.test.ts',
  'test/scripts/media.test.ts',
  'test/scripts/pages.test.ts',
  'test/scripts/post-discovery.test.ts',
  'test/scripts/post-set.test.ts',
  'test/scripts/post.test.ts',
  'test/scripts/turnstile-test-keys.test.ts',
  'test/scripts/typography.test.ts',
  'test/scripts/wordpress-blocks.test.ts',
  'test/scripts/wordpress-body.test.ts',
  'test/scripts/wordpress-convert.test.ts',
  'test/scripts/wordpress-media.test.ts',
  'test/scripts/wordpress-pages.test.ts',
  'test/scripts/wordpress-passwords.test.ts',
  'test/scripts/wordpress-real-exports.test.ts',
  'test/scripts/wordpress-shortcodes.test.ts',
  'test/scripts/wordpress-nothing-dropped.test.ts',
  'test/scripts/wordpress-comment-formatting.test.ts',
];

// Wrangler, which reads wrangler.toml for the worker project once per file,
// would say each time which .dev.vars or .env it read and that required
// secrets are missing, though the suite binds every one of them itself.
process.env.WRANGLER_LOG ??= 'error';

const workerEnv = hermeticEnv('./wrangler.toml', {
  // Secrets as production has them: a real-looking Turnstile
  // secret gets the strict hostname and action checks.
  TURNSTILE_SECRET_KEY: 'test-secret-not-a-cloudflare-test-key',
  IP_HASH_SALT: 'test-ip-salt',
  COMMENT_TOKEN_KEY: 'test-comment-token-key',
  CACHE_PURGE_TOKEN: 'test-cache-purge-token',
  ADMIN_SESSION_KEY: 'test-admin-session-key',
  // No password login, as .dev.vars.example has it: tests that sign in set their own hash.
  ADMIN_PASSWORD_HASH: 'off',
  // Long enough that a prompt stand-in answer on a loaded CI machine is never
  // taken for a timeout (300 ms was: a rejected token then came back "held");
  // the stand-in's "slow" token answers after 5 s, well past it.
  TURNSTILE_TIMEOUT_MS: 2000,
  // Pages render on every request in tests that write to D1
  // directly; test/cache/ turns the cache on where it is the subject.
  EDGE_CACHE: 'off',
});

export default defineConfig({
  test: {
    // A passing run prints a line of dots and the totals; a failing test is
    // printed in full, with what it logged (--reporter=verbose lists every
    // test). The JSON report is what .ci/run counts for its "N passed, N
    // failed" line.
    reporters: ['dot', 'json'],
    silent: 'passed-only',
    // Builds public/js/comment-form.js (also done by `npm test`'s pretest, so
    // that Miniflare's static assets see it from the start).
    globalSetup: ['./test/global-setup.ts'],
    // Vitest leaves one CPU free by default, which on a 2-CPU machine runs
    // every file one after the other; workerd and wrangler spend much of a
    // file's time starting, so two at a time finish in about half the time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        // The Worker, its views and the publish pipeline's pure parts run
        // inside workerd against a real local D1 with the migrations applied.
        plugins: [
          cloudflareTest(async () => ({
            // environment '': the top level of wrangler.toml, whatever CLOUDFLARE_ENV says.
            wrangler: { configPath: './wrangler.toml', environment: '' },
            remoteBindings: false,
            miniflare: {
              bindings: {
                ...workerEnv.bindings,
                // What test/hermetic.test.ts holds the environment to.
                TEST_HERMETIC_ENV: JSON.stringify(workerEnv),
                TEST_MIGRATIONS: await readD1Migrations('./migrations'),
                // A stand-in Access team whose certs the outbound stub serves;
                // test/support/access.ts signs tokens with these keys.
                TEST_ACCESS_PRIVATE_JWK: JSON.stringify(knownAccessKey.privateJwk),
                TEST_ACCESS_UNKNOWN_PRIVATE_JWK: JSON.stringify(unknownAccessKey.privateJwk),
                TEST_ACCESS_TEAM_DOMAIN,
                TEST_ACCESS_AUD,
              },
              outboundService: createOutboundStub(),
            },
          })),
        ],
        test: {
          name: 'worker',
          // Files share a runtime instead of starting one each (the project in
          // about 45 s instead of 130 s on 2 CPUs); test/apply-migrations.ts
          // gives each file the empty database it expects.
          isolate: false,
          // A test here takes 0.1 s on a quiet machine; the default 5 s was
          // passed by the slowest on a CI machine loaded by other jobs.
          testTimeout: 15_000,
          include: ['test/**/*.test.ts'],
          exclude: ['test/scripts/cli/**', ...NODE_TESTS],
          setupFiles: ['./test/apply-migrations.ts'],
        },
      },
      {
        test: {
          name: 'node',
          include: NODE_TESTS,
          environment: 'node',
          // Converting a whole WordPress export takes about a second; beside the
          // worker project on a busy 2-CPU machine, a test with a few has passed 5 s.
          testTimeout: 20_000,
        },
      },
      {
        // The publish command itself, run as an author would run it, in Node.
        test: {
          name: 'cli',
          include: ['test/scripts/cli/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/scripts/cli/global-setup.ts'],
          // The commands' wrangler prints its --json output at the "log" level,
          // whatever the shell or the worker project's quiet setting above say.
          env: { WRANGLER_LOG: 'log' },
          // node:sqlite (test/scripts/cli/local-d1.ts) is stable enough for reading test databases.
          execArgv: ['--disable-warning=ExperimentalWarning'],
          // Each test runs a command or two, each starting wrangler and workerd
          // (2 to 3 s of CPU each): on a shared 2-CPU machine one test has
          // taken over 100 s.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
