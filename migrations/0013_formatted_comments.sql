-- Formatted comments: commenters write light Markdown, turned into HTML once,
-- when the comment is written (form, desk, demo seed, WordPress import), and
-- stored beside the raw text the commenter typed (`body`, which moderation,
-- the duplicate check and the desk's editor keep reading).
--
-- body_html: what pages and feeds show, built by src/comments/format.ts.
-- body_text: the same as plain text, for JSON-LD's Comment.text.
--
-- Comments written before this migration keep both NULL, and pages show them
-- as they always have, through the same plain-text renderer as before
-- (src/comments/plain-text.ts: escaped, paragraphs, line breaks, linked
-- http(s) addresses). SQL cannot link addresses as that renderer does (SQLite
-- has no regular expressions), and a rendering copied into SQL could only
-- drift from it; the renderer itself cannot drift. Such a comment is written
-- again in Markdown only when the desk edits it.
ALTER TABLE comments ADD COLUMN body_html TEXT;
ALTER TABLE comments ADD COLUMN body_text TEXT;
