// The demo blog as a search engine sees it: the reference article's preview
// and structured data, and the RSS article published in both languages.
import { beforeAll, describe, expect, it } from 'vitest';
import { getHtml } from '../fixtures';
import { loadDemoContent, REFERENCE_ARTICLE } from '../support/demo';

const BASE = 'http://localhost:8787';

beforeAll(async () => {
  await loadDemoContent();
});

function jsonLdGraph(html: string): Array<Record<string, unknown>> {
  const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return (JSON.parse(script ?? '{}') as { '@graph'?: Array<Record<string, unknown>> })['@graph'] ?? [];
}

describe('the demo blog', () => {
  it('previews the reference article with its image, credit and comments', async () => {
    const { html } = await getHtml(`/${REFERENCE_ARTICLE}`);
    // The featured image comes from the bucket, under its content-hashed name.
    expect(html).toMatch(new RegExp(`<meta property="og:image" content="${BASE}/media/communaute-[0-9a-f]{8}\\.svg">`));
    expect(html).toMatch(/<meta property="og:image:width" content="\d+">/);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    const posting = jsonLdGraph(html).find((node) => node['@type'] === 'BlogPosting');
    expect(posting?.image).toMatchObject({
      // French typography puts a no-break space before the colon at publish time.
      creditText: 'Illustration\u00a0: Causerie, CC BY 4.0',
      license: 'https://creativecommons.org/licenses/by/4.0/deed.fr',
    });
    const comments = posting?.comment as Array<Record<string, unknown>>;
    // The held demo comment is not among them; the author's reply points at its parent.
    expect(comments.length).toBe(Math.min(3, Number(posting?.commentCount)));
    expect(comments.some((comment) => comment.parentItem)).toBe(true);
  });

  it('links the English and French versions of the RSS article to each other', async () => {
    const english = (await getHtml('/rss-feeds-still-matter')).html;
    const french = (await getHtml('/les-flux-rss-comptent-encore')).html;
    for (const page of [english, french]) {
      expect(page).toContain(`<link rel="alternate" hreflang="en" href="${BASE}/rss-feeds-still-matter">`);
      expect(page).toContain(`<link rel="alternate" hreflang="fr" href="${BASE}/les-flux-rss-comptent-encore">`);
      expect(page).toContain(`<link rel="alternate" hreflang="x-default" href="${BASE}/les-flux-rss-comptent-encore">`);
    }
    expect(french).toContain('<html lang="fr">');
    expect(french).toContain('<title>Les flux RSS comptent encore – Causerie</title>');
  });
});
