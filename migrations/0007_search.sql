-- Search (/search): an SQLite FTS5 index over each article's title, plain-text
-- body (body_text, from 0006) and tag names, kept in sync by triggers so that
-- no code path writing articles or tags has to remember it.
--
-- The index is an external-content table reading from `articles` itself: the
-- text is stored once, `highlight()`/`snippet()` read it from there, and
-- `INSERT INTO article_search(article_search) VALUES ('rebuild')` recreates the
-- index from the articles alone (what `npm run backup` relies on: D1 exports
-- leave the index out). Tag names therefore live on the article too, in
-- search_tags, which the triggers on article_tags and tags maintain.
-- Every article is indexed, drafts and future ones included: the query keeps
-- to published, due articles, so a date coming due needs no index change.

-- Tag names of the article, space-separated; only for the search index.
ALTER TABLE articles ADD COLUMN search_tags TEXT NOT NULL DEFAULT '';

UPDATE articles SET search_tags = coalesce(
  (SELECT group_concat(t.name, ' ') FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = articles.id),
  '');

-- remove_diacritics 2 folds accents on both sides ("moderation" finds
-- "Modération" and the other way round); unicode61 also folds case.
CREATE VIRTUAL TABLE article_search USING fts5(
  title, body_text, search_tags,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO article_search (article_search) VALUES ('rebuild');

-- An external-content index forgets a row only when told its old text, which
-- the OLD row of these triggers gives exactly.
CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
  INSERT INTO article_search (rowid, title, body_text, search_tags)
  VALUES (NEW.id, NEW.title, NEW.body_text, NEW.search_tags);
END;

CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
  INSERT INTO article_search (article_search, rowid, title, body_text, search_tags)
  VALUES ('delete', OLD.id, OLD.title, OLD.body_text, OLD.search_tags);
END;

-- Only a change of the indexed text touches the index: comment counts,
-- status or comments_open changes leave it alone.
CREATE TRIGGER articles_search_update AFTER UPDATE OF id, title, body_text, search_tags ON articles
WHEN OLD.id IS NOT NEW.id OR OLD.title IS NOT NEW.title OR OLD.body_text IS NOT NEW.body_text
  OR OLD.search_tags IS NOT NEW.search_tags
BEGIN
  INSERT INTO article_search (article_search, rowid, title, body_text, search_tags)
  VALUES ('delete', OLD.id, OLD.title, OLD.body_text, OLD.search_tags);
  INSERT INTO article_search (rowid, title, body_text, search_tags)
  VALUES (NEW.id, NEW.title, NEW.body_text, NEW.search_tags);
END;

-- Tag changes rewrite search_tags, and the update trigger above reindexes.
CREATE TRIGGER article_tags_search_insert AFTER INSERT ON article_tags BEGIN
  UPDATE articles SET search_tags = coalesce(
    (SELECT group_concat(t.name, ' ') FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = NEW.article_id),
    '')
  WHERE id = NEW.article_id;
END;

CREATE TRIGGER article_tags_search_delete AFTER DELETE ON article_tags BEGIN
  UPDATE articles SET search_tags = coalesce(
    (SELECT group_concat(t.name, ' ') FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = OLD.article_id),
    '')
  WHERE id = OLD.article_id;
END;

CREATE TRIGGER tags_search_rename AFTER UPDATE OF name ON tags WHEN OLD.name IS NOT NEW.name BEGIN
  UPDATE articles SET search_tags = coalesce(
    (SELECT group_concat(t.name, ' ') FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = articles.id),
    '')
  WHERE id IN (SELECT article_id FROM article_tags WHERE tag_id = NEW.id);
END;
