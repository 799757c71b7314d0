// Finding a published article by its old WordPress address: its post number
// (articles_by_legacy_wp_id), its old path (articles_by_legacy_path), or, for a
// date permalink whose path was not recorded, its slug.
import type { Db } from './session';

const PUBLISHED = `status = 'published' AND published_at <= ?2`;

/** The slug of the published article that was WordPress post `id` ("/?p=1287"). */
export async function findSlugByLegacyId(db: Db, id: number, now: number): Promise<string | null> {
  const row = await db
    .prepare(`SELECT slug FROM articles WHERE legacy_wp_id = ?1 AND ${PUBLISHED}`)
    .bind(id, now)
    .first<{ slug: string }>();
  return row?.slug ?? null;
}

/**
 * The slug of the published article whose old path is `path` (lowercase, no
 * trailing slash, as content:publish stores it) or whose slug is `slug`,
 * `first` deciding which wins when both exist. One statement: one round trip.
 */
export async function findSlugByLegacyPath(
  db: Db,
  path: string,
  slug: string | null,
  now: number,
  first: 'legacy-path' | 'slug' = 'legacy-path',
): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT slug FROM (
         SELECT slug, ?4 AS rank FROM articles WHERE legacy_path = ?1 AND ${PUBLISHED}
         UNION ALL
         SELECT slug, 1 - ?4 AS rank FROM articles WHERE slug = ?3 AND ${PUBLISHED}
       ) ORDER BY rank LIMIT 1`,
    )
    .bind(path, now, slug, first === 'legacy-path' ? 0 : 1)
    .first<{ slug: string }>();
  return row?.slug ?? null;
}
