-- Several authors. An article or page may name its own author (front matter
-- `author`); NULL is the blog's author, AUTHOR_NAME. author_slug is the
-- author's address, /author/<author_slug>, listing their articles.
ALTER TABLE articles ADD COLUMN author_name TEXT;
ALTER TABLE articles ADD COLUMN author_slug TEXT;
-- An author's articles, newest first, without reading anyone else's.
CREATE INDEX articles_by_author ON articles (author_slug, kind, status, published_at DESC, id DESC)
  WHERE author_slug IS NOT NULL;
-- The authors of an imported WordPress blog: their old addresses
-- (/author/<login>/, ?author=<user id>, ?author_name=<login>) lead to their
-- listing here. Written by the WordPress importer; user_id is NULL when the
-- export has none (WordPress.com's).
CREATE TABLE wordpress_authors (
  login TEXT PRIMARY KEY,
  user_id INTEGER UNIQUE,
  author_slug TEXT NOT NULL
);
