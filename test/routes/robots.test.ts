// /robots.txt: everything open but the desk, and where the sitemap is.
import { describe, expect, it } from 'vitest';
import { get, insertArticle } from '../fixtures';
import { callWorker, recordingCacheContext } from '../support/worker';

/** The rules a crawler following RFC 9309 applies: longest match wins, "$" ends, allow by default. */
function isAllowed(robots: string, path: string): boolean {
  const rules = robots
    .split('\n')
    .map((line) => /^(Allow|Disallow):\s*(\S*)/i.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ allow: match[1]?.toLowerCase() === 'allow', pattern: match[2] as string }));
  const matching = rules.filter(({ pattern }) => {
    const anchored = pattern.endsWith('$');
    const body = (anchored ? pattern.slice(0, -1) : pattern).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    return pattern !== '' && new RegExp(`^${body}${anchored ? '$' : ''}`).test(path);
  });
  matching.sort((a, b) => b.pattern.length - a.pattern.length);
  return matching[0]?.allow ?? true;
}

describe('/robots.txt', () => {
  it('is plain text pointing at the absolute sitemap address', async () => {
    const response = await get('/robots.txt');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const body = await response.text();
    expect(body).toContain('User-agent: *');
    expect(body).toMatch(/^Sitemap: http:\/\/localhost:8787\/sitemap\.xml$/m);
  });

  it('keeps crawlers out of the desk only', async () => {
    await insertArticle({ slug: 'administrer-son-blog' });
    const body = await (await get('/robots.txt')).text();
    for (const path of ['/admin', '/admin/', '/admin/queue', '/admin/login']) {
      expect(isAllowed(body, path), path).toBe(false);
    }
    // Search results stay crawlable so that crawlers see their noindex.
    for (const path of ['/', '/administrer-son-blog', '/tag/web', '/feed.xml', '/sitemap.xml', '/search?q=blog']) {
      expect(isAllowed(body, path), path).toBe(true);
    }
    expect((await get('/administrer-son-blog')).status).toBe(200);
  });

  it('is cached like a page', async () => {
    const { cache } = recordingCacheContext();
    const response = await callWorker('/robots.txt', { env: { EDGE_CACHE: 'workers-cache' }, cache });
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=0, must-revalidate, s-maxage=\d+/);
    expect(response.headers.get('etag')).toMatch(/^"/);
  });
});
