-- Standalone pages ("À propos", "Mentions légales") and pinned articles.
-- A page is a row of `articles` with kind = 'page': comments, search, the
-- desk, cache tags and old addresses then work for pages as for articles, and
-- a slug stays unique across both (the address /<slug> names one thing).
-- Lists of articles (home, tags, feeds, related, archives) read kind = 'article'.
ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'article' CHECK (kind IN ('article', 'page'));
-- A child page lives at /<parent>/<slug>.
ALTER TABLE articles ADD COLUMN parent_id INTEGER REFERENCES articles (id);
-- Pages with a menu order appear in the header's menu, smallest first.
ALTER TABLE articles ADD COLUMN menu_order INTEGER;
-- Pinned articles come first on the home page.
ALTER TABLE articles ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
