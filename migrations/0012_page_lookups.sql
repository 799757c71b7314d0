-- Standalone pages (0011) share the articles table, so every list of articles
-- now reads kind = 'article'. This index serves those lists (home, its count,
-- feeds, related articles) as articles_by_status_date did, the count still
-- from the index alone, without reading the pages' rows.
CREATE INDEX articles_by_kind_status_date ON articles (kind, status, published_at DESC, id DESC);

-- The header's menu, read with every page rendered: only the pages that have
-- a menu order are in it, a handful of rows, in menu order.
CREATE INDEX pages_by_menu_order ON articles (kind, menu_order) WHERE menu_order IS NOT NULL;
