// Reading every file of one publish run: each problem of each file is
// reported on its own line, on the line of the file where it is, and when two
// files collide the new one is told, naming the other and the fix.
import { describe, expect, it } from 'vitest';
import { PostError, parsePost } from '../../scripts/lib/post.ts';
import { type ImageLookup, readPostSet, type SourceFile } from '../../scripts/lib/post-set.ts';
import { sourceHashOf } from '../../scripts/lib/sql.ts';

/** A 1×1 PNG: enough for the image size reader. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
);
const images: ImageLookup = (url) =>
  url === '/images/present.png' ? { bytes: PNG } : { problem: `image ${url} not found: put the file at public${url}` };

const file = (name: string, frontMatter: string, body = 'Corps.'): SourceFile => ({
  file: `content/posts/${name}.md`,
  source: `---\n${frontMatter}\n---\n${body}\n`,
});

const read = (files: SourceFile[], published?: Map<string, string>) =>
  readPostSet(files, { defaultLanguage: 'fr', readImage: images, published: published && (() => published) });

describe('every problem of a file, each on its line', () => {
  it('reports an unknown key, a bad date and a bad language of one file together, in line order', async () => {
    const { posts, errors } = await read([file('trois', 'title: Trois\nlanguage: de\nauteur: Élise\ndate: hier')]);
    expect(posts).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.problems).toEqual([
      { line: 3, reason: 'language must be "fr" or "en", not "de"' },
      { line: 4, reason: expect.stringMatching(/^unknown front matter key "auteur"/) },
      { line: 5, reason: expect.stringMatching(/^"hier" is not a date/) },
    ]);
    expect(errors[0]?.message.split('\n')).toEqual([
      'content/posts/trois.md:3: language must be "fr" or "en", not "de"',
      expect.stringMatching(/^content\/posts\/trois\.md:4: unknown front matter key "auteur"/),
      expect.stringMatching(/^content\/posts\/trois\.md:5: "hier" is not a date/),
    ]);
  });

  it('reports a missing title, a bad tag, a bad draft flag and an empty body of one file', () => {
    let caught: unknown;
    try {
      parsePost('content/posts/vide.md', '---\ndate: 2026-10-06\ntags: [Web, "!!"]\ndraft: oui\n---\n\n', 'fr');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PostError);
    expect((caught as PostError).problems.map((problem) => [problem.line, problem.reason])).toEqual([
      [2, 'the front matter needs a "title"'],
      [3, expect.stringMatching(/^tag "!!" cannot be used/)],
      [4, '"draft" must be true or false'],
      [6, 'the article has no body'],
    ]);
  });

  it('reports a missing image file on the line of "image:", with where to put it', async () => {
    const { errors } = await read([
      file(
        'illustre',
        'title: Illustré\ndate: 2026-10-06\n\ndescription: Une image.\nimage: /images/absente.png\nimage_alt: Rien',
      ),
    ]);
    expect(errors.map((error) => error.message)).toEqual([
      'content/posts/illustre.md:6: image /images/absente.png not found: put the file at public/images/absente.png',
    ]);
  });

  it('reads the size of an image that is there', async () => {
    const { posts, errors } = await read([
      file('illustre', 'title: Illustré\ndate: 2026-10-06\nimage: /images/present.png\nimage_alt: Un point'),
    ]);
    expect(errors).toEqual([]);
    expect(posts[0]?.post.imageSize).toEqual({ width: 1, height: 1 });
  });

  it('reports every broken file of the run, and the good files write nothing', async () => {
    const { posts, errors } = await read([
      file('a-bon', 'title: Bon\ndate: 2026-10-06'),
      file('b-casse', 'title: Cassé\ndate: 2026-10-06\nimage: /images/absente.png\nimage_alt: Rien\nlanguage: de'),
      file('c-casse', 'date: 2026-10-06'),
    ]);
    expect(posts).toEqual([]);
    expect(errors.map((error) => error.message)).toEqual([
      [
        'content/posts/b-casse.md:4: image /images/absente.png not found: put the file at public/images/absente.png',
        'content/posts/b-casse.md:6: language must be "fr" or "en", not "de"',
      ].join('\n'),
      'content/posts/c-casse.md:2: the front matter needs a "title"',
    ]);
  });
});

describe('two files with one slug or one old address', () => {
  const existing = file('mon-article', 'title: Mon article\ndate: 2026-01-05');
  // Sorted before the existing file: blaming the first in order would blame the wrong one.
  const added = file('a-nouveau', 'title: Nouveau\nslug: mon-article\ndate: 2026-10-06');

  it('blames the new file when D1 holds the other one unchanged, naming both and the fix', async () => {
    const published = new Map([['mon-article', await sourceHashOf(existing.source, 'null')]]);
    const { errors } = await read([added, existing], published);
    expect(errors.map((error) => error.message)).toEqual([
      'content/posts/a-nouveau.md:3: slug "mon-article" is already used by content/posts/mon-article.md, already published: two articles cannot share one address; give this file its own "slug:" line (or remove one of the two files)',
    ]);
  });

  it('asks for what D1 holds only when two files collide (reading it takes a wrangler run)', async () => {
    let asked = 0;
    const published = () => {
      asked++;
      return new Map<string, string>();
    };
    const options = { defaultLanguage: 'fr' as const, readImage: images, published };
    await readPostSet([existing, file('broken', 'title: Cassé\ndate: hier')], options);
    expect(asked).toBe(0);
    await readPostSet([added, existing], options);
    expect(asked).toBe(1);
  });

  it('blames the later file in name order when D1 holds neither', async () => {
    const { errors } = await read([added, existing]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.file).toBe('content/posts/mon-article.md');
    // Its slug comes from its name: the problem is the file as a whole.
    expect(errors[0]?.line).toBe(1);
    expect(errors[0]?.reason).toMatch(/^slug "mon-article" is already used by content\/posts\/a-nouveau\.md: /);
  });

  it('blames the later claim of an old WordPress address, on its line', async () => {
    const { errors } = await read([
      file('premier', 'title: Premier\ndate: 2026-01-05\nwordpress_id: 42'),
      file('second', 'title: Second\ndate: 2026-01-06\n\nwordpress_id: 42'),
    ]);
    expect(errors.map((error) => error.message)).toEqual([
      'content/posts/second.md:5: old WordPress address /?p=42 is already claimed by content/posts/premier.md: only one article can answer it; remove wordpress_id from one of the two files',
    ]);
  });

  it('lists a collision with the other problems of the same file', async () => {
    const { errors } = await read([
      existing,
      file(
        'z-double',
        'title: Double\nslug: mon-article\ndate: 2026-10-06\nimage: /images/absente.png\nimage_alt: Rien',
      ),
    ]);
    expect(errors.map((error) => error.message.split('\n'))).toEqual([
      [
        expect.stringMatching(
          /^content\/posts\/z-double\.md:3: slug "mon-article" is already used by content\/posts\/mon-article\.md: /,
        ),
        'content/posts/z-double.md:5: image /images/absente.png not found: put the file at public/images/absente.png',
      ],
    ]);
  });
});
