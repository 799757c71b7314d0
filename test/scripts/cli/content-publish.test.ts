// `node scripts/content-publish.ts`, run as an author runs it, against a
// throw-away local D1 (wrangler's --persist-to), with wrangler doing the writes.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1Rows, migratedState } from './local-d1.ts';
import { node, ROOT } from './run-node.ts';

let tmp: string;
let posts: string;
let state: string;

const publish = (...extra: string[]) =>
  node([
    'scripts/content-publish.ts',
    '--local',
    '--persist-to',
    state,
    '--content',
    posts,
    '--public',
    'public',
    ...extra,
  ]);

const articles = () =>
  d1Rows<{ slug: string; title: string; image_width: number | null }>(
    state,
    'SELECT slug, title, image_width FROM articles ORDER BY slug',
  );

const writePost = (name: string, content: string) => writeFileSync(join(posts, name), content);

const ALPHA = `---
title: "Alpha : premier billet"
date: 2026-01-05T09:00:00+01:00
tags: [Communauté, Blog]
image: ../media/communaute.svg
image_alt: Des bulles de dialogue
---
Bonjour ! ![Le signal](../media/notification.wav)
`;

const BETA = `---
title: Beta
date: 2026-01-06T09:00:00+01:00
language: en
---
Hello.
`;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'causerie-cli-'));
  posts = join(tmp, 'posts');
  state = migratedState(join(tmp, 'state'));
  mkdirSync(posts);
  cpSync(join(ROOT, 'content', 'media'), join(tmp, 'media'), { recursive: true });
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('content:publish', () => {
  it('refuses to run without --local or --remote, saying how to run it', () => {
    const result = node(['scripts/content-publish.ts', '--content', posts]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).toContain('say where to publish: npm run content:publish -- --local (or --remote)');
  });

  it('publishes the posts, with the size of their local image, and uploads their files to the local bucket', () => {
    writePost('alpha.md', ALPHA);
    writePost('beta.md', BETA);
    const result = publish();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Published 2 article(s) to the local D1 (0 draft(s)); 2 new or changed: alpha, beta.',
    );
    expect(result.stdout).toMatch(
      /Media: 2 file\(s\) referenced, 2 uploaded to the local bucket: .*communaute\.svg, .*notification\.wav\./,
    );
    expect(d1Rows<{ key: string }>(state, 'SELECT key FROM media ORDER BY key').map((row) => row.key)).toEqual([
      expect.stringMatching(/^communaute-[0-9a-f]{8}\.svg$/),
      expect.stringMatching(/^notification-[0-9a-f]{8}\.wav$/),
    ]);
    const [alpha] = d1Rows<{ image_url: string; body_html: string }>(
      state,
      "SELECT image_url, body_html FROM articles WHERE slug = 'alpha'",
    );
    expect(alpha?.image_url).toMatch(/^\/media\/communaute-[0-9a-f]{8}\.svg$/);
    expect(alpha?.body_html).toMatch(/<audio controls preload="metadata" src="\/media\/notification-[0-9a-f]{8}\.wav"/);
    expect(articles()).toEqual([
      { slug: 'alpha', title: 'Alpha\u00a0: premier billet', image_width: 1200 },
      { slug: 'beta', title: 'Beta', image_width: null },
    ]);
  });

  it('reports nothing new when run again on the same files', () => {
    const result = publish();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Published 2 article(s) to the local D1 (0 draft(s)); 0 new or changed.');
    // The bucket was asked, and has both files.
    expect(result.stdout).toContain('Media: 2 file(s) referenced, 0 uploaded to the local bucket.');
  });

  it('reports just the edited post', () => {
    writePost('beta.md', BETA.replace('title: Beta', 'title: Beta, edited'));
    const result = publish();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('; 1 new or changed: beta.');
    expect(articles().map((row) => row.title)).toEqual(['Alpha\u00a0: premier billet', 'Beta, edited']);
  });

  it('writes nothing at all when one file is broken, and says where', () => {
    const before = articles();
    // Both good files are edited too: none of it may reach the database.
    writePost('alpha.md', ALPHA.replace('Alpha', 'Alpha modifié'));
    writePost('beta.md', BETA.replace('title: Beta', 'title: Beta again'));
    const broken = join(posts, 'gamma.md');
    writeFileSync(broken, '---\ntitle: Gamma\nslug: gamma\ndate: yesterday\n---\nCorps.\n');

    const result = publish();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).toContain(`${relative(ROOT, broken)}:4: "yesterday" is not a date`);
    expect(result.stdout).not.toContain('Published');
    expect(articles()).toEqual(before);
    rmSync(broken);
  });

  it('lists every broken file, not only the first', () => {
    writePost(
      'delta.md',
      '---\ntitle: Delta\ndate: 2026-01-01\nauteur: Élise\nimage: /images/absente.svg\nimage_alt: Rien\n---\nCorps.\n',
    );
    writePost('epsilon.md', '---\ntitle: Epsilon\ndate: 2026-01-01\nlanguage: de\n---\nCorps.\n');
    writePost('zeta.md', '---\ntitle: Zeta\ndate: 2026-01-01\n---\nCorps.\n\n![Plan](../media/absent.png)\n');
    const result = publish();
    expect(result.status).toBe(1);
    const delta = relative(ROOT, join(posts, 'delta.md'));
    // Every problem of every file, each on its own line.
    expect(result.stderr).toContain(`${delta}:4: unknown front matter key "auteur"`);
    expect(result.stderr).toContain(
      `${delta}:5: image /images/absente.svg not found: put the file at ${join('public', 'images', 'absente.svg')}`,
    );
    expect(result.stderr).toContain(`${relative(ROOT, join(posts, 'epsilon.md'))}:4: language must be`);
    // A file the Markdown references but that is not there: named with the post and the line.
    expect(result.stderr).toContain(
      `${relative(ROOT, join(posts, 'zeta.md'))}:7: ../media/absent.png not found: put the file at ${relative(ROOT, join(tmp, 'media', 'absent.png'))}`,
    );
    rmSync(join(posts, 'delta.md'));
    rmSync(join(posts, 'epsilon.md'));
    rmSync(join(posts, 'zeta.md'));
  });

  it('names an article whose file is gone, and unpublishes it only when asked', () => {
    rmSync(join(posts, 'beta.md'));
    const named = publish();
    expect(named.status, named.stderr).toBe(0);
    expect(named.stdout).toContain('1 article(s) in the local D1 have no file in');
    expect(named.stdout).toContain('  /beta "Beta, edited"');
    expect(named.stdout).toMatch(
      /npm run content:publish -- --local --persist-to \S+ --content \S+ --unpublish-missing/,
    );
    // Named only: the run publishes the other files and leaves the article as it is.
    expect(named.stdout).toContain('Nothing was removed.');

    const unpublished = publish('--unpublish-missing');
    expect(unpublished.status, unpublished.stderr).toBe(0);
    expect(unpublished.stdout).toContain('Unpublished 1 article(s) whose file is gone (now drafts in the local D1):');
    expect(unpublished.stdout).toContain('  /beta "Beta, edited"');
    expect(d1Rows<{ slug: string; status: string }>(state, 'SELECT slug, status FROM articles ORDER BY slug')).toEqual([
      { slug: 'alpha', status: 'published' },
      { slug: 'beta', status: 'draft' },
    ]);
  }, 180_000);

  it('runs from a folder whose path has a space in it', () => {
    // A copy of scripts/ under "<tmp>/mon blog", resolving packages through a link.
    const blog = join(tmp, 'mon blog');
    cpSync(join(ROOT, 'scripts'), join(blog, 'scripts'), { recursive: true });
    // The code the tools share with the Worker (cache tags and version SQL, slugs).
    cpSync(join(ROOT, 'src'), join(blog, 'src'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(blog, 'node_modules'), 'dir');
    const result = node([join(blog, 'scripts', 'content-publish.ts')]);
    // Without --local it must complain, not silently do nothing.
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('say where to publish');
  });
});
