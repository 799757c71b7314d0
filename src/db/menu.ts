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
 * The menu as the last publish stored it (src/db/after-publish.ts): one row,
 * which local D1 plans far faster than the join over pages it replaced.
 */
export function selectMenuPages(db: Db): D1PreparedStatement {
  return db.prepare('SELECT pages FROM blog_menu WHERE id = 1');
}

type StoredMenuPage = [
  slug: string,
  title: string,
  language: Language,
  menuOrder: number,
  parentSlug: string | null,
  publishedAt: number,
];

/** The stored menu's pages published by `now` (a scheduled page joins when due), at most MENU_LIMIT. */
export function readMenuPages(rows: { pages?: string }[], now: number): MenuPageRow[] {
  const stored: StoredMenuPage[] = rows[0]?.pages ? JSON.parse(rows[0].pages) : [];
  return stored
    .filter(([, , , , , publishedAt]) => publishedAt <= now)
    .slice(0, MENU_LIMIT)
    .map(([slug, title, language, menu_order, parent_slug]) => ({ slug, title, language, menu_order, parent_slug }));
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
      const results = await db.batch<T>([...statements, selectMenuPages(db)]);
      const read = readMenuPages((results.pop()?.results ?? []) as { pages?: string }[], now);
      menu = read;
      lastRead = read;
      return results;
    },
    menu: () => menu,
  };
}
