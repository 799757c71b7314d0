// Tag reads. A tag page exists only while at least one of its articles is
// published, so a tag used only by drafts reveals nothing. Lists start from
// the tag's own rows (CROSS JOIN fixes the join order), not from every article.

import { offsetOf, type PageQuery, SUMMARY_COLUMNS, toPage } from './listing';
import type { Db } from './session';
import type { ArticleSummaryRow, Page, TagRow } from './types';

export interface TagPageData {
  tag: TagRow;
  articles: Page<ArticleSummaryRow>;
}

/**
 * The tag, its count and a page of its articles. Both come from article_tags'
 * own index (article_tags_listed: the tag's listed articles, newest first),
 * so a miss reads the page's rows, not every article of the tag. The count is
 * the one kept at write time (tags.published_articles, migration 0024), less
 * the tag's articles scheduled for later.
 */
export async function listPublishedArticlesByTag(
  db: Db,
  tagSlug: string,
  query: PageQuery,
): Promise<TagPageData | null> {
  const [tag, list] = await db.batch([
    db
      .prepare(
        `SELECT t.slug, t.name, t.published_articles
           - (SELECT count(*) FROM article_tags later WHERE later.tag_id = t.id AND later.listed_at > ?2) AS total
           FROM tags t WHERE t.slug = ?1`,
      )
      .bind(tagSlug, query.now),
    db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM article_tags at CROSS JOIN articles a ON a.id = at.article_id
          WHERE at.tag_id = (SELECT id FROM tags WHERE slug = ?1) AND at.listed_at <= ?2
          ORDER BY at.listed_at DESC, at.article_id DESC LIMIT ?3 OFFSET ?4`,
      )
      .bind(tagSlug, query.now, query.pageSize, offsetOf(query)),
  ]);
  const found = (tag as D1Result<TagRow & { total: number }>).results[0];
  if (!found) return null;
  const articles = toPage<ArticleSummaryRow>(tag, list, query);
  if (articles.total === 0) return null;
  return { tag: { slug: found.slug, name: found.name }, articles };
}
