// `npm run dev` answers for Turnstile locally only with Cloudflare's test keys;
// a real key means the real service.
import { describe, expect, it } from 'vitest';
import { turnstileStandInPlan } from '../../scripts/lib/turnstile-test-keys';

const PASSES = '1x0000000000000000000000000000000AA';

describe('Turnstile stand-ins in local development', () => {
  it('are used with a test site key and a test secret, the widget doing what its key documents', () => {
    expect(turnstileStandInPlan('1x00000000000000000000AA', PASSES)).toEqual({ standIn: true, widget: 'success' });
    expect(turnstileStandInPlan('1x00000000000000000000BB', PASSES)).toEqual({ standIn: true, widget: 'success' });
    expect(turnstileStandInPlan('2x00000000000000000000AB', PASSES)).toEqual({ standIn: true, widget: 'failure' });
    expect(turnstileStandInPlan('2x00000000000000000000BB', PASSES)).toEqual({ standIn: true, widget: 'failure' });
    // The failing secrets too: the siteverify stand-in answers for them.
    expect(turnstileStandInPlan('1x00000000000000000000AA', '3x0000000000000000000000000000000AA')).toMatchObject({
      standIn: true,
    });
  });

  it('are not used when either key is a real one, and the reason names it', () => {
    expect(turnstileStandInPlan('0x4AAAAAAAreal', PASSES)).toEqual({
      standIn: false,
      reason: 'TURNSTILE_SITE_KEY is not a Cloudflare test key',
    });
    expect(turnstileStandInPlan('1x00000000000000000000AA', '0x4AAAAAAAsecret')).toEqual({
      standIn: false,
      reason: 'TURNSTILE_SECRET_KEY is not a Cloudflare test key',
    });
    expect(turnstileStandInPlan('0x4AAAAAAAreal', '')).toEqual({
      standIn: false,
      reason: 'TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY are not Cloudflare test keys',
    });
  });
});
