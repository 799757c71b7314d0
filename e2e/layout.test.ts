// The demo layout article (content/posts/mettre-en-page-un-billet.md) as a
// reader sees it on a phone and on a wide screen: columns that stack then sit
// side by side, a gallery of captioned images, a text to unfold, nothing wider
// than the window, and no accessibility violation.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { blogUrl, expectCleanVisit, expectNoAxeViolations, useChromium } from './support.ts';

const chromium = useChromium();
const LAYOUT_ARTICLE = '/mettre-en-page-un-billet';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The boxes of every element matching `selector`, in document order. */
function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => {
      const { left, right, top, bottom } = element.getBoundingClientRect();
      return { left, right, top, bottom };
    }),
  );
}

/** How many boxes share the first one's row. */
const onFirstRow = (items: Box[]) => items.filter((box) => Math.abs(box.top - (items[0]?.top ?? 0)) < 1).length;

async function openArticle(
  width: number,
): Promise<{ page: Page; visitor: Awaited<ReturnType<typeof chromium.visitor>> }> {
  // axe is injected as an inline script, which the page's CSP rightly refuses: this profile ignores CSP.
  const visitor = await chromium.visitor({ viewport: { width, height: 800 }, bypassCSP: true });
  const page = await visitor.context.newPage();
  const response = await page.goto(blogUrl(LAYOUT_ARTICLE));
  expect(response?.status()).toBe(200);
  return { page, visitor };
}

async function expectGalleryShown(page: Page): Promise<void> {
  const figures = page.locator('.gallery figure');
  expect(await figures.count()).toBe(4);
  for (const figure of await figures.all()) {
    const image = figure.locator('img');
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await figure.locator('figcaption').isVisible()).toBe(true);
    expect((await figure.locator('figcaption').textContent())?.trim()).not.toBe('');
  }
}

async function expectNoHorizontalScroll(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe('the layout classes, on the demo layout article', () => {
  test('on a 375 px phone: columns stack, the gallery shows two images a row, nothing overflows', async () => {
    const { page, visitor } = await openArticle(375);
    await expectNoHorizontalScroll(page, 375);

    for (const columns of ['.columns-2', '.columns-3']) {
      const [first, second] = await boxes(page, `${columns} > div`);
      if (!first || !second) throw new Error(`${columns} has fewer than two columns`);
      expect(Math.abs(second.left - first.left), `${columns}: the columns start at the same left edge`).toBeLessThan(1);
      expect(second.top, `${columns}: the second column is under the first`).toBeGreaterThanOrEqual(first.bottom);
    }

    await expectGalleryShown(page);
    const gallery = await boxes(page, '.gallery > li');
    expect(onFirstRow(gallery)).toBeGreaterThanOrEqual(1);
    expect(onFirstRow(gallery)).toBeLessThanOrEqual(2);

    // The right-aligned figure no longer floats: it takes the column, above the text.
    const [aligned] = await boxes(page, '.align-right');
    const [text] = await boxes(page, '.align-right + p');
    expect(aligned && text && aligned.bottom <= text.top).toBe(true);

    await expectNoAxeViolations(page);
    expectCleanVisit(visitor);
  });

  test('on a 1200 px screen: columns side by side, the gallery on one row, the wide image wider than the text', async () => {
    const { page, visitor } = await openArticle(1200);
    await expectNoHorizontalScroll(page, 1200);

    const [first, second] = await boxes(page, '.columns-2 > div');
    if (!first || !second) throw new Error('.columns-2 has fewer than two columns');
    expect(Math.abs(second.top - first.top), 'the two columns start at the same height').toBeLessThan(1);
    expect(second.left, 'the second column is right of the first').toBeGreaterThan(first.right);
    expect(onFirstRow(await boxes(page, '.columns-3 > div'))).toBe(3);

    await expectGalleryShown(page);
    expect(onFirstRow(await boxes(page, '.gallery > li'))).toBe(4);

    const [wide] = await boxes(page, '.align-wide');
    const [paragraph] = await boxes(page, '.post-body > p');
    if (!wide || !paragraph) throw new Error('no wide block or no paragraph');
    expect(wide.right - wide.left).toBeGreaterThan(paragraph.right - paragraph.left);

    // The right-aligned figure floats: the text beside it starts left of it, at its height.
    const [aligned] = await boxes(page, '.align-right');
    const [text] = await boxes(page, '.align-right + p');
    if (!aligned || !text) throw new Error('no right-aligned figure followed by text');
    expect(text.top).toBeLessThan(aligned.bottom);
    expect(aligned.left).toBeGreaterThan(text.left);

    await expectNoAxeViolations(page);
    expectCleanVisit(visitor);
  });

  test('details fold and unfold, with the mouse and the keyboard', async () => {
    const { page, visitor } = await openArticle(375);
    const details = page.locator('.post-body details');
    const hidden = details.locator('p');
    expect(await hidden.isVisible()).toBe(false);
    await details.locator('summary').click();
    await expect.poll(() => hidden.isVisible()).toBe(true);
    expect(await details.evaluate((element: HTMLDetailsElement) => element.open)).toBe(true);
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => hidden.isVisible()).toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(() => hidden.isVisible()).toBe(true);
    expectCleanVisit(visitor);
  });
});
