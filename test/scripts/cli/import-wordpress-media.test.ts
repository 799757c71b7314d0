// `npm run import:wordpress -- themeunittestdata.wordpress.xml --local --uploads DIR`
// as someone leaving WordPress.com runs it, with a stand-in of the blog's
// uploads folder (a small valid file at each attachment's path): the blog's
// images end up in the local bucket and the posts point at /media/, and a
// second run copies and uploads nothing.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standInFile, writeStandInUploads } from '../../support/wordpress-uploads.ts';
import { d1Rows, migratedState } from './local-d1.ts';
import { commandEnv, node, ROOT } from './run-node.ts';

const THEME_UNIT_TEST = join(ROOT, 'test', 'data', 'wordpress', 'themeunittestdata.wordpress.xml');
const SELF_HOSTED = join(ROOT, 'test', 'data', 'wordpress', 'export.xml');
let tmp: string;
let state: string;
let uploads: string;
let content: string;

const importWithUploads = () =>
  node([
    'scripts/import-wordpress.ts',
    THEME_UNIT_TEST,
    '--local',
    '--persist-to',
    state,
    '--content',
    join(content, 'posts'),
    '--pages',
    join(content, 'pages'),
    '--uploads',
    uploads,
  ]);

/** Every file of content/media with the SHA-256 of its bytes. */
const copies = () => {
  const media = join(content, 'media');
  return Object.fromEntries(
    readdirSync(media, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort()
      .map((path) => [relative(media, path), createHash('sha256').update(readFileSync(path)).digest('hex')]),
  );
};

/** The keys of the local MEDIA bucket, as wrangler keeps it under --persist-to. */
const bucketKeys = (): string[] => {
  const dir = join(state, 'v3', 'r2', 'miniflare-R2BucketObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  const db = new DatabaseSync(join(dir, file as string), { readOnly: true });
  try {
    return db
      .prepare('SELECT key FROM _mf_objects ORDER BY key')
      .all()
      .map((row) => String(row.key));
  } finally {
    db.close();
  }
};

const mediaKeys = () => d1Rows<{ key: string }>(state, 'SELECT key FROM media ORDER BY key').map((row) => row.key);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'causerie-wordpress-media-'));
  state = migratedState(join(tmp, 'state'));
  uploads = join(tmp, 'uploads');
  content = join(tmp, 'content');
  writeStandInUploads(THEME_UNIT_TEST, uploads);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('import:wordpress --uploads', () => {
  it('copies the blog’s own files, publishes them to the bucket and points bodies and featured images at /media/', () => {
    const result = importWithUploads();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Media: 38 file(s) of the blog referenced: 37 copied, 0 already in content/media/wordpress, 1 left at their old address.',
    );
    // The file left behind is named, with why and the posts that use it: the one file the posts
    // use that is not among the export's attachments. The QuickTime video comes over.
    expect(copies()).toHaveProperty(['wordpress/2013/12/2014-slider-mobile-behavior.mov']);
    expect(result.stdout).toContain(
      `https://wpthemetestdata.files.wordpress.com/2018/11/file_block.pdf: not in ${uploads}; used by item #173 (wp:post_id 1730) (block-category-common)`,
    );
    expect(result.stdout).toMatch(/Media: 37 file\(s\) referenced, 37 uploaded to the local bucket/);
    expect(Object.keys(copies())).toHaveLength(37);
    expect(copies()).toHaveProperty(['wordpress/2013/03/featured-image-horizontal.jpg']);

    const article = (slug: string) =>
      d1Rows<{ body_html: string; image_url: string | null; image_width: number | null }>(
        state,
        `SELECT body_html, image_url, image_width FROM articles WHERE slug = '${slug}'`,
      )[0];
    const alignment = article('markup-image-alignment');
    expect(alignment?.body_html).toMatch(/<img [^>]*src="\/media\/image-alignment-580x300-[0-9a-f]{8}\.jpg"/);
    expect(alignment?.body_html).toMatch(/width="580" height="300"/);
    expect(alignment?.body_html).not.toContain('files.wordpress.com');
    const featured = article('template-featured-image-horizontal');
    expect(featured?.image_url).toMatch(/^\/media\/featured-image-horizontal-[0-9a-f]{8}\.jpg$/);
    // The left-over file keeps its old address.
    expect(article('block-category-common')?.body_html).toContain(
      'href="https://wpthemetestdata.files.wordpress.com/2018/11/file_block.pdf"',
    );
    // No <img> of any imported post still loads from the old blog.
    const oldImages = d1Rows<{ slug: string; body_html: string }>(
      state,
      'SELECT slug, body_html FROM articles',
    ).flatMap((row) =>
      [...row.body_html.matchAll(/<img\b[^>]*>/g)]
        .filter((tag) => tag[0].includes('files.wordpress.com'))
        .map((tag) => `${row.slug}: ${tag[0]}`),
    );
    expect(oldImages).toEqual([]);

    expect(mediaKeys()).toHaveLength(37);
    expect(bucketKeys()).toEqual(mediaKeys());
  });

  it('copies and uploads nothing when run again', () => {
    const files = copies();
    const keys = bucketKeys();
    const result = importWithUploads();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Media: 38 file(s) of the blog referenced: 0 copied, 37 already in content/media/wordpress, 1 left at their old address.',
    );
    expect(result.stdout).toContain('Media: 37 file(s) referenced, 0 uploaded to the local bucket.');
    expect(result.stdout).toContain('; 0 new or changed.');
    expect(copies()).toEqual(files);
    expect(bucketKeys()).toEqual(keys);
    expect(mediaKeys()).toEqual(keys);
  });
});

describe('import:wordpress --fetch-media', () => {
  /** The command, run while this process keeps answering as the old site. */
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: ROOT, env: commandEnv() });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it('downloads the self-hosted blog’s files from its old address, a missing size as its original, and not twice', async () => {
    const asked: string[] = [];
    // The old site: its uploads folder answers, but has no 640×427 copy of the photo.
    const site = createServer((request, response) => {
      const path = request.url ?? '/';
      asked.push(path);
      if (path === '/wp-content/uploads/2012/03/accueil.jpg') {
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        return response.end(standInFile('accueil.jpg', { width: 1200, height: 800 }));
      }
      response.writeHead(404);
      response.end();
    });
    site.listen(0, '127.0.0.1');
    await once(site, 'listening');
    try {
      const dir = join(tmp, 'self-hosted');
      const fetchState = migratedState(join(dir, 'state'));
      const old = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
      const exportFile = join(dir, 'export.xml');
      writeFileSync(exportFile, readFileSync(SELF_HOSTED, 'utf8').replace(/https?:\/\/ancien-carnet\.example/g, old));
      const args = [
        'scripts/import-wordpress.ts',
        exportFile,
        '--local',
        '--persist-to',
        fetchState,
        '--content',
        join(dir, 'content', 'posts'),
        '--fetch-media',
      ];

      const first = await run(args);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain(
        'Media: 2 file(s) of the blog referenced: 2 fetched, 0 already in content/media/wordpress, 0 left at their old address.',
      );
      expect(asked.sort()).toEqual([
        '/wp-content/uploads/2012/03/accueil-640x427.jpg',
        '/wp-content/uploads/2012/03/accueil.jpg',
      ]);
      const post = readFileSync(join(dir, 'content', 'posts', 'accueillir-les-nouveaux-venus.md'), 'utf8');
      expect(post).toContain('image: ../media/wordpress/2012/03/accueil.jpg\n');
      expect(post).toContain('src="../media/wordpress/2012/03/accueil.jpg"');
      const [row] = d1Rows<{ body_html: string; image_url: string; image_width: number }>(
        fetchState,
        "SELECT body_html, image_url, image_width FROM articles WHERE slug = 'accueillir-les-nouveaux-venus'",
      );
      expect(row?.image_url).toMatch(/^\/media\/accueil-[0-9a-f]{8}\.jpg$/);
      expect(row?.image_width).toBe(1200);
      expect(row?.body_html).toContain(`src="${row?.image_url}"`);
      expect(row?.body_html).not.toContain(`${old}/wp-content/uploads/`);

      asked.length = 0;
      const again = await run(args);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toContain('0 fetched, 2 already in content/media/wordpress');
      expect(again.stdout).toContain('Media: 1 file(s) referenced, 0 uploaded to the local bucket.');
      expect(asked).toEqual([]);
    } finally {
      site.closeAllConnections();
      site.close();
    }
  });
});
