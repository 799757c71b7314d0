// The moderation desk on a phone (390×844): every button, link-button, tab
// and tick box is a target a thumb can hit (at least 44×44 px, at least 8 px
// from the next, none overlapping), deleting for good stands apart from
// Approve and asks first, and the author's own replies say so. Screenshots
// at 390×844 and 1366×768 go to test-results/screenshots/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { E2E_ADMIN_PASSWORD } from '../scripts/e2e/harness.ts';
import {
  blogUrl,
  expectCleanVisit,
  expectNoAxeViolations,
  SCREENSHOT_DIR,
  saveScreenshot,
  useChromium,
} from './support.ts';

const chromium = useChromium();

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const LAPTOP = { viewport: { width: 1366, height: 768 } };

/** Everything on a desk page a finger presses (inline links inside sentences aside). */
const TARGETS = [
  '.admin-nav a',
  '.admin-who a',
  '.admin-who button',
  '.queue-tabs a',
  '.bulk select',
  '.bulk button',
  '.select-row',
  '.queue-actions button',
  '.queue-actions a',
  '.queue-reply summary',
  '.pagination a',
  '.form-actions a',
  '.form-actions button',
  '.discussion-form button',
].join(', ');

interface Box {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The targets' boxes in page coordinates (the whole page, not only what is scrolled into view). */
function targetBoxes(page: Page): Promise<Box[]> {
  return page.$$eval(TARGETS, (elements) =>
    elements
      .map((element) => {
        const box = element.getBoundingClientRect();
        const label = element.querySelector('input')?.getAttribute('aria-label');
        return {
          name: `${element.tagName.toLowerCase()} “${label ?? element.textContent?.trim().replace(/\s+/g, ' ')}”`,
          left: box.left + window.scrollX,
          top: box.top + window.scrollY,
          right: box.right + window.scrollX,
          bottom: box.bottom + window.scrollY,
        };
      })
      .filter((box) => box.right > box.left && box.bottom > box.top),
  );
}

/** How far apart two boxes are: negative when they overlap. */
function separation(a: Box, b: Box): number {
  return Math.max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom);
}

const size = (box: Box) => `${(box.right - box.left).toFixed(1)}×${(box.bottom - box.top).toFixed(1)}`;

async function expectThumbSizedTargets(page: Page, atLeast: number): Promise<Box[]> {
  const boxes = await targetBoxes(page);
  expect(boxes.length, `targets on ${page.url()}`).toBeGreaterThanOrEqual(atLeast);
  const small = boxes.filter((box) => box.bottom - box.top < 44 || box.right - box.left < 44);
  expect(small.map((box) => `${box.name} ${size(box)}`).join('\n'), `targets under 44 px on ${page.url()}`).toBe('');
  const crowded: string[] = [];
  for (const [index, a] of boxes.entries()) {
    for (const b of boxes.slice(index + 1)) {
      // Half a CSS pixel for rounding: 0.5rem is 8 px.
      if (separation(a, b) < 7.5) crowded.push(`${a.name} and ${b.name}: ${separation(a, b).toFixed(1)} px`);
    }
  }
  expect(crowded.join('\n'), `targets closer than 8 px on ${page.url()}`).toBe('');
  return boxes;
}

/** The screen as the author sees it, and the whole page below it. */
async function screenshots(page: Page, name: string): Promise<void> {
  const file = await saveScreenshot(page, name);
  await page.screenshot({ path: join(SCREENSHOT_DIR, file.replace(/\.png$/, '-full.png')), fullPage: true });
}

async function logIn(page: Page, next: string, measure = false): Promise<void> {
  await page.goto(blogUrl(`/admin/login?next=${encodeURIComponent(next)}`));
  if (measure) await expectThumbSizedTargets(page, 1);
  await page.getByLabel('Mot de passe').fill(E2E_ADMIN_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.getByLabel('Mot de passe').press('Enter')]);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(next);
}

async function clickAndWait(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), click()]);
}

describe('the desk on a phone', () => {
  test('thumb-sized targets on every queue, deletion apart from Approve and confirmed, the author’s reply labelled', async () => {
    const author = await chromium.visitor(PHONE);
    const page = await author.context.newPage();
    await logIn(page, '/admin/comments?status=pending', true);
    expect(await page.locator('table.queue tbody tr').count()).toBeGreaterThan(0);
    await expectThumbSizedTargets(page, 10);
    await screenshots(page, 'desk-pending');

    await page.goto(blogUrl('/admin/comments?status=approved'));
    await expectThumbSizedTargets(page, 10);
    const reply = page.locator('table.queue tbody tr', { has: page.locator('.badge', { hasText: 'Vous' }) }).first();
    expect(await reply.locator('.queue-details').textContent()).toContain('Votre réponse, écrite depuis le bureau');
    expect(await reply.locator('.queue-details').textContent()).not.toContain('Turnstile');
    await screenshots(page, 'desk-approved');

    // A reader's approved comment goes to the trash (and comes back at the end).
    const row = page.locator('table.queue tbody tr', { hasNot: page.locator('.badge') }).first();
    const rowId = (await row.getAttribute('id')) as string;
    await clickAndWait(page, () => row.getByRole('button', { name: 'Corbeille' }).click());
    expect(await page.locator('.notice[role="status"]').textContent()).toBe('1 commentaire mis à la corbeille.');

    await page.goto(blogUrl('/admin/comments?status=trash'));
    const trashed = page.locator(`tr#${rowId}`);
    await expectThumbSizedTargets(page, 10);
    const approve = await trashed.getByRole('button', { name: 'Approuver' }).boundingBox();
    const remove = trashed.getByRole('button', { name: 'Supprimer définitivement' });
    const removeBox = await remove.boundingBox();
    if (!approve || !removeBox) throw new Error('the trash row has no Approve or Delete button');
    // Not adjacent: another button (Back to pending) and a divider lie between them.
    const gap = removeBox.y - (approve.y + approve.height);
    expect(gap, 'space between Approve and Delete for good').toBeGreaterThanOrEqual(44 + 16);
    expect(await remove.evaluate((button) => button.closest('.actions-danger') !== null)).toBe(true);
    const colours = await trashed.evaluate((tr) => {
      const style = (name: string) => getComputedStyle(tr.querySelector(`button[value^="${name}:"]`) as Element);
      return { approve: style('approve').backgroundColor, remove: style('delete').color };
    });
    expect(colours.remove, 'the delete button is drawn in another colour than Approve').not.toBe(colours.approve);
    await trashed.scrollIntoViewIfNeeded();
    await screenshots(page, 'desk-trash');

    // Deleting for good asks first, on a page of its own; Cancel leaves everything as it was.
    await clickAndWait(page, () => remove.click());
    expect(await page.locator('h1').textContent()).toBe('Supprimer définitivement ce commentaire\u00a0?');
    await expectThumbSizedTargets(page, 6);
    await screenshots(page, 'desk-confirm-delete');
    await clickAndWait(page, () => page.getByRole('link', { name: 'Annuler' }).click());
    expect(new URL(page.url()).search).toBe('?status=trash');
    expect(await page.locator(`tr#${rowId}`).count()).toBe(1);

    await clickAndWait(page, () => page.locator(`tr#${rowId}`).getByRole('button', { name: 'Approuver' }).click());
    expect(await page.locator('.notice[role="status"]').textContent()).toBe('1 commentaire approuvé.');

    // The desk's other pages: editing a comment, the articles, the mentions.
    await page.goto(blogUrl(`/admin/comments/${rowId.replace('comment-', '')}/edit`));
    await expectThumbSizedTargets(page, 7);
    await page.goto(blogUrl('/admin/articles'));
    await expectThumbSizedTargets(page, 8);
    await screenshots(page, 'desk-articles');
    await page.goto(blogUrl('/admin/mentions'));
    await expectThumbSizedTargets(page, 6);
    expectCleanVisit(author);
  });

  test('the same pages at 1366×768, and axe finds nothing on the trash and the confirmation in dark mode', async () => {
    const author = await chromium.visitor(LAPTOP);
    const page = await author.context.newPage();
    await logIn(page, '/admin/comments?status=pending');
    await screenshots(page, 'desk-pending');
    await page.goto(blogUrl('/admin/comments?status=approved'));
    await screenshots(page, 'desk-approved');
    await page.goto(blogUrl('/admin/articles'));
    await screenshots(page, 'desk-articles');
    expectCleanVisit(author);

    // axe is injected as an inline script, which the desk's CSP refuses: this profile ignores CSP.
    const axeVisitor = await chromium.visitor({ ...PHONE, bypassCSP: true, colorScheme: 'dark' });
    const axePage = await axeVisitor.context.newPage();
    await logIn(axePage, '/admin/comments?status=approved');
    const row = axePage.locator('table.queue tbody tr', { hasNot: axePage.locator('.badge') }).first();
    const rowId = (await row.getAttribute('id')) as string;
    await clickAndWait(axePage, () => row.getByRole('button', { name: 'Corbeille' }).click());
    await axePage.goto(blogUrl('/admin/comments?status=trash'));
    await expectNoAxeViolations(axePage);
    await screenshots(axePage, 'desk-trash-dark');
    await clickAndWait(axePage, () =>
      axePage.locator(`tr#${rowId}`).getByRole('button', { name: 'Supprimer définitivement' }).click(),
    );
    await expectNoAxeViolations(axePage);
    await screenshots(axePage, 'desk-confirm-delete-dark');
    await clickAndWait(axePage, () => axePage.getByRole('link', { name: 'Annuler' }).click());
    await clickAndWait(axePage, () =>
      axePage.locator(`tr#${rowId}`).getByRole('button', { name: 'Approuver' }).click(),
    );
    expect(await axePage.locator('.notice[role="status"]').textContent()).toBe('1 commentaire approuvé.');
  });
});
