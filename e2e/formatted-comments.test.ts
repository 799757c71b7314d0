// A reader writes a comment with a quote, a list, a link and a <script>, and
// sees it formatted under the article (shown to its author while it awaits
// moderation), the script shown as text and run nowhere. The page's CSP is
// bypassed, so that it is the formatting's escaping that is tested, not the CSP.
import { describe, expect, test } from 'vitest';
import { blogUrl, expectCleanVisit, expectNoAxeViolations, french, useChromium } from './support.ts';

const chromium = useChromium();
// The demo article whose demo comments are formatted (content/demo/comments.yaml).
const ARTICLE = '/les-flux-rss-comptent-encore';
const RUN = Date.now().toString(36);
const SCRIPT = `<script>document.title = 'pwned ${RUN}'; alert(1)</script>`;
const BODY = [
  '> Les réseaux sociaux passent',
  '',
  `Tout à fait d’accord (${RUN}). Mes raisons :`,
  '',
  '- le texte **complet** ;',
  '- aucun algorithme.',
  '',
  `Voir [le validateur du W3C](https://validator.w3.org/feed/) et ${SCRIPT}`,
].join('\n');

describe('a reader who formats a comment', () => {
  test('sees the quote, the list and the link formatted, and the script as text', async () => {
    const t = await french();
    const visitor = await chromium.visitor({ bypassCSP: true });
    const page = await visitor.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    await page.goto(blogUrl(ARTICLE));

    // The form says what it takes, and the text field is described by it.
    const hint = page.locator('#comment-body-hint');
    expect(await hint.textContent()).toBe(t.form.formattingHint);
    expect(await page.locator('#comment-body').getAttribute('aria-describedby')).toContain('comment-body-hint');
    // The demo's formatted comments are shown formatted.
    expect(await page.locator('#comments .comment-body blockquote').count()).toBeGreaterThan(0);

    await page.locator('#comment-author').fill('Lou Garnier');
    await page.locator('#comment-email').fill(`lou.${RUN}@example.org`);
    await page.locator('#comment-body').fill(BODY);
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#comment-form input[name="cf-turnstile-response"]')?.value,
    );
    await Promise.all([page.waitForNavigation(), page.locator('#comment-form button[type="submit"]').click()]);

    const id = new URL(page.url()).hash.match(/^#comment-(\d+)$/)?.[1];
    expect(id, `landed on ${page.url()}`).toBeDefined();
    const body = page.locator(`li#comment-${id} .comment-body`);
    expect(await body.locator('blockquote').textContent()).toBe('Les réseaux sociaux passent');
    expect(await body.locator('ul > li').allTextContents()).toEqual(['le texte complet ;', 'aucun algorithme.']);
    expect(await body.locator('ul > li strong').textContent()).toBe('complet');
    const link = body.locator('a');
    expect(await link.textContent()).toBe('le validateur du W3C');
    expect(await link.getAttribute('href')).toBe('https://validator.w3.org/feed/');
    expect((await link.getAttribute('rel'))?.split(' ')).toEqual(
      expect.arrayContaining(['nofollow', 'ugc', 'noopener']),
    );

    // The script is text the reader can read, and nothing ran.
    expect(await body.textContent()).toContain(SCRIPT);
    expect(await body.locator('script').count()).toBe(0);
    expect(await page.title()).not.toContain('pwned');
    expect(dialogs).toEqual([]);

    // The page, with the formatted comments and the form's hint, passes axe.
    await expectNoAxeViolations(page);
    expectCleanVisit(visitor);
  });
});
