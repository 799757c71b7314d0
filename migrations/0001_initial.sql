-- Causerie's first schema: articles, tags, comments.
-- Timestamps are Unix seconds (UTC) so that "published and not in the future"
-- is a plain integer comparison served by an index.

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE
    CHECK (length(slug) BETWEEN 1 AND 200 AND slug NOT GLOB '*[^a-z0-9-]*'),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description TEXT NOT NULL DEFAULT '',
  -- Plain-text summary computed at publish time for listings.
  excerpt TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
  -- Rendered once by `npm run content:publish`; trusted author HTML.
  body_html TEXT NOT NULL,
  image_url TEXT,
  image_alt TEXT,
  image_width INTEGER CHECK (image_width IS NULL OR image_width > 0),
  image_height INTEGER CHECK (image_height IS NULL OR image_height > 0),
  image_credit TEXT,
  image_credit_url TEXT,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  comments_open INTEGER NOT NULL DEFAULT 1 CHECK (comments_open IN (0, 1)),
  -- Hash of the source file, so re-publishing an unchanged file changes nothing.
  source_hash TEXT NOT NULL DEFAULT ''
);

-- Home page, related articles: published articles, newest first.
CREATE INDEX articles_by_status_date ON articles (status, published_at DESC, id DESC);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE
    CHECK (length(slug) BETWEEN 1 AND 100 AND slug NOT GLOB '*[^a-z0-9-]*'),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100)
);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;

-- Tag pages and related articles go from a tag to its articles.
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);

CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  -- Replies point at their parent; deleting a parent is refused while it has
  -- replies, so moderation must decide what happens to the thread.
  parent_id INTEGER REFERENCES comments (id),
  author_name TEXT NOT NULL CHECK (length(author_name) BETWEEN 1 AND 100),
  -- Never shown on public pages.
  author_email TEXT NOT NULL CHECK (length(author_email) <= 254),
  author_url TEXT CHECK (author_url IS NULL OR length(author_url) <= 2000),
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
  created_at INTEGER NOT NULL,
  -- 1 when the blog's author wrote it (shown as such).
  is_author INTEGER NOT NULL DEFAULT 0 CHECK (is_author IN (0, 1)),
  -- Stable key for comments brought in by a script (demo content, imports),
  -- so that running the script again inserts nothing twice.
  source_key TEXT UNIQUE
);

-- Article pages and comment counts: approved comments of one article in order.
CREATE INDEX comments_by_article ON comments (article_id, status, created_at, id);
-- Foreign-key checks and thread lookups.
CREATE INDEX comments_by_parent ON comments (parent_id);
