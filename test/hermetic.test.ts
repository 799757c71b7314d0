// The tests' Worker sees wrangler.toml's [vars] and the suite's own secrets,
// and nothing else: .ci/hermetic runs this file (and the desk's protection
// tests) again with a filled .dev.vars, a .env and a hostile shell environment.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { HermeticEnv } from './support/hermetic-bindings';

const expected = JSON.parse(env.TEST_HERMETIC_ENV) as HermeticEnv;
const actual = env as unknown as Record<string, unknown>;

describe('the test environment', () => {
  it('declares at least the settings and secrets the desk and comments depend on', () => {
    expect(expected.secretNames).toEqual(
      expect.arrayContaining(['ADMIN_PASSWORD_HASH', 'ADMIN_SESSION_KEY', 'TURNSTILE_SECRET_KEY']),
    );
    expect(expected.varNames).toEqual(expect.arrayContaining(['BLOG_URL', 'ACCESS_TEAM_DOMAIN', 'PAGE_SIZE']));
  });

  it('has every [vars] value and secret as vitest.config.ts gives it, whatever .dev.vars, .env or the shell say', () => {
    const names = [...expected.varNames, ...expected.secretNames];
    const seen = Object.fromEntries(names.map((name) => [name, actual[name]]));
    const wanted = Object.fromEntries(names.map((name) => [name, expected.bindings[name]]));
    expect(seen).toEqual(wanted);
  });

  it('has no binding that neither wrangler.toml nor the suite declares', () => {
    const declared = new Set([...Object.keys(expected.bindings), ...expected.otherNames]);
    // TEST_*: the suite's own; __VITEST_POOL_WORKERS_*: the test runner's.
    const extra = Object.keys(actual).filter(
      (name) => !declared.has(name) && !name.startsWith('TEST_') && !name.startsWith('__VITEST_POOL_WORKERS_'),
    );
    expect(extra).toEqual([]);
  });
});
