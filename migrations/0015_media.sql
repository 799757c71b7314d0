-- The files of the MEDIA bucket that `npm run content:publish` uploaded
-- (scripts/lib/media-bucket.ts): a key is "<name>-<hash>.<ext>", so a row
-- means those exact bytes are in the bucket, and publishing uploads only keys
-- it has no row for.
CREATE TABLE media (
  key TEXT PRIMARY KEY,
  -- SHA-256 of the bytes, hex; the key carries its first 8 characters.
  sha256 TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  -- Pixels, for images and videos whose size could be read.
  width INTEGER,
  height INTEGER,
  uploaded_at INTEGER NOT NULL
);

-- Articles are rendered differently now (images get their width and height,
-- lazy loading after the first, local files point at /media/): each is
-- written again from its file by the next `npm run content:publish`, keeping
-- its dates (scripts/lib/sql.ts, REWRITE_PREFIX).
UPDATE articles SET source_hash = 'rewrite:' || source_hash WHERE source_hash NOT LIKE 'rewrite:%';
