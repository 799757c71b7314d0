// Cloudflare's documented Turnstile test keys (developers.cloudflare.com,
// Turnstile, "Test your Turnstile implementation"). With them, local
// development needs nothing from Cloudflare: `npm run dev` serves stand-ins of
// the widget and of siteverify that answer as these keys are documented to.
import { TEST_SECRETS } from '../../src/turnstile/verify.ts';

export { TEST_SECRETS };

export type TestWidgetOutcome = 'success' | 'failure';

/**
 * The test site keys: what they do (as Cloudflare documents it) and what the
 * stand-in widget does with them. The "forces an interactive challenge" key
 * passes there: the stand-in has no challenge to show.
 */
export const TEST_SITE_KEYS: Readonly<Record<string, { behaviour: string; widget: TestWidgetOutcome }>> = {
  '1x00000000000000000000AA': { behaviour: 'always passes', widget: 'success' },
  '1x00000000000000000000BB': { behaviour: 'always passes, invisible', widget: 'success' },
  '2x00000000000000000000AB': { behaviour: 'always fails', widget: 'failure' },
  '2x00000000000000000000BB': { behaviour: 'always fails, invisible', widget: 'failure' },
  '3x00000000000000000000FF': { behaviour: 'forces an interactive challenge', widget: 'success' },
};

/** The test secrets, as Cloudflare documents them (the Worker's own list is TEST_SECRETS). */
export const TEST_SECRET_BEHAVIOURS: Readonly<Record<string, string>> = {
  '1x0000000000000000000000000000000AA': 'always passes',
  '2x0000000000000000000000000000000AA': 'always fails',
  '3x0000000000000000000000000000000AA': 'answers "token already spent"',
};

/** What siteverify answers, whatever the token, to the test secrets that do not pass. */
export const TEST_SECRET_ERRORS: Readonly<Record<string, string>> = {
  '2x0000000000000000000000000000000AA': 'invalid-input-response',
  // "Token already spent".
  '3x0000000000000000000000000000000AA': 'timeout-or-duplicate',
};

export type TurnstileStandInPlan = { standIn: true; widget: TestWidgetOutcome } | { standIn: false; reason: string };

/** Stand-ins only when both keys are test keys: a real key means Cloudflare's real service. */
export function turnstileStandInPlan(siteKey: string, secret: string): TurnstileStandInPlan {
  const widget = TEST_SITE_KEYS[siteKey]?.widget;
  if (widget && TEST_SECRETS.has(secret)) return { standIn: true, widget };
  const real = [widget ? '' : 'TURNSTILE_SITE_KEY', TEST_SECRETS.has(secret) ? '' : 'TURNSTILE_SECRET_KEY'].filter(
    Boolean,
  );
  return {
    standIn: false,
    reason:
      real.length > 1
        ? `${real.join(' and ')} are not Cloudflare test keys`
        : `${real[0]} is not a Cloudflare test key`,
  };
}
