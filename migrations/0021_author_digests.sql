-- The author's digest e-mails about new comments (src/notifications/author-digest.ts).
-- One row per address: when its last digest was sent (at most one per
-- AUTHOR_DIGEST_MINUTES), and a lease held while a digest is being written and
-- sent, so that two queue consumers running at once never send the same one twice.
-- What each digest listed is in notifications (kind 'author'), as for every e-mail.
CREATE TABLE author_digests (
  recipient TEXT PRIMARY KEY CHECK (length(recipient) BETWEEN 3 AND 254),
  last_sent_at INTEGER,
  lease_until INTEGER NOT NULL DEFAULT 0
);
