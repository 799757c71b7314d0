-- E-mail notifications (src/notifications/, src/db/notifications.ts). Addresses
-- are private like comments' e-mails: never on a public page.

-- Every address that asked for notifications; only a confirmed one (double
-- opt-in: the link of its confirmation e-mail) is ever sent a notification.
CREATE TABLE subscriber_addresses (
  email TEXT PRIMARY KEY CHECK (length(email) BETWEEN 3 AND 254),
  confirmed_at INTEGER,
  created_at INTEGER NOT NULL
);

-- What an address follows. `comment_id` is always the comment that asked
-- (deleting it deletes the subscription): scope 'thread' follows the replies to
-- that comment, scope 'article' every new comment of its article.
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL REFERENCES subscriber_addresses (email) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('thread', 'article')),
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);
-- Who follows a comment's replies (one row per address), and the cascade from comments.
CREATE UNIQUE INDEX subscriptions_by_comment ON subscriptions (comment_id, scope, email);
-- Who follows an article (one row per address), and the cascade from articles.
CREATE INDEX subscriptions_by_article ON subscriptions (article_id, scope, email);
CREATE UNIQUE INDEX subscriptions_one_per_article ON subscriptions (article_id, email) WHERE scope = 'article';
-- "Everything from this blog" and the cascade from subscriber_addresses.
CREATE INDEX subscriptions_by_email ON subscriptions (email);

-- One row per e-mail the blog means to send: its unique key makes delivery
-- idempotent (a message the queue delivers again never sends twice), its state
-- is what the desk shows. kind 'confirm': comment_id is the subscriber's own
-- comment; 'reply': the reply; 'author': the comment the author is told of.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('confirm', 'reply', 'author')),
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  recipient TEXT NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'skipped')),
  -- Why it was skipped or failed, or the last error of a retried send.
  reason TEXT CHECK (reason IS NULL OR length(reason) <= 500),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
-- The idempotency key, comment first so that it also serves the cascade from comments.
CREATE UNIQUE INDEX notifications_by_key ON notifications (comment_id, kind, recipient);
-- What an address was sent: the hourly cap, "was a confirmation already sent".
CREATE INDEX notifications_by_recipient ON notifications (recipient, kind, state, sent_at);
-- The desk's log, newest first.
CREATE INDEX notifications_by_date ON notifications (created_at DESC, id DESC);
