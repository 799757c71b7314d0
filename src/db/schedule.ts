// Scheduled publishing's SQL: which published articles have come due since the
// last check, and how far the checks have gone (migrations/0005).
import type { Db } from './session';

export interface DueArticleRow {
  id: number;
  slug: string;
  /** Comma-separated: the tag pages that list the article from now on. */
  tag_slugs: string | null;
}

export interface DuePublications {
  /** Every article dated up to here has had its pages purged; null when nothing was ever checked. */
  checkedUntil: number | null;
  /** Published articles dated after checkedUntil and up to now, oldest first (none when checkedUntil is null). */
  due: DueArticleRow[];
}

/** One round trip: the mark, and the articles dated between it and now. */
export async function findDuePublications(db: Db, now: number): Promise<DuePublications> {
  const [mark, due] = await db.batch([
    db.prepare('SELECT checked_until FROM scheduled_publishing WHERE id = 1'),
    // A range of articles_by_status_date: a run reads only the articles that came due.
    db
      .prepare(
        `SELECT a.id, a.slug,
           (SELECT group_concat(t.slug) FROM article_tags at JOIN tags t ON t.id = at.tag_id
             WHERE at.article_id = a.id) AS tag_slugs
           FROM articles a
          WHERE a.status = 'published'
            AND a.published_at > (SELECT checked_until FROM scheduled_publishing WHERE id = 1)
            AND a.published_at <= ?1
          ORDER BY a.published_at, a.id`,
      )
      .bind(now),
  ]);
  return {
    checkedUntil: (mark as D1Result<{ checked_until: number }>).results[0]?.checked_until ?? null,
    due: (due as D1Result<DueArticleRow>).results,
  };
}

/**
 * Moves the mark to `until`, creating it on the first run. Never backwards:
 * a slow run finishing after a later one must not make that one's articles
 * due again.
 */
export async function markPublicationsCheckedUntil(db: Db, until: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO scheduled_publishing (id, checked_until) VALUES (1, ?1)
       ON CONFLICT (id) DO UPDATE SET checked_until = max(checked_until, excluded.checked_until)`,
    )
    .bind(until)
    .run();
}
