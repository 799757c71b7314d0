// Finding a published article by its old WordPress address: its post number
// (articles_by_legacy_wp_id), its old path (articles_by_legacy_path), or, for a
// date permalink whose path was not recorded, its slug. A page found so
// comes with its parent's slug: a child page lives at /<parent>/<slug>.
import type { Db } from './session';

const PUBLISHED = `status = 'published' AND published_at <= ?2`;
/** The parent page's slug, by its primary key: null for an article or a top-level page. */
const PARENT_SLUG = '(SELECT parent.slug FROM articles parent WHERE parent.id = articles.parent_id) AS parent_slug';

/** Where an old address leads: an article, or a page under its parent. */
export interface LegacyTarget {
  slug: string;
  parent_slug: string | null;
}

/** The published article or page that was WordPress post `id` ("/?p=1287", "/?page_id=2"). */
export async function findSlugByLegacyId(db: Db, id: number, now: number): Promise<LegacyTarget | null> {
  return db
    .prepare(`SELECT slug, ${PARENT_SLUG} FROM articles WHERE legacy_wp_id = ?1 AND ${PUBLISHED}`)
    .bind(id, now)
    .first<LegacyTarget>();
}

/**
 * The published article (or page) whose old path is `path` (lowercase, no
 * trailing slash, as content:publish stores it) or whose slug is `slug`,
 * `first` deciding which wins when both exist. One statement: one round trip.
 */
export async function findSlugByLegacyPath(
  db: Db,
  path: string,
  slug: string | null,
  now: number,
  first: 'legacy-path' | 'slug' = 'legacy-path',
): Promise<LegacyTarget | null> {
  return db
    .prepare(
      `SELECT slug, parent_slug FROM (
         SELECT slug, ${PARENT_SLUG}, ?4 AS rank FROM articles WHERE legacy_path = ?1 AND ${PUBLISHED}
         UNION ALL
         SELECT slug, ${PARENT_SLUG}, 1 - ?4 AS rank FROM articles WHERE slug = ?3 AND ${PUBLISHED}
       ) ORDER BY rank LIMIT 1`,
    )
    .bind(path, now, slug, first === 'legacy-path' ? 0 : 1)
    .first<LegacyTarget>();
}

/** An old address the importer recorded (legacy_redirects), with its article resolved when it names one. */
export interface StoredRedirect {
  tag_slug: string | null;
  location: string | null;
  /** The published article or page with the row's wordpress_id; null when there is none (or no id). */
  slug: string | null;
  parent_slug: string | null;
}

/** Where the importer said `address` leads ("/tag/mustread", "?cat=12", "?attachment_id=611"). */
export async function findStoredRedirect(db: Db, address: string, now: number): Promise<StoredRedirect | null> {
  return db
    .prepare(
      `SELECT r.tag_slug, r.location, articles.slug, ${PARENT_SLUG}
         FROM legacy_redirects r
         LEFT JOIN articles ON articles.legacy_wp_id = r.wordpress_id
              AND articles.status = 'published' AND articles.published_at <= ?2
        WHERE r.address = ?1`,
    )
    .bind(address, now)
    .first<StoredRedirect>();
}
