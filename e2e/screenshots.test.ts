// Screenshots of what readers and the author see, on a phone (390×844) and a
// laptop (1366×768): test artifacts in test-results/screenshots/. Run with
// UPDATE_README_SCREENSHOTS=1 to refresh the two the README shows.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { E2E_ADMIN_PASSWORD } from '../scripts/e2e/harness.ts';
import { blogUrl, expectCleanVisit, REFERENCE_SLUG, SCREENSHOT_DIR, saveScreenshot, useChromium } from './support.ts';

const chromium = useChromium();

const VIEWPORTS = [
  { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { width: 1366, height: 768, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

describe('screenshots', () => {
  for (const { width, height, ...device } of VIEWPORTS) {
    test(`home, article, comment error and the desk's queue at ${width}×${height}`, async () => {
      const visitor = await chromium.visitor({ viewport: { width, height }, ...device });
      const page = await visitor.context.newPage();
      const files: string[] = [];

      await page.goto(blogUrl('/'));
      files.push(await saveScreenshot(page, 'home'));

      await page.goto(blogUrl(`/${REFERENCE_SLUG}`));
      await page.locator('figure.featured-image img').evaluate((img: HTMLImageElement) => img.decode());
      files.push(await saveScreenshot(page, 'article'));

      // The form sent with a bad address and no text: it comes back scrolled to the first error.
      await page.locator('#comment-author').fill('Sam Martin');
      await page.locator('#comment-email').fill('sam.martin.example.org');
      await page.waitForFunction(
        () => document.querySelector<HTMLInputElement>('input[name="cf-turnstile-response"]')?.value,
      );
      await Promise.all([page.waitForNavigation(), page.locator('#comment-form button[type="submit"]').click()]);
      expect(await page.locator('#comment-form .field-error').count()).toBe(2);
      await page.waitForFunction(
        () => document.querySelector<HTMLInputElement>('input[name="cf-turnstile-response"]')?.value,
      );
      await page.locator('#form-notice').scrollIntoViewIfNeeded();
      files.push(await saveScreenshot(page, 'comment-error'));

      const desk = await chromium.visitor({ viewport: { width, height }, ...device });
      const deskPage = await desk.context.newPage();
      await deskPage.goto(blogUrl('/admin/login?next=%2Fadmin%2Fcomments%3Fstatus%3Dpending'));
      await deskPage.getByLabel('Mot de passe').fill(E2E_ADMIN_PASSWORD);
      await Promise.all([deskPage.waitForNavigation(), deskPage.getByLabel('Mot de passe').press('Enter')]);
      expect(new URL(deskPage.url()).pathname).toBe('/admin/comments');
      files.push(await saveScreenshot(deskPage, 'admin-queue'));

      for (const file of files) expect(existsSync(join(SCREENSHOT_DIR, file)), file).toBe(true);
      expect(files).toEqual(
        ['home', 'article', 'comment-error', 'admin-queue'].map((name) => `${name}-${width}x${height}.png`),
      );
      expectCleanVisit(visitor, [422]);
      expectCleanVisit(desk);
    });
  }
});
