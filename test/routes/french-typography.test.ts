// The demo blog's French articles keep the no-break spaces of their typography
// wherever their text is shown, not only in the article body: a plain space
// there lets a phone start a line with ":" or "»".
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { get, getHtml } from '../fixtures';
import { loadDemoContent, REFERENCE_ARTICLE } from '../support/demo';

// From the reference article's first paragraph, and from its description.
const EXCERPT = 'courant d’air\u00a0: les messages hors sujet';
const DESCRIPTION = 'garder un ton bienveillant\u00a0: quelques habitudes';

beforeAll(async () => {
  await loadDemoContent();
});

describe('French typography outside the article body', () => {
  it('is kept in the excerpts of the home page and of a tag page', async () => {
    expect((await getHtml('/')).html).toContain(EXCERPT);
    expect((await getHtml('/tag/communaute')).html).toContain(EXCERPT);
  });

  it('is kept in the text search reads and in the snippets its results show', async () => {
    const row = await env.DB.prepare('SELECT body_text FROM articles WHERE slug = ?1')
      .bind(REFERENCE_ARTICLE)
      .first<{ body_text: string }>();
    expect(row?.body_text).toContain(EXCERPT);
    expect(row?.body_text).toContain('Cette phrase m’est restée\u202f; elle rappelle');
    const { html } = await getHtml('/search?q=craint');
    expect(html).toContain('<mark>craint</mark>');
    expect(html).toContain('d’air\u00a0: les messages');
  });

  it('is kept in the meta, OpenGraph and JSON-LD descriptions of the article', async () => {
    const { html } = await getHtml(`/${REFERENCE_ARTICLE}`);
    expect(html).toMatch(new RegExp(`<meta name="description" content="[^"]*${DESCRIPTION}`));
    expect(html).toMatch(new RegExp(`<meta property="og:description" content="[^"]*${DESCRIPTION}`));
    const jsonLd = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.stringify(JSON.parse(jsonLd))).toContain(DESCRIPTION);
  });

  it('is kept in the feeds', async () => {
    const feed = (await (await get('/feed.json')).json()) as { items: { url: string; summary?: string }[] };
    const item = feed.items.find((entry) => entry.url.endsWith(`/${REFERENCE_ARTICLE}`));
    expect(item?.summary).toContain(DESCRIPTION);
    expect(await (await get('/atom.xml')).text()).toContain(DESCRIPTION);
  });
});
