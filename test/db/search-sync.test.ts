// The search index follows every change to articles and tags through the
// triggers of migrations/0007_search.sql: no writer has to remember it.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { searchPublishedArticles } from '../../src/db/search';
import { parseSearchQuery } from '../../src/search/query';
import { insertArticle, now } from '../fixtures';

async function found(text: string): Promise<string[]> {
  const query = parseSearchQuery(text);
  if (query.kind !== 'terms') throw new Error(`nothing to search in "${text}"`);
  const page = await searchPublishedArticles(env.DB, query.match, { page: 1, pageSize: 50, now: now() });
  return page.items.map((item) => item.slug);
}

const run = (sql: string, ...values: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...values)
    .run();

describe('the search index follows', () => {
  it('a new article', async () => {
    expect(await found('ornithorynque')).toEqual([]);
    await insertArticle({ slug: 'nouveau', title: 'L’ornithorynque', bodyText: 'Un mammifère étonnant.' });
    expect(await found('ornithorynque')).toEqual(['nouveau']);
    expect(await found('mammifere')).toEqual(['nouveau']);
  });

  it('an edited title and body, forgetting the old words', async () => {
    await insertArticle({ slug: 'edite', title: 'Ancien titre castor', bodyText: 'Ancien texte loutre.' });
    await run("UPDATE articles SET title = 'Nouveau titre blaireau' WHERE slug = 'edite'");
    await run("UPDATE articles SET body_text = 'Nouveau texte hermine.' WHERE slug = 'edite'");
    expect(await found('castor')).toEqual([]);
    expect(await found('loutre')).toEqual([]);
    expect(await found('blaireau hermine')).toEqual(['edite']);
  });

  it('tags added and removed', async () => {
    const id = await insertArticle({ slug: 'etiquete', title: 'Sans rapport', tags: ['Randonnée'] });
    expect(await found('randonnee')).toEqual(['etiquete']);
    await run("INSERT INTO tags (slug, name) VALUES ('speleologie', 'Spéléologie')");
    await run("INSERT INTO article_tags (article_id, tag_id) SELECT ?1, id FROM tags WHERE slug = 'speleologie'", id);
    expect(await found('speleologie')).toEqual(['etiquete']);
    await run(
      "DELETE FROM article_tags WHERE article_id = ?1 AND tag_id = (SELECT id FROM tags WHERE slug = 'randonnee')",
      id,
    );
    expect(await found('randonnee')).toEqual([]);
    expect(await found('speleologie')).toEqual(['etiquete']);
  });

  it('a renamed tag, on every article that carries it', async () => {
    await insertArticle({ slug: 'renomme-a', title: 'Premier', tags: ['Vélo'] });
    await insertArticle({ slug: 'renomme-b', title: 'Second', tags: ['Vélo'] });
    await run("UPDATE tags SET name = 'Bicyclette' WHERE slug = 'velo'");
    expect(await found('velo')).toEqual([]);
    expect((await found('bicyclette')).sort()).toEqual(['renomme-a', 'renomme-b']);
  });

  it('a deleted tag', async () => {
    await insertArticle({ slug: 'tag-supprime', title: 'Autre', tags: ['Éphémère'] });
    await run("DELETE FROM tags WHERE slug = 'ephemere'");
    expect(await found('ephemere')).toEqual([]);
  });

  it('an article unpublished, then published again', async () => {
    await insertArticle({ slug: 'retire', title: 'Article sur le narval' });
    await run("UPDATE articles SET status = 'draft' WHERE slug = 'retire'");
    expect(await found('narval')).toEqual([]);
    await run("UPDATE articles SET status = 'published' WHERE slug = 'retire'");
    expect(await found('narval')).toEqual(['retire']);
  });

  it('a deleted article, its tags and comments going with it', async () => {
    await insertArticle({ slug: 'supprime', title: 'Le dernier dodo', tags: ['Disparus'] });
    await run("DELETE FROM articles WHERE slug = 'supprime'");
    expect(await found('dodo')).toEqual([]);
    expect(await found('disparus')).toEqual([]);
  });

  it('without ever losing its integrity', async () => {
    // FTS5 checks the index against the articles it reads from.
    await run("INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)");
  });
});

describe('content:publish statements', () => {
  it('keep the index right when a post is published again with other tags', async () => {
    const { buildPublishStatements } = await import('../../scripts/lib/sql.ts');
    const { parsePost } = await import('../../scripts/lib/post.ts');
    const source = (tags: string, body: string) =>
      `---\ntitle: Publication suivie\nslug: publie\ndate: 2026-01-01T10:00:00+01:00\ntags: [${tags}]\n---\n${body}\n`;
    const publish = async (tags: string, body: string, hash: string) => {
      const post = parsePost('publie.md', source(tags, body), 'fr');
      const statements = buildPublishStatements([{ post, sourceHash: hash }], now());
      await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
    };
    await publish('Jardinage, Potager', 'Des tomates.', 'v1');
    expect(await found('potager tomates')).toEqual(['publie']);
    // Unchanged: INSERT OR IGNORE of the same tags changes nothing.
    await publish('Jardinage, Potager', 'Des tomates.', 'v1');
    expect(await found('potager tomates')).toEqual(['publie']);
    await publish('Jardinage, Verger', 'Des pommes.', 'v2');
    expect(await found('potager')).toEqual([]);
    expect(await found('tomates')).toEqual([]);
    expect(await found('verger pommes jardinage')).toEqual(['publie']);
    await run("INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)");
  });
});
