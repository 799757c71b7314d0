// WordPress blocks, as the importer writes them and publishing renders them,
// shown by the blog's stylesheet on a phone and on a wide screen: columns and
// media & text side by side then stacked, a cover's text over its image,
// buttons on one row, verse in the text's font, and footnotes that lead to
// their text and back. The body is set into a real article page, so that
// only the blog's own CSS (and its CSP) apply.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../scripts/lib/markdown.ts';
import { bodyContext, convertBody } from '../scripts/lib/wordpress/body.ts';
import { blogUrl, expectCleanVisit, REFERENCE_SLUG, useChromium } from './support.ts';

const chromium = useChromium();
const IMAGE = 'https://ancien.example/wp-content/uploads/phare.jpg';
const FOOTNOTE = 'aa484441-9ea2-470c-a0a3-218ede0c6b05';

const WORDPRESS_BODY = `
<!-- wp:columns --><div class="wp-block-columns"><div class="wp-block-column"><p>Column one</p></div><div class="wp-block-column"><p>Column two</p></div></div><!-- /wp:columns -->
<!-- wp:media-text --><div class="wp-block-media-text has-media-on-the-right is-stacked-on-mobile"><figure class="wp-block-media-text__media"><img src="${IMAGE}" alt="A lighthouse"/></figure><div class="wp-block-media-text__content"><p>Text beside the image</p></div></div><!-- /wp:media-text -->
<!-- wp:cover --><div class="wp-block-cover"><span aria-hidden="true" class="wp-block-cover__background has-background-dim"></span><img class="wp-block-cover__image-background" alt="" src="${IMAGE}"/><div class="wp-block-cover__inner-container"><p class="has-text-align-center">Over the image</p></div></div><!-- /wp:cover -->
<!-- wp:buttons --><div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" href="/">First</a></div><div class="wp-block-button"><a class="wp-block-button__link" href="/">Second</a></div></div><!-- /wp:buttons -->
<!-- wp:verse --><pre class="wp-block-verse">A first line
  and a second</pre><!-- /wp:verse -->
<!-- wp:paragraph --><p>A claim<sup data-fn="${FOOTNOTE}" class="fn"><a href="#${FOOTNOTE}" id="${FOOTNOTE}-link">1</a></sup></p><!-- /wp:paragraph -->
<!-- wp:footnotes /-->`;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const box = (page: Page, selector: string): Promise<Box> =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const { left, right, top, bottom } = element.getBoundingClientRect();
      return { left, right, top, bottom };
    });

/** The reference article with its body replaced by the imported one, its images the blog's own. */
async function openImported(width: number) {
  const visitor = await chromium.visitor({ viewport: { width, height: 900 } });
  const page = await visitor.context.newPage();
  expect((await page.goto(blogUrl(`/${REFERENCE_SLUG}`)))?.status()).toBe(200);
  const ownImage = await page.locator('link[rel="icon"]').first().getAttribute('href');
  const converted = convertBody(
    WORDPRESS_BODY,
    bodyContext('https://ancien.example'),
    0,
    JSON.stringify([{ id: FOOTNOTE, content: 'The source of the claim' }]),
  );
  const html = renderMarkdown(converted.html, 'en').html.replaceAll(IMAGE, ownImage ?? '/favicon.svg');
  await page.locator('.post-body').evaluate((element, body) => {
    element.innerHTML = body;
  }, html);
  return { page, visitor };
}

describe('WordPress blocks, laid out by the blog’s stylesheet', () => {
  test('at 1024 px: columns and media & text side by side, the cover’s text over its image, buttons on one row', async () => {
    const { page, visitor } = await openImported(1024);
    const [first, second] = [
      await box(page, '.columns-2 > div:nth-child(1)'),
      await box(page, '.columns-2 > div:nth-child(2)'),
    ];
    expect(Math.abs(first.top - second.top)).toBeLessThan(1);
    expect(second.left).toBeGreaterThan(first.right);

    // Media on the right, as it was on WordPress.
    const text = await box(page, '.columns-2:has(figure) > div');
    const media = await box(page, '.columns-2:has(figure) > figure');
    expect(media.left).toBeGreaterThan(text.right);

    const image = await box(page, '.cover > img');
    const words = await box(page, '.cover p');
    expect(words.top).toBeGreaterThanOrEqual(image.top);
    expect(words.bottom).toBeLessThanOrEqual(image.bottom);
    expect(await page.locator('.cover p').evaluate((element) => getComputedStyle(element).color)).toBe(
      'rgb(255, 255, 255)',
    );

    const [one, two] = [await box(page, '.buttons a >> nth=0'), await box(page, '.buttons a >> nth=1')];
    expect(Math.abs(one.top - two.top)).toBeLessThan(1);
    expect(two.left).toBeGreaterThan(one.right);

    const verse = page.locator('pre.verse');
    expect(await verse.evaluate((element) => getComputedStyle(element).fontFamily)).toBe(
      await page
        .locator('.post-body p')
        .first()
        .evaluate((element) => getComputedStyle(element).fontFamily),
    );
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, line breaks and indentation shown.
    expect((await verse.innerText()).split('\n')).toEqual(['A first line', '  and a second']);
    expectCleanVisit(visitor);
  });

  test('at 375 px: columns and media & text stacked, nothing wider than the screen', async () => {
    const { page, visitor } = await openImported(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const [first, second] = [
      await box(page, '.columns-2 > div:nth-child(1)'),
      await box(page, '.columns-2 > div:nth-child(2)'),
    ];
    expect(Math.abs(first.left - second.left)).toBeLessThan(1);
    expect(second.top).toBeGreaterThanOrEqual(first.bottom);
    const text = await box(page, '.columns-2:has(figure) > div');
    const media = await box(page, '.columns-2:has(figure) > figure');
    expect(media.top).toBeGreaterThanOrEqual(text.bottom);
    expectCleanVisit(visitor);
  });

  test('a footnote’s number leads to its text, and its arrow back to the number', async () => {
    const { page, visitor } = await openImported(375);
    await page.locator('sup a[href="#fn-1"]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#fn-1');
    expect(await page.locator('.footnotes li#fn-1').textContent()).toContain('The source of the claim');
    await page.locator('#fn-1 a[href="#fn-1-ref"]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#fn-1-ref');
    expectCleanVisit(visitor);
  });
});
