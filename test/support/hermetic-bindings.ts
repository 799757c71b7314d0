// Read in Node by vitest.config.ts. Wrangler fills a Worker's environment from
// wrangler.toml, then lets .dev.vars (or, without it, .env files and the shell's
// environment) replace any [vars] value and supply the [secrets] ones. A
// developer's .dev.vars, an exported BLOG_URL or ADMIN_PASSWORD_HASH would then
// change what the tests see. Binding every var and every required secret
// explicitly leaves nothing for those files to fill: Miniflare's own bindings
// win over what wrangler loads.
import { unstable_readConfig } from 'wrangler';

export interface HermeticEnv {
  /** Every binding the tests' Worker gets from [vars] and [secrets], with its value. */
  bindings: Record<string, unknown>;
  /** The names wrangler.toml declares: its [vars] keys and required secrets. */
  varNames: string[];
  secretNames: string[];
  /** Its other bindings (D1, assets, rate limiters), which no file can fill. */
  otherNames: string[];
}

/**
 * The [vars] of `configPath` as written there, then `overrides` (test values
 * for some vars, and one for every required secret: a secret without one is
 * refused, so a new secret cannot slip in from a developer's .dev.vars).
 */
export function hermeticEnv(configPath: string, overrides: Record<string, unknown>): HermeticEnv {
  // An explicit empty environment name: CLOUDFLARE_ENV in the shell must not pick an [env.*] section.
  const config = unstable_readConfig({ config: configPath, env: '' }, { hideWarnings: true });
  const vars = config.vars as Record<string, unknown>;
  const secretNames: string[] = config.secrets?.required ?? [];
  const missing = secretNames.filter((name: string) => !Object.hasOwn(overrides, name));
  if (missing.length > 0) {
    throw new Error(
      `${configPath} requires the secret(s) ${missing.join(', ')}, which vitest.config.ts gives no test value: add one, or a developer's .dev.vars decides what the tests see`,
    );
  }
  return {
    bindings: { ...vars, ...overrides },
    varNames: Object.keys(vars),
    secretNames,
    otherNames: [
      ...config.d1_databases.map((database: { binding: string }) => database.binding),
      ...(config.assets?.binding ? [config.assets.binding] : []),
      ...config.ratelimits.map((limiter: { name: string }) => limiter.name),
    ],
  };
}
