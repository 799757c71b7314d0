-- What an article page links to that depends only on published content (its
-- tags, related articles, translation) is stored with the article when
-- something is published, instead of read in three statements of their own
-- on every uncached view. The statements after the column fill it
-- for a blog published before this migration; they are those of
-- src/db/after-publish.ts, which every publish runs.
ALTER TABLE articles ADD COLUMN page_links TEXT CHECK (page_links IS NULL OR json_valid(page_links));

UPDATE articles SET page_links = NULL WHERE status <> 'published' AND page_links IS NOT NULL;

UPDATE articles SET page_links = fresh.links
  FROM (SELECT a.id, json_object(
      'tags', (SELECT json_group_array(json_array(t.slug, t.name) ORDER BY t.name COLLATE NOCASE, t.slug)
                 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id),
      'related', (SELECT json_group_array(json_array(o.slug, o.title, o.published_at) ORDER BY r.position)
                    FROM related_articles r CROSS JOIN articles o ON o.id = r.related_id
                   WHERE r.article_id = a.id AND o.kind = 'article' AND o.status = 'published'
                     AND o.password_hash IS NULL),
      'translations', (SELECT json_group_array(json_array(x.slug, x.language, x.parent, x.published_at) ORDER BY x.declared DESC, x.slug)
                         FROM (SELECT o.slug, o.language, (SELECT parent.slug FROM articles parent WHERE parent.id = o.parent_id) AS parent, o.published_at, 1 AS declared
                                 FROM articles o WHERE o.slug = a.translation_slug AND o.status = 'published'
                               UNION ALL
                               SELECT o.slug, o.language, (SELECT parent.slug FROM articles parent WHERE parent.id = o.parent_id), o.published_at, 0
                                 FROM articles o WHERE o.translation_slug = a.slug AND +o.status = 'published') x)
    ) AS links
    FROM articles a WHERE a.status = 'published') AS fresh
 WHERE articles.id = fresh.id AND articles.page_links IS NOT fresh.links;
