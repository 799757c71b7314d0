// What the sitemap lists: published articles (not drafts, not dated in the
// future, not password-protected) and the tags that have at least one of them, each with the time it
// last changed. A large blog's sitemap comes in parts, read a slice at a time
// in index order (articles_by_status_date, the tags' slug index) so that no
// part needs a sort of the whole table.
import type { Db } from './session';

export interface SitemapCounts {
  articles: number;
  tags: number;
  /** updated_at of the most recently changed published article; null when none is published. */
  newestUpdate: number | null;
}

export interface SitemapRow {
  slug: string;
  updated_at: number;
  /** A child page's parent: its address is /<parent_slug>/<slug>. */
  parent_slug?: string | null;
}

export interface SitemapRange {
  offset: number;
  limit: number;
}

// Every sitemap part lists tags in slug order. The range on the slug (every
// slug is non-empty) lets SQLite walk the slug index in order instead of
// reading the table and sorting it.
const TAGS_WITH_PUBLISHED_ARTICLES = `FROM tags t
  CROSS JOIN article_tags at ON at.tag_id = t.id
  CROSS JOIN articles a ON a.id = at.article_id
  WHERE t.slug > '' AND a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?1`;

export async function countSitemapEntries(db: Db, now: number): Promise<SitemapCounts> {
  const [articles, tags] = await db.batch([
    db
      .prepare(
        `SELECT count(*) AS total, max(updated_at) AS newest FROM articles
          WHERE status = 'published' AND published_at <= ?1 AND password_hash IS NULL`,
      )
      .bind(now),
    db.prepare(`SELECT count(DISTINCT t.slug) AS total ${TAGS_WITH_PUBLISHED_ARTICLES}`).bind(now),
  ]);
  const articleRow = (articles as D1Result<{ total: number; newest: number | null }>).results[0];
  const tagRow = (tags as D1Result<{ total: number }>).results[0];
  return {
    articles: articleRow?.total ?? 0,
    tags: tagRow?.total ?? 0,
    newestUpdate: articleRow?.newest ?? null,
  };
}

/** Published articles and pages, newest first (the home page's order), and tags by slug: one round trip. */
export async function listSitemapEntries(
  db: Db,
  now: number,
  ranges: { articles: SitemapRange; tags: SitemapRange },
): Promise<{ articles: SitemapRow[]; tags: SitemapRow[] }> {
  const [articles, tags] = await db.batch<SitemapRow>([
    db
      .prepare(
        `SELECT slug, updated_at,
           (SELECT parent.slug FROM articles parent WHERE parent.id = articles.parent_id) AS parent_slug
          FROM articles
          WHERE status = 'published' AND published_at <= ?1 AND password_hash IS NULL
          ORDER BY published_at DESC, id DESC LIMIT ?2 OFFSET ?3`,
      )
      .bind(now, ranges.articles.limit, ranges.articles.offset),
    db
      .prepare(
        `SELECT t.slug, max(a.updated_at) AS updated_at ${TAGS_WITH_PUBLISHED_ARTICLES}
          GROUP BY t.slug ORDER BY t.slug LIMIT ?2 OFFSET ?3`,
      )
      .bind(now, ranges.tags.limit, ranges.tags.offset),
  ]);
  return { articles: articles?.results ?? [], tags: tags?.results ?? [] };
}
