-- Conversations across sites: Webmentions, legacy trackbacks, and pingbacks
-- brought in from WordPress. A mention is received as 'queued', verified by
-- fetching its source (does it really link here?), then moderated like a
-- comment: only approved, verified mentions are shown under the comments.
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('webmention', 'trackback', 'pingback')),
  source_url TEXT NOT NULL CHECK (length(source_url) BETWEEN 1 AND 2000),
  -- The exact URL of ours the source says it links to.
  target_url TEXT NOT NULL CHECK (length(target_url) BETWEEN 1 AND 2000),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
  -- queued: not fetched yet; verified: the source links to the target;
  -- failed: fetched, no link (or not fetchable); gone: the source disappeared (410/404).
  verification TEXT NOT NULL DEFAULT 'queued' CHECK (verification IN ('queued', 'verified', 'failed', 'gone')),
  -- What the source says about itself (h-entry / <title> / trackback fields), as plain text.
  author_name TEXT CHECK (author_name IS NULL OR length(author_name) <= 200),
  author_url TEXT CHECK (author_url IS NULL OR length(author_url) <= 2000),
  title TEXT CHECK (title IS NULL OR length(title) <= 300),
  excerpt TEXT CHECK (excerpt IS NULL OR length(excerpt) <= 1000),
  received_at INTEGER NOT NULL,
  verified_at INTEGER,
  updated_at INTEGER NOT NULL,
  -- Same salted hash as comments (for rate limits and the desk); NULL when imported.
  ip_hash TEXT,
  -- Stable key for mentions brought in by a script (WordPress import), so a re-run inserts nothing twice.
  source_key TEXT UNIQUE,
  -- One mention per source and article: a new notification updates it.
  UNIQUE (article_id, source_url)
);

-- Article pages: approved mentions of one article in order.
CREATE INDEX mentions_by_article ON mentions (article_id, status, received_at, id);
-- The desk's queue, newest first per status.
CREATE INDEX mentions_by_status_date ON mentions (status, received_at DESC, id DESC);
-- Verification work: mentions still to fetch.
CREATE INDEX mentions_by_verification ON mentions (verification, received_at) WHERE verification = 'queued';
-- The daily erasure of IP hashes older than IP_HASH_RETENTION_DAYS, as for comments.
CREATE INDEX mentions_ip_hash_by_age ON mentions (received_at) WHERE ip_hash IS NOT NULL;

-- Sending: the links of each published article we have notified (or tried to),
-- so that re-publishing notifies only new or removed links.
CREATE TABLE webmention_sends (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  target_url TEXT NOT NULL CHECK (length(target_url) BETWEEN 1 AND 2000),
  -- The receiver's endpoint, when discovery found one.
  endpoint TEXT,
  -- linked: in the article now; removed: gone from the article (notified once more).
  link_state TEXT NOT NULL DEFAULT 'linked' CHECK (link_state IN ('linked', 'removed')),
  -- pending: not tried yet for this link_state; sent: accepted (2xx); no_endpoint; failed: error or timeout.
  outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'sent', 'no_endpoint', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- A pending row is not tried before this time (a failed attempt backs off).
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, target_url)
) WITHOUT ROWID;
CREATE INDEX webmention_sends_pending ON webmention_sends (outcome, next_attempt_at) WHERE outcome = 'pending';

-- Sending: articles whose links must be compared with webmention_sends, from
-- the time they are due (a future-dated article waits for its date). Filled
-- by triggers, so that whatever writes articles (content:publish, a script,
-- a test) queues the work, and the every-minute cron never walks every article.
CREATE TABLE webmention_scans (
  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  due_at INTEGER NOT NULL
);
CREATE INDEX webmention_scans_by_due ON webmention_scans (due_at);

-- A new published article. Articles brought from WordPress (legacy_wp_id) are
-- not queued: their links were pinged years ago; an edit of one queues it.
CREATE TRIGGER webmention_scan_on_insert AFTER INSERT ON articles
  WHEN NEW.status = 'published' AND NEW.legacy_wp_id IS NULL
BEGIN
  -- An upsert, not INSERT OR REPLACE: inside a trigger the outer statement's
  -- conflict policy wins, and content:publish's own upsert would turn REPLACE into ABORT.
  INSERT INTO webmention_scans (article_id, due_at) VALUES (NEW.id, NEW.published_at)
    ON CONFLICT (article_id) DO UPDATE SET due_at = excluded.due_at;
END;

-- A body, status or date that changed (a re-publish with the same text changes nothing).
CREATE TRIGGER webmention_scan_on_update AFTER UPDATE OF body_html, status, published_at ON articles
  WHEN NEW.status = 'published' AND (OLD.body_html IS NOT NEW.body_html OR OLD.status IS NOT NEW.status
    OR OLD.published_at IS NOT NEW.published_at)
BEGIN
  -- An upsert, not INSERT OR REPLACE: inside a trigger the outer statement's
  -- conflict policy wins, and content:publish's own upsert would turn REPLACE into ABORT.
  INSERT INTO webmention_scans (article_id, due_at) VALUES (NEW.id, NEW.published_at)
    ON CONFLICT (article_id) DO UPDATE SET due_at = excluded.due_at;
END;
