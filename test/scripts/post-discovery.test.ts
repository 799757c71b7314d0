// Front matter that discovery needs: the translation link (hreflang), the old
// WordPress address (301 redirects) and the plain text the search index reads.
import { describe, expect, it } from 'vitest';
import mainArticle from '../../content/posts/animer-une-communaute-en-ligne.md?raw';
import { normaliseLegacyPath, PostError, parsePost } from '../../scripts/lib/post.ts';

const FILE = 'content/posts/mon-billet.md';

function post(
  frontMatter: string,
  body = 'Un *premier* paragraphe.\n\nUn second, avec [un lien](https://example.org/).',
) {
  return parsePost(FILE, `---\ntitle: Mon billet\ndate: 2026-10-06\n${frontMatter}\n---\n\n${body}\n`, 'fr');
}

function reasonOf(frontMatter: string): { line: number; reason: string } {
  try {
    post(frontMatter);
  } catch (error) {
    if (error instanceof PostError) return { line: error.line, reason: error.reason };
    throw error;
  }
  throw new Error('expected a PostError, but the post was accepted');
}

describe('the old WordPress address', () => {
  it('is read from wordpress_id and wordpress_path, the path as the Worker looks it up', () => {
    const { legacy } = post('wordpress_id: 42\nwordpress_path: /2012/03/14/Mon-Billet/');
    expect(legacy).toEqual({ wordpressId: 42, path: '/2012/03/14/mon-billet' });
  });

  it('accepts the old full URL and percent-encoded paths', () => {
    expect(normaliseLegacyPath('https://vieux-blog.example/2012/03/14/r%C3%A9ponse/')).toBe('/2012/03/14/réponse');
    expect(normaliseLegacyPath('/')).toBeNull();
    expect(normaliseLegacyPath('2012/03/14/x')).toBeNull();
    expect(normaliseLegacyPath('/a b')).toBeNull();
    expect(normaliseLegacyPath('/%E0%A4%A')).toBeNull();
  });

  it('is absent from ordinary posts', () => {
    expect(post('').legacy).toEqual({ wordpressId: null, path: null });
  });

  it('names the line of a bad value', () => {
    expect(reasonOf('tags: [a]\nwordpress_id: -3')).toEqual({
      line: 5,
      reason: expect.stringContaining('wordpress_id must be the old post number'),
    });
    expect(reasonOf('wordpress_id: "douze"').reason).toContain('wordpress_id must be the old post number');
    expect(reasonOf('wordpress_path: mon-billet').reason).toContain('wordpress_path must be the old address');
  });

  it('is carried by the reference article, as it lived on the old blog', () => {
    const { legacy } = parsePost('content/posts/animer-une-communaute-en-ligne.md', mainArticle, 'fr');
    expect(legacy).toEqual({ wordpressId: 1287, path: '/2012/03/14/animer-une-communaute-en-ligne' });
  });
});

describe('the translation link', () => {
  it('names the slug of the same article in the other language', () => {
    expect(post('translation: my-post').translation).toBe('my-post');
    expect(post('').translation).toBeNull();
  });

  it('refuses a slug that cannot exist, or the article itself', () => {
    expect(reasonOf('translation: My Post').reason).toContain('translation "My Post" must be the slug');
    expect(reasonOf('slug: mon-billet\ntranslation: mon-billet').reason).toContain('must be the slug');
  });
});

describe('the search text', () => {
  it('is the whole body as plain text, words of separate blocks kept apart', () => {
    const { bodyText } = post('', '# Titre\n\nPremier *paragraphe*.\n\n- un\n- deux\n\nFin &amp; <b>gras</b>');
    expect(bodyText).toBe('Titre Premier paragraphe. un deux Fin & gras');
  });
});

describe('reserved slugs', () => {
  it.each(['admin', 'search', 'feed', 'tag', 'webmention'])(
    'refuses "%s", an address the blog answers itself',
    (slug) => {
      expect(reasonOf(`slug: ${slug}`).reason).toBe(
        `slug "${slug}" is an address the blog itself uses (/${slug}): choose another one`,
      );
    },
  );

  it('still accepts slugs that merely start like one', () => {
    expect(post('slug: administrer-son-blog').slug).toBe('administrer-son-blog');
  });
});
