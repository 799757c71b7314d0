// A reader on a phone (375 px wide) finds the blog's standalone pages through
// the header's menu: the menu fits the screen without overlapping itself or
// widening the page, leads to "À propos", and marks it as the current page.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { blogUrl, expectCleanVisit, expectNoAxeViolations, useChromium } from './support.ts';

const chromium = useChromium();
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** The menu's links do not overlap, each lies within the screen, and nothing scrolls sideways. */
async function expectMenuFits(page: Page): Promise<void> {
  const layout = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.site-menu a')].map((link) => link.getBoundingClientRect());
    return {
      boxes: boxes.map(({ left, right, top, bottom }) => ({ left, right, top, bottom })),
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    };
  });
  expect(layout.boxes.length).toBeGreaterThan(1);
  expect(layout.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(layout.clientWidth);
  for (const [index, box] of layout.boxes.entries()) {
    expect(box.left, `menu link ${index} starts off screen`).toBeGreaterThanOrEqual(0);
    expect(box.right, `menu link ${index} ends off screen`).toBeLessThanOrEqual(layout.clientWidth);
    for (const other of layout.boxes.slice(index + 1)) {
      const overlap =
        box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
      expect(overlap, `menu links ${index} and another overlap`).toBe(false);
    }
  }
}

describe('the header’s menu on a phone', () => {
  test('leads from the home page to “À propos”, marked as the current page, with nothing wider than the screen', async () => {
    const visitor = await chromium.visitor(PHONE);
    const page = await visitor.context.newPage();
    expect((await page.goto(blogUrl('/')))?.status()).toBe(200);
    const menu = page.getByRole('navigation', { name: 'Menu du site' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['À propos', 'Mentions légales', 'Archives']);
    await expectMenuFits(page);
    // A longer menu, as a blog with more pages has: it must wrap, not widen the page.
    const longer = await visitor.context.newPage();
    await longer.goto(blogUrl('/'));
    await longer.evaluate(() => {
      const list = document.querySelector('.site-menu ul');
      const items = [...(list?.children ?? [])];
      for (let copy = 0; copy < 4; copy++) for (const item of items) list?.append(item.cloneNode(true));
    });
    await expectMenuFits(longer);
    await longer.close();

    await menu.getByRole('link', { name: 'À propos' }).click();
    await page.waitForURL('**/a-propos');
    expect(await page.locator('article.post h1').textContent()).toBe('À propos');
    expect(await menu.getByRole('link', { name: 'À propos' }).getAttribute('aria-current')).toBe('page');
    expect(await menu.locator('[aria-current]').count()).toBe(1);
    // A page has no date and no share links; this one takes comments.
    expect(await page.locator('article.post time').count()).toBe(0);
    expect(await page.locator('.share').count()).toBe(0);
    expect(await page.locator('#comment-form').count()).toBe(1);
    await expectMenuFits(page);

    // The child page, linked from the text, lives under its parent.
    await page.locator('.post-body a[href="/mentions-legales/donnees-personnelles"]').click();
    await page.waitForURL('**/mentions-legales/donnees-personnelles');
    expect(await page.locator('article.post h1').textContent()).toBe('Données personnelles');
    expectCleanVisit(visitor);
  });

  test('the page and its menu have no accessibility violation', async () => {
    const visitor = await chromium.visitor({ ...PHONE, bypassCSP: true });
    const page = await visitor.context.newPage();
    await page.goto(blogUrl('/a-propos'));
    await expectNoAxeViolations(page);
    await page.goto(blogUrl('/mentions-legales'));
    await expectNoAxeViolations(page);
  });
});
