// A commenter with only a keyboard (Tab, Shift+Tab, Enter, typing: no mouse),
// then the author at the desk, then a reader who sees the approved comment.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { E2E_ADMIN_PASSWORD } from '../scripts/e2e/harness.ts';
import { blogUrl, expectCleanVisit, focused, french, REFERENCE_SLUG, tabTo, useChromium } from './support.ts';

const chromium = useChromium();
const ARTICLE = `/${REFERENCE_SLUG}`;
// Comments carry the run's mark, so that a retried run never meets its earlier comments.
const RUN = Date.now().toString(36);
const COMMENT_TEXT = `Merci pour ces conseils, je les applique dès ce soir sur mon blog. (${RUN})`;
const REPLY_TEXT = `Je vous rejoins : répondre vite aux premiers messages change tout. (${RUN})`;

/** The comment the commenter posted first, once the redirect shows it. */
let postedCommentId: string | null = null;

/** Waits until the Turnstile stand-in has filled in its token, as a reader waits for the tick. */
async function waitForChallenge(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector<HTMLInputElement>('#comment-form input[name="cf-turnstile-response"]')?.value,
  );
}

/**
 * From a field of the form: to the submit button, Enter, and the page the
 * server answers with. Returns the status of the form's POST (303 when the
 * comment is taken, then the article loads).
 */
async function submitWithKeyboard(page: Page): Promise<number> {
  await waitForChallenge(page);
  await tabTo(page, '#comment-form button[type="submit"]');
  const [landed] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  let request = landed?.request();
  while (request?.redirectedFrom()) request = request.redirectedFrom() ?? undefined;
  expect(request?.method()).toBe('POST');
  return (await request?.response())?.status() ?? 0;
}

async function typeInto(page: Page, text: string): Promise<void> {
  // Select what the field holds, so the typing replaces it.
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

describe('a commenter using only the keyboard', () => {
  test('posts a comment, then a reply, and sees each awaiting moderation', async () => {
    const t = await french();
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();
    await page.goto(blogUrl(ARTICLE));

    // Down the page to the form, field by field.
    await tabTo(page, '#comment-author');
    await page.keyboard.type('Camille Roche');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('#comment-email');
    await page.keyboard.type('camille.roche@example.org');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('#comment-url');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('#comment-body');
    await page.keyboard.type(COMMENT_TEXT);
    expect(await submitWithKeyboard(page)).toBe(303);

    // Sent to the comment itself, shown only to its author until approved.
    const commentId = new URL(page.url()).hash.match(/^#comment-(\d+)$/)?.[1];
    expect(commentId, `landed on ${page.url()}`).toBeDefined();
    postedCommentId = commentId ?? null;
    const mine = page.locator(`li#comment-${commentId}`);
    expect(await mine.getAttribute('class')).toContain('pending');
    expect(await mine.locator('.comment-body').textContent()).toContain(COMMENT_TEXT);
    expect(await mine.locator('.moderation-notice').textContent()).toBe(t.form.awaitingModeration);

    // A reply to an approved comment: its "Répondre" link, then the form.
    const parent = page.locator('#comments .comment-list > li.comment:not(.pending)').first();
    const parentId = (await parent.getAttribute('id'))?.replace('comment-', '');
    const parentName = (await parent.locator('.comment-author').first().textContent()) ?? '';
    await page.goto(blogUrl(ARTICLE));
    await tabTo(page, `.reply-link[data-reply-to="${parentId}"]`);
    await page.keyboard.press('Enter');
    // The link brings the text box, with whom the reply is for above the form.
    await page.waitForFunction(() => document.activeElement?.id === 'comment-body');
    expect(await page.locator('#reply-context').isVisible()).toBe(true);
    expect(await page.locator('#reply-context-text').textContent()).toBe(t.form.replyToLabel.replace('%s', parentName));
    expect(await page.locator('#comment-form input[name="parent_id"]').inputValue()).toBe(parentId);
    await page.keyboard.type(REPLY_TEXT);
    // Back up the form for the name and address.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('#comment-url');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('#comment-email');
    await page.keyboard.type('camille.roche@example.org');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('#comment-author');
    await page.keyboard.type('Camille Roche');
    expect(await submitWithKeyboard(page)).toBe(303);

    const replyId = new URL(page.url()).hash.match(/^#comment-(\d+)$/)?.[1];
    expect(replyId, `landed on ${page.url()}`).toBeDefined();
    expect(replyId).not.toBe(commentId);
    // Under the comment it answers, awaiting moderation like the first one, which is still shown.
    const reply = page.locator(`li#comment-${parentId} .comment-replies li#comment-${replyId}`);
    expect(await reply.locator('.comment-body').textContent()).toContain(REPLY_TEXT);
    expect(await reply.locator('.moderation-notice').textContent()).toBe(t.form.awaitingModeration);
    expect(await page.locator(`li#comment-${commentId} .moderation-notice`).count()).toBe(1);

    // Nobody else sees either of them.
    const stranger = await chromium.visitor();
    const strangerPage = await stranger.context.newPage();
    await strangerPage.goto(blogUrl(ARTICLE));
    expect(await strangerPage.locator(`#comment-${commentId}, #comment-${replyId}`).count()).toBe(0);

    expectCleanVisit(visitor);
  });

  test('makes each mistake and gets the form back filled in, the error focused', async () => {
    const t = await french();
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();
    await page.goto(blogUrl(ARTICLE));

    // 1. No text.
    await tabTo(page, '#comment-author');
    await page.keyboard.type('Dominique Perret');
    await page.keyboard.press('Tab');
    await page.keyboard.type('dominique@example.org');
    expect(await submitWithKeyboard(page)).toBe(422);
    expect(await focused(page)).toBe('#comment-body');
    expect(await page.locator('#comment-body-error').textContent()).toBe(t.form.errors.body.required);
    expect(await page.locator('#comment-body').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#form-notice').textContent()).toBe(t.form.notices.invalid);
    expect(await page.locator('#comment-author').inputValue()).toBe('Dominique Perret');
    expect(await page.locator('#comment-email').inputValue()).toBe('dominique@example.org');

    // 2. The text, but an address that is not one.
    const text = `Une question : à partir de combien de commentaires par jour faut-il déléguer ? (${RUN})`;
    await page.keyboard.type(text);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('#comment-email');
    await typeInto(page, 'dominique.example.org');
    // The widget on the page that comes back will hand out a token siteverify refuses.
    visitor.challenge = 'failure';
    expect(await submitWithKeyboard(page)).toBe(422);
    expect(await focused(page)).toBe('#comment-email');
    expect(await page.locator('#comment-email-error').textContent()).toBe(t.form.errors.email.invalid);
    expect(await page.locator('#comment-email').inputValue()).toBe('dominique.example.org');
    expect(await page.locator('#comment-body').inputValue()).toBe(text);
    expect(await page.locator('#comment-body-error').count()).toBe(0);

    // 3. A good address, but the anti-robot check fails on the server.
    await typeInto(page, 'dominique@example.org');
    // Tokens are single-use: the page that comes back renders a new widget, which passes.
    visitor.challenge = 'success';
    expect(await submitWithKeyboard(page)).toBe(403);
    expect(await focused(page)).toBe('#form-notice');
    expect(await page.locator('#form-notice').textContent()).toBe(t.form.notices.turnstile);
    expect(await page.locator('#comment-author').inputValue()).toBe('Dominique Perret');
    expect(await page.locator('#comment-email').inputValue()).toBe('dominique@example.org');
    expect(await page.locator('#comment-body').inputValue()).toBe(text);
    expect(await page.locator('#comment-form .field-error').count()).toBe(0);

    // Sent again as it stands, with the new widget's token: the comment goes through.
    expect(await submitWithKeyboard(page)).toBe(303);
    const id = new URL(page.url()).hash.match(/^#comment-(\d+)$/)?.[1];
    expect(await page.locator(`li#comment-${id} .comment-body`).textContent()).toContain(text);

    expectCleanVisit(visitor, [422, 403]);
  });
});

describe('the author', () => {
  test('logs into /admin, approves the pending comment, and a reader sees it at once', async () => {
    expect(postedCommentId, 'the commenter journey posted a comment').not.toBeNull();
    const reader = await chromium.visitor();
    const readerPage = await reader.context.newPage();
    // Read (and so cached) before the approval.
    await readerPage.goto(blogUrl(ARTICLE));
    expect(await readerPage.locator(`#comment-${postedCommentId}`).count()).toBe(0);

    const author = await chromium.visitor();
    const desk = await author.context.newPage();
    await desk.goto(blogUrl('/admin/comments?status=pending'));
    // Not signed in: the login page first, which returns to the queue.
    expect(new URL(desk.url()).pathname).toBe('/admin/login');
    await desk.getByLabel('Mot de passe').fill(E2E_ADMIN_PASSWORD);
    await desk.getByLabel('Mot de passe').press('Enter');
    await desk.waitForURL('**/admin/comments?status=pending');

    const row = desk.locator(`tr#comment-${postedCommentId}`);
    expect(await row.locator('.queue-body').textContent()).toContain(COMMENT_TEXT);
    await row.getByRole('button', { name: 'Approuver' }).click();
    await desk.waitForLoadState();
    expect(await desk.locator('.notice[role="status"]').textContent()).toMatch(/^1 commentaire approuvé\.$/);
    expect(await desk.locator(`tr#comment-${postedCommentId}`).count()).toBe(0);

    // The same reader, a moment later: the comment is there, like any other.
    await readerPage.reload();
    const comment = readerPage.locator(`li#comment-${postedCommentId}`);
    expect(await comment.locator('.comment-body').textContent()).toContain(COMMENT_TEXT);
    expect(await comment.getAttribute('class')).not.toContain('pending');
    expect(await comment.locator('.moderation-notice').count()).toBe(0);
    // And a new visitor, with no cookie at all.
    const newcomer = await chromium.visitor();
    const newcomerPage = await newcomer.context.newPage();
    await newcomerPage.goto(blogUrl(ARTICLE));
    expect(await newcomerPage.locator(`li#comment-${postedCommentId} .comment-body`).textContent()).toContain(
      COMMENT_TEXT,
    );

    expectCleanVisit(reader);
    expectCleanVisit(author);
    expectCleanVisit(newcomer);
  });
});

/** The keys this page's drafts are kept under in localStorage. */
function drafts(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('causerie:comment-draft:')));
}

/** Name and address, then Tab to the comment's text box. */
async function signAndGoToText(page: Page, name: string, email: string): Promise<void> {
  await tabTo(page, '#comment-author');
  await typeInto(page, name);
  await page.keyboard.press('Tab');
  await typeInto(page, email);
  await tabTo(page, '#comment-body');
}

describe('a commenter with a long text or a bad connection', () => {
  test('pastes 10,050 characters: nothing is cut, the counter says how many too many, nothing is sent', async () => {
    const t = await french();
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();
    await page.goto(blogUrl(ARTICLE));
    await signAndGoToText(page, 'Noé Long', 'noe.long@example.org');

    // 10,050 characters as the server counts them (code points): the emoji
    // are two UTF-16 units each, so a count of units would say 100 too many.
    const start = `(${RUN}) `;
    const text = `${start}${'é'.repeat(10_000 - start.length)}${'😀'.repeat(50)}`;
    await page.keyboard.insertText(text);
    const body = page.locator('#comment-body');
    expect(await body.inputValue()).toBe(text);
    const counter = page.locator('#comment-body-counter');
    const over50 = t.form.counter.over.other.replace('%s', '50');
    expect(await counter.isVisible()).toBe(true);
    expect(await counter.textContent()).toBe(over50);
    expect(await body.getAttribute('aria-describedby')).toContain('comment-body-counter');
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    // Said once to screen readers, not at every key.
    await page.waitForFunction(() => document.getElementById('comment-body-announcer')?.textContent !== '');
    expect(await page.locator('#comment-body-announcer').textContent()).toBe(over50);

    // "Send": the form stays, says why, and the text is whole.
    await waitForChallenge(page);
    await tabTo(page, '#comment-form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'comment-body');
    expect(page.url()).toBe(blogUrl(ARTICLE));
    expect(await counter.textContent()).toBe(`${t.form.errors.body.too_long} ${over50}`);
    expect(await body.inputValue()).toBe(text);

    // 60 characters fewer: 10 left, and then it goes.
    for (let i = 0; i < 60; i++) await page.keyboard.press('Backspace');
    const left10 = t.form.counter.remaining.other.replace('%s', '10');
    expect(await counter.textContent()).toBe(left10);
    expect(await body.getAttribute('aria-invalid')).toBeNull();
    await page.waitForFunction(
      (expected) => document.getElementById('comment-body-announcer')?.textContent === expected,
      left10,
    );
    expect(await submitWithKeyboard(page)).toBe(303);
    const id = new URL(page.url()).hash.match(/^#comment-(\d+)$/)?.[1];
    expect(await page.locator(`li#comment-${id} .comment-body`).textContent()).toContain(
      [...text].slice(0, -60).join(''),
    );
    // Taken: the browser forgets its copy.
    expect(await drafts(page)).toEqual([]);

    expectCleanVisit(visitor);
  });

  test('with Turnstile blocked: is told so, keeps the text through a reload, and sends once the check loads', async () => {
    const t = await french();
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();
    // Turnstile's api.js, wherever the blog is set to load it from.
    const blocked = '**/turnstile/v0/api.js*';
    await page.route(blocked, (route) => route.abort('blockedbyclient'));
    await page.goto(blogUrl(ARTICLE));
    await signAndGoToText(page, 'Inès Horsligne', 'ines@example.org');
    const text = `Écrit dans le train, sans réseau. (${RUN})`;
    await page.keyboard.type(text);

    const status = page.locator('#comment-form-status');
    await page.waitForFunction(() => document.querySelector('#comment-form-status button') !== null);
    expect(await status.locator('p').textContent()).toBe(t.form.turnstile.failed);
    expect(await status.getAttribute('role')).toBe('status');

    // "Send" anyway: not sent, the reader is taken to the reason.
    await tabTo(page, '#comment-form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'comment-form-status');
    expect(page.url()).toBe(blogUrl(ARTICLE));

    // A reload (or coming back later) finds the text where it was.
    await page.reload();
    expect(await page.locator('#comment-body').inputValue()).toBe(text);

    // Still blocked when the reader comes back to the form.
    await signAndGoToText(page, 'Inès Horsligne', 'ines@example.org');
    await page.waitForFunction(() => document.querySelector('#comment-form-status button') !== null);
    // The network is back: "try again" loads the check, and the comment goes.
    await page.unroute(blocked);
    await tabTo(page, '#comment-form-status button');
    await page.keyboard.press('Enter');
    await waitForChallenge(page);
    expect(await status.textContent()).toBe('');
    expect(await submitWithKeyboard(page)).toBe(303);
    expect(await drafts(page)).toEqual([]);

    // Only the refused script was missing.
    expect(visitor.problems.filter((problem) => !problem.includes('net::ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
    expect(visitor.blocked).toEqual([]);
  });

  test('after a refused comment, the address is the article’s, and a reload brings back the text', async () => {
    const t = await french();
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();
    await page.goto(blogUrl(ARTICLE));
    await tabTo(page, '#comment-body');
    const text = `Sans nom ni adresse, pour voir. (${RUN})`;
    await page.keyboard.type(text);
    expect(await submitWithKeyboard(page)).toBe(422);
    expect(await page.locator('#form-notice').textContent()).toBe(t.form.notices.invalid);
    expect(page.url()).toBe(blogUrl(ARTICLE));

    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    expect(reloaded?.request().method()).toBe('GET');
    expect(await page.locator('#form-notice').count()).toBe(0);
    expect(await page.locator('#comment-body').inputValue()).toBe(text);
    expect(await page.locator('#comment-form-status').textContent()).toBe(t.form.draftRestored);

    expectCleanVisit(visitor, [422]);
  });
});
