// Publishing an article's files: names, references rewritten in the rendered
// HTML, sizes, lazy loading, players, and the problems an author is told.
import { describe, expect, it } from 'vitest';
import {
  isLocalFileReference,
  MediaLibrary,
  mediaKey,
  rewriteMediaReferences,
  sha256Hex,
} from '../../scripts/lib/media.ts';
import { readVideoSize } from '../../scripts/lib/video-size.ts';

const u32be = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const png = (width: number, height: number) =>
  new Uint8Array([
    0x89,
    ...'PNG\r\n'.split('').map((c) => c.charCodeAt(0)),
    0x1a,
    0x0a,
    ...u32be(13),
    73,
    72,
    68,
    82,
    ...u32be(width),
    ...u32be(height),
    8,
    6,
    0,
    0,
    0,
  ]);
const text = (value: string) => new TextEncoder().encode(value);

const FILES: Record<string, Uint8Array> = {
  'content/media/Photo été.PNG': png(800, 600),
  'content/media/second.png': png(400, 300),
  'content/media/son.mp3': text('ID3 not really an mp3'),
  'content/media/plan.pdf': text('%PDF-1.4'),
  'content/media/anim.gif': text('GIF89a'),
  'content/posts/a-cote.jpg': text('not read for its size'),
  'content/media/page.html': text('<script>'),
};
const PUBLIC: Record<string, Uint8Array> = { '/images/carte.png': png(320, 200) };

function library() {
  const reads: string[] = [];
  const media = new MediaLibrary({
    root: 'content',
    read: (path) => {
      reads.push(path);
      return FILES[path] ?? null;
    },
    readPublic: (path) => PUBLIC[path] ?? null,
  });
  return { media, reads };
}

const POST = 'content/posts/billet.md';
const keyOf = async (path: string) => mediaKey(path, await sha256Hex(FILES[path] as Uint8Array));

describe('mediaKey', () => {
  it('keeps the name readable and its case, adds 8 characters of the hash, lowercases the extension', () => {
    const hash = 'a1b2c3d4e5f6';
    expect(mediaKey('content/media/Photo été.PNG', hash)).toBe('Photo-ete-a1b2c3d4.png');
    expect(mediaKey('x/../..weird name!.Jpeg', hash)).toBe('weird-name-a1b2c3d4.jpeg');
    expect(mediaKey('content/media/.png', hash)).toBe('fichier-a1b2c3d4.png');
  });
});

describe('isLocalFileReference', () => {
  it.each(['../media/photo.jpg', 'photo.jpg', './son.mp3?v=2', 'dossier/plan.pdf#page=2'])('%s is a file', (url) => {
    expect(isLocalFileReference(url)).toBe(true);
  });
  it.each([
    '/images/carte.png',
    'https://exemple.fr/a.png',
    '//cdn.exemple/a.png',
    '#note',
    'autre-article',
    'autre.md',
    'mailto:a@b.fr',
    'data:image/png;base64,AA',
  ])('%s is not', (url) => {
    expect(isLocalFileReference(url)).toBe(false);
  });
});

describe('rewriteMediaReferences', () => {
  it('points images at /media/ with their size; the first loads at once, the others lazily', async () => {
    const { media } = library();
    const html =
      '<p>Avant <img src="../media/Photo%20%C3%A9t%C3%A9.PNG" alt="Été"> et <img src="../media/second.png" alt="Deux"></p>\n<p>Reste &amp; intact.</p>';
    const result = await rewriteMediaReferences(html, POST, media);
    const first = await keyOf('content/media/Photo été.PNG');
    const second = await keyOf('content/media/second.png');
    expect(result.html).toBe(
      `<p>Avant <img src="/media/${first}" alt="Été" width="800" height="600"> et <img src="/media/${second}" alt="Deux" width="400" height="300" loading="lazy" decoding="async"></p>\n<p>Reste &amp; intact.</p>`,
    );
    expect(result.keys).toEqual([first, second]);
    expect(result.problems).toEqual([]);
  });

  it('loads every image lazily after a featured image, and keeps a size or loading the author wrote', async () => {
    const { media } = library();
    const html =
      '<img src="../media/second.png" alt="" width="40" height="30"><img src="/images/carte.png" alt="" loading="eager">';
    const result = await rewriteMediaReferences(html, POST, media, { eagerImages: 0 });
    const key = await keyOf('content/media/second.png');
    expect(result.html).toBe(
      `<img src="/media/${key}" alt="" width="40" height="30" loading="lazy" decoding="async"><img src="/images/carte.png" alt="" loading="eager" width="320" height="200">`,
    );
  });

  it('rewrites every src, href, poster and srcset of any markup, galleries and figures included', async () => {
    const { media, reads } = library();
    const html =
      '<figure class="gallery"><a href="../media/second.png"><img src="../media/second.png" srcset="../media/second.png 1x, https://ailleurs.fr/b.png 2x" alt="B"></a><figcaption>Légende</figcaption></figure><p><a href="../media/plan.pdf">Le plan</a> <a href="https://exemple.fr/x.pdf">ailleurs</a></p><video poster="../media/second.png" src="https://exemple.fr/v.mp4"></video>';
    const result = await rewriteMediaReferences(html, POST, media);
    const png = `/media/${await keyOf('content/media/second.png')}`;
    const pdf = `/media/${await keyOf('content/media/plan.pdf')}`;
    expect(result.html).toBe(
      `<figure class="gallery"><a href="${png}"><img src="${png}" srcset="${png} 1x, https://ailleurs.fr/b.png 2x" alt="B" width="400" height="300"></a><figcaption>Légende</figcaption></figure><p><a href="${pdf}">Le plan</a> <a href="https://exemple.fr/x.pdf">ailleurs</a></p><video poster="${png}" src="https://exemple.fr/v.mp4"></video>`,
    );
    // Each file is read and hashed once, however often it is referenced.
    expect(reads.filter((path) => path === 'content/media/second.png')).toHaveLength(1);
    expect((await media.files()).map((file) => file.path)).toEqual([
      'content/media/plan.pdf',
      'content/media/second.png',
    ]);
  });

  it('turns an image whose file is a sound into a player with a download link', async () => {
    const { media } = library();
    const result = await rewriteMediaReferences(
      '<p><img src="../media/son.mp3" alt="Le signal &amp; son écho"></p>',
      POST,
      media,
    );
    const url = `/media/${await keyOf('content/media/son.mp3')}`;
    expect(result.html).toBe(
      `<p><audio controls preload="metadata" src="${url}" aria-label="Le signal &amp; son écho"><a href="${url}">Le signal &amp; son écho</a></audio></p>`,
    );
    const [file] = await media.files();
    expect(file).toMatchObject({ contentType: 'audio/mpeg', kind: 'audio', size: 21 });
  });

  it('names every reference it cannot publish, and leaves it as it was', async () => {
    const { media } = library();
    const html =
      '<img src="../media/absente.png" alt=""><a href="../media/page.html">p</a><a href="../../../secret.txt">s</a><a href="../media/notes.docx">n</a>';
    const result = await rewriteMediaReferences(html, POST, media);
    expect(result.html).toBe(html);
    expect(result.problems).toEqual([
      {
        url: '../media/absente.png',
        reason: '../media/absente.png not found: put the file at content/media/absente.png (or fix the path)',
      },
      { url: '../../../secret.txt', reason: '../../../secret.txt is outside content/' },
      {
        url: '../media/notes.docx',
        reason: expect.stringMatching(
          /^\.\.\/media\/notes\.docx is not a kind of file the blog serves \(it serves \.avif, /,
        ),
      },
    ]);
  });

  it('resolves a file beside the post', async () => {
    const { media } = library();
    const result = await rewriteMediaReferences('<a href="a-cote.jpg">photo</a>', POST, media);
    expect(result.html).toBe(`<a href="/media/${await keyOf('content/posts/a-cote.jpg')}">photo</a>`);
  });
});

describe('readVideoSize', () => {
  const box = (type: string, payload: number[]) => [...u32be(8 + payload.length), ...text(type), ...payload];
  it('reads an MP4 track header (16.16 fixed point)', () => {
    const tkhd = box('tkhd', [0, 0, 0, 3, ...Array(72).fill(0), ...u32be(640 << 16), ...u32be(360 << 16)]);
    const mp4 = new Uint8Array([...box('ftyp', [...text('isom'), 0, 0, 2, 0]), ...box('moov', box('trak', tkhd))]);
    expect(readVideoSize(mp4)).toEqual({ width: 640, height: 360 });
  });

  it('reads a WebM video track (PixelWidth, PixelHeight)', () => {
    const element = (id: number[], payload: number[]) => [...id, 0x80 | payload.length, ...payload];
    const video = element([0xe0], [...element([0xb0], [0x01, 0x40]), ...element([0xba], [0xb4])]);
    const webm = new Uint8Array([
      ...element([0x1a, 0x45, 0xdf, 0xa3], element([0x42, 0x82], text('webm') as unknown as number[])),
      ...element([0x18, 0x53, 0x80, 0x67], element([0x16, 0x54, 0xae, 0x6b], element([0xae], video))),
    ]);
    expect(readVideoSize(webm)).toEqual({ width: 320, height: 180 });
  });

  it('answers null for anything else', () => {
    expect(readVideoSize(text('not a video'))).toBeNull();
  });
});

describe('publishing posts with media (readPostSet)', () => {
  const post = (body: string) => ({
    file: 'content/posts/billet.md',
    source: `---\ntitle: Billet\ndate: 2026-10-06\n---\nPremier paragraphe.\n\n${body}\n`,
  });
  const read = async (files: Record<string, Uint8Array>, body: string) => {
    const { readPostSet } = await import('../../scripts/lib/post-set.ts');
    const media = new MediaLibrary({ root: 'content', read: (path) => files[path] ?? null });
    return readPostSet([post(body)], { defaultLanguage: 'fr', readImage: () => ({ problem: 'none' }), media });
  };

  it('writes the article again when a file it shows changes, though its Markdown did not', async () => {
    const body = '![Carte](../media/carte.png)';
    const before = await read({ 'content/media/carte.png': png(100, 50) }, body);
    const after = await read({ 'content/media/carte.png': png(200, 100) }, body);
    expect(before.posts[0]?.post.bodyHtml).toMatch(
      /src="\/media\/carte-[0-9a-f]{8}\.png" alt="Carte" width="100" height="50"/,
    );
    expect(after.posts[0]?.post.bodyHtml).toMatch(/width="200" height="100"/);
    expect(after.posts[0]?.sourceHash).not.toBe(before.posts[0]?.sourceHash);
  });

  it('reports a missing file on the line of the post that names it', async () => {
    const { posts, errors } = await read({}, 'Texte.\n\n![Plan](../media/plan.png)');
    expect(posts).toEqual([]);
    expect(errors.map((error) => error.message)).toEqual([
      'content/posts/billet.md:9: ../media/plan.png not found: put the file at content/media/plan.png (or fix the path)',
    ]);
  });
});
