// /media/<key>: the bucket's files as a browser and a media player need them.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { get, insertArticle } from '../fixtures';
import { callWorker } from '../support/worker';

const WAV = 'ton-0a1b2c3d.wav';
const SVG = 'bulles-0a1b2c3d.svg';
const NO_TYPE = 'releve-0a1b2c3d.pdf';
/** 1000 bytes, each its position modulo 251: a part is recognisable by its first byte. */
const SOUND = Uint8Array.from({ length: 1000 }, (_, index) => index % 251);
const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10" style="fill:red"/></svg>';

beforeAll(async () => {
  await env.MEDIA.put(WAV, SOUND, { httpMetadata: { contentType: 'audio/wav' } });
  await env.MEDIA.put(SVG, HOSTILE_SVG, { httpMetadata: { contentType: 'image/svg+xml' } });
  // Uploaded without a type: the extension says it.
  await env.MEDIA.put(NO_TYPE, '%PDF-1.4 relevé');
});

describe('GET /media/<key>', () => {
  it('serves a file with its stored type, nosniff, a strong ETag and a year of immutable caching', async () => {
    const response = await get(`/media/${WAV}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(SOUND);
  });

  it('falls back on the extension when the object has no stored type', async () => {
    const response = await get(`/media/${NO_TYPE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
  });

  it('answers 304 to a browser that already has the file', async () => {
    const etag = (await get(`/media/${WAV}`)).headers.get('etag') ?? '';
    const response = await get(`/media/${WAV}`, { headers: { 'if-none-match': etag } });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(etag);
    expect(await response.text()).toBe('');
    const other = await get(`/media/${WAV}`, { headers: { 'if-none-match': '"autre"' } });
    expect(other.status).toBe(200);
  });

  it('answers a Range with 206 and the part asked, so that players can seek', async () => {
    const middle = await get(`/media/${WAV}`, { headers: { range: 'bytes=500-509' } });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 500-509/1000');
    expect(middle.headers.get('content-length')).toBe('10');
    expect(new Uint8Array(await middle.arrayBuffer())).toEqual(SOUND.subarray(500, 510));

    const open = await get(`/media/${WAV}`, { headers: { range: 'bytes=990-' } });
    expect(open.status).toBe(206);
    expect(open.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect(new Uint8Array(await open.arrayBuffer())).toEqual(SOUND.subarray(990));

    const last = await get(`/media/${WAV}`, { headers: { range: 'bytes=-4' } });
    expect(last.status).toBe(206);
    expect(last.headers.get('content-range')).toBe('bytes 996-999/1000');
    expect(new Uint8Array(await last.arrayBuffer())).toEqual(SOUND.subarray(996));
  });

  it('answers 416 to a range past the end of the file', async () => {
    const response = await get(`/media/${WAV}`, { headers: { range: 'bytes=1000-1100' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */1000');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get(`/media/${WAV}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(await response.text()).toBe('');
  });

  it('serves an SVG under a policy that lets no script of it run', async () => {
    const response = await get(`/media/${SVG}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/(^|; )sandbox($|;)/);
    expect(csp).not.toMatch(/script-src|allow-scripts/);
  });

  it('answers a missing file with the blog’s 404 in the reader’s language', async () => {
    const french = await get('/media/absent-0a1b2c3d.png');
    expect(french.status).toBe(404);
    expect(french.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await french.text()).toContain('<html lang="fr"');
    const english = await get('/media/absent-0a1b2c3d.png', { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(english.status).toBe(404);
    expect(await english.text()).toContain('<html lang="en"');
  });

  it.each([
    '/media/..%2Fwrangler.toml',
    '/media/%2E%2E/ton-0a1b2c3d.wav',
    '/media/sous/dossier/ton-0a1b2c3d.wav',
    '/media/.cache-0a1b2c3d.png',
    '/media/page-0a1b2c3d.html',
    '/media/',
  ])('does not look up %s, which names no file of the bucket', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
  });

  it('keeps the case of file names (no canonical redirect) and refuses POST', async () => {
    await env.MEDIA.put('Carte-0A1B2C3D.PNG', new Uint8Array([0x89, 0x50]));
    const response = await get('/media/Carte-0A1B2C3D.PNG', { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const post = await get(`/media/${WAV}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('IMAGE_TRANSFORMATIONS', () => {
  const BODY =
    '<p><img src="/media/carte-0a1b2c3d.png" alt="Carte" width="1000" height="500"></p>' +
    '<p><img src="/media/bulles-0a1b2c3d.svg" alt="" width="640" height="320" loading="lazy" decoding="async">' +
    '<img src="/media/anim-0a1b2c3d.gif" alt="" width="300" height="200" loading="lazy" decoding="async">' +
    '<img src="/images/public.png" alt="" width="800" height="600" loading="lazy" decoding="async"></p>';

  beforeAll(async () => {
    await insertArticle({ slug: 'images-redimensionnees', title: 'Images', bodyHtml: BODY });
  });

  it('off (the default): the article’s images are exactly as published', async () => {
    const response = await get('/images-redimensionnees');
    const html = await response.text();
    expect(html).toContain(BODY);
    expect(html).not.toContain('srcset');
    // The page's policy lets it load images, sounds and videos from the blog itself.
    const policy = new Map(
      (response.headers.get('content-security-policy') ?? '').split(';').map((part) => {
        const [name = '', ...sources] = part.trim().split(/\s+/);
        return [name, sources] as const;
      }),
    );
    expect(policy.get('media-src') ?? policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toContain("'self'");
  });

  it('on: bucket images of a resizable format get a srcset through /cdn-cgi/image/, SVG and GIF none', async () => {
    const response = await callWorker('/images-redimensionnees', { env: { IMAGE_TRANSFORMATIONS: true } });
    const html = await response.text();
    const carte = '/media/carte-0a1b2c3d.png';
    expect(html).toContain(
      `<img src="${carte}" alt="Carte" width="1000" height="500" srcset="/cdn-cgi/image/width=320,format=auto${carte} 320w, /cdn-cgi/image/width=640,format=auto${carte} 640w, /cdn-cgi/image/width=960,format=auto${carte} 960w, /cdn-cgi/image/width=1000,format=auto${carte} 1000w" sizes="(min-width: 46rem) 42rem, 100vw">`,
    );
    expect(html.match(/srcset=/g)).toHaveLength(1);
  });
});
