-- Excerpts and the text search reads used to lose the no-break spaces of
-- French typography (a plain space before ":" and inside « »). They are
-- rendered at publish time, and publishing skips a file whose source hash is
-- unchanged: this marks every article to be written again from its file by
-- the next `npm run content:publish` (and `npm run dev`), keeping its dates
-- (scripts/lib/sql.ts, REWRITE_PREFIX). Nothing is shown differently until then.
UPDATE articles SET source_hash = 'rewrite:' || source_hash WHERE source_hash NOT LIKE 'rewrite:%';
