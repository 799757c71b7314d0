-- The article page's comment section without work per page view: which
-- approved comments start a thread, and how many approved comments and
-- threads an article has, are kept up to date when a comment changes
-- (src/db/comments.ts reads them). Triggers keep them, so every writer is
-- covered the same way: the comment form, the desk, `npm run comments`, the
-- WordPress import, the demo seed, a statement typed by hand.

-- 1 when the comment's parent is not an approved comment: a top-level comment,
-- or a reply whose parent was held, sent to spam or trashed since (the page
-- lists such a reply at the top level rather than lose it). It does not
-- depend on the comment's own status: an approved comment with
-- starts_thread = 1 is one of the page's threads.
ALTER TABLE comments ADD COLUMN starts_thread INTEGER NOT NULL DEFAULT 1 CHECK (starts_thread IN (0, 1));

UPDATE comments SET starts_thread = 0
 WHERE parent_id IS NOT NULL
   AND EXISTS (SELECT 1 FROM comments p WHERE p.id = comments.parent_id AND p.status = 'approved');

-- An article's threads, oldest first: a page of them is a range of this index.
CREATE INDEX comments_thread_starts ON comments (article_id, created_at, id)
  WHERE status = 'approved' AND starts_thread = 1;

-- Approved comments (every comments page) and threads (what the pages are cut
-- into) of one article. No row: none approved. Recounted from the indexes
-- (comments_by_article, comments_thread_starts) at each change rather than
-- added to, so a count can never drift from the comments themselves.
CREATE TABLE article_comment_counts (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  approved INTEGER NOT NULL CHECK (approved >= 0),
  threads INTEGER NOT NULL CHECK (threads >= 0)
);

INSERT INTO article_comment_counts (article_id, approved, threads)
SELECT article_id, count(*), count(CASE WHEN starts_thread = 1 THEN 1 END)
  FROM comments WHERE status = 'approved' GROUP BY article_id;

-- A new comment: a reply to an approved comment continues its thread.
CREATE TRIGGER comments_threads_on_insert AFTER INSERT ON comments BEGIN
  UPDATE comments
     SET starts_thread = (NEW.parent_id IS NULL OR NOT EXISTS (
       SELECT 1 FROM comments p WHERE p.id = NEW.parent_id AND p.status = 'approved'))
   WHERE id = NEW.id;
  INSERT INTO article_comment_counts (article_id, approved, threads)
  SELECT a.id,
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved'),
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved' AND c.starts_thread = 1)
    FROM articles a WHERE a.id = NEW.article_id AND NEW.status = 'approved'
  ON CONFLICT (article_id) DO UPDATE SET approved = excluded.approved, threads = excluded.threads;
END;

-- Approved, or no longer: the comment counts or not, and its replies start
-- threads while it is not approved (and go back under it when it is again).
CREATE TRIGGER comments_threads_on_status AFTER UPDATE OF status ON comments
  WHEN OLD.status IS NOT NEW.status AND 'approved' IN (OLD.status, NEW.status) BEGIN
  UPDATE comments SET starts_thread = (NEW.status <> 'approved') WHERE parent_id = NEW.id;
  INSERT INTO article_comment_counts (article_id, approved, threads)
  SELECT a.id,
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved'),
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved' AND c.starts_thread = 1)
    FROM articles a WHERE a.id = NEW.article_id
  ON CONFLICT (article_id) DO UPDATE SET approved = excluded.approved, threads = excluded.threads;
END;

-- A new parent (a comment deleted for good hands its replies to its own parent).
CREATE TRIGGER comments_threads_on_parent AFTER UPDATE OF parent_id ON comments
  WHEN OLD.parent_id IS NOT NEW.parent_id BEGIN
  UPDATE comments
     SET starts_thread = (NEW.parent_id IS NULL OR NOT EXISTS (
       SELECT 1 FROM comments p WHERE p.id = NEW.parent_id AND p.status = 'approved'))
   WHERE id = NEW.id;
  INSERT INTO article_comment_counts (article_id, approved, threads)
  SELECT a.id,
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved'),
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved' AND c.starts_thread = 1)
    FROM articles a WHERE a.id = NEW.article_id AND NEW.status = 'approved'
  ON CONFLICT (article_id) DO UPDATE SET approved = excluded.approved, threads = excluded.threads;
END;

-- A comment moved to another article (no screen does it; a statement may):
-- both articles are counted again.
CREATE TRIGGER comments_threads_on_article AFTER UPDATE OF article_id ON comments
  WHEN OLD.article_id IS NOT NEW.article_id AND NEW.status = 'approved' BEGIN
  INSERT INTO article_comment_counts (article_id, approved, threads)
  SELECT a.id,
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved'),
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved' AND c.starts_thread = 1)
    FROM articles a WHERE a.id IN (OLD.article_id, NEW.article_id)
  ON CONFLICT (article_id) DO UPDATE SET approved = excluded.approved, threads = excluded.threads;
END;

-- Deleted for good (its replies were handed to its parent first: the schema
-- refuses to delete a comment that still has replies). When the article itself
-- is deleted, its row is gone and nothing is counted again.
CREATE TRIGGER comments_threads_on_delete AFTER DELETE ON comments WHEN OLD.status = 'approved' BEGIN
  INSERT INTO article_comment_counts (article_id, approved, threads)
  SELECT a.id,
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved'),
    (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved' AND c.starts_thread = 1)
    FROM articles a WHERE a.id = OLD.article_id
  ON CONFLICT (article_id) DO UPDATE SET approved = excluded.approved, threads = excluded.threads;
END;
