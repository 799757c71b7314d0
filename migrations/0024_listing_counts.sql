-- How many articles the home page and each tag page list, kept at write time
-- instead of counted on every uncached render (10,000 index entries a miss on
-- a 10,000-article blog). Triggers keep them, so every writer (content:publish,
-- the WordPress import, the CLI, a hand-written UPDATE, tests' SQL) keeps them
-- right without knowing they exist.
--
-- A tag page's list comes from article_tags alone: each row carries its
-- article's publication date while the article is listed (listed_at, NULL
-- for a draft or a page), and article_tags_listed serves the newest first.
-- Without it the tag page read every tagged article's row (past its body, to
-- reach status and date) and sorted them: 750 rows a miss for a tag on 7.5%
-- of 10,000 articles.
--
-- Counted: kind = 'article' AND status = 'published', whatever the date. A
-- scheduled article is counted from the moment it is published with a future
-- date; readers subtract those still in the future (an index range over the
-- few scheduled articles), so the moment it comes due needs no write.

CREATE TABLE blog_counts (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  published_articles INTEGER NOT NULL
);

INSERT INTO blog_counts (id, published_articles)
  SELECT 1, count(*) FROM articles WHERE kind = 'article' AND status = 'published';

ALTER TABLE tags ADD COLUMN published_articles INTEGER NOT NULL DEFAULT 0;

UPDATE tags SET published_articles = (
  SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id
   WHERE at.tag_id = tags.id AND a.kind = 'article' AND a.status = 'published');

ALTER TABLE article_tags ADD COLUMN listed_at INTEGER;

UPDATE article_tags SET listed_at = (
  SELECT published_at FROM articles a
   WHERE a.id = article_tags.article_id AND a.kind = 'article' AND a.status = 'published');

CREATE INDEX article_tags_listed ON article_tags (tag_id, listed_at DESC, article_id DESC);

CREATE TRIGGER article_tags_listed_insert AFTER INSERT ON article_tags BEGIN
  UPDATE article_tags SET listed_at = (
    SELECT published_at FROM articles a WHERE a.id = NEW.article_id AND a.kind = 'article' AND a.status = 'published')
   WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id;
END;

CREATE TRIGGER articles_listed_update AFTER UPDATE OF kind, status, published_at ON articles BEGIN
  UPDATE article_tags SET listed_at = iif(NEW.kind = 'article' AND NEW.status = 'published', NEW.published_at, NULL)
   WHERE article_id = NEW.id;
END;

CREATE TRIGGER articles_count_insert AFTER INSERT ON articles
  WHEN NEW.kind = 'article' AND NEW.status = 'published' BEGIN
  UPDATE blog_counts SET published_articles = published_articles + 1 WHERE id = 1;
END;

-- BEFORE: once the row is gone, ON DELETE CASCADE has already removed its
-- article_tags rows (whose own trigger then finds no counted article).
CREATE TRIGGER articles_count_delete BEFORE DELETE ON articles
  WHEN OLD.kind = 'article' AND OLD.status = 'published' BEGIN
  UPDATE blog_counts SET published_articles = published_articles - 1 WHERE id = 1;
  UPDATE tags SET published_articles = published_articles - 1
   WHERE id IN (SELECT tag_id FROM article_tags WHERE article_id = OLD.id);
END;

CREATE TRIGGER articles_count_update AFTER UPDATE OF kind, status ON articles
  WHEN (OLD.kind = 'article' AND OLD.status = 'published') IS NOT (NEW.kind = 'article' AND NEW.status = 'published')
BEGIN
  UPDATE blog_counts
     SET published_articles = published_articles + iif(NEW.kind = 'article' AND NEW.status = 'published', 1, -1)
   WHERE id = 1;
  UPDATE tags
     SET published_articles = published_articles + iif(NEW.kind = 'article' AND NEW.status = 'published', 1, -1)
   WHERE id IN (SELECT tag_id FROM article_tags WHERE article_id = NEW.id);
END;

CREATE TRIGGER article_tags_count_insert AFTER INSERT ON article_tags BEGIN
  UPDATE tags SET published_articles = published_articles + 1
   WHERE id = NEW.tag_id
     AND EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND kind = 'article' AND status = 'published');
END;

CREATE TRIGGER article_tags_count_delete AFTER DELETE ON article_tags BEGIN
  UPDATE tags SET published_articles = published_articles - 1
   WHERE id = OLD.tag_id
     AND EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND kind = 'article' AND status = 'published');
END;

CREATE TRIGGER article_tags_count_update AFTER UPDATE ON article_tags BEGIN
  UPDATE tags SET published_articles = published_articles - 1
   WHERE id = OLD.tag_id
     AND EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id AND kind = 'article' AND status = 'published');
  UPDATE tags SET published_articles = published_articles + 1
   WHERE id = NEW.tag_id
     AND EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id AND kind = 'article' AND status = 'published');
END;
