// `npm run check`: the Worker built offline as `wrangler deploy` would upload
// it, held to its gzipped size budget; then started on the demo content, the
// reference article held to its weight and the public pages to valid HTML.
// Each full run starts wrangler and two local blogs (10 to 25 s on 2 CPUs), so
// there are two: one passing, one over both budgets at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REFERENCE_HTML_BASELINE } from '../../../scripts/lib/page-gate.ts';
import { node } from './run-node.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

const baselineBytes = REFERENCE_HTML_BASELINE.bytes.toLocaleString('en-US');

describe('npm run check', () => {
  it('passes on this project, printing the Worker against 120 KiB and the reference article against its baseline', () => {
    const result = node(['scripts/check.ts']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /Worker bundle \(wrangler deploy --dry-run\): [\d.]+ KiB, [\d.]+ KiB gzipped; budget 120\.0 KiB gzipped\./,
    );
    expect(result.stdout).toMatch(
      new RegExp(
        String.raw`Reference article HTML \(/animer-une-communaute-en-ligne, demo content, default settings\): ` +
          String.raw`[\d,]+ bytes, [\d,]+ bytes gzipped; budget ${baselineBytes} bytes \(its weight at ${REFERENCE_HTML_BASELINE.commit}\)\.`,
      ),
    );
    expect(result.stdout).toMatch(
      /check: \d+ public pages are valid HTML \(home page, reference article, tag page, search results, not found page, .*home page 2[,)]/,
    );
  });

  it('fails when the Worker and the reference article are both over budget, saying each by how much', () => {
    vi.stubEnv('CHECK_BUNDLE_BUDGET_KIB', '1');
    vi.stubEnv('CHECK_REFERENCE_HTML_BUDGET_BYTES', '1000');
    const result = node(['scripts/check.ts']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/check: the Worker is [\d.]+ KiB gzipped, over its 1\.0 KiB budget\./);
    expect(result.stderr).toMatch(
      /check: the reference article's HTML is [\d,]+ bytes, [\d,]+ bytes over its budget of 1,000 bytes \(CHECK_REFERENCE_HTML_BUDGET_BYTES\)\./,
    );
    // The pages are still checked on the Worker that is over budget.
    expect(result.stdout).toMatch(/check: \d+ public pages are valid HTML/);
  });

  it('refuses a budget that is not a number, before building anything', () => {
    vi.stubEnv('CHECK_BUNDLE_BUDGET_KIB', 'lots');
    const bundle = node(['scripts/check.ts']);
    expect(bundle.status).toBe(1);
    expect(bundle.stderr).toContain('CHECK_BUNDLE_BUDGET_KIB must be a positive number of KiB, not "lots"');
    expect(bundle.stdout).toBe('');
    vi.stubEnv('CHECK_BUNDLE_BUDGET_KIB', '');
    vi.stubEnv('CHECK_REFERENCE_HTML_BUDGET_BYTES', '20k');
    const reference = node(['scripts/check.ts']);
    expect(reference.status).toBe(1);
    expect(reference.stderr).toContain(
      'CHECK_REFERENCE_HTML_BUDGET_BYTES must be a positive whole number of bytes, not "20k"',
    );
  });
});
