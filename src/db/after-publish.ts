// What every publish runs last, over the whole blog. What an article page
// links to that depends only on published content (its tags, its related
// articles, its translation) changes only when something is published, so
// every publish stores it, as JSON, in the article's own row
// (articles.page_links), and a miss reads it with the article instead of in
// three statements of its own.
// Local D1 and the D1 client charge for every statement of a batch, far more
// than SQLite spends running it: each of these reads was a statement of its
// own on every miss, where a column of the article's row costs next to nothing.
//
// Every writer of articles or tags ends with REFRESH_AFTER_PUBLISH_SQL (as it
// ended with the related-articles ranking before): content:publish and what
// runs it (the WordPress import, `npm run dev`), the benchmark's seed, the
// test fixtures; migration 0026 runs it once for blogs published before it.
// Time is the one thing a publish cannot settle: a scheduled article becomes
// visible without a write. So the stored lists keep each article's publication
// date and the page keeps those due (src/db/page-links.ts).

// '.ts': the publish scripts run this file in Node, which resolves no extensionless import.
import { REFRESH_RELATED_ARTICLES_SQL } from './related.ts';

const PARENT_OF = (table: string) => `(SELECT parent.slug FROM articles parent WHERE parent.id = ${table}.parent_id)`;

/**
 * The links of every published article, written only where they changed
 * (D1 bills rows written). Related articles are those of the stored ranking
 * (src/db/related.ts) that may be shown: articles, published, not protected.
 * Translations are the article its front matter names and those naming it.
 */
const STORE_LINKS = `UPDATE articles SET page_links = fresh.links
  FROM (SELECT a.id, json_object(
      'tags', (SELECT json_group_array(json_array(t.slug, t.name) ORDER BY t.name COLLATE NOCASE, t.slug)
                 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id),
      'related', (SELECT json_group_array(json_array(o.slug, o.title, o.published_at) ORDER BY r.position)
                    FROM related_articles r CROSS JOIN articles o ON o.id = r.related_id
                   WHERE r.article_id = a.id AND o.kind = 'article' AND o.status = 'published'
                     AND o.password_hash IS NULL),
      'translations', (SELECT json_group_array(json_array(x.slug, x.language, x.parent, x.published_at) ORDER BY x.declared DESC, x.slug)
                         FROM (SELECT o.slug, o.language, ${PARENT_OF('o')} AS parent, o.published_at, 1 AS declared
                                 FROM articles o WHERE o.slug = a.translation_slug AND o.status = 'published'
                               UNION ALL
                               SELECT o.slug, o.language, ${PARENT_OF('o')}, o.published_at, 0
                                 FROM articles o WHERE o.translation_slug = a.slug AND +o.status = 'published') x)
    ) AS links
    FROM articles a WHERE a.status = 'published') AS fresh
 WHERE articles.id = fresh.id AND articles.page_links IS NOT fresh.links`;

/** A draft's links would go stale unseen: it is worked out again when published. */
const FORGET_UNPUBLISHED = `UPDATE articles SET page_links = NULL WHERE status <> 'published' AND page_links IS NOT NULL`;

export const REFRESH_PAGE_LINKS_SQL: readonly string[] = [FORGET_UNPUBLISHED, STORE_LINKS];

/** What every publish runs last, in this order: the ranking first, as the links list it. */
export const REFRESH_AFTER_PUBLISH_SQL: readonly string[] = [
  ...REFRESH_RELATED_ARTICLES_SQL,
  ...REFRESH_PAGE_LINKS_SQL,
];
