// A WordPress.com blog moved in whole, as its author does it: WordPress's own
// theme unit test export, unmodified, imported with a stand-in of its uploads
// folder (`npm run import:wordpress -- themeunittestdata.wordpress.xml --local
// --uploads DIR`), then read in a browser: the sticky post first, a gallery
// laid out as a grid of the copied images, a player for the copied sound, the
// password-protected post asking for its password, the pages' tree, quotes in
// comments, and old addresses leading to their pages. Then WordPress's
// block-editor test export (every core block) the same way: columns side by
// side then stacked, a cover over its copied image, footnotes that lead both
// ways, details that fold, and players for the copied sounds and videos.
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

const THEME_UNIT_TEST = join('test', 'data', 'wordpress', 'themeunittestdata.wordpress.xml');
const BLOCK_EDITOR = join('test', 'data', 'wordpress', '64-block-test-data.xml');
const chromium = useChromium();
const works: string[] = [];
const blogs: Blog[] = [];

/** The export imported with a stand-in of its uploads folder into a folder of its own, then served. */
async function importAndServe(exportFile: string): Promise<Blog> {
  const work = mkdtempSync(join(tmpdir(), 'causerie-e2e-wordpress-'));
  works.push(work);
  writeStandInUploads(exportFile, join(work, 'uploads'));
  // The shell's Cloudflare settings must not steer wrangler (a remote database, another environment).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(CLOUDFLARE|WRANGLER|CF)_/.test(name)),
  );
  const imported = spawnSync(
    process.execPath,
    [
      '--max-semi-space-size=64',
      'scripts/import-wordpress.ts',
      exportFile,
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
  const blog = await startBlog({
    script: bundleWorker(join(work, 'dist')).script,
    mode: 'cache-api',
    stateDir: join(work, 'state', 'v3'),
    storage: 'wrangler',
    assetsDir: assets,
    // No comment is sent: siteverify is never asked.
    siteverifyUrl: 'http://127.0.0.1:9/siteverify',
  });
  blogs.push(blog);
  return blog;
}

afterAll(async () => {
  for (const blog of blogs) await blog.mf.dispose();
  for (const work of works) rmSync(work, { recursive: true, force: true });
});

const visitors: Parameters<typeof expectCleanVisit>[0][] = [];

async function open(blog: Blog, path: string, width = 1024): Promise<Page> {
  const visitor = await chromium.visitor({ viewport: { width, height: 900 } });
  visitors.push(visitor);
  const page = await visitor.context.newPage();
  const response = await page.goto(new URL(path, blog.url).href);
  expect(response?.status(), path).toBe(200);
  return page;
}

// Like every journey: no script error, no CSP report, no request leaving the machine.
afterEach(() => {
  for (const visitor of visitors.splice(0)) expectCleanVisit(visitor);
});

describe('a WordPress.com blog imported with its uploads folder', () => {
  let blog: Blog;
  beforeAll(async () => {
    blog = await importAndServe(THEME_UNIT_TEST);
  }, 600_000);
  const at = (path: string) => new URL(path, blog.url).href;

  test('the home page lists the sticky post first', async () => {
    const page = await open(blog, '/');
    await expect(page.locator('main article h2').first().textContent()).resolves.toContain('Template: Sticky');
  });

  test('a [gallery] is a grid of the copied images, three to a row on a wide screen', async () => {
    const page = await open(blog, '/post-format-gallery');
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
    const page = await open(blog, '/post-format-audio');
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
    const page = await open(blog, '/template-password-protected');
    await expect(page.locator('main').textContent()).resolves.not.toContain('This content, comments, pingbacks');
    await page.locator('input[type="password"]').fill('enter');
    await Promise.all([
      page.waitForURL(/template-password-protected$/),
      page.locator('form.password-form button').click(),
    ]);
    await expect(page.locator('main').textContent()).resolves.toContain('This content, comments, pingbacks');
  });

  test('pages keep their tree and comments, and their old address leads to them', async () => {
    const page = await open(blog, '/about/page-with-comments/');
    expect(new URL(page.url()).pathname).toBe('/about/page-with-comments');
    expect(await page.locator('main h1').textContent()).toContain('Page with comments');
    expect(await page.locator('.comment').count()).toBeGreaterThan(0);
  });

  test('a quote in a WordPress comment is still a quote', async () => {
    const page = await open(blog, '/template-comments');
    expect(await page.locator('.comment blockquote').count()).toBeGreaterThan(0);
  });

  test('old addresses of posts, tags and categories lead to their pages', async () => {
    for (const [old, now] of [
      ['/2012/01/07/template-sticky/', '/template-sticky'],
      ['/?p=1241', '/template-sticky'],
      ['/tag/mustread/', '/tag/must-read'],
      ['/category/uncategorized/', '/archives'],
    ] as const) {
      const page = await open(blog, old);
      expect(new URL(page.url()).pathname, old).toBe(now);
    }
  });
});

describe('a block-editor export imported with its uploads folder', () => {
  let blog: Blog;
  beforeAll(async () => {
    blog = await importAndServe(BLOCK_EDITOR);
  }, 600_000);

  const boxes = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((elements) =>
      elements.map((element) => {
        const { left, right, top, bottom } = element.getBoundingClientRect();
        return { left, right, top, bottom };
      }),
    );

  test('columns sit side by side on a wide screen and one under the other on a phone', async () => {
    const wide = await boxes(await open(blog, '/columns', 1024), '.post-body .columns-2 > *');
    expect(Math.abs((wide[0]?.top ?? 0) - (wide[1]?.top ?? 1))).toBeLessThan(1);
    expect(wide[1]?.left).toBeGreaterThan(wide[0]?.right ?? Number.POSITIVE_INFINITY);
    const phone = await open(blog, '/columns', 375);
    const narrow = await boxes(phone, '.post-body .columns-2 > *');
    expect(narrow[1]?.top).toBeGreaterThanOrEqual(narrow[0]?.bottom ?? Number.POSITIVE_INFINITY);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  test('a cover keeps its copied image, its text over it', async () => {
    const page = await open(blog, '/cover');
    const image = page.locator('.post-body .cover > img').first();
    expect(await image.getAttribute('src')).toMatch(/^\/media\//);
    const [picture] = await boxes(page, '.post-body .cover > img');
    const [words] = await boxes(page, '.post-body .cover > div');
    expect(words?.top).toBeGreaterThanOrEqual(picture?.top ?? Number.POSITIVE_INFINITY);
    expect(words?.bottom).toBeLessThanOrEqual(picture?.bottom ?? 0);
  });

  test('a footnote number leads to its text, and its text back', async () => {
    const page = await open(blog, '/footnotes');
    await page.locator('.post-body sup a[href="#fn-1"]').first().click();
    expect(new URL(page.url()).hash).toBe('#fn-1');
    await expect(page.locator('#fn-1').textContent()).resolves.not.toBe('');
    await page.locator('#fn-1 a[href="#fn-1-ref"]').click();
    expect(new URL(page.url()).hash).toBe('#fn-1-ref');
  });

  test('details still fold, and the audio and video blocks play copied files', async () => {
    const details = await open(blog, '/details');
    const first = details.locator('.post-body details').first();
    const before = await first.evaluate((element) => (element as HTMLDetailsElement).open);
    await first.locator('summary').click();
    expect(await first.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(!before);
    for (const [path, player] of [
      ['/audio', 'audio'],
      ['/video', 'video'],
    ] as const) {
      const page = await open(blog, path);
      const sources = await page
        .locator(`.post-body ${player}`)
        .evaluateAll((players) =>
          players.flatMap((element) =>
            [
              element.getAttribute('src'),
              ...[...element.querySelectorAll('source')].map((s) => s.getAttribute('src')),
            ].filter((src): src is string => src !== null),
          ),
        );
      expect(
        sources.some((src) => src.startsWith('/media/')),
        `${path}: ${sources.join(', ')}`,
      ).toBe(true);
    }
  });
});
