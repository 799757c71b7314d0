// Rules every route shares: HEAD, 405 with Allow, malformed URLs, trailing
// slashes, security headers.
import { beforeAll, describe, expect, it } from 'vitest';
import { get, getHtml, insertArticle } from '../fixtures';

beforeAll(async () => {
  await insertArticle({ slug: 'hello', title: 'Bonjour', tags: ['Web'] });
});

describe('HTTP behaviour', () => {
  it.each(['/', '/hello', '/tag/web', '/feed.xml'])('HEAD %s answers like GET without a body', async (path) => {
    const getResponse = await get(path);
    const head = await get(path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(getResponse.headers.get('content-type'));
    expect(await head.text()).toBe('');
  });

  it('HEAD on a missing page is a 404', async () => {
    const head = await get('/nope', { method: 'HEAD' });
    expect(head.status).toBe(404);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s on a page answers 405 with Allow', async (method) => {
    for (const path of ['/', '/hello', '/tag/web', '/feed.xml']) {
      const response = await get(path, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('Méthode non autorisée');
    }
  });

  // Through SELF, workerd's Request turns lowercase standard methods (`get`) into
  // uppercase and refuses unknown tokens (FOO): those never reach the Worker
  // (its HTTP server answers them 501 itself). Every other method does.
  it.each(['PROPFIND', 'TRACE', 'OPTIONS', 'DELETE', 'MKCOL'])(
    '%s answers 405, finished, on every address',
    async (method) => {
      for (const path of ['/', '/hello', '/a/b/c', '/admin/login', '/media/x.png']) {
        const response = await get(path, { method });
        expect([path, response.status]).toEqual([path, 405]);
        expect(response.headers.get('allow'), path).toMatch(/^GET, (POST, )?HEAD$|^POST$/);
        expect(response.headers.get('cache-control'), path).toBe('no-store');
        expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      }
    },
  );

  it('answers a lowercase method like its uppercase one', async () => {
    expect((await get('/hello', { method: 'get' })).status).toBe(200);
    expect((await get('/hello', { method: 'delete' })).status).toBe(405);
  });

  it('answers 400 for percent-encoding errors in the path', async () => {
    for (const path of ['/%E0%A4%A', '/tag/%ZZ', '/caf%C3']) {
      const { status, html, response } = await getHtml(path);
      expect(status).toBe(400);
      expect(html).toContain('Requête invalide');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('answers 404 for well-encoded paths that cannot be slugs', async () => {
    for (const path of ['/caf%C3%A9', '/a%20b', '/..%2F..%2Fetc', '/-hello', '/a/b/c', `/${'a'.repeat(300)}`]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('redirects trailing slashes and uppercase slugs to the canonical URL', async () => {
    const slash = await get('/hello/');
    expect(slash.status).toBe(301);
    expect(slash.headers.get('location')).toBe('/hello');
    const upper = await get('/Hello');
    expect(upper.status).toBe(301);
    expect(upper.headers.get('location')).toBe('/hello');
    const tag = await get('/tag/WEB?page=2');
    expect(tag.headers.get('location')).toBe('/tag/web?page=2');
  });

  it('sends security headers and never an inline script', async () => {
    const home = await getHtml('/');
    expect(home.response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(home.response.headers.get('content-security-policy')).toContain("script-src 'none'");
    // Structured data (application/ld+json) is a data block, never run.
    expect(home.html).not.toMatch(/<script(?! type="application\/ld\+json">)/i);
    const article = await getHtml('/hello');
    expect(article.response.headers.get('content-security-policy')).toContain(
      "script-src 'self' https://challenges.cloudflare.com; frame-src https://challenges.cloudflare.com",
    );
    expect(article.html).not.toMatch(/<script(?![^>]*\ssrc=)(?! type="application\/ld\+json">)[^>]*>/i);
  });
});
