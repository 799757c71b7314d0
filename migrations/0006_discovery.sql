-- Discovery: what search, translations (hreflang) and old WordPress
-- addresses need from an article. All filled by `npm run content:publish`.

-- Plain text of the body, for the search index (0007): the Worker never
-- strips HTML at request time.
ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
-- Slug of the same article in the other language (front matter
-- "translation"); shown as hreflang alternates when that article is published.
ALTER TABLE articles ADD COLUMN translation_slug TEXT
  CHECK (translation_slug IS NULL OR (length(translation_slug) BETWEEN 1 AND 200 AND translation_slug NOT GLOB '*[^a-z0-9-]*'));
-- Where the article lived on a WordPress blog ("/?p=ID", "/YYYY/MM/DD/slug/"):
-- links to those addresses answer 301 to the article.
ALTER TABLE articles ADD COLUMN legacy_wp_id INTEGER CHECK (legacy_wp_id IS NULL OR legacy_wp_id > 0);
ALTER TABLE articles ADD COLUMN legacy_path TEXT
  CHECK (legacy_path IS NULL OR (length(legacy_path) BETWEEN 2 AND 500 AND legacy_path GLOB '/*'));
-- NULLs do not collide in a UNIQUE index: only articles that carry an old address are in it.
CREATE UNIQUE INDEX articles_by_legacy_wp_id ON articles (legacy_wp_id);
CREATE UNIQUE INDEX articles_by_legacy_path ON articles (legacy_path);
-- Every article is written again by the next publish, which fills body_text.
UPDATE articles SET source_hash = '';
