// Debian's Chromium driven by playwright-core (no browser is ever downloaded),
// kept offline: every request that is not to the loopback blog is refused,
// except Turnstile's script, which a local stand-in answers (../turnstile/widget-stand-in.ts).
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';
import { type ChallengeOutcome, TURNSTILE_SCRIPT_URL, turnstileStandInScript } from '../turnstile/widget-stand-in.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}

export interface Visitor {
  context: BrowserContext;
  /** What the next Turnstile widget's token makes the siteverify stand-in answer. */
  challenge: ChallengeOutcome;
  /** Script errors, CSP reports and other console errors seen on any page. */
  problems: string[];
  /** Requests refused for leaving the machine. */
  blocked: string[];
}

/**
 * Visitors' addresses, in 198.18.0.0/15 (set aside for benchmarks), counted
 * from a random start: each test file loads this module anew, and two files
 * must not share an address within the limiter's minute.
 */
let visitors = randomInt(0, 2 ** 17 - 10_000);

/**
 * A browser profile of its own (no cookies shared with other visitors), in
 * French like the blog, coming from its own address: the Worker reads
 * CF-Connecting-IP, so the comment rate limit (5 a minute) counts each
 * visitor apart, as it would real people.
 */
export async function newVisitor(browser: Browser, options: BrowserContextOptions = {}): Promise<Visitor> {
  visitors += 1;
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1366, height: 768 },
    ...options,
    extraHTTPHeaders: {
      'cf-connecting-ip': `198.${18 + (visitors >> 16)}.${(visitors >> 8) & 255}.${visitors & 255}`,
      ...options.extraHTTPHeaders,
    },
  });
  const visitor: Visitor = { context, challenge: 'success', problems: [], blocked: [] };
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin + url.pathname === TURNSTILE_SCRIPT_URL) {
      await route.fulfill({
        status: 200,
        contentType: 'text/javascript; charset=utf-8',
        body: turnstileStandInScript(visitor.challenge),
      });
    } else if (isLoopback(url)) {
      await route.continue();
    } else {
      visitor.blocked.push(url.href);
      await route.abort('blockedbyclient');
    }
  });
  context.on('weberror', (error) => visitor.problems.push(`script error: ${error.error().message}`));
  context.on('console', (message) => {
    if (message.type() === 'error') visitor.problems.push(`console: ${message.text()}`);
  });
  return visitor;
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}
