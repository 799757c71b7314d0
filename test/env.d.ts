import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** JSON of test/support/hermetic-bindings.ts's HermeticEnv: what test/hermetic.test.ts expects. */
      TEST_HERMETIC_ENV: string;
      /** Private JWKs (JSON) of the stand-in Access team's published key and of a key it never published. */
      TEST_ACCESS_PRIVATE_JWK: string;
      TEST_ACCESS_UNKNOWN_PRIVATE_JWK: string;
      TEST_ACCESS_TEAM_DOMAIN: string;
      TEST_ACCESS_AUD: string;
    }
  }
}
