// A reader finds an older article by date: from the home page (its pinned
// article first, labelled as such) to /archives, into a month, and back.
import { describe, expect, test } from 'vitest';
import { blogUrl, expectCleanVisit, expectNoAxeViolations, french, REFERENCE_SLUG, useChromium } from './support.ts';

const chromium = useChromium();

// The demo's pinned article (content/posts/animer-une-communaute-en-ligne.md), from October 2026,
// older than two others: only pinning puts it first.
const PINNED_SLUG = REFERENCE_SLUG;

describe('pinned article and date archives', () => {
  test('the home page shows the pinned article first, labelled; /archives leads to a month and back', async () => {
    const t = await french();
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();

    await page.goto(blogUrl('/'));
    const first = page.locator('.article-list > li').first();
    expect(await first.locator('h2 a').getAttribute('href')).toBe(`/${PINNED_SLUG}`);
    const label = first.locator('.pinned-label');
    expect(await label.isVisible()).toBe(true);
    expect(await label.textContent()).toBe(t.archives.pinned);
    expect(await page.locator('.pinned-label').count()).toBe(1);

    // The link under the home page's list (the header's menu has one too).
    await page.locator('main').getByRole('link', { name: t.archives.title, exact: true }).click();
    await page.waitForURL('**/archives');
    expect(await page.locator('main h1').textContent()).toBe(t.archives.title);
    // The month of the reference article, in French, with its count.
    const october = page.getByRole('link', { name: 'octobre 2026', exact: true });
    expect(await october.isVisible()).toBe(true);
    await october.click();
    await page.waitForURL('**/2026/10');
    expect(await page.locator('main h1').textContent()).toBe('Octobre 2026');
    const titles = await page
      .locator('.article-list h2 a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    // Date order there, and no label: pinning is the home page's.
    expect(titles).toEqual(['/repondre-aux-lecteurs', '/static-or-dynamic-blog', `/${PINNED_SLUG}`]);
    expect(await page.locator('.pinned-label').count()).toBe(0);

    // Back up the breadcrumb to the year, then to /archives.
    await page.locator('nav.breadcrumb').getByRole('link', { name: '2026', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/2026');
    expect(await page.locator('.article-list h2 a').count()).toBeGreaterThan(0);
    await page.locator('nav.breadcrumb').getByRole('link', { name: t.archives.title }).click();
    await page.waitForURL('**/archives');
    expectCleanVisit(visitor);
  });

  test('an impossible month is a 404 in French', async () => {
    const t = await french();
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();
    const response = await page.goto(blogUrl('/2026/13'));
    expect(response?.status()).toBe(404);
    expect(await page.locator('main h1').textContent()).toBe(t.notFoundTitle);
    expectCleanVisit(visitor, [404]);
  });

  test('/archives and a month page have no axe-core violation', async () => {
    const visitor = await chromium.visitor({ bypassCSP: true });
    const page = await visitor.context.newPage();
    await page.goto(blogUrl('/archives'));
    await expectNoAxeViolations(page);
    await page.goto(blogUrl('/2026/10'));
    await expectNoAxeViolations(page);
  });
});
