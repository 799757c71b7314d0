-- Related articles ("Vous pouvez aussi lire"), ranked when content is written
-- instead of on every article page render: for each published article, its
-- suggestions in order (position 0 first), a few more than the three shown so
-- that the page can skip those not visible yet (scheduled) or any more.
-- The statements after the table fill it for a blog published before this
-- migration; they are those of src/db/related.ts, which every publish runs.
CREATE TABLE related_articles (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

-- Deleting an article finds the lists it is in without reading them all.
CREATE INDEX related_articles_by_related ON related_articles (related_id);

WITH scheduled(n) AS (
  SELECT count(*) FROM articles WHERE kind = 'article' AND status = 'published' AND published_at > unixepoch()),
kept(n) AS (SELECT min(30, 6 + n) FROM scheduled),
candidate AS (
  SELECT id, published_at FROM articles
   WHERE kind = 'article' AND status = 'published' AND password_hash IS NULL
   ORDER BY published_at DESC, id DESC LIMIT 300 + (SELECT n FROM scheduled))
DELETE FROM related_articles
 WHERE article_id NOT IN (SELECT id FROM articles WHERE kind = 'article' AND status = 'published')
    OR position >= min((SELECT n FROM kept),
         (SELECT count(*) FROM candidate) - (article_id IN (SELECT id FROM candidate)));

WITH scheduled(n) AS (
  SELECT count(*) FROM articles WHERE kind = 'article' AND status = 'published' AND published_at > unixepoch()),
kept(n) AS (SELECT min(30, 6 + n) FROM scheduled),
candidate AS (
  SELECT id, published_at FROM articles
   WHERE kind = 'article' AND status = 'published' AND password_hash IS NULL
   ORDER BY published_at DESC, id DESC LIMIT 300 + (SELECT n FROM scheduled)),
source AS (
  SELECT id, coalesce((SELECT group_concat(tag_id) FROM article_tags WHERE article_id = articles.id), '') AS tags
    FROM articles WHERE kind = 'article' AND status = 'published'),
tag_sets AS (SELECT tags, min(id) AS example FROM source GROUP BY tags),
newest AS (SELECT id FROM candidate ORDER BY published_at DESC, id DESC LIMIT (SELECT n + 1 FROM kept)),
pairs AS (
  SELECT tag_sets.tags, c.id AS related_id, 1 AS weight
    FROM candidate c
    JOIN article_tags theirs ON theirs.article_id = c.id
    JOIN article_tags mine ON mine.tag_id = theirs.tag_id
    JOIN tag_sets ON tag_sets.example = mine.article_id
  UNION ALL
  SELECT tag_sets.tags, newest.id, 0 FROM tag_sets, newest),
set_ranking AS (
  SELECT pairs.tags, pairs.related_id,
    row_number() OVER (PARTITION BY pairs.tags ORDER BY sum(pairs.weight) DESC, c.published_at DESC, c.id DESC) AS rank
    FROM pairs JOIN candidate c ON c.id = pairs.related_id
   GROUP BY pairs.tags, pairs.related_id),
set_list AS (
  SELECT tags, json_group_array(json_array(rank, related_id)) AS list FROM set_ranking
   WHERE rank <= (SELECT n + 1 FROM kept) GROUP BY tags),
spread AS (
  SELECT id, max(list) OVER (PARTITION BY tags) AS list
    FROM (SELECT id, tags, NULL AS list FROM source UNION ALL SELECT NULL, tags, list FROM set_list)),
ranked AS (
  SELECT spread.id AS article_id, suggestion.value ->> 1 AS related_id,
    row_number() OVER (PARTITION BY spread.id ORDER BY suggestion.value ->> 0) - 1 AS position
    FROM spread, json_each(spread.list) AS suggestion
   WHERE spread.id IS NOT NULL AND suggestion.value ->> 1 != spread.id)
INSERT INTO related_articles (article_id, position, related_id)
SELECT article_id, position, related_id FROM ranked WHERE position < (SELECT n FROM kept)
ON CONFLICT (article_id, position) DO UPDATE SET related_id = excluded.related_id
 WHERE related_articles.related_id IS NOT excluded.related_id;
