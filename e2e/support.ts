// What the journeys share: the blog's address, a Chromium per test file,
// keyboard moves, the axe-core check and the screenshots.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchChromium, newVisitor, type Visitor } from '../scripts/e2e/browser.ts';
import { loadWorkerStrings, type WorkerStrings } from '../scripts/load/strings.ts';

export const REFERENCE_SLUG = 'animer-une-communaute-en-ligne';
export const REFERENCE_TITLE = 'Animer une communauté en ligne sans s’épuiser';

export function blogUrl(path: string): string {
  return new URL(path, inject('blogUrl')).href;
}

/** The Worker's own French strings: the tests expect exactly what a reader is shown. */
let strings: Promise<WorkerStrings> | null = null;
export async function french(): Promise<WorkerStrings['fr']> {
  strings ??= loadWorkerStrings();
  return (await strings).fr;
}

/** One Chromium for the test file, and the visitors it opened, closed after. */
export function useChromium(): { visitor: (options?: BrowserContextOptions) => Promise<Visitor> } {
  let browser: Browser | null = null;
  const opened: Visitor[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    visitor: async (options) => {
      if (!browser) throw new Error('Chromium is not running yet: call visitor() inside a test');
      const visitor = await newVisitor(browser, options);
      opened.push(visitor);
      return visitor;
    },
  };
}

/**
 * Nothing went wrong that the reader could not see: no script error, no CSP
 * report, nothing fetched from elsewhere. Chromium logs every 4xx page as a
 * console error: those the journey asked for are listed in `expectedStatuses`.
 */
export function expectCleanVisit(visitor: Visitor, expectedStatuses: number[] = []): void {
  const unexpected = visitor.problems.filter((problem) => {
    const status = /^console: Failed to load resource: the server responded with a status of (\d{3})\b/.exec(problem);
    return !(status && expectedStatuses.includes(Number(status[1])));
  });
  expect(unexpected.join('\n'), 'console errors and script errors').toBe('');
  expect(visitor.blocked.join('\n'), 'requests that would have left the machine').toBe('');
}

/** Describes the focused element: "#id", or "tag.class" for elements without one. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    return element.id ? `#${element.id}` : `${element.tagName.toLowerCase()}.${element.className}`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until the element matching `selector` has the
 * focus, as a keyboard user moving through the page would; fails after
 * `max` presses.
 */
export async function tabTo(page: Page, selector: string, { backwards = false, max = 200 } = {}): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} never got the focus in ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

const AXE_SOURCE = readFileSync(join('node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page (WCAG 2.1 A and AA rules and axe's best
 * practices) and fails with each violation's rule, impact and elements.
 * The page's CSP forbids inline scripts: the visitor needs `bypassCSP`.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })) as { violations: AxeViolation[] };
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  });
  const report = violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
          .map(
            (node) =>
              `    ${JSON.stringify(node.target)}${node.failureSummary ? ` – ${node.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
          )
          .join('\n')}`,
    )
    .join('\n');
  expect(report, `axe-core violations on ${page.url()}`).toBe('');
}

export const SCREENSHOT_DIR = join('test-results', 'screenshots');
/** The two the README shows; UPDATE_README_SCREENSHOTS=1 copies them into docs/screenshots/. */
export const README_SCREENSHOTS = ['article-1366x768.png', 'comment-error-390x844.png'];

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const viewport = page.viewportSize();
  const file = `${name}-${viewport?.width}x${viewport?.height}.png`;
  await page.screenshot({ path: join(SCREENSHOT_DIR, file), animations: 'disabled' });
  if (process.env.UPDATE_README_SCREENSHOTS === '1' && README_SCREENSHOTS.includes(file)) {
    mkdirSync(join('docs', 'screenshots'), { recursive: true });
    copyFileSync(join(SCREENSHOT_DIR, file), join('docs', 'screenshots', file));
  }
  return file;
}
