// Related articles ("Vous pouvez aussi lire") are worked out when content is
// written, not on each page render: ranking the newest articles by shared tags
// was the costliest statement of the article page. Every writer of articles or
// tags (content:publish and what runs it: the WordPress import and `npm run
// dev`; the benchmark's seed; test fixtures) ends with these statements, and
// migration 0023 runs them once for blogs published before it.
//
// The rule: for every published article, the candidates sharing the most tags
// with it, then the newest, never itself, never a page or a password-protected
// article, drawn from the newest published articles; when too few share a tag,
// the newest fill the list. Scheduled (future-dated) articles are candidates
// too, so that they appear once due without another publish: the article page
// keeps only the visible rows (src/db/articles.ts), and as many extra rows are
// stored as there are scheduled articles (up to a bound) so that three
// visible ones remain.

/** How many of the newest published articles the suggestions are drawn from, on top of the scheduled ones. */
const RELATED_WINDOW = 300;
/** Rows kept per article when nothing is scheduled: the three shown and a margin. */
const RELATED_STORED = 6;
/** The most rows kept per article, however many articles are scheduled. */
const RELATED_STORED_MAX = 30;

const SOURCE = `SELECT id FROM articles WHERE kind = 'article' AND status = 'published'`;

const COMMON = `scheduled(n) AS (
  SELECT count(*) FROM articles WHERE kind = 'article' AND status = 'published' AND published_at > unixepoch()),
kept(n) AS (SELECT min(${RELATED_STORED_MAX}, ${RELATED_STORED} + n) FROM scheduled),
candidate AS (
  SELECT id, published_at FROM articles
   WHERE kind = 'article' AND status = 'published' AND password_hash IS NULL
   ORDER BY published_at DESC, id DESC LIMIT ${RELATED_WINDOW} + (SELECT n FROM scheduled))`;

/**
 * Writes each article's ranking into related_articles (position 0 first),
 * touching only the rows that change: re-publishing unchanged content writes
 * nothing (D1 bills rows written).
 *
 * Articles with the same tags get the same ranking (but for leaving
 * themselves out), so it is worked out once per set of tags, on one article
 * of each (`example`): shared tags are counted in one GROUP BY over the
 * (set, candidate) pairs sharing a tag, reached from the candidates' tags,
 * and the newest candidates join every set with no weight, to fill lists
 * short of articles sharing a tag. Each set keeps one more than it needs (an
 * article drops itself), as a JSON list spread to its articles by a window
 * rather than a join (SQLite would compare every article with every set).
 */
const UPSERT_RANKING = `WITH ${COMMON},
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
 WHERE related_articles.related_id IS NOT excluded.related_id`;

/**
 * Removes what the ranking no longer fills: the rows of articles no longer
 * published, and positions past an article's list when there are fewer
 * candidates (a small blog) or fewer scheduled articles than last time.
 */
const DELETE_STALE = `WITH ${COMMON}
DELETE FROM related_articles
 WHERE article_id NOT IN (${SOURCE})
    OR position >= min((SELECT n FROM kept),
         (SELECT count(*) FROM candidate) - (article_id IN (SELECT id FROM candidate)))`;

/** The statements that bring related_articles up to date with the whole blog, in this order. */
export const REFRESH_RELATED_ARTICLES_SQL: readonly string[] = [DELETE_STALE, UPSERT_RANKING];
