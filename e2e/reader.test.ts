// A reader's visit, with JavaScript and without: the home page and its
// pages, the reference article, a tag, the search.
import { describe, expect, test } from 'vitest';
import { blogUrl, expectCleanVisit, french, REFERENCE_SLUG, REFERENCE_TITLE, useChromium } from './support.ts';

const chromium = useChromium();

describe('a reader', () => {
  test('opens the home page, pages through, opens the reference article, follows a tag and searches', async () => {
    const t = await french();
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();

    const home = await page.goto(blogUrl('/'));
    expect(home?.status()).toBe(200);
    const firstPage = await page.locator('.article-list h2 a').allTextContents();
    expect(firstPage).toHaveLength(3);

    // Older articles, three at a time, to the last page: each article once.
    const seen = new Set(firstPage);
    let pageNumber = 1;
    while ((await page.locator('.pagination a[rel="next"]').count()) > 0) {
      await page.locator('.pagination a[rel="next"]').click();
      pageNumber += 1;
      await page.waitForURL(`**/?page=${pageNumber}`);
      expect(await page.locator('h1').textContent()).toContain(String(pageNumber));
      const titles = await page.locator('.article-list h2 a').allTextContents();
      expect(titles.length).toBeGreaterThan(0);
      for (const title of titles) {
        expect(seen.has(title), `"${title}" shown on two pages`).toBe(false);
        seen.add(title);
      }
    }
    expect(pageNumber, 'the demo content fills more than one page').toBeGreaterThan(2);
    // Back a page, then home through the blog's title, then the reference article.
    await page.locator('.pagination a[rel="prev"]').click();
    await page.waitForURL(`**/?page=${pageNumber - 1}`);
    await page.getByRole('link', { name: 'Causerie' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.search === '');
    await page.locator(`.article-list a[href="/${REFERENCE_SLUG}"]`).click();
    await page.waitForURL(`**/${REFERENCE_SLUG}`);

    // The article: its title, featured image with its credit, comments with
    // the heading readers know from WordPress, threaded replies, related posts.
    expect(await page.locator('article.post h1').textContent()).toBe(REFERENCE_TITLE);
    const image = page.locator('figure.featured-image img');
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await image.getAttribute('alt')).toMatch(/bulles de dialogue/);
    const credit = page.locator('figure.featured-image figcaption.credit');
    // French typography puts a no-break space before the colon.
    expect((await credit.textContent())?.replace(/\u00a0/g, ' ')).toBe(
      `${t.imageCredit.replace(/\u00a0/g, ' ')} Illustration : Causerie, CC BY 4.0`,
    );
    expect(await credit.locator('a').getAttribute('href')).toBe('https://creativecommons.org/licenses/by/4.0/deed.fr');
    const shown = await page.locator('#comments li.comment').count();
    expect(shown).toBeGreaterThan(1);
    expect((await page.locator('#comments > h2').textContent())?.trim()).toBe(
      t.commentsHeading(shown, String(shown), REFERENCE_TITLE),
    );
    expect(await page.locator('#comments .comment-replies > li.comment').count()).toBeGreaterThan(0);
    expect(await page.locator('#comments li.comment.by-author').count()).toBeGreaterThan(0);
    const related = page.locator('aside.related li a');
    expect(await related.count()).toBeGreaterThan(0);
    expect(await page.locator('aside.related h2').textContent()).toBe(t.relatedHeading);

    // A tag of the article lists it among the tag's articles.
    const tag = page.locator('article.post p.tags a[rel="tag"]').first();
    const tagName = (await tag.textContent()) ?? '';
    await tag.click();
    await page.waitForURL('**/tag/**');
    expect(await page.locator('main h1').textContent()).toContain(tagName);
    expect(await page.locator(`.article-list a[href="/${REFERENCE_SLUG}"]`).count()).toBe(1);

    // The header's search box, as typed.
    const search = page.getByRole('searchbox', { name: t.search.field });
    await search.fill('modération');
    await search.press('Enter');
    await page.waitForURL('**/search?q=*');
    expect(new URL(page.url()).searchParams.get('q')).toBe('modération');
    expect(await page.locator('#site-search-q').inputValue()).toBe('modération');
    const results = page.locator('.search-results > li');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await page.locator(`.search-results a[href="/${REFERENCE_SLUG}"]`).count()).toBe(1);
    expect((await page.locator('.search-results mark').allTextContents()).map((word) => word.toLowerCase())).toContain(
      'modération',
    );

    expectCleanVisit(visitor);
  });

  test('without JavaScript, reads the home page and the article, and the comment form says why it needs JavaScript', async () => {
    const t = await french();
    const visitor = await chromium.visitor({ javaScriptEnabled: false });
    const page = await visitor.context.newPage();

    await page.goto(blogUrl('/'));
    expect(await page.locator('.article-list h2 a').count()).toBe(3);
    expect(await page.locator('.article-list .summary').first().isVisible()).toBe(true);

    await page.goto(blogUrl(`/${REFERENCE_SLUG}`));
    expect(await page.locator('article.post h1').textContent()).toBe(REFERENCE_TITLE);
    const body = page.locator('article.post .post-body');
    expect(await body.isVisible()).toBe(true);
    expect(((await body.textContent()) ?? '').length).toBeGreaterThan(1000);
    expect(await page.locator('#comments li.comment').first().isVisible()).toBe(true);
    const notice = page.locator('#comment-form .noscript-notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toBe(t.form.noScript);
    // No script ran: Turnstile was never asked for.
    expect(await page.locator('#turnstile-widget').innerHTML()).toBe('');

    expectCleanVisit(visitor);
  });
});
