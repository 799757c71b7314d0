-- Scheduled publishing: an article dated in the future appears by itself at
-- its time, but the pages cached before then do not know it. A Cron Trigger
-- looks every minute for articles whose date came since the last look and
-- purges the pages they change; this row remembers up to when it has looked.
CREATE TABLE scheduled_publishing (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- Unix seconds: every article dated up to here has had its pages purged.
  checked_until INTEGER NOT NULL
);
-- From the moment this migration runs: the articles already visible then need
-- no purge, and one that comes due before the first cron run still gets one.
INSERT INTO scheduled_publishing (id, checked_until) VALUES (1, unixepoch());
