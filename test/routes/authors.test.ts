// A blog with several authors: an article naming its author (front matter
// `author`) shows them in its byline, its feeds and its JSON-LD; /author/<slug>
// lists their articles; WordPress's author addresses lead there.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, get, getHtml, insertArticle, now } from '../fixtures';
import { callWorker, recordingCacheContext } from '../support/worker';

const CAMILLE = { name: 'Camille Martin', slug: 'camille-martin' };

async function signedBy(slugs: string[], author: { name: string; slug: string }): Promise<void> {
  await env.DB.batch(
    slugs.map((slug) =>
      env.DB.prepare('UPDATE articles SET author_name = ?1, author_slug = ?2 WHERE slug = ?3').bind(
        author.name,
        author.slug,
        slug,
      ),
    ),
  );
}

type Node = Record<string, unknown> & { '@type': string };

function blogPosting(html: string): Node {
  const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const graph = (JSON.parse(script) as { '@graph': Node[] })['@graph'];
  const found = graph.find((node) => node['@type'] === 'BlogPosting');
  if (!found) throw new Error('no BlogPosting in the page');
  return found;
}

const listed = (html: string) => [...html.matchAll(/<h2><a href="\/([^"]+)">/g)].map((match) => match[1]);

beforeAll(async () => {
  for (let i = 1; i <= 12; i++) {
    await insertArticle({ slug: `camille-${i}`, title: `Camille ${i}`, publishedAt: now() - (40 - i) * DAY });
  }
  await insertArticle({ slug: 'camille-draft', status: 'draft' });
  await insertArticle({ slug: 'camille-future', publishedAt: now() + DAY });
  await insertArticle({ slug: 'unsigned', title: 'Sans signature', publishedAt: now() - 2 * DAY });
  await insertArticle({ slug: 'in-english', language: 'en', publishedAt: now() - 45 * DAY });
  await insertArticle({ slug: 'signed-elise', title: 'Signé Élise', publishedAt: now() - 3 * DAY });
});

describe('a blog of one author', () => {
  // Before any article names its author: these addresses are asked only here (the cache keeps answers).
  it('keeps the blog as its author’s page, with no byline', async () => {
    const page = await get('/author/elise-durand/page/2');
    expect(page.status).toBe(301);
    expect(page.headers.get('location')).toBe('/?page=2');
    const { html } = await getHtml('/camille-5');
    expect(html).not.toContain('class="byline"');
    expect(blogPosting(html).author).toMatchObject({ name: 'Élise Durand' });
  });
});

describe('a blog of several authors', () => {
  beforeAll(async () => {
    await signedBy(
      Array.from({ length: 12 }, (_, i) => `camille-${i + 1}`),
      CAMILLE,
    );
    await signedBy(['camille-draft', 'camille-future', 'in-english'], CAMILLE);
    await signedBy(['signed-elise'], { name: 'Élise Durand', slug: 'elise-durand' });
    await env.DB.prepare(
      "INSERT INTO wordpress_authors (login, user_id, author_slug) VALUES ('cmartin', 7, 'camille-martin'), ('ghost', 9, 'ghost')",
    ).run();
  });

  it('shows « Par … » with a link to the author’s page, and gives them the JSON-LD and meta author', async () => {
    const { status, html } = await getHtml('/camille-12');
    expect(status).toBe(200);
    expect(html).toContain(
      '<span class="byline">Par <a href="/author/camille-martin" rel="author">Camille Martin</a></span> · Publié le',
    );
    const posting = blogPosting(html);
    expect(posting.author).toEqual({
      '@type': 'Person',
      '@id': 'http://localhost:8787/author/camille-martin#author',
      name: 'Camille Martin',
      url: 'http://localhost:8787/author/camille-martin',
    });
    // The blog's author still publishes it: a whole node, not a reference to one the page no longer has.
    expect(posting.publisher).toMatchObject({ '@type': 'Person', name: 'Élise Durand' });
    expect(html).toContain('<meta property="article:author" content="Camille Martin">');
  });

  it('says “By …” on an article in English', async () => {
    const { html } = await getHtml('/in-english');
    expect(html).toContain('<span class="byline">By <a href="/author/camille-martin" rel="author">Camille Martin</a>');
  });

  it('leaves an article without `author` to the blog’s author', async () => {
    const { html } = await getHtml('/unsigned');
    expect(html).not.toContain('class="byline"');
    expect(blogPosting(html).author).toMatchObject({ name: 'Élise Durand', url: 'http://localhost:8787/' });
    expect(html).toContain('<meta property="article:author" content="Élise Durand">');
  });

  it('names each article’s author in RSS, Atom and JSON Feed', async () => {
    const rss = await (await get('/feed.xml')).text();
    const item = (slug: string) =>
      rss.split('<item>').find((part) => part.includes(`<link>http://localhost:8787/${slug}</link>`)) ?? '';
    expect(item('camille-12')).toContain('<dc:creator>Camille Martin</dc:creator>');
    expect(item('unsigned')).toContain('<dc:creator>Élise Durand</dc:creator>');

    const atom = await (await get('/atom.xml')).text();
    const entry = (slug: string) =>
      atom.split('<entry>').find((part) => part.includes(`href="http://localhost:8787/${slug}"`)) ?? '';
    expect(entry('camille-12')).toContain(
      '<author><name>Camille Martin</name><uri>http://localhost:8787/author/camille-martin</uri></author>',
    );
    expect(entry('unsigned')).toContain('<author><name>Élise Durand</name><uri>http://localhost:8787/</uri></author>');
    // The feed itself stays the blog author's.
    expect(atom.split('<entry>')[0]).toContain('<author><name>Élise Durand</name>');

    const json = (await (await get('/feed.json')).json()) as {
      authors: { name: string }[];
      items: { url: string; authors: { name: string; url: string }[] }[];
    };
    expect(json.authors).toEqual([{ name: 'Élise Durand', url: 'http://localhost:8787/' }]);
    const byUrl = (slug: string) => json.items.find((entry) => entry.url === `http://localhost:8787/${slug}`);
    expect(byUrl('camille-12')?.authors).toEqual([
      { name: 'Camille Martin', url: 'http://localhost:8787/author/camille-martin' },
    ]);
    expect(byUrl('unsigned')?.authors).toEqual([{ name: 'Élise Durand', url: 'http://localhost:8787/' }]);
  });

  it('lists an author’s published articles in both languages, newest first, ten a page, with a count', async () => {
    const response = await get('/author/camille-martin');
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html).toContain('<h1>Articles de Camille Martin</h1>');
    expect(html).toContain('<p class="count">13 articles</p>');
    expect(html).toContain('<link rel="canonical" href="http://localhost:8787/author/camille-martin">');
    const first = listed(html);
    expect(first).toHaveLength(10);
    expect(first[0]).toBe('camille-12');
    expect(first).not.toContain('unsigned');
    expect(first).not.toContain('camille-draft');
    expect(first).not.toContain('camille-future');

    const second = await getHtml('/author/camille-martin?page=2');
    expect(listed(second.html)).toEqual(['camille-2', 'camille-1', 'in-english']);
    expect(second.html).toContain('<a rel="prev" href="/author/camille-martin">');
    expect((await get('/author/camille-martin?page=3')).status).toBe(404);
    expect((await get('/author/camille-martin?page=x')).status).toBe(400);
  });

  it('is purged with every list of articles (publishing, unpublishing, a scheduled article coming due)', async () => {
    const response = await callWorker('/author/camille-martin?page=2', {
      env: { EDGE_CACHE: 'workers-cache' },
      cache: recordingCacheContext().cache,
    });
    expect(response.status).toBe(200);
    expect((response.headers.get('cache-tag') ?? '').split(',')).toContain('articles');
  });

  it('gives the blog’s author the articles signed with their name and those signed by no one', async () => {
    const { status, html } = await getHtml('/author/elise-durand');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Articles d’Élise Durand</h1>');
    expect(listed(html)).toEqual(['unsigned', 'signed-elise']);
  });

  it('answers other spellings and WordPress’s /page/N with one 301 to the author’s page', async () => {
    for (const [from, to] of [
      ['/author/Camille-Martin/', '/author/camille-martin'],
      ['/author/camille-martin/page/2/', '/author/camille-martin?page=2'],
      ['/author/camille-martin?page=1', '/author/camille-martin'],
    ] as const) {
      const response = await get(from);
      expect(response.status, from).toBe(301);
      expect(response.headers.get('location'), from).toBe(to);
    }
  });

  it('leads WordPress’s author addresses (login, user id) to the author’s page', async () => {
    for (const [from, to] of [
      ['/author/cmartin/', '/author/camille-martin'],
      ['/author/CMartin', '/author/camille-martin'],
      ['/author/cmartin/page/2/', '/author/camille-martin?page=2'],
      ['/?author=7', '/author/camille-martin'],
      ['/?author=7&paged=2', '/author/camille-martin?page=2'],
      ['/?author_name=cmartin', '/author/camille-martin'],
      ['/?author_name=CMartin', '/author/camille-martin'],
      // No feed per author: the blog's, as before.
      ['/author/cmartin/feed/', '/feed.xml'],
      ['/?author=7&feed=atom', '/atom.xml'],
      // Nobody known by that name or number: the blog's pages, as before.
      ['/author/personne/', '/'],
      ['/?author=99', '/'],
      ['/?author=99&paged=3', '/?page=3'],
      // An author whose login is their slug, with no article listed (pages only): the blog, not a loop.
      ['/author/ghost', '/'],
    ] as const) {
      const response = await get(from);
      expect(response.status, from).toBe(301);
      expect(response.headers.get('location'), from).toBe(to);
    }
    // Followed: a 200 at the end, in one hop.
    expect((await get('/author/camille-martin')).status).toBe(200);
  });
});
