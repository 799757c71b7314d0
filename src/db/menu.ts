// The header's menu: published pages with a menu order. Pages change only at
// publish, and every page shows the menu, so the menu is not a query of its
// own: it rides along with the first batch a route already makes (one D1
// round trip, as before). Pages rendered without a batch (error pages) show
// the menu this isolate read last.
import type { Language } from '../config';
import type { Db } from './session';

export interface MenuPageRow {
  slug: string;
  title: string;
  language: Language;
  menu_order: number;
  /** A child page lives at /<parent_slug>/<slug>. */
  parent_slug: string | null;
}

/** More would not fit a header; an author with more pages gives fewer of them a menu order. */
const MENU_LIMIT = 50;

/**
 * `+status`, `+published_at`: without them articles_by_kind_status_date takes
 * over and reads every published page, then sorts; pages_by_menu_order holds
 * only the menu's few rows, already in menu order.
 */
export function selectMenuPages(db: Db, now: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT p.slug, p.title, p.language, p.menu_order, parent.slug AS parent_slug
         FROM articles p LEFT JOIN articles parent ON parent.id = p.parent_id
        WHERE p.kind = 'page' AND p.menu_order IS NOT NULL AND +p.status = 'published' AND +p.published_at <= ?1
        ORDER BY p.menu_order, p.id LIMIT ?2`,
    )
    .bind(now, MENU_LIMIT);
}

let lastRead: MenuPageRow[] = [];

/** The menu this isolate read last ([] before any): for pages rendered without D1. */
export function lastReadMenu(): MenuPageRow[] {
  return lastRead;
}

export interface MenuReadingDb extends Db {
  /** The menu read with this request's first batch; undefined while no batch ran. */
  menu(): MenuPageRow[] | undefined;
}

/** `db`, whose first batch also reads the menu (its result is taken off before the caller sees the results). */
export function withMenu(db: Db, now: number): MenuReadingDb {
  let menu: MenuPageRow[] | undefined;
  return {
    prepare: (query) => db.prepare(query),
    batch: async <T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> => {
      if (menu !== undefined) return db.batch<T>(statements);
      const results = await db.batch<T>([...statements, selectMenuPages(db, now)]);
      const read = (results.pop()?.results ?? []) as unknown as MenuPageRow[];
      menu = read;
      lastRead = read;
      return results;
    },
    menu: () => menu,
  };
}
