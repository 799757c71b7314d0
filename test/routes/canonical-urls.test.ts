// One address per page: every other spelling answers a single 301 to the
// final canonical URL, never a chain; the desk and static files are left alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { get, insertArticle } from '../fixtures';

beforeAll(async () => {
  await insertArticle({ slug: 'bonjour', tags: ['Web'] });
  await insertArticle({ slug: 'nouveau-nom', legacyPath: '/ancien-nom' });
  // Its old address is the slug of a live article: the live article keeps it.
  await insertArticle({ slug: 'autre', legacyPath: '/bonjour' });
});

const REDIRECTS: [string, string][] = [
  ['/bonjour/', '/bonjour'],
  ['/bonjour///', '/bonjour'],
  ['/Bonjour', '/bonjour'],
  ['/BONJOUR/', '/bonjour'],
  ['/bonjour?cpage=1', '/bonjour'],
  ['/Bonjour/?cpage=2', '/bonjour?cpage=2'],
  ['/?page=1', '/'],
  ['/?page=01', '/'],
  ['/index.php', '/'],
  ['/INDEX.PHP?page=2', '/?page=2'],
  ['/index.php/bonjour/', '/bonjour'],
  ['/tag/Web/', '/tag/web'],
  ['/TAG/WEB?page=1', '/tag/web'],
  ['/Tag/Web/?page=3', '/tag/web?page=3'],
  ['/tag//web', '/tag/web'],
  ['/Feed.XML', '/feed.xml'],
  ['/tag/web/Atom.xml', '/tag/web/atom.xml'],
  ['/Search?q=Caf%C3%A9', '/search?q=Caf%C3%A9'],
  ['/Bonjour?utm_source=mastodon&cpage=2', '/bonjour?cpage=2'],
  ['/CAF%c3%a9', '/caf%C3%A9'],
  // "//host" in a Location would leave the blog.
  ['//evil.example/', '/evil.example'],
  ['//evil.example//x', '/evil.example/x'],
  // An old address that is not a WordPress date permalink: straight to the article.
  ['/Ancien-Nom/', '/nouveau-nom'],
];

describe('canonical URLs', () => {
  it.each(REDIRECTS)('%s answers 301 to %s in one hop', async (from, to) => {
    const response = await get(from);
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(to);
    const target = await get(to);
    expect(target.status, `${to} itself`).not.toBe(301);
  });

  it.each([
    '/',
    '/bonjour',
    '/tag/web',
    '/?page=2',
    '/tag/web?page=2',
    '/bonjour?cpage=2',
    '/?page=1&page=2',
    '/search?q=Bonjour',
    '/feed.xml',
  ])('leaves the canonical %s as it is', async (path) => {
    expect((await get(path)).status).not.toBe(301);
  });

  it('sends an old address that is still a live article’s slug to that article', async () => {
    const response = await get('/Bonjour/');
    expect(response.headers.get('location')).toBe('/bonjour');
    expect((await get('/bonjour')).status).toBe(200);
  });

  it('sends the canonical spelling of an old address to its article, when no page lives there', async () => {
    const response = await get('/ancien-nom');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/nouveau-nom');
  });

  it.each(['/admin/', '/admin/queue/', '/images/Communaute.SVG/', '/js/Comment-Form.js', '/_causerie/cache/purge/'])(
    'leaves %s alone: the desk, static files and internal paths are never rewritten',
    async (path) => {
      expect((await get(path)).status).not.toBe(301);
    },
  );

  it('answers HEAD like GET, without a body', async () => {
    const head = await get('/Bonjour/', { method: 'HEAD' });
    expect(head.status).toBe(301);
    expect(head.headers.get('location')).toBe('/bonjour');
    const legacyHead = await get('/ancien-nom/', { method: 'HEAD' });
    expect(legacyHead.headers.get('location')).toBe('/nouveau-nom');
  });

  it('does not redirect a POST (the body would be lost): its path gets the usual answer', async () => {
    const response = await get('/Bonjour/', { method: 'POST' });
    expect(response.status).not.toBe(301);
  });
});
