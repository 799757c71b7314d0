-- The moderation desk (/admin): password sessions, failed logins, and the
-- indexes its queue needs.

-- A password login's session. The cookie holds the random id (signed); only
-- its SHA-256 is stored, so a leaked database opens no session. Logging out
-- deletes the row, so a copied cookie dies with it.
CREATE TABLE admin_sessions (
  id_hash TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);

-- Failed password attempts, by salted IP hash: past a few within the window,
-- the login answers 429. Rows older than the window are deleted at each login.
CREATE TABLE admin_login_failures (
  id INTEGER PRIMARY KEY,
  ip_hash TEXT NOT NULL,
  failed_at INTEGER NOT NULL
);

CREATE INDEX admin_login_failures_by_ip ON admin_login_failures (ip_hash, failed_at);
CREATE INDEX admin_login_failures_by_age ON admin_login_failures (failed_at);

-- The queue: comments of one status, newest first.
CREATE INDEX comments_by_status_date ON comments (status, created_at DESC, id DESC);

-- "Same IP as N other comments" in the queue.
CREATE INDEX comments_by_ip_hash ON comments (ip_hash) WHERE ip_hash IS NOT NULL;
