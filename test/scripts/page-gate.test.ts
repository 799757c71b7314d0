// `npm run check`'s judgement of the pages it reads from the Worker: the
// reference article's weight against its baseline, and each public page's
// status, type and validity, with a page whose feature is not merged yet set
// aside rather than failed. (test/scripts/cli/check.test.ts runs the check.)
import { describe, expect, it } from 'vitest';
import {
  GATED_PAGES,
  type GatedPage,
  judgePage,
  judgeReferenceWeight,
  REFERENCE_ARTICLE_PATH,
  REFERENCE_HTML_BASELINE,
  referenceWeightBudget,
  summarisePages,
  weightOf,
} from '../../scripts/lib/page-gate.ts';

const baseline = referenceWeightBudget(undefined);

describe('the reference article’s weight', () => {
  it('is measured in bytes of UTF-8, and gzipped', () => {
    const weight = weightOf(new TextEncoder().encode('é'.repeat(1000)));
    expect(weight.bytes).toBe(2000);
    expect(weight.gzipBytes).toBeLessThan(100);
  });

  it('passes at the baseline, printing raw and gzipped sizes against it', () => {
    const verdict = judgeReferenceWeight({ bytes: REFERENCE_HTML_BASELINE.bytes, gzipBytes: 6000 }, baseline);
    expect(verdict.ok).toBe(true);
    expect(verdict.problems).toEqual([]);
    expect(verdict.report).toEqual([
      `Reference article HTML (${REFERENCE_ARTICLE_PATH}, demo content, default settings): ` +
        `${REFERENCE_HTML_BASELINE.bytes.toLocaleString('en-US')} bytes, 6,000 bytes gzipped; ` +
        `budget ${REFERENCE_HTML_BASELINE.bytes.toLocaleString('en-US')} bytes (its weight at ${REFERENCE_HTML_BASELINE.commit}).`,
      'check: the reference article is no heavier than its budget.',
    ]);
  });

  it('fails one byte over, saying by how much and what to do', () => {
    const verdict = judgeReferenceWeight({ bytes: 20_001, gzipBytes: 6000 }, { ...baseline, bytes: 20_000 });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      expect.stringMatching(
        /^check: the reference article's HTML is 20,001 bytes, 1 byte over its budget of 20,000 bytes \(its weight at \w+\)\. .*raise REFERENCE_HTML_BASELINE/,
      ),
    ]);
  });

  it('asks for the baseline to be lowered when the page got lighter, but not under an overridden budget', () => {
    const lighter = { bytes: 19_000, gzipBytes: 5000 };
    expect(judgeReferenceWeight(lighter, { ...baseline, bytes: 20_000 }).report[1]).toBe(
      'check: the reference article is 1,000 bytes under its budget; lower REFERENCE_HTML_BASELINE in scripts/lib/page-gate.ts to keep the gain.',
    );
    expect(judgeReferenceWeight(lighter, referenceWeightBudget('20000')).report[1]).toBe(
      'check: the reference article is no heavier than its budget.',
    );
  });

  it('takes its budget from CHECK_REFERENCE_HTML_BUDGET_BYTES when set, and refuses anything but a whole number', () => {
    expect(baseline).toMatchObject({ bytes: REFERENCE_HTML_BASELINE.bytes, overridden: false });
    expect(referenceWeightBudget('')).toEqual(baseline);
    expect(referenceWeightBudget('25000')).toEqual({
      bytes: 25_000,
      source: 'CHECK_REFERENCE_HTML_BUDGET_BYTES',
      overridden: true,
    });
    for (const wrong of ['lots', '0', '-5', '1.5']) {
      expect(() => referenceWeightBudget(wrong)).toThrow(
        `CHECK_REFERENCE_HTML_BUDGET_BYTES must be a positive whole number of bytes, not "${wrong}"`,
      );
    }
  });
});

const html = 'text/html; charset=utf-8';
const article: GatedPage = { path: '/un-billet', name: 'article' };
const comingPage: GatedPage = { path: '/a-propos', name: 'standalone page', optional: true };

describe('a public page', () => {
  it('is valid when it answers its status as HTML with no findings', () => {
    expect(judgePage(article, { status: 200, contentType: html, problems: [] })).toEqual({ kind: 'valid' });
    const notFound: GatedPage = { path: '/nulle-part', name: 'not found page', status: 404 };
    expect(judgePage(notFound, { status: 404, contentType: html, problems: [] })).toEqual({ kind: 'valid' });
  });

  it('fails with every finding of html-validate, under its path and name', () => {
    const problems = ['5:1 no-dup-id: Duplicate ID "a"\n    5 | <p id="a">'];
    expect(judgePage(article, { status: 200, contentType: html, problems })).toEqual({
      kind: 'failed',
      problems: ['check: /un-billet (article) is not valid HTML:', `  ${problems[0]}`],
    });
  });

  it('fails on a status or a type other than expected', () => {
    expect(judgePage(article, { status: 500, contentType: html, problems: [] })).toEqual({
      kind: 'failed',
      problems: ['check: /un-billet (article) answered 500, not 200.'],
    });
    expect(judgePage(article, { status: 200, contentType: 'text/plain', problems: [] })).toEqual({
      kind: 'failed',
      problems: ['check: /un-billet (article) came as text/plain, not text/html; charset=utf-8.'],
    });
  });

  it('is skipped, with a note, while its feature answers 404 or a redirect, if it is marked optional', () => {
    expect(judgePage(comingPage, { status: 404, contentType: html, problems: [] })).toEqual({
      kind: 'skipped',
      note: 'check: skipped /a-propos (standalone page): it answers 404, its feature is not on this branch yet.',
    });
    expect(judgePage(comingPage, { status: 301, contentType: null, location: '/', problems: [] })).toEqual({
      kind: 'skipped',
      note: 'check: skipped /a-propos (standalone page): it answers 301 (to /), its feature is not on this branch yet.',
    });
  });

  it('fails on a 404 or a redirect once the optional flag is gone, and on an error even with it', () => {
    const { optional: _, ...merged } = comingPage;
    expect(judgePage(merged, { status: 404, contentType: html, problems: [] }).kind).toBe('failed');
    expect(judgePage(merged, { status: 301, contentType: null, location: '/', problems: [] })).toEqual({
      kind: 'failed',
      problems: ['check: /a-propos (standalone page) answered 301 (to /), not 200.'],
    });
    expect(judgePage(comingPage, { status: 500, contentType: html, problems: [] }).kind).toBe('failed');
    expect(judgePage(comingPage, { status: 200, contentType: html, problems: ['1:1 x: y'] }).kind).toBe('failed');
  });
});

describe('the summary of the pages', () => {
  const skipped = { kind: 'skipped', note: 'check: skipped /a-propos …' } as const;

  it('names the valid pages and the skipped ones', () => {
    const verdict = summarisePages([
      { page: article, outcome: { kind: 'valid' } },
      { page: comingPage, outcome: skipped },
    ]);
    expect(verdict).toEqual({
      ok: true,
      report: [
        'check: skipped /a-propos …',
        'check: 1 public page is valid HTML (article); 1 skipped (standalone page).',
      ],
      problems: [],
    });
  });

  it('fails when one page fails, with its problems before the count', () => {
    const verdict = summarisePages([
      { page: article, outcome: { kind: 'failed', problems: ['check: /un-billet (article) answered 500, not 200.'] } },
      { page: comingPage, outcome: { kind: 'valid' } },
    ]);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      'check: /un-billet (article) answered 500, not 200.',
      expect.stringMatching(/^check: 1 of 2 public pages failed \(article\)\. /),
    ]);
  });
});

describe('the pages the check reads', () => {
  it('are each a distinct path of the blog', () => {
    const paths = GATED_PAGES.map((page) => page.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) expect(path).toMatch(/^\/(?!\/)/);
  });

  it('include the reference article with wrangler.toml’s settings, as a reader gets it, and required', () => {
    expect(GATED_PAGES).toContainEqual({ path: REFERENCE_ARTICLE_PATH, name: 'reference article' });
  });
});
