// The old blog's own files, as the importer finds them (a copy of
// wp-content/uploads, or the old site itself) and as the posts then name
// them: copies in content/media/wordpress, other sites' files left as links,
// and every file not brought over named with why.
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readImageSize } from '../../scripts/lib/image-dimensions.ts';
import { type BodyContext, bodyContext, convertBody } from '../../scripts/lib/wordpress/body.ts';
import { convertExport } from '../../scripts/lib/wordpress/convert.ts';
import { fetchToMedia } from '../../scripts/lib/wordpress/fetch-media.ts';
import {
  copyFromUploads,
  exportSchemes,
  type MediaResult,
  mediaPathFor,
  mediaReport,
  originalOf,
  ownFile,
  ownFiles,
  ownHosts,
} from '../../scripts/lib/wordpress/media.ts';
import { parseWxr } from '../../scripts/lib/wordpress/wxr.ts';
import { pngBytes, standInFile, writeStandInUploads } from '../support/wordpress-uploads.ts';

const SELF_HOSTED = new Set(['ancien.example']);
const DOT_COM = ownHosts({ baseUrl: 'https://monblog.wordpress.com', items: [] });

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'causerie-wp-media-'));
  return () => rmSync(tmp, { recursive: true, force: true });
});

const write = (root: string, path: string, bytes: Uint8Array | string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), bytes);
};

describe("the blog's own files", () => {
  it('are found by the path after wp-content/uploads/ on the blog’s host, whatever the query string', () => {
    expect(ownFile('https://ancien.example/wp-content/uploads/2011/07/photo-300x200.jpg?w=300', SELF_HOSTED)).toEqual({
      path: '2011/07/photo-300x200.jpg',
      written: '2011/07/photo-300x200.jpg',
      url: 'https://ancien.example/wp-content/uploads/2011/07/photo-300x200.jpg',
    });
    // A blog in a subfolder, over http, with an accented name.
    expect(ownFile('http://ancien.example/blog/wp-content/uploads/2011/07/%C3%A9t%C3%A9.png', SELF_HOSTED)?.path).toBe(
      '2011/07/été.png',
    );
  });

  it('are found on a WordPress.com blog’s files host, and through Jetpack’s image CDN', () => {
    expect(DOT_COM.has('monblog.files.wordpress.com')).toBe(true);
    expect(ownFile('https://monblog.files.wordpress.com/2008/06/canola2.jpg?w=604', DOT_COM)?.path).toBe(
      '2008/06/canola2.jpg',
    );
    expect(ownFile('https://i0.wp.com/ancien.example/wp-content/uploads/2020/01/a.jpg', SELF_HOSTED)?.path).toBe(
      '2020/01/a.jpg',
    );
  });

  it('are not other sites’ files, pages of the blog, or paths climbing out of the folder', () => {
    expect(ownFile('https://ailleurs.example/wp-content/uploads/2011/07/photo.jpg', SELF_HOSTED)).toBeNull();
    expect(ownFile('https://autreblog.files.wordpress.com/2008/06/canola2.jpg', DOT_COM)).toBeNull();
    expect(ownFile('https://ancien.example/2011/07/mon-article/', SELF_HOSTED)).toBeNull();
    expect(ownFile('https://ancien.example/wp-content/uploads/2011/%2e%2e/../secret.jpg', SELF_HOSTED)).toBeNull();
    expect(ownFile('https://ancien.example/wp-content/uploads/2011/%2E%2E%2Fsecret.jpg', SELF_HOSTED)).toBeNull();
    expect(ownFile('ftp://ancien.example/wp-content/uploads/a.jpg', SELF_HOSTED)).toBeNull();
  });

  it('are downloaded the way the export says the old site served them (bodies name them in https)', () => {
    const schemes = exportSchemes({ baseUrl: 'http://ancien.example', items: [] });
    const [file] = ownFiles(['https://ancien.example/wp-content/uploads/a.jpg?w=300'], SELF_HOSTED, schemes).values();
    expect(file?.url).toBe('http://ancien.example/wp-content/uploads/a.jpg');
  });

  it('in a resized size have their original', () => {
    expect(originalOf('2011/07/photo-300x200.jpg')).toBe('2011/07/photo.jpg');
    expect(originalOf('2011/07/photo.jpg')).toBeNull();
  });
});

describe('copying from a copy of wp-content/uploads', () => {
  const urls = [
    'https://ancien.example/wp-content/uploads/2011/07/photo.jpg',
    'https://ancien.example/wp-content/uploads/2011/07/photo-300x200.jpg',
    'https://ancien.example/wp-content/uploads/2011/07/photo-1024x683.jpg?w=1024',
    'https://ancien.example/wp-content/uploads/2011/07/absente.png',
    'https://ancien.example/wp-content/uploads/2011/07/film.wmv',
    'https://ailleurs.example/wp-content/uploads/2011/07/photo.jpg',
  ];

  it('copies each file used, a missing resized size as its original, and points the posts at the copies', () => {
    const uploads = join(tmp, 'uploads');
    const media = join(tmp, 'content', 'media', 'wordpress');
    write(uploads, '2011/07/photo.jpg', standInFile('photo.jpg'));
    write(uploads, '2011/07/photo-300x200.jpg', standInFile('photo-300x200.jpg'));
    write(uploads, '2011/07/film.wmv', standInFile('film.wmv'));
    const wanted = ownFiles(urls, SELF_HOSTED);
    expect([...wanted.keys()]).toEqual([
      '2011/07/photo.jpg',
      '2011/07/photo-300x200.jpg',
      '2011/07/photo-1024x683.jpg',
      '2011/07/absente.png',
      '2011/07/film.wmv',
    ]);

    const result = copyFromUploads(wanted, uploads, media);
    const outcomes = Object.fromEntries([...result.files].map(([path, entry]) => [path, entry.outcome]));
    expect(outcomes).toEqual({
      '2011/07/photo.jpg': { state: 'copied', stored: '2011/07/photo.jpg' },
      '2011/07/photo-300x200.jpg': { state: 'copied', stored: '2011/07/photo-300x200.jpg' },
      '2011/07/photo-1024x683.jpg': { state: 'copied', stored: '2011/07/photo.jpg' },
      '2011/07/absente.png': { state: 'missing', reason: `not in ${uploads}` },
      '2011/07/film.wmv': { state: 'not-served', reason: 'not a kind of file the blog serves' },
    });
    expect(readImageSize(readFileSync(join(media, '2011/07/photo-300x200.jpg')))).toEqual({ width: 300, height: 200 });
    expect(existsSync(join(media, '2011/07/film.wmv'))).toBe(false);

    const mediaPath = mediaPathFor(result, SELF_HOSTED, '../media/wordpress');
    expect(urls.map(mediaPath)).toEqual([
      '../media/wordpress/2011/07/photo.jpg',
      '../media/wordpress/2011/07/photo-300x200.jpg',
      '../media/wordpress/2011/07/photo.jpg',
      null,
      null,
      null,
    ]);

    // Run again: the same bytes are not written again.
    const before = statSync(join(media, '2011/07/photo.jpg')).mtimeMs;
    const again = copyFromUploads(wanted, uploads, media);
    expect([...again.files.values()].map((entry) => entry.outcome.state)).toEqual([
      'present',
      'present',
      'present',
      'missing',
      'not-served',
    ]);
    expect(statSync(join(media, '2011/07/photo.jpg')).mtimeMs).toBe(before);

    // The report counts them and names each file left behind with the posts that use it.
    const report = mediaReport(again, 'copied', [
      {
        where: 'item #1 (wp:post_id 10) (vacances)',
        markdown: '<img src="https://ancien.example/wp-content/uploads/2011/07/absente.png">',
      },
      {
        where: 'item #2 (wp:post_id 11) (film)',
        markdown: '<a href="https://ancien.example/wp-content/uploads/2011/07/film.wmv">',
      },
      { where: 'item #3 (wp:post_id 12) (autre)', markdown: '<p>Rien.</p>' },
    ]);
    expect(report).toEqual([
      'Media: 5 file(s) of the blog referenced: 0 copied, 3 already in content/media/wordpress, 2 left at their old address.',
      `  https://ancien.example/wp-content/uploads/2011/07/absente.png: not in ${uploads}; used by item #1 (wp:post_id 10) (vacances)`,
      '  https://ancien.example/wp-content/uploads/2011/07/film.wmv: not a kind of file the blog serves; used by item #2 (wp:post_id 11) (film)',
    ]);
  });

  it('makes bodies point at the copies: images, links to the full size, never other sites', () => {
    const result: MediaResult = { files: new Map() };
    for (const [path, file] of ownFiles(urls, SELF_HOSTED))
      result.files.set(path, { file, outcome: { state: 'copied', stored: path.replace('-1024x683', '') } });
    const context: BodyContext = {
      ...bodyContext('https://ancien.example'),
      mediaPath: mediaPathFor(result, SELF_HOSTED, '../media/wordpress'),
    };
    const html = convertBody(
      [
        '<a href="/wp-content/uploads/2011/07/photo.jpg"><img src="https://ancien.example/wp-content/uploads/2011/07/photo-300x200.jpg?w=300" alt="Photo"></a>',
        '<img src="https://ailleurs.example/wp-content/uploads/2011/07/photo.jpg" alt="Ailleurs">',
        '<a href="https://ancien.example/2011/07/mon-article/">Article</a>',
      ].join('\n\n'),
      context,
    ).html;
    expect(html).toContain(
      '<a href="../media/wordpress/2011/07/photo.jpg"><img src="../media/wordpress/2011/07/photo-300x200.jpg" alt="Photo" /></a>',
    );
    expect(html).toContain(
      '<img src="https://ailleurs.example/wp-content/uploads/2011/07/photo.jpg" alt="Ailleurs" />',
    );
    expect(html).toContain('<a href="https://ancien.example/2011/07/mon-article/">Article</a>');
  });
});

describe('--fetch-media against a stand-in of the old site', () => {
  let server: Server;
  let origin: string;
  const hits = new Map<string, number>();
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname.replace('/wp-content/uploads/', '');
      const hit = (hits.get(path) ?? 0) + 1;
      hits.set(path, hit);
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      response.on('close', () => inFlight--);
      const png = (note: string) => {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end(pngBytes(10, 20, note));
      };
      switch (path) {
        case 'ok.png':
        case 'moved-here.png':
        case 'photo.png':
          return setTimeout(() => png(path), 30);
        case 'slow.png':
          return setTimeout(() => png(path), 2000);
        case 'flaky.png':
          if (hit < 3) {
            response.writeHead(503);
            return response.end('busy');
          }
          return png(path);
        case 'broken.png':
          response.writeHead(500);
          return response.end('oops');
        case 'huge.png':
          response.writeHead(200, { 'content-length': '5000' });
          return response.end(Buffer.alloc(5000));
        case 'endless.png':
          // No Content-Length: the limit is found while reading.
          response.writeHead(200, { 'content-type': 'image/png' });
          response.write(Buffer.alloc(600));
          return setTimeout(() => response.end(Buffer.alloc(600)), 20);
        case 'moved.png':
          response.writeHead(301, { location: '/wp-content/uploads/moved-here.png' });
          return response.end();
        case 'loop.png':
          response.writeHead(302, { location: '/wp-content/uploads/loop.png' });
          return response.end();
        case 'elsewhere.png':
          response.writeHead(302, { location: 'ftp://ancien.example/elsewhere.png' });
          return response.end();
        default:
          response.writeHead(404);
          return response.end('not found');
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('downloads a few at a time, retries what fails for a while, and says why each failure failed', async () => {
    const names = [
      'ok.png',
      'flaky.png',
      'broken.png',
      'slow.png',
      'huge.png',
      'endless.png',
      'moved.png',
      'loop.png',
      'elsewhere.png',
      'gone.png',
      'photo-300x200.png',
      'a1.png',
      'a2.png',
    ];
    const wanted = ownFiles(
      names.map((name) => `https://ancien.example/wp-content/uploads/${name}?w=300`),
      SELF_HOSTED,
    );
    const media = join(tmp, 'media');
    const options = {
      concurrency: 3,
      timeoutMs: 500,
      retries: 2,
      backoffMs: 10,
      maxBytes: 1000,
      maxRedirects: 3,
      rewrite: (url: string) => url.replace('https://ancien.example', origin),
    };
    const result = await fetchToMedia(wanted, media, options);
    const outcomes = Object.fromEntries([...result.files].map(([path, entry]) => [path, entry.outcome]));
    expect(outcomes).toEqual({
      'ok.png': { state: 'copied', stored: 'ok.png' },
      'flaky.png': { state: 'copied', stored: 'flaky.png' },
      'broken.png': { state: 'failed', reason: 'HTTP 500 (3 attempts)' },
      'slow.png': { state: 'failed', reason: 'no complete answer within 500 ms (3 attempts)' },
      'huge.png': { state: 'failed', reason: 'larger than the 1000-byte limit' },
      'endless.png': { state: 'failed', reason: 'larger than the 1000-byte limit' },
      'moved.png': { state: 'copied', stored: 'moved.png' },
      'loop.png': { state: 'failed', reason: 'more than 3 redirects' },
      'elsewhere.png': {
        state: 'failed',
        reason: 'redirected to ftp://ancien.example/elsewhere.png: only http and https are fetched',
      },
      'gone.png': { state: 'failed', reason: 'HTTP 404' },
      // The site has no such size: its original is fetched instead.
      'photo-300x200.png': { state: 'copied', stored: 'photo.png' },
      'a1.png': { state: 'failed', reason: 'HTTP 404' },
      'a2.png': { state: 'failed', reason: 'HTTP 404' },
    });
    expect(readImageSize(readFileSync(join(media, 'moved.png')))).toEqual({ width: 10, height: 20 });
    expect(readFileSync(join(media, 'flaky.png')).toString('latin1')).toContain('flaky.png');
    expect(existsSync(join(media, 'huge.png'))).toBe(false);
    expect(existsSync(join(media, 'endless.png'))).toBe(false);
    // A 5xx is asked again (3 attempts in all), a 404 or an oversized file once.
    expect(
      Object.fromEntries(['flaky.png', 'broken.png', 'gone.png', 'huge.png'].map((n) => [n, hits.get(n)])),
    ).toEqual({
      'flaky.png': 3,
      'broken.png': 3,
      'gone.png': 1,
      'huge.png': 1,
    });
    expect(mostInFlight).toBeLessThanOrEqual(3);
    expect(mostInFlight).toBeGreaterThan(1);

    // Run again: what is already in the folder is not downloaded again, nor a size the site lacked.
    hits.clear();
    const again = await fetchToMedia(
      ownFiles(
        ['ok.png', 'photo-300x200.png'].map((name) => `https://ancien.example/wp-content/uploads/${name}`),
        SELF_HOSTED,
      ),
      media,
      options,
    );
    expect([...again.files.values()].map((entry) => entry.outcome)).toEqual([
      { state: 'present', stored: 'ok.png' },
      { state: 'present', stored: 'photo.png' },
    ]);
    expect(hits.size).toBe(0);
  });
});

describe("WordPress's theme unit test export", () => {
  const xml = readFileSync(
    join(import.meta.dirname, '..', 'data', 'wordpress', 'themeunittestdata.wordpress.xml'),
    'utf8',
  );
  const options = { timeZone: 'UTC', defaultLanguage: 'en' as const, blogUrl: 'https://blog.example' };

  it('names the image of a comment, shown there as a link to it', () => {
    const converted = convertExport(xml, options);
    const image = 'https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050102_192118_51.jpg?w=171&h=128';
    const note = converted.notes.find((line) => line.includes(image));
    expect(note).toMatch(
      /^item #\d+ \(wp:post_id \d+\) > wp:comment #\d+ \(wp:comment_id \d+\): image https:\/\/\S+ shown as a link to it \(comments show no images\)$/,
    );
    const comment = converted.comments.find((row) => row.body.startsWith('Image comment.'));
    expect(comment?.body).toContain(`[Albany wind-farm against the sunset, Western Australia](<${image}>)`);
  });

  it('points bodies and featured images at the copies of the blog’s files', () => {
    const asked: string[] = [];
    convertExport(xml, {
      ...options,
      mediaPath: (url) => {
        asked.push(url);
        return null;
      },
    });
    const hosts = ownHosts(parseWxr(xml));
    const uploads = join(tmp, 'uploads');
    const paths = writeStandInUploads(
      join(import.meta.dirname, '..', 'data', 'wordpress', 'themeunittestdata.wordpress.xml'),
      uploads,
    );
    expect(paths).toContain('2013/03/featured-image-horizontal.jpg');
    const copied = copyFromUploads(ownFiles(asked, hosts), uploads, join(tmp, 'content', 'media', 'wordpress'));
    const converted = convertExport(xml, { ...options, mediaPath: mediaPathFor(copied, hosts, '../media/wordpress') });
    const post = (slug: string) => converted.posts.find((entry) => entry.slug === slug)?.markdown ?? '';
    expect(post('template-featured-image-horizontal')).toContain(
      'image: ../media/wordpress/2013/03/featured-image-horizontal.jpg\n',
    );
    expect(post('markup-image-alignment')).toContain('src="../media/wordpress/2013/03/image-alignment-580x300.jpg"');
    expect(post('markup-image-alignment')).not.toContain('files.wordpress.com');
    // Every <img> of the blog's own points at a copy, except the file the stand-in folder lacks.
    const ownImages = converted.posts.flatMap((entry) =>
      [...entry.markdown.matchAll(/<img [^>]*src="([^"]*)"/g)].map((match) => match[1] as string),
    );
    expect(ownImages.filter((src) => src.includes('files.wordpress.com'))).toEqual([]);
    expect(ownImages.filter((src) => src.startsWith('../media/wordpress/')).length).toBeGreaterThan(20);
  }, 60_000);
});
