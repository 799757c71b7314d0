// axe-core in the browser, on the pages readers and the author use: no
// violation of WCAG 2.1 A/AA or of axe's best practices.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { E2E_ADMIN_PASSWORD } from '../scripts/e2e/harness.ts';
import { blogUrl, expectNoAxeViolations, REFERENCE_SLUG, useChromium } from './support.ts';

const chromium = useChromium();

/** axe is injected as an inline script, which the pages' CSP rightly refuses: this profile ignores CSP. */
async function axeVisitorPage(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const visitor = await chromium.visitor({ bypassCSP: true, colorScheme });
  return visitor.context.newPage();
}

describe('accessibility (axe-core)', () => {
  test('the home page', async () => {
    const page = await axeVisitorPage();
    await page.goto(blogUrl('/'));
    await expectNoAxeViolations(page);
  });

  test('an older page of the home list', async () => {
    const page = await axeVisitorPage();
    await page.goto(blogUrl('/?page=2'));
    await expectNoAxeViolations(page);
  });

  test('the reference article, with its comments and the form (Turnstile widget shown)', async () => {
    const page = await axeVisitorPage();
    await page.goto(blogUrl(`/${REFERENCE_SLUG}`));
    expect(await page.locator('#comments li.comment').count()).toBeGreaterThan(0);
    await page.locator('#comment-author').focus();
    await page.locator('#comment-form input[name="cf-turnstile-response"]').waitFor({ state: 'attached' });
    await expectNoAxeViolations(page);
  });

  test('the home page and the article in the dark colour scheme', async () => {
    const page = await axeVisitorPage('dark');
    await page.goto(blogUrl('/'));
    await expectNoAxeViolations(page);
    await page.goto(blogUrl(`/${REFERENCE_SLUG}`));
    await page.locator('#comment-author').focus();
    await page.locator('#comment-form input[name="cf-turnstile-response"]').waitFor({ state: 'attached' });
    await expectNoAxeViolations(page);
  });

  test('the article with the form sent back in error', async () => {
    const page = await axeVisitorPage();
    await page.goto(blogUrl(`/${REFERENCE_SLUG}`));
    await page.locator('#comment-author').fill('Sam');
    await page.locator('#comment-email').fill('pas une adresse');
    await Promise.all([page.waitForNavigation(), page.locator('#comment-form button[type="submit"]').click()]);
    expect(await page.locator('#comment-form .field-error').count()).toBe(2);
    await expectNoAxeViolations(page);
  });

  test('a tag page', async () => {
    const page = await axeVisitorPage();
    await page.goto(blogUrl('/tag/communaute'));
    await expectNoAxeViolations(page);
  });

  test('search results', async () => {
    const page = await axeVisitorPage();
    await page.goto(blogUrl(`/search?q=${encodeURIComponent('communauté')}`));
    expect(await page.locator('.search-results > li').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
  });

  test('the 404 page', async () => {
    const page = await axeVisitorPage();
    const response = await page.goto(blogUrl('/cette-page-n-existe-pas'));
    expect(response?.status()).toBe(404);
    await expectNoAxeViolations(page);
  });

  test('the desk: login, wrong password, comment queue', async () => {
    const page = await axeVisitorPage();
    await page.goto(blogUrl('/admin/login'));
    await expectNoAxeViolations(page);

    await page.getByLabel('Mot de passe').fill('not-the-password');
    await Promise.all([page.waitForNavigation(), page.getByLabel('Mot de passe').press('Enter')]);
    expect(await page.locator('#login-error').count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByLabel('Mot de passe').fill(E2E_ADMIN_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.getByLabel('Mot de passe').press('Enter')]);
    await page.goto(blogUrl('/admin/comments?status=pending'));
    expect(await page.locator('table.queue tbody tr').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);

    await page.goto(blogUrl('/admin/comments?status=approved'));
    await expectNoAxeViolations(page);
  });
});
