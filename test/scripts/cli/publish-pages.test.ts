// `node scripts/content-publish.ts` with standalone pages beside the articles
// (posts/ and pages/ of one folder), against a throw-away local D1: a
// collision stops the publish naming both files, pages are written with their
// parent and menu order, and --unpublish-missing takes down a page whose file is gone.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1Rows, migratedState } from './local-d1.ts';
import { node, ROOT } from './run-node.ts';

let tmp: string;
let posts: string;
let pages: string;
let state: string;

const publish = (...extra: string[]) =>
  node(['scripts/content-publish.ts', '--local', '--persist-to', state, '--content', posts, ...extra]);

const shown = (path: string) => relative(ROOT, path);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'causerie-cli-pages-'));
  posts = join(tmp, 'posts');
  pages = join(tmp, 'pages');
  state = migratedState(join(tmp, 'state'));
  mkdirSync(posts);
  mkdirSync(pages);
  writeFileSync(join(posts, 'bienvenue.md'), '---\ntitle: Bienvenue\ndate: 2026-01-05\ntags: [Blog]\n---\nBonjour.\n');
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('content:publish with pages', () => {
  it('stops at a page taking an article’s address, naming both files, and writes nothing', () => {
    writeFileSync(join(pages, 'accueil.md'), '---\ntitle: Accueil\nslug: bienvenue\n---\nTexte.\n');
    writeFileSync(join(pages, 'blog.md'), '---\ntitle: Blog\n---\nTexte.\n');
    const result = publish();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).toContain(
      `${shown(join(pages, 'accueil.md'))}:3: slug "bienvenue" is already used by ${shown(join(posts, 'bienvenue.md'))}`,
    );
    expect(result.stderr).toContain(
      `${shown(join(pages, 'blog.md'))}:1: slug "blog" is also the tag "Blog" of ${shown(join(posts, 'bienvenue.md'))}`,
    );
    expect(d1Rows(state, 'SELECT slug FROM articles')).toEqual([]);
  });

  it('publishes the pages beside the articles, a child with its parent, then takes down a page whose file is gone', () => {
    unlinkSync(join(pages, 'accueil.md'));
    unlinkSync(join(pages, 'blog.md'));
    writeFileSync(join(pages, 'a-propos.md'), '---\ntitle: À propos\nmenu: 1\ncomments: true\n---\nTexte.\n');
    writeFileSync(join(pages, 'colophon.md'), '---\ntitle: Colophon\nparent: a-propos\n---\nTexte.\n');
    const first = publish();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Published 1 article(s) and 2 page(s) to the local D1');
    expect(
      d1Rows(
        state,
        `SELECT a.slug, a.kind, p.slug AS parent, a.menu_order, a.comments_open, a.status
           FROM articles a LEFT JOIN articles p ON p.id = a.parent_id ORDER BY a.slug`,
      ),
    ).toEqual([
      { slug: 'a-propos', kind: 'page', parent: null, menu_order: 1, comments_open: 1, status: 'published' },
      { slug: 'bienvenue', kind: 'article', parent: null, menu_order: null, comments_open: 1, status: 'published' },
      { slug: 'colophon', kind: 'page', parent: 'a-propos', menu_order: null, comments_open: 0, status: 'published' },
    ]);

    unlinkSync(join(pages, 'colophon.md'));
    const named = publish();
    expect(named.status, named.stderr).toBe(0);
    expect(named.stdout).toContain('/colophon "Colophon" (a page)');
    const gone = publish('--unpublish-missing');
    expect(gone.status, gone.stderr).toBe(0);
    expect(d1Rows(state, "SELECT status FROM articles WHERE slug = 'colophon'")).toEqual([{ status: 'draft' }]);
  });
});
