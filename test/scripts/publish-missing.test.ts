// An article whose Markdown file is gone: publishing names it with the
// command that takes it offline, and that command's SQL (run here against the
// real local D1 the Worker reads) takes it off every page while keeping its
// comments, so that putting the file back brings it all back.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  ARTICLE_ROWS_SQL,
  type ArticleRow,
  findMissingArticles,
  missingReport,
  unpublishedReport,
  unpublishStatements,
} from '../../scripts/lib/missing.ts';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { get, getHtml, insertComment } from '../fixtures';

const NOW = 1_790_000_000;
const DAY = 86_400;

async function load(slug: string, source: string) {
  const post = parsePost(`content/posts/${slug}.md`, source, 'fr');
  return { post, sourceHash: await sourceHashOf(source, JSON.stringify(post.imageSize)) };
}

const source = (title: string, extra = '') =>
  `---\ntitle: ${JSON.stringify(title)}\ndate: 2025-03-01T10:00:00+01:00\ntags: [Disparition]\n${extra}---\nUn mot rare : ornithorynque.\n`;

async function execute(statements: string[]): Promise<void> {
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

/** The articles in D1, of this test only: the tests of a file share one database. */
async function rows(...slugs: string[]): Promise<ArticleRow[]> {
  const all = (await env.DB.prepare(ARTICLE_ROWS_SQL).all<ArticleRow>()).results;
  return all.filter((row) => slugs.includes(row.slug));
}

describe('an article whose file is gone', () => {
  it('is named, with how to unpublish it; drafts and articles with a file are not', async () => {
    const kept = await load('garde', source('Gardé'));
    const gone = await load('parti', source('Parti : sans fichier'));
    const draft = await load('brouillon-parti', source('Brouillon', 'draft: true\n'));
    await execute(buildPublishStatements([kept, gone, draft], NOW));

    const missing = findMissingArticles(await rows('garde', 'parti', 'brouillon-parti'), [kept]);
    expect(missing.map((article) => [article.slug, article.renamedTo])).toEqual([['parti', null]]);
    expect(
      missingReport(missing, 'local', 'content/posts', 'npm run content:publish -- --local --unpublish-missing'),
    ).toEqual([
      '1 article(s) in the local D1 have no file in content/posts any more and are still published:',
      '  /parti "Parti\u00a0: sans fichier"',
      'Nothing was removed. To take them offline, run:',
      '  npm run content:publish -- --local --unpublish-missing',
      expect.stringMatching(/^Their pages will answer 404 .*their comments stay in D1/),
    ]);
    expect(missingReport([], 'local', 'content/posts', 'x')).toEqual([]);
  });

  it('is recognised under its new name when its file was renamed, with how to keep the old address', async () => {
    const text = source('Renommé');
    await execute(buildPublishStatements([await load('ancien-nom', text)], NOW));
    const renamed = await load('nouveau-nom', text);

    const missing = findMissingArticles(await rows('ancien-nom', 'nouveau-nom'), [renamed]);
    expect(missing).toMatchObject([
      { slug: 'ancien-nom', renamedTo: { file: 'content/posts/nouveau-nom.md', slug: 'nouveau-nom' } },
    ]);
    expect(unpublishedReport(missing, 'local')[1]).toBe(
      '  /ancien-nom "Renommé": its text is now in content/posts/nouveau-nom.md, at /nouveau-nom; to keep the old address, add "slug: ancien-nom" to that file',
    );
  });

  it('once unpublished, leaves its page, the lists, feeds, sitemap, search and old address; its comments stay', async () => {
    const other = await load('voisin-reste', source('Voisin qui reste'));
    const gone = await load('a-retirer', source('À retirer', 'wordpress_id: 777\n'));
    await execute(buildPublishStatements([other, gone], NOW));
    const id = (await rows('a-retirer'))[0]?.id as number;
    await insertComment({ articleId: id, body: 'Un commentaire qui doit survivre.' });
    expect((await get('/a-retirer')).status).toBe(200);
    expect((await getHtml('/')).html).toContain('/a-retirer');
    expect((await get('/?p=777')).status).toBe(301);

    const missing = findMissingArticles(await rows('voisin-reste', 'a-retirer'), [other]);
    await execute(unpublishStatements(missing));

    expect((await get('/a-retirer')).status).toBe(404);
    expect((await getHtml('/')).html).not.toContain('/a-retirer');
    expect((await getHtml('/tag/disparition')).html).not.toContain('/a-retirer');
    expect(await (await get('/feed.xml')).text()).not.toContain('/a-retirer');
    expect(await (await get('/sitemap.xml')).text()).not.toContain('/a-retirer');
    expect((await getHtml('/search?q=ornithorynque')).html).not.toContain('/a-retirer');
    expect((await get('/?p=777')).status).not.toBe(301);
    const comments = await env.DB.prepare('SELECT body FROM comments WHERE article_id = ?1').bind(id).all();
    expect(comments.results).toEqual([{ body: 'Un commentaire qui doit survivre.' }]);
    // Once a draft it is no longer reported: the next runs say nothing more about it.
    expect(findMissingArticles(await rows('voisin-reste', 'a-retirer'), [other])).toEqual([]);
  });

  it('comes back with its comments, its old address and its dates when the file is put back', async () => {
    const back = await load('revenant', source('Revenant', 'wordpress_id: 778\n'));
    await execute(buildPublishStatements([back], NOW));
    const id = (await rows('revenant'))[0]?.id as number;
    await insertComment({ articleId: id, body: 'Toujours là.' });
    await execute(unpublishStatements(findMissingArticles(await rows('revenant'), [])));

    await execute(buildPublishStatements([back], NOW + DAY));
    const row = await env.DB.prepare('SELECT status, updated_at, legacy_wp_id FROM articles WHERE id = ?1')
      .bind(id)
      .first();
    expect(row).toEqual({ status: 'published', updated_at: Date.UTC(2025, 2, 1, 9) / 1000, legacy_wp_id: 778 });
    const { status, html } = await getHtml('/revenant');
    expect(status).toBe(200);
    expect(html).toContain('Toujours là.');
  });

  it('lets a renamed file take over its old WordPress address in the same run', async () => {
    const text = source('Déménagé', 'wordpress_id: 779\n');
    await execute(buildPublishStatements([await load('avant-demenagement', text)], NOW));
    const moved = await load('apres-demenagement', text);
    const missing = findMissingArticles(await rows('avant-demenagement', 'apres-demenagement'), [moved]);
    // As content:publish --unpublish-missing orders them: the old row lets go first.
    await execute([...unpublishStatements(missing), ...buildPublishStatements([moved], NOW + DAY)]);
    expect((await get('/?p=779')).headers.get('location')).toMatch(/\/apres-demenagement$/);
  });
});
