// Posts whose WordPress slug is one of the blog's own addresses ("/archives",
// "/comments") are imported under the next free slug. What their old
// addresses answer once imported into the Worker's D1, as a visitor sees it.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { convertExport } from '../../scripts/lib/wordpress/convert.ts';
import exportXml from '../data/wordpress/export.xml?raw';
import { get } from '../fixtures.ts';

/** The draft of the test export, published. */
const draft = /<item>\s*<title><!\[CDATA\[Brouillon[\s\S]*?<\/item>/.exec(exportXml)?.[0] ?? '';

/** The test export, its three posts moved to /archives/, /search/ and /comments/ on the old blog. */
const renamedXml = exportXml
  .replace('/2012/03/14/accueillir-les-nouveaux-venus/</link>', '/archives/</link>')
  .replace('<![CDATA[accueillir-les-nouveaux-venus]]></wp:post_name>', '<![CDATA[archives]]></wp:post_name>')
  .replace('/2012/05/02/moderation-lart-de-dire-non/</link>', '/comments/</link>')
  .replace('<![CDATA[moderation-lart-de-dire-non]]></wp:post_name>', '<![CDATA[comments]]></wp:post_name>')
  .replace(
    draft,
    draft
      .replace('/?p=1402</link>', '/search/</link>')
      .replace('<![CDATA[]]></wp:post_name>', '<![CDATA[search]]></wp:post_name>')
      .replace('<![CDATA[draft]]></wp:status>', '<![CDATA[publish]]></wp:status>'),
  );

const locationOf = (response: Response) =>
  new URL(response.headers.get('location') ?? '', 'http://localhost:8787').pathname;

beforeAll(async () => {
  const converted = convertExport(renamedXml, {
    timeZone: 'Europe/Paris',
    defaultLanguage: 'fr',
    blogUrl: 'http://localhost:8787',
  });
  expect(converted.renamed.map(({ from, to }) => [from, to])).toEqual([
    ['archives', 'archives-2'],
    ['comments', 'comments-2'],
    ['search', 'search-2'],
  ]);
  const posts = await Promise.all(
    converted.posts.map(async (imported) => ({
      post: parsePost(`${imported.slug}.md`, imported.markdown, 'fr'),
      sourceHash: await sourceHashOf(imported.markdown),
    })),
  );
  for (const statement of buildPublishStatements(posts, Math.floor(Date.now() / 1000)))
    await env.DB.prepare(statement).run();
});

describe('a post imported under a new slug because the blog uses its old one', () => {
  it('is read at its new address, and /?p=ID leads there', async () => {
    expect((await get('/archives-2')).status).toBe(200);
    const byId = await get('/?p=1312');
    expect(byId.status).toBe(301);
    expect(locationOf(byId)).toBe('/archives-2');
  });

  it('is reached from its old address as WordPress wrote it, with its slash', async () => {
    for (const [old, to] of [
      ['/archives/', '/archives-2'],
      ['/search/', '/search-2'],
      ['/comments/', '/comments-2'],
    ] as const) {
      const response = await get(old);
      expect(response.status, old).toBe(301);
      expect(locationOf(response), old).toBe(to);
      expect((await get(to)).status, to).toBe(200);
    }
  });

  it('leaves the blog’s own pages at their own addresses, without the slash', async () => {
    const archives = await get('/archives');
    expect(archives.status).toBe(200);
    expect(await archives.text()).not.toContain('Un forum qui vit');
    expect((await get('/search')).status).toBe(200);
  });
});
