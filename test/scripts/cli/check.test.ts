// `npm run check`: the Worker built offline as `wrangler deploy` would upload
// it, held to its gzipped size budget.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { node } from './run-node.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('npm run check', () => {
  it('passes on this project, printing the raw and gzipped size against the 100 KiB budget', () => {
    const result = node(['scripts/check.ts']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /Worker bundle \(wrangler deploy --dry-run\): [\d.]+ KiB, [\d.]+ KiB gzipped; budget 100\.0 KiB gzipped\./,
    );
  });

  it('fails, saying by how much, when the Worker is over the budget', () => {
    vi.stubEnv('CHECK_BUNDLE_BUDGET_KIB', '1');
    const result = node(['scripts/check.ts']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/check: the Worker is [\d.]+ KiB gzipped, over its 1\.0 KiB budget\./);
  });

  it('refuses a budget that is not a number', () => {
    vi.stubEnv('CHECK_BUNDLE_BUDGET_KIB', 'lots');
    const result = node(['scripts/check.ts']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('CHECK_BUNDLE_BUDGET_KIB must be a positive number of KiB, not "lots"');
  });
});
