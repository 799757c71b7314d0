// The Webmention endpoint: advertised, synchronous refusals with their
// reason, 202 then verification of the source (through the outbound stub).
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../fixtures';
import { BLOG, pageLinkingTo, sendWebmention, storedMention, stubPage, uniquePath } from '../support/webmention';
import { callWorker } from '../support/worker';

describe('receiving a Webmention', () => {
  it('verifies a source that links to the article and stores it as pending with what the page says', async () => {
    await insertArticle({ slug: 'recu' });
    const source = `https://source.example${uniquePath()}`;
    await stubPage(source, {
      body: pageLinkingTo(`${BLOG}/recu/`, { title: 'Réponse à « Reçu »', author: 'Ana', summary: 'Très bien.' }),
    });
    const response = await sendWebmention(source, `${BLOG}/recu`);
    expect(response.status).toBe(202);
    expect(await response.text()).toContain('vérifiée');
    const mention = await storedMention(source);
    expect(mention).toMatchObject({
      status: 'pending',
      verification: 'verified',
      kind: 'webmention',
      title: 'Réponse à « Reçu »',
      author_name: 'Ana',
      author_url: 'https://source.example/about',
      excerpt: 'Très bien.',
    });
  });

  it('advertises its endpoint in a Link header and in the page head', async () => {
    await insertArticle({ slug: 'annonce' });
    const response = await callWorker('/annonce');
    expect(response.headers.get('link')).toBe(`<${BLOG}/webmention>; rel="webmention"`);
    const page = await response.text();
    expect(page).toContain(`<link rel="webmention" href="${BLOG}/webmention">`);
    expect(page).toContain(`${BLOG}/annonce/trackback`);
  });
});
