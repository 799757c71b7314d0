// The `author` front matter key: read from an article or a page, refused with
// its line when it cannot name a page, and published into D1 (written,
// changed, taken away), as `npm run content:publish` sends it.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PostError, parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { get } from '../fixtures';

const article = (extra: string, slug = 'un-billet') =>
  `---\ntitle: Un billet\nslug: ${slug}\ndate: 2026-03-01T10:00:00+01:00\n${extra}---\nCorps du billet.\n`;

function problemOf(source: string, kind: 'article' | 'page' = 'article'): { line: number; reason: string } {
  try {
    parsePost('content/posts/un-billet.md', source, 'fr', undefined, kind);
  } catch (error) {
    if (error instanceof PostError) return { line: error.line, reason: error.reason };
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the author key', () => {
  it('names the article’s author, spaces tidied, with the address of their page', () => {
    const post = parsePost('content/posts/un-billet.md', article('author: "  Camille   Martin "\n'), 'fr');
    expect(post.author).toEqual({ name: 'Camille Martin', slug: 'camille-martin' });
    expect(parsePost('content/posts/un-billet.md', article(''), 'fr').author).toBeNull();
  });

  it('is a page’s key too', () => {
    const page = parsePost(
      'content/pages/a-propos.md',
      '---\ntitle: À propos\nauthor: Zoé Lefèvre\n---\nQui nous sommes.\n',
      'fr',
      undefined,
      'page',
    );
    expect(page.author).toEqual({ name: 'Zoé Lefèvre', slug: 'zoe-lefevre' });
  });

  it('refuses, on its line, a name with no letter or digit, one too long, and a list', () => {
    expect(problemOf(article('author: "—"\n'))).toEqual({
      line: 5,
      reason: 'author "—" needs a letter or a digit: its page\'s address (/author/…) is made from them',
    });
    expect(problemOf(article(`author: ${'A'.repeat(101)}\n`))).toEqual({
      line: 5,
      reason: "the author's name is 101 characters long: 100 at most",
    });
    expect(problemOf(article('author: [Camille, Zoé]\n'))).toEqual({ line: 5, reason: '"author" must be text' });
  });
});

describe('publishing the author', () => {
  async function publish(source: string): Promise<void> {
    const post = parsePost('content/posts/un-billet.md', source, 'fr');
    const statements = buildPublishStatements([{ post, sourceHash: await sourceHashOf(source) }], 1_790_000_000);
    await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
  }
  const row = () =>
    env.DB.prepare("SELECT author_name, author_slug FROM articles WHERE slug = 'un-billet'").first<{
      author_name: string | null;
      author_slug: string | null;
    }>();

  it('writes it, changes it, and takes it away with the key', async () => {
    await publish(article('author: Camille Martin\n'));
    expect(await row()).toEqual({ author_name: 'Camille Martin', author_slug: 'camille-martin' });
    expect((await get('/author/camille-martin')).status).toBe(200);

    await publish(article('author: Zoé Lefèvre\n'));
    expect(await row()).toEqual({ author_name: 'Zoé Lefèvre', author_slug: 'zoe-lefevre' });

    await publish(article(''));
    expect(await row()).toEqual({ author_name: null, author_slug: null });
    // No byline left anywhere: the only author's page is the blog itself again.
    const gone = await get('/author/zoe-lefevre');
    expect(gone.status).toBe(301);
    expect(gone.headers.get('location')).toBe('/');
  });
});
