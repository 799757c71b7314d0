-- The header's menu, which every page shows, stored as one row when something
-- is published instead of read from the pages on every uncached view. The
-- statement after the table fills it for a blog published before this
-- migration; it is that of src/db/after-publish.ts, which every publish runs.
CREATE TABLE blog_menu (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  pages TEXT NOT NULL CHECK (json_valid(pages))
);

INSERT INTO blog_menu (id, pages)
SELECT 1, coalesce((SELECT json_group_array(json_array(p.slug, p.title, p.language, p.menu_order, (SELECT parent.slug FROM articles parent WHERE parent.id = p.parent_id), p.published_at)
                                      ORDER BY p.menu_order, p.id)
                     FROM (SELECT * FROM articles WHERE kind = 'page' AND menu_order IS NOT NULL AND +status = 'published'
                            ORDER BY menu_order, id LIMIT 100) p), '[]')
ON CONFLICT (id) DO UPDATE SET pages = excluded.pages WHERE blog_menu.pages IS NOT excluded.pages;
