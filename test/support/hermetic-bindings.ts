// Read in Node by vitest.config.ts. Wrangler fills a Worker's environment from
// wrangler.toml, then lets .dev.vars (or, without it, .env files and the shell's
// environment) replace any [vars] value and supply the [secrets] ones. A
// developer's .dev.vars, an exported BLOG_URL or ADMIN_PASSWORD_HASH would then
// change what the tests see. Binding every var and every required secret
// explicitly leaves nothing for those files to fill: Miniflare's own bindings
// win over what wrangler loads. The values are the suite's own (./test-settings.ts),
// not wrangler.toml's: an author's settings there must not change a test either.
import { unstable_readConfig } from 'wrangler';
import { TEST_SETTINGS } from './test-settings.ts';

export interface HermeticEnv {
  /** Every binding the tests' Worker gets from [vars] and [secrets], with its value. */
  bindings: Record<string, unknown>;
  /** The settings the suite binds (every [vars] name of wrangler.toml among them), and the required secrets. */
  varNames: string[];
  /** wrangler.toml's [vars] as the author has them, which must be valid settings too. */
  configVars: Record<string, unknown>;
  secretNames: string[];
  /** Its other bindings (D1, R2, assets, rate limiters, e-mail, queues), which no file can fill. */
  otherNames: string[];
}

/**
 * A value for every [vars] name of `configPath`, from TEST_SETTINGS (a name
 * without one is refused), then `overrides` (test values for some vars, and one
 * for every required secret: a secret without one is refused too, so that
 * nothing is left for a developer's .dev.vars to fill).
 */
export function hermeticEnv(configPath: string, overrides: Record<string, unknown>): HermeticEnv {
  // An explicit empty environment name: CLOUDFLARE_ENV in the shell must not pick an [env.*] section.
  const config = unstable_readConfig({ config: configPath, env: '' }, { hideWarnings: true });
  const vars = config.vars as Record<string, unknown>;
  const secretNames: string[] = config.secrets?.required ?? [];
  const varNames = Object.keys(vars);
  const unset = varNames.filter((name) => !Object.hasOwn(TEST_SETTINGS, name));
  if (unset.length > 0) {
    throw new Error(
      `${configPath} has the setting(s) ${unset.join(', ')} in [vars], which test/support/test-settings.ts gives no test value: add one there`,
    );
  }
  const missing = secretNames.filter((name: string) => !Object.hasOwn(overrides, name));
  if (missing.length > 0) {
    throw new Error(
      `${configPath} requires the secret(s) ${missing.join(', ')}, which vitest.config.ts gives no test value: add one, or a developer's .dev.vars decides what the tests see`,
    );
  }
  return {
    bindings: { ...TEST_SETTINGS, ...overrides },
    varNames: Object.keys(TEST_SETTINGS),
    configVars: vars,
    secretNames,
    otherNames: [
      ...config.d1_databases.map((database: { binding: string }) => database.binding),
      ...config.r2_buckets.map((bucket: { binding: string }) => bucket.binding),
      ...(config.assets?.binding ? [config.assets.binding] : []),
      ...config.ratelimits.map((limiter: { name: string }) => limiter.name),
      ...config.send_email.map((sender: { name: string }) => sender.name),
      ...(config.queues.producers ?? []).map((producer: { binding: string }) => producer.binding),
    ],
  };
}
