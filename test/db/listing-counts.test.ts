// The home page's and tag pages' counts are kept at write time by triggers
// (migration 0024): whatever writes articles or their tags, the pages show
// the same count and list as a fresh count of the published articles would.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { listPublishedArticles } from '../../src/db/articles';
import { listPublishedArticlesByTag } from '../../src/db/tags';
import { DAY, getHtml, insertArticle, now } from '../fixtures';

const query = (at: number) => ({ page: 1, pageSize: 100, now: at });

async function publish(slug: string, tags: string[], date = '2025-03-01T10:00:00+01:00'): Promise<void> {
  const source = `---\ntitle: ${slug}\ndate: ${date}\ntags: [${tags.join(', ')}]\n---\nCorps.\n`;
  const post = parsePost(`content/posts/${slug}.md`, source, 'fr');
  const statements = buildPublishStatements([{ post, sourceHash: await sourceHashOf(source, 'null') }], now());
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

/** What the pages show: the home's total and list, and each tag's (null: the tag page is a 404). */
async function shown(at = now()) {
  const home = await listPublishedArticles(env.DB, query(at));
  const { results: tags } = await env.DB.prepare('SELECT slug FROM tags ORDER BY slug').all<{ slug: string }>();
  const byTag: Record<string, { total: number; slugs: string[] } | null> = {};
  for (const { slug } of tags) {
    const page = await listPublishedArticlesByTag(env.DB, slug, query(at));
    byTag[slug] = page && { total: page.articles.total, slugs: page.articles.items.map((item) => item.slug) };
  }
  return { home: { total: home.total, slugs: home.items.map((item) => item.slug) }, tags: byTag };
}

/** The same, counted afresh from articles and article_tags. */
async function expected(at = now()) {
  const listed = `a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?1`;
  const { results: home } = await env.DB.prepare(
    `SELECT a.slug FROM articles a WHERE ${listed} ORDER BY a.pinned DESC, a.published_at DESC, a.id DESC`,
  )
    .bind(at)
    .all<{ slug: string }>();
  const { results: tags } = await env.DB.prepare('SELECT id, slug FROM tags ORDER BY slug').all<{
    id: number;
    slug: string;
  }>();
  const byTag: Record<string, { total: number; slugs: string[] } | null> = {};
  for (const tag of tags) {
    const { results } = await env.DB.prepare(
      `SELECT a.slug FROM article_tags at JOIN articles a ON a.id = at.article_id
        WHERE at.tag_id = ?2 AND ${listed} ORDER BY a.published_at DESC, a.id DESC`,
    )
      .bind(at, tag.id)
      .all<{ slug: string }>();
    const slugs = results.map((row) => row.slug);
    byTag[tag.slug] = slugs.length > 0 ? { total: slugs.length, slugs } : null;
  }
  return { home: { total: home.length, slugs: home.map((row) => row.slug) }, tags: byTag };
}

async function expectCountsRight(at = now()): Promise<void> {
  expect(await shown(at)).toEqual(await expected(at));
}

describe('home and tag counts kept at write time', () => {
  it('stay right through publishing, tag changes, unpublishing, scheduling, pages and deletion', async () => {
    await publish('premier', ['Web', 'Blog']);
    await publish('second', ['Web'], '2025-03-02T10:00:00+01:00');
    await insertArticle({ slug: 'brouillon', tags: ['Web'], status: 'draft' });
    await expectCountsRight();
    expect((await shown()).tags.web?.total).toBe(2);

    // Publishing again with other tags moves the article between tag pages.
    await publish('premier', ['Cuisine']);
    await expectCountsRight();
    expect((await shown()).tags.blog).toBeNull();

    // Unpublishing (what content:publish does for a removed source file).
    await env.DB.prepare("UPDATE articles SET status = 'draft' WHERE slug = 'second'").run();
    await expectCountsRight();
    expect((await shown()).tags.web).toBeNull();
    // A draft published from the desk or by hand.
    await env.DB.prepare("UPDATE articles SET status = 'published' WHERE slug = 'brouillon'").run();
    await expectCountsRight();
    expect((await shown()).tags.web?.slugs).toEqual(['brouillon']);

    // Scheduled: counted nowhere before its date, everywhere once it has come, with no write in between.
    await insertArticle({ slug: 'plus-tard', tags: ['Web', 'Cuisine'], publishedAt: now() + DAY });
    await expectCountsRight();
    expect((await shown()).home.slugs).not.toContain('plus-tard');
    await expectCountsRight(now() + 2 * DAY);
    expect((await shown(now() + 2 * DAY)).tags.web?.slugs).toEqual(['plus-tard', 'brouillon']);
    // Moved back into the future after being published.
    await env.DB.prepare('UPDATE articles SET published_at = ?1 WHERE slug = ?2')
      .bind(now() + 3 * DAY, 'brouillon')
      .run();
    await expectCountsRight();
    await expectCountsRight(now() + 2 * DAY);
    expect((await shown()).tags.web).toBeNull();

    // An article turned into a page leaves every list.
    await env.DB.prepare("UPDATE articles SET kind = 'page' WHERE slug = 'premier'").run();
    await expectCountsRight();

    // Deleting an article (its tags go with it) counts it out exactly once.
    await publish('troisieme', ['Cuisine', 'Blog']);
    await expectCountsRight();
    await env.DB.prepare("DELETE FROM articles WHERE slug = 'troisieme'").run();
    await expectCountsRight();
    expect((await shown()).tags.blog).toBeNull();
    // Deleting a tag removes it from its articles without touching the others' counts.
    await publish('quatrieme', ['Cuisine', 'Blog']);
    await env.DB.prepare("DELETE FROM tags WHERE slug = 'blog'").run();
    await expectCountsRight();
    await expectCountsRight(now() + 4 * DAY);
  });

  it('shows the stored counts on the pages: the tag page’s count and the home’s number of pages', async () => {
    for (let i = 1; i <= 11; i++)
      await publish(`page-${i}`, ['Compte'], `2025-04-${String(i).padStart(2, '0')}T10:00:00Z`);
    await insertArticle({ slug: 'compte-futur', tags: ['Compte'], publishedAt: now() + DAY });
    const tag = await getHtml('/tag/compte');
    expect(tag.html).toContain('<p class="count">11 articles</p>');
    const { total } = await listPublishedArticles(env.DB, { page: 1, pageSize: 10, now: now() });
    const home = await getHtml('/');
    const pages = Math.ceil(total / 10);
    expect(home.html).toContain(`Page 1 sur ${pages}`);
    expect((await getHtml(`/?page=${pages + 1}`)).status).toBe(404);
  });
});
