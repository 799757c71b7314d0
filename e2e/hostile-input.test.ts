// The markup half of the hostile-input corpus (test/support/hostile-corpus.ts),
// rendered by Chromium: in the search box and its results page, in the comment
// form sent back, in the desk's queue and, once approved, under the article.
// Nothing may run (no dialog, no injected handler, script, frame or
// javascript: link) and every value must read back as typed. The pages' CSP
// is bypassed here, so that it is the escaping that is tested, not the CSP.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { E2E_ADMIN_PASSWORD } from '../scripts/e2e/harness.ts';
import { formatComment } from '../src/comments/format.ts';
import { expectedLine, expectedText, HOSTILE_CORPUS } from '../test/support/hostile-corpus.ts';
import { blogUrl, REFERENCE_SLUG, useChromium } from './support.ts';

const chromium = useChromium();
const MARKUP = HOSTILE_CORPUS.filter((payload) => payload.kind === 'markup');
const ARTICLE = `/${REFERENCE_SLUG}`;
/** The Worker's limit: 5 comment submissions a minute from one address. */
const SUBMISSIONS_PER_VISITOR = 5;

/** A visitor that records every dialog a payload might open (and dismisses it). */
async function watchedPage(): Promise<{ page: Page; dialogs: string[] }> {
  const visitor = await chromium.visitor({ bypassCSP: true });
  const page = await visitor.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()} on ${page.url()}`);
    await dialog.dismiss();
  });
  return { page, dialogs };
}

/** Anything a payload would have brought to life, described; empty when there is nothing. */
function liveMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`${element.tagName} ${attribute.name}`);
        if (/^\s*(javascript|data):/i.test(attribute.value) && /^(href|src|action|srcdoc)$/i.test(attribute.name)) {
          found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
        }
      }
    }
    for (const script of document.querySelectorAll('script')) {
      const allowed =
        script.type === 'application/ld+json' ||
        script.src === `${location.origin}/js/comment-form.js` ||
        script.src.startsWith('https://challenges.cloudflare.com/turnstile/v0/api.js');
      if (!allowed) found.push(`script ${script.outerHTML.slice(0, 80)}`);
    }
    for (const form of document.forms) {
      if (new URL(form.action, location.href).origin !== location.origin) found.push(`form to ${form.action}`);
    }
    for (const tag of [
      'iframe',
      'svg',
      'math',
      'meta[http-equiv]',
      'base',
      'style',
      'main [style]:not(.turnstile-stand-in)',
    ]) {
      const count = document.querySelectorAll(tag).length;
      if (count > 0) found.push(`${count} × ${tag}`);
    }
    return found;
  });
}

describe('hostile input in the browser', () => {
  test('markup typed into the search box comes back as text, and nothing runs', async () => {
    const { page, dialogs } = await watchedPage();
    for (const payload of MARKUP) {
      await page.goto(blogUrl(`/search?q=${encodeURIComponent(payload.value)}`));
      // A one-line field: white space runs come back as one space.
      expect(await page.locator('#site-search-q').inputValue(), payload.name).toBe(expectedLine(payload));
      expect(await liveMarkup(page), payload.name).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  });

  test('markup in every field of a refused comment comes back in the form as typed, and nothing runs', async () => {
    let watched = await watchedPage();
    for (const [index, payload] of MARKUP.entries()) {
      // A new visitor (a new address) before the rate limit would answer instead.
      if (index > 0 && index % SUBMISSIONS_PER_VISITOR === 0) {
        expect(watched.dialogs).toEqual([]);
        watched = await watchedPage();
      }
      const { page } = watched;
      await page.goto(blogUrl(ARTICLE));
      await page.locator('#comment-author').fill(payload.value);
      // An address that is not one: the comment is refused and the form shown again.
      await page.locator('#comment-email').fill(payload.value);
      await page.locator('#comment-url').fill(payload.value);
      await page.locator('#comment-body').fill(payload.value);
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.locator('#comment-form button[type="submit"]').click(),
      ]);
      expect(response?.status(), payload.name).toBe(422);
      expect(await page.locator('#comment-author').inputValue(), payload.name).toBe(expectedLine(payload));
      // E-mail addresses are kept in lower case.
      expect(await page.locator('#comment-email').inputValue(), payload.name).toBe(expectedLine(payload).toLowerCase());
      expect(await page.locator('#comment-url').inputValue(), payload.name).toBe(expectedLine(payload));
      expect(await page.locator('#comment-body').inputValue(), payload.name).toBe(expectedText(payload));
      expect(await liveMarkup(page), payload.name).toEqual([]);
    }
    expect(watched.dialogs).toEqual([]);
  });

  test('a comment made of markup is shown as text in the desk and, once approved, under the article', async () => {
    const name = '"><img src=x onerror=alert(1)> Robert\'); DROP TABLE comments;--';
    const body = MARKUP.map((payload) => expectedText(payload)).join('\n\n');
    const commenter = await watchedPage();
    await commenter.page.goto(blogUrl(ARTICLE));
    await commenter.page.locator('#comment-author').fill(name);
    await commenter.page.locator('#comment-email').fill('bobby.tables@example.org');
    await commenter.page.locator('#comment-body').fill(body);
    await commenter.page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('input[name="cf-turnstile-response"]')?.value,
    );
    await Promise.all([
      commenter.page.waitForNavigation(),
      commenter.page.locator('#comment-form button[type="submit"]').click(),
    ]);
    const id = new URL(commenter.page.url()).hash.match(/^#comment-(\d+)$/)?.[1];
    expect(id, `landed on ${commenter.page.url()}`).toBeDefined();
    expect(await liveMarkup(commenter.page)).toEqual([]);

    const author = await watchedPage();
    await author.page.goto(blogUrl('/admin/login?next=%2Fadmin%2Fcomments%3Fstatus%3Dpending'));
    await author.page.getByLabel('Mot de passe').fill(E2E_ADMIN_PASSWORD);
    await Promise.all([author.page.waitForNavigation(), author.page.getByLabel('Mot de passe').press('Enter')]);
    const row = author.page.locator(`tr#comment-${id}`);
    expect(await row.locator('.queue-author strong').textContent()).toBe(name);
    expect(await liveMarkup(author.page)).toEqual([]);
    await Promise.all([author.page.waitForNavigation(), row.getByRole('button', { name: 'Approuver' }).click()]);

    const reader = await watchedPage();
    await reader.page.goto(blogUrl(ARTICLE));
    const comment = reader.page.locator(`li#comment-${id}`);
    expect(await comment.locator('.comment-author').textContent()).toBe(name);
    // Paragraph by paragraph, as its light Markdown reads (raw HTML as typed, entities resolved,
    // "*…*" as emphasis; links to http(s) only).
    const paragraphs = await comment.locator('.comment-body p').allTextContents();
    expect(paragraphs).toEqual(MARKUP.map((payload) => formatComment(expectedText(payload)).text));
    expect(await liveMarkup(reader.page)).toEqual([]);

    expect([...commenter.dialogs, ...author.dialogs, ...reader.dialogs]).toEqual([]);
  });
});
