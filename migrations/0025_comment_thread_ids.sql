-- Each comment names the thread it is shown in, so that a comments page is
-- one plain read: the page's thread starts (a range of comments_thread_starts)
-- and the approved comments carrying their ids (src/db/comments.ts). Walking
-- the replies down from each thread start is done here, when a comment is
-- written or moderated, instead of on every uncached article page.
--
-- thread_id follows migration 0022's starts_thread: a comment's own id when
-- its parent is not an approved comment (a top-level comment, or a reply to a
-- held, spam or trashed one), else its parent's thread_id. It does not depend
-- on the comment's own status: a held reply to an approved comment already
-- carries its parent's thread, and keeps it once approved. Triggers keep it,
-- so every writer is covered: the comment form, the desk, `npm run comments`,
-- the WordPress import, the demo seed, a statement typed by hand.
ALTER TABLE comments ADD COLUMN thread_id INTEGER;

-- From every thread start down through approved comments only: below a
-- comment that is not approved, each reply starts its own thread. A cycle of
-- approved comments (only a hand-written parent_id could make one) has no
-- thread start, is never reached, and stays unshown, as before.
WITH RECURSIVE placed (id, status, thread_id) AS (
  SELECT id, status, id FROM comments WHERE starts_thread = 1
  UNION ALL
  SELECT c.id, c.status, placed.thread_id FROM comments c JOIN placed ON c.parent_id = placed.id
   WHERE placed.status = 'approved' AND c.starts_thread = 0)
UPDATE comments SET thread_id = placed.thread_id FROM placed WHERE comments.id = placed.id;

-- A comments page: the approved comments of its threads, in order within each.
CREATE INDEX comments_by_thread ON comments (article_id, thread_id, created_at, id) WHERE status = 'approved';

-- A new comment: a reply to an approved comment joins its thread. (Its
-- replies cannot exist yet: parent_id must name an existing comment.)
CREATE TRIGGER comments_thread_id_on_insert AFTER INSERT ON comments BEGIN
  UPDATE comments
     SET thread_id = coalesce(
       (SELECT p.thread_id FROM comments p WHERE p.id = NEW.parent_id AND p.status = 'approved'), NEW.id)
   WHERE id = NEW.id;
END;

-- Approved, or no longer: its replies join its thread, or start their own
-- (and go back under it when it is approved again), and so does everything
-- shown under them. The walk goes down through approved comments only (below
-- any other, nothing depends on this comment) and never comes back to the
-- comment itself (a hand-made cycle ends there). "+below.id": the update
-- then goes from the walked rows to each comment by its id; without it SQLite
-- reads every comment of the blog to find them.
CREATE TRIGGER comments_thread_id_on_status AFTER UPDATE OF status ON comments
  WHEN OLD.status IS NOT NEW.status AND 'approved' IN (OLD.status, NEW.status) BEGIN
  UPDATE comments SET thread_id = below.thread_id FROM (
    WITH RECURSIVE walked (id, status, thread_id) AS (
      SELECT id, status, thread_id FROM comments WHERE id = NEW.id
      UNION ALL
      SELECT c.id, c.status, CASE WHEN walked.status = 'approved' THEN walked.thread_id ELSE c.id END
        FROM comments c JOIN walked ON c.parent_id = walked.id
       WHERE (walked.id = NEW.id OR walked.status = 'approved') AND c.id <> NEW.id)
    SELECT id, thread_id FROM walked WHERE id <> NEW.id) AS below
   WHERE comments.id = +below.id AND comments.thread_id IS NOT below.thread_id;
END;

-- A new parent (a comment deleted for good hands its replies to its own
-- parent first): the comment joins its new parent's thread or starts one,
-- and what is shown under it follows.
CREATE TRIGGER comments_thread_id_on_parent AFTER UPDATE OF parent_id ON comments
  WHEN OLD.parent_id IS NOT NEW.parent_id BEGIN
  UPDATE comments
     SET thread_id = coalesce(
       (SELECT p.thread_id FROM comments p WHERE p.id = NEW.parent_id AND p.status = 'approved'), NEW.id)
   WHERE id = NEW.id;
  UPDATE comments SET thread_id = below.thread_id FROM (
    WITH RECURSIVE walked (id, status, thread_id) AS (
      SELECT id, status, thread_id FROM comments WHERE id = NEW.id
      UNION ALL
      SELECT c.id, c.status, walked.thread_id
        FROM comments c JOIN walked ON c.parent_id = walked.id
       WHERE walked.status = 'approved' AND c.id <> NEW.id)
    SELECT id, thread_id FROM walked WHERE id <> NEW.id) AS below
   WHERE comments.id = +below.id AND comments.thread_id IS NOT below.thread_id;
END;

-- Deleted for good: nothing to do. The schema refuses to delete a comment that
-- still has replies, and comments_thread_id_on_parent has moved them already.
