-- What the comment form needs to protect itself and to moderate like WordPress.
-- Comments stay in the same table; these columns say how each one arrived.

-- Salted SHA-256 of the commenter's IP address (the salt is a secret), never
-- the address itself; cleared after the retention period (see README).
ALTER TABLE comments ADD COLUMN ip_hash TEXT;
-- 1 when Turnstile's siteverify accepted the submission, 0 when it could not
-- be reached (the comment is then held whatever the policy says).
ALTER TABLE comments ADD COLUMN turnstile_verified INTEGER NOT NULL DEFAULT 0
  CHECK (turnstile_verified IN (0, 1));
-- Why a comment was held or filtered: shown to the author on the moderation
-- desk. NULL for comments published at once.
ALTER TABLE comments ADD COLUMN held_reason TEXT
  CHECK (held_reason IS NULL OR held_reason IN
    ('first_comment', 'hold_all', 'unverified', 'too_many_links', 'blocklist'));

-- Trusted returning commenters (an approved comment by this e-mail) and
-- duplicate detection (same e-mail, same article, recent).
CREATE INDEX comments_by_email ON comments (author_email, created_at);
-- The daily clean-up that forgets IP hashes past the retention period.
CREATE INDEX comments_ip_hash_by_age ON comments (created_at) WHERE ip_hash IS NOT NULL;
