// A reader who asks to hear of replies, from the comment form to the one-click
// unsubscribe: the confirmation e-mail and its page, the author's reply from
// the desk, the reply e-mail and its link to the reply, and silence after
// unsubscribing. The e-mails are the ones the Worker really sent through its
// EMAIL binding from the queue consumer, read from Miniflare's local explorer
// (the harness turns it on, with MAIL_FROM set).
import { describe, expect, test } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { E2E_ADMIN_PASSWORD } from '../scripts/e2e/harness.ts';
import { importFromSrc } from '../scripts/load/strings.ts';
import { blogUrl, expectCleanVisit, french, REFERENCE_SLUG, REFERENCE_TITLE, useChromium } from './support.ts';

const chromium = useChromium();
const ARTICLE = `/${REFERENCE_SLUG}`;
// The run's mark: a retried run never meets its earlier comments or e-mails.
const RUN = Date.now().toString(36);
const READER_EMAIL = `suzanne.${RUN}@example.org`;
const COMMENT_TEXT = `Comment garder le fil quand les réponses arrivent des jours plus tard ? (${RUN})`;
const REPLY_TEXT = `En vous écrivant, tout simplement : vous venez d’en recevoir la preuve. (${RUN})`;
const LATER_REPLY_TEXT = `Un complément, que vous ne recevrez plus par e-mail. (${RUN})`;

const BLOG_TITLE = String((unstable_readConfig({}).vars as Record<string, unknown>).BLOG_TITLE);

/** The words of the e-mails and of the pages their links open, as the Worker has them in French. */
interface MailWords {
  mail: { confirmSubject(blogTitle: string): string; replySubject(title: string): string };
  links: { confirmTitle: string; confirmButton: string; confirmedTitle: string };
}

async function loadMailWords(): Promise<MailWords> {
  const module = await importFromSrc<{
    MAIL_STRINGS: { fr: MailWords['mail'] };
    EMAIL_LINK_STRINGS: { fr: MailWords['links'] };
  }>(
    "export { MAIL_STRINGS } from './notifications/strings';\nexport { EMAIL_LINK_STRINGS } from './views/i18n/email-links';\n",
  );
  return { mail: module.MAIL_STRINGS.fr, links: module.EMAIL_LINK_STRINGS.fr };
}

// The queue consumer sends a batch at most 5 s (max_batch_timeout) after a message is queued.
const MAIL_WAIT_MS = 15_000;

interface SentMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  headers?: Record<string, string>;
  sentAt: string;
  text?: string;
  html?: string;
}

const EXPLORER_EMAILS = '/cdn-cgi/local/explorer/api/local/email/sending';

async function sentMails(): Promise<SentMail[]> {
  const response = await fetch(blogUrl(EXPLORER_EMAILS));
  expect(response.status, 'the local explorer lists sent e-mails').toBe(200);
  return ((await response.json()) as { result: SentMail[] }).result;
}

async function sentMail(messageId: string): Promise<SentMail> {
  const response = await fetch(blogUrl(`${EXPLORER_EMAILS}?email_id=${encodeURIComponent(messageId)}`));
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: SentMail }).result;
}

function mailsTo(all: SentMail[], address: string): SentMail[] {
  return all.filter((message) => message.to.some((to) => to.toLowerCase().includes(address)));
}

/** Waits for the n-th e-mail to the address (counting from 1), and returns it with its parts. */
async function waitForMail(address: string, n: number): Promise<SentMail> {
  const deadline = Date.now() + MAIL_WAIT_MS;
  for (;;) {
    const received = mailsTo(await sentMails(), address);
    if (received.length >= n) {
      const sorted = received.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
      return sentMail((sorted[n - 1] as SentMail).messageId);
    }
    if (Date.now() > deadline) throw new Error(`${address} received ${received.length} e-mail(s), not ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function header(message: SentMail, name: string): string | undefined {
  return Object.entries(message.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

/** The e-mails link to BLOG_URL (wrangler.toml's): the same path and query on the blog under test. */
function onTestBlog(link: string): string {
  const url = new URL(link);
  return blogUrl(url.pathname + url.search + url.hash);
}

/** The first link in the text whose address contains `part`. */
function linkIn(text: string, part: string): string {
  const found = text.match(/https?:\/\/[^\s<>"]+/g)?.find((link) => link.includes(part));
  expect(found, `a link with ${part} in:\n${text}`).toBeDefined();
  return found as string;
}

describe('a reader who asks to be told of replies', () => {
  test('confirms, gets the author’s reply by e-mail, follows it, then unsubscribes in one click', async () => {
    const t = await french();
    const { mail, links } = await loadMailWords();
    const reader = await chromium.visitor();
    const page = await reader.context.newPage();

    // The comment, with the box ticked.
    await page.goto(blogUrl(ARTICLE));
    await page.locator('#comment-author').fill('Suzanne Vidal');
    await page.locator('#comment-email').fill(READER_EMAIL);
    await page.locator('#comment-body').fill(COMMENT_TEXT);
    const box = page.getByLabel(t.form.notifyReplies);
    expect(await box.isChecked(), 'the box starts unticked').toBe(false);
    await box.check();
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#comment-form input[name="cf-turnstile-response"]')?.value,
    );
    await Promise.all([page.waitForNavigation(), page.locator('#comment-form button[type="submit"]').click()]);
    const commentId = new URL(page.url()).hash.match(/^#comment-(\d+)$/)?.[1];
    expect(commentId, `landed on ${page.url()}`).toBeDefined();

    // One confirmation e-mail, whose link shows a page with one button, which confirms.
    const confirmation = await waitForMail(READER_EMAIL, 1);
    expect(confirmation.subject).toBe(mail.confirmSubject(BLOG_TITLE));
    expect(confirmation.text).toContain(REFERENCE_TITLE);
    const confirmLink = onTestBlog(linkIn(confirmation.text ?? '', '/_causerie/email/confirm'));
    expect(await page.goto(confirmLink).then((response) => response?.status())).toBe(200);
    expect(await page.locator('main h1').textContent()).toBe(links.confirmTitle);
    expect(await page.locator('main button').count()).toBe(1);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: links.confirmButton }).click()]);
    expect(await page.locator('main h1').textContent()).toBe(links.confirmedTitle);
    expect(await page.locator('main').textContent()).toContain(READER_EMAIL);

    // The author: approves the comment if it was held, then answers it from the queue.
    const author = await chromium.visitor();
    const desk = await author.context.newPage();
    await desk.goto(blogUrl('/admin/comments?status=pending'));
    expect(new URL(desk.url()).pathname).toBe('/admin/login');
    await desk.getByLabel('Mot de passe').fill(E2E_ADMIN_PASSWORD);
    await Promise.all([desk.waitForNavigation(), desk.getByLabel('Mot de passe').press('Enter')]);
    const held = desk.locator(`tr#comment-${commentId}`);
    if ((await held.count()) > 0) {
      await Promise.all([desk.waitForNavigation(), held.getByRole('button', { name: 'Approuver' }).click()]);
      expect(await desk.locator('.notice[role="status"]').textContent()).toBe('1 commentaire approuvé.');
    }
    const replyFromDesk = async (text: string) => {
      await desk.goto(blogUrl('/admin/comments?status=approved'));
      const row = desk.locator(`tr#comment-${commentId}`);
      await row.locator('.queue-reply summary').click();
      await row.getByLabel('Votre réponse').fill(text);
      await Promise.all([desk.waitForNavigation(), row.getByRole('button', { name: 'Publier la réponse' }).click()]);
      expect(await desk.locator('.notice[role="status"]').textContent()).toBe('Réponse publiée.');
    };
    await replyFromDesk(REPLY_TEXT);

    // The reply e-mail: subject, the one-click unsubscribe headers, the reply's text and a link to it.
    const replyMail = await waitForMail(READER_EMAIL, 2);
    expect(replyMail.subject).toBe(mail.replySubject(REFERENCE_TITLE));
    const unsubscribe = header(replyMail, 'List-Unsubscribe');
    expect(unsubscribe, JSON.stringify(replyMail.headers)).toMatch(
      /^<https?:\/\/[^\s<>]+\/_causerie\/email\/unsubscribe\?token=[^\s<>]+>$/,
    );
    expect(header(replyMail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(replyMail.text).toContain(REPLY_TEXT);
    const replyLink = onTestBlog(linkIn(replyMail.text ?? '', '#comment-'));
    const replyId = new URL(replyLink).hash.match(/^#comment-(\d+)$/)?.[1];
    expect(replyId, `the e-mail links to a comment: ${replyLink}`).toBeDefined();
    expect(replyId).not.toBe(commentId);

    // The link lands on the reply, under the reader's comment.
    await page.goto(replyLink);
    const reply = page.locator(`li#comment-${commentId} .comment-replies li#comment-${replyId}`);
    expect(await reply.isVisible()).toBe(true);
    expect(await reply.locator('.comment-body').textContent()).toContain(REPLY_TEXT);
    expect(new URL(page.url()).hash).toBe(`#comment-${replyId}`);

    // One click in the mail client: a POST to the List-Unsubscribe address, no cookie, no page.
    const unsubscribed = await fetch(onTestBlog((unsubscribe as string).slice(1, -1)), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);

    // Another reply from the desk: published, and no e-mail to the reader.
    await replyFromDesk(LATER_REPLY_TEXT);
    await page.goto(blogUrl(ARTICLE));
    expect(await page.locator(`li#comment-${commentId} .comment-replies`).textContent()).toContain(LATER_REPLY_TEXT);
    await new Promise((resolve) => setTimeout(resolve, MAIL_WAIT_MS));
    const received = mailsTo(await sentMails(), READER_EMAIL).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    expect(received.map((message) => message.subject)).toEqual([
      mail.confirmSubject(BLOG_TITLE),
      mail.replySubject(REFERENCE_TITLE),
    ]);

    expectCleanVisit(reader);
    expectCleanVisit(author);
  }, 120_000);
});
