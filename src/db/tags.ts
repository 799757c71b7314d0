// Tag reads. A tag page exists only while at least one of its articles is
// published, so a tag used only by drafts reveals nothing. Lists start from
// the tag's own rows (CROSS JOIN fixes the join order), not from every article.

import { offsetOf, type PageQuery, SUMMARY_COLUMNS, toPage } from './listing';
import type { Db } from './session';
import type { ArticleSummaryRow, Page, TagRow } from './types';

export function selectArticleTags(db: Db, articleSlug: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
        WHERE at.article_id = (SELECT id FROM articles WHERE slug = ?1)
        ORDER BY t.name COLLATE NOCASE`,
    )
    .bind(articleSlug);
}

export interface TagPageData {
  tag: TagRow;
  articles: Page<ArticleSummaryRow>;
}

export async function listPublishedArticlesByTag(
  db: Db,
  tagSlug: string,
  query: PageQuery,
): Promise<TagPageData | null> {
  const [tag, count, list] = await db.batch([
    db.prepare('SELECT slug, name FROM tags WHERE slug = ?1').bind(tagSlug),
    db
      .prepare(
        `SELECT count(*) AS total FROM article_tags at CROSS JOIN articles a ON a.id = at.article_id
          WHERE at.tag_id = (SELECT id FROM tags WHERE slug = ?1)
            AND a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?2`,
      )
      .bind(tagSlug, query.now),
    db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM article_tags at CROSS JOIN articles a ON a.id = at.article_id
          WHERE at.tag_id = (SELECT id FROM tags WHERE slug = ?1)
            AND a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?2
          ORDER BY a.published_at DESC, a.id DESC LIMIT ?3 OFFSET ?4`,
      )
      .bind(tagSlug, query.now, query.pageSize, offsetOf(query)),
  ]);
  const tagRow = (tag as D1Result<TagRow>).results[0];
  const articles = toPage<ArticleSummaryRow>(count, list, query);
  if (!tagRow || articles.total === 0) return null;
  return { tag: tagRow, articles };
}
