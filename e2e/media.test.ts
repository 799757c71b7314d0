// The demo's media, served from the bucket at /media/: a sound that a player
// loads (metadata, then a seek), a video, images that load, in French and English.
import { describe, expect, test } from 'vitest';
import { blogUrl, expectCleanVisit, REFERENCE_SLUG, useChromium } from './support.ts';

const chromium = useChromium();

describe('a reader of an article with media', () => {
  test('plays the demo sound, served from /media/, and can seek in it', async () => {
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();
    const media: { url: string; status: number; type: string }[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/media/'))
        media.push({ url: response.url(), status: response.status(), type: response.headers()['content-type'] ?? '' });
    });
    expect((await page.goto(blogUrl('/repondre-aux-lecteurs')))?.status()).toBe(200);
    const audio = page.locator('article audio');
    expect(await audio.getAttribute('src')).toMatch(/^\/media\/notification-[0-9a-f]{8}\.wav$/);
    // preload="metadata": the player learns the duration without being played.
    await page.waitForFunction(
      () => ((document.querySelector('article audio') as HTMLAudioElement | null)?.readyState ?? 0) >= 1,
    );
    const loaded = await audio.evaluate((element: HTMLAudioElement) => ({
      readyState: element.readyState,
      duration: element.duration,
      error: element.error?.code ?? null,
    }));
    expect(loaded.error).toBeNull();
    expect(loaded.readyState).toBeGreaterThanOrEqual(1);
    expect(loaded.duration).toBeCloseTo(1, 1);
    // A seek the player can make: the server answers ranges.
    const seeked = await audio.evaluate(
      (element: HTMLAudioElement) =>
        new Promise<number>((resolve) => {
          element.addEventListener('seeked', () => resolve(element.currentTime), { once: true });
          element.currentTime = 0.6;
        }),
    );
    expect(seeked).toBeCloseTo(0.6, 1);
    expect(media.length).toBeGreaterThan(0);
    for (const response of media) {
      expect([200, 206, 304]).toContain(response.status);
      expect(response.type).toBe('audio/wav');
    }
    expectCleanVisit(visitor);
  });

  test('loads the demo video’s metadata from /media/, its size reserved in the page before it loads', async () => {
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();
    expect((await page.goto(blogUrl('/ecrire-regulierement')))?.status()).toBe(200);
    const video = page.locator('article video');
    expect(await video.getAttribute('src')).toMatch(/^\/media\/billets-par-mois-[0-9a-f]{8}\.webm$/);
    expect([await video.getAttribute('width'), await video.getAttribute('height')]).toEqual(['320', '180']);
    await page.waitForFunction(
      () => ((document.querySelector('article video') as HTMLVideoElement | null)?.readyState ?? 0) >= 1,
    );
    const loaded = await video.evaluate((element: HTMLVideoElement) => ({
      width: element.videoWidth,
      duration: element.duration,
    }));
    expect(loaded.width).toBe(320);
    expect(loaded.duration).toBeGreaterThan(1);
    expectCleanVisit(visitor);
  });

  test.each([
    ['/lutter-contre-le-spam', /^\/media\/spam-par-mois-[0-9a-f]{8}\.png$/, 640],
    ['/rss-feeds-still-matter', /^\/media\/flux-rss-[0-9a-f]{8}\.svg$/, 640],
    [`/${REFERENCE_SLUG}`, /^\/media\/communaute-[0-9a-f]{8}\.svg$/, 1200],
  ])('sees the image of %s, loaded from the bucket', async (path, source, width) => {
    const visitor = await chromium.visitor();
    const page = await visitor.context.newPage();
    expect((await page.goto(blogUrl(path)))?.status()).toBe(200);
    const image = page.locator('article img').first();
    expect(await image.getAttribute('src')).toMatch(source);
    // No layout shift: the size is in the page before the image arrives.
    expect(Number(await image.getAttribute('width'))).toBe(width);
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (selector) => (document.querySelector(selector) as HTMLImageElement | null)?.complete === true,
      'article img',
    );
    expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
    expectCleanVisit(visitor);
  });
});
