import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import {
  knownAccessKey,
  TEST_ACCESS_AUD,
  TEST_ACCESS_TEAM_DOMAIN,
  unknownAccessKey,
} from './test/support/access-keys.ts';
import { createOutboundStub } from './test/support/outbound.ts';

export default defineConfig({
  test: {
    // The JSON report is what .ci/run counts for its "N passed, N failed" line.
    reporters: ['default', 'json'],
    // Builds public/js/comment-form.js (also done by `npm test`'s pretest, so
    // that Miniflare's static assets see it from the start).
    globalSetup: ['./test/global-setup.ts'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        // The Worker, its views and the publish pipeline's pure parts run
        // inside workerd against a real local D1 with the migrations applied.
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('./migrations'),
                // Secrets as production has them: a real-looking Turnstile
                // secret gets the strict hostname and action checks.
                TURNSTILE_SECRET_KEY: 'test-secret-not-a-cloudflare-test-key',
                IP_HASH_SALT: 'test-ip-salt',
                COMMENT_TOKEN_KEY: 'test-comment-token-key',
                TURNSTILE_TIMEOUT_MS: 300,
                CACHE_PURGE_TOKEN: 'test-cache-purge-token',
                ADMIN_SESSION_KEY: 'test-admin-session-key',
                // Pages render on every request in tests that write to D1
                // directly; test/cache/ turns the cache on where it is the subject.
                EDGE_CACHE: 'off',
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
          include: ['test/**/*.test.ts'],
          exclude: ['test/scripts/cli/**'],
          setupFiles: ['./test/apply-migrations.ts'],
        },
      },
      {
        // The publish command itself, run as an author would run it, in Node.
        test: {
          name: 'cli',
          include: ['test/scripts/cli/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
    ],
  },
});
