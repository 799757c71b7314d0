// A WordPress.com blog moved in whole, as its author does it: WordPress's own
// theme unit test export, unmodified, imported with a stand-in of its uploads
// folder (`npm run import:wordpress -- themeunittestdata.wordpress.xml --local
// --uploads DIR`), then read in a browser: the sticky post first, a gallery
// laid out as a grid of the copied images, a player for the copied sound, the
// password-protected post asking for its password, the pages' tree, quotes in
// comments, and old addresses leading to their pages.
//
// The import writes into its own folders and state (never the project's
// content/ or .wrangler/state), and the blog is the Worker as deployed, in
// local workerd, reading that state.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Blog, startBlog } from '../scripts/bench/runtime.ts';
import { bundleWorker } from '../scripts/bundle.ts';
import { writeStandInUploads } from '../test/support/wordpress-uploads.ts';
import { expectCleanVisit, useChromium } from './support.ts';

const EXPORT = join('test', 'data', 'wordpress', 'themeunittestdata.wordpress.xml');
const chromium = useChromium();
let work: string;
let blog: Blog;

const at = (path: string) => new URL(path, blog.url).href;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'causerie-e2e-wordpress-'));
  writeStandInUploads(EXPORT, join(work, 'uploads'));
  // The shell's Cloudflare settings must not steer wrangler (a remote database, another environment).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(CLOUDFLARE|WRANGLER|CF)_/.test(name)),
  );
  const imported = spawnSync(
    process.execPath,
    [
      '--max-semi-space-size=64',
      'scripts/import-wordpress.ts',
      EXPORT,
      '--local',
      '--persist-to',
      join(work, 'state'),
      '--content',
      join(work, 'content', 'posts'),
      '--pages',
      join(work, 'content', 'pages'),
      '--uploads',
      join(work, 'uploads'),
    ],
    { encoding: 'utf8', env: { ...env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' } },
  );
  expect(imported.status, imported.stderr).toBe(0);
  const assets = join(work, 'assets');
  cpSync('public', assets, { recursive: true });
  blog = await startBlog({
    script: bundleWorker(join(work, 'dist')).script,
    mode: 'cache-api',
    stateDir: join(work, 'state', 'v3'),
    storage: 'wrangler',
    assetsDir: assets,
    // No comment is sent: siteverify is never asked.
    siteverifyUrl: 'http://127.0.0.1:9/siteverify',
  });
}, 600_000);

afterAll(async () => {
  await blog?.mf.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

const visitors: Parameters<typeof expectCleanVisit>[0][] = [];

async function open(path: string, width = 1024): Promise<Page> {
  const visitor = await chromium.visitor({ viewport: { width, height: 900 } });
  visitors.push(visitor);
  const page = await visitor.context.newPage();
  const response = await page.goto(at(path));
  expect(response?.status(), path).toBe(200);
  return page;
}

// Like every journey: no script error, no CSP report, no request leaving the machine.
afterEach(() => {
  for (const visitor of visitors.splice(0)) expectCleanVisit(visitor);
});

describe('a WordPress.com blog imported with its uploads folder', () => {
  test('the home page lists the sticky post first', async () => {
    const page = await open('/');
    await expect(page.locator('main article h2').first().textContent()).resolves.toContain('Template: Sticky');
  });

  test('a [gallery] is a grid of the copied images, three to a row on a wide screen', async () => {
    const page = await open('/post-format-gallery');
    const images = page.locator('ul.gallery.gallery-3 > li img');
    expect(await images.count()).toBeGreaterThanOrEqual(3);
    const sources = await images.evaluateAll((all) => all.map((image) => image.getAttribute('src') ?? ''));
    for (const src of sources) expect(src).toMatch(/^\/media\/[^/]+-[0-9a-f]{8}\.(?:jpe?g|png|gif)$/);
    const tops = await page
      .locator('ul.gallery.gallery-3 > li')
      .evaluateAll((items) => items.slice(0, 3).map((item) => Math.round(item.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    const first = await page.request.get(at(sources[0] as string));
    expect(first.status()).toBe(200);
    expect(first.headers()['content-type']).toMatch(/^image\//);
  });

  test('an [audio] shortcode is a player for the copied sound, served from the bucket', async () => {
    const page = await open('/post-format-audio');
    const source = await page
      .locator('article audio')
      .first()
      .evaluate((audio) => audio.getAttribute('src') ?? audio.querySelector('source')?.getAttribute('src') ?? '');
    expect(source).toMatch(/^\/media\/.+\.mp3$/);
    expect(await page.locator('article audio').first().getAttribute('controls')).not.toBeNull();
    const file = await page.request.get(at(source), { headers: { range: 'bytes=0-3' } });
    expect(file.status()).toBe(206);
    expect(file.headers()['content-type']).toBe('audio/mpeg');
  });

  test('the password-protected post asks for its password, then shows its text', async () => {
    const page = await open('/template-password-protected');
    await expect(page.locator('main').textContent()).resolves.not.toContain('This content, comments, pingbacks');
    await page.locator('input[type="password"]').fill('enter');
    await Promise.all([
      page.waitForURL(/template-password-protected$/),
      page.locator('form.password-form button').click(),
    ]);
    await expect(page.locator('main').textContent()).resolves.toContain('This content, comments, pingbacks');
  });

  test('pages keep their tree and comments, and their old address leads to them', async () => {
    const page = await open('/about/page-with-comments/');
    expect(new URL(page.url()).pathname).toBe('/about/page-with-comments');
    expect(await page.locator('main h1').textContent()).toContain('Page with comments');
    expect(await page.locator('.comment').count()).toBeGreaterThan(0);
  });

  test('a quote in a WordPress comment is still a quote', async () => {
    const page = await open('/template-comments');
    expect(await page.locator('.comment blockquote').count()).toBeGreaterThan(0);
  });

  test('old addresses of posts, tags and categories lead to their pages', async () => {
    for (const [old, now] of [
      ['/2012/01/07/template-sticky/', '/template-sticky'],
      ['/?p=1241', '/template-sticky'],
      ['/tag/mustread/', '/tag/must-read'],
      ['/category/uncategorized/', '/archives'],
    ] as const) {
      const page = await open(old);
      expect(new URL(page.url()).pathname, old).toBe(now);
    }
  });
});
