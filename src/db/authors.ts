// Authors' reads. An article names its own author in `author_name` /
// `author_slug` (front matter `author`); NULL is the blog's author
// (AUTHOR_NAME). An author's page lists their published articles; the blog's
// author has one only once some article names another (or any) author: a blog
// of one author keeps the home page as that author's page.
import { offsetOf, type PageQuery, SUMMARY_COLUMNS, toPage } from './listing';
import type { Db } from './session';
import type { ArticleSummaryRow, Page } from './types';

export interface AuthorRef {
  slug: string;
  name: string;
}

export type AuthorLookup =
  | { kind: 'listing'; author: AuthorRef; articles: Page<ArticleSummaryRow> }
  /** Not an author here, but a WordPress login whose author is `slug`. */
  | { kind: 'wordpress-login'; slug: string }
  | { kind: 'none' };

const LISTED = `a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?2`;

/**
 * What /author/<slug> shows: that author's published articles (a page of
 * them), else where the WordPress login `slug` leads, else nothing. The
 * blog's own author (`blogAuthor`) also has the articles naming no author.
 * One round trip.
 */
export async function lookUpAuthor(
  db: Db,
  slug: string,
  blogAuthor: AuthorRef,
  query: PageQuery,
): Promise<AuthorLookup> {
  const isBlogAuthor = slug === blogAuthor.slug;
  // Two spellings rather than one OR with a flag, which would leave every query without its index.
  const theirs = isBlogAuthor ? `(a.author_slug = ?1 OR a.author_slug IS NULL)` : 'a.author_slug = ?1';
  const [login, named, count, list] = await db.batch([
    db.prepare('SELECT author_slug FROM wordpress_authors WHERE login = ?1').bind(slug),
    // The newest name the author signed with; for the blog's author, whether any article has a byline at
    // all: looked for among the bylines alone (+: not among every published article, on a blog without any).
    isBlogAuthor
      ? db
          .prepare(
            `SELECT ?3 AS author_name WHERE EXISTS (SELECT 1 FROM articles a WHERE a.author_slug > ''
               AND +a.kind = 'article' AND +a.status = 'published' AND +a.published_at <= ?2)`,
          )
          .bind(slug, query.now, blogAuthor.name)
      : db
          .prepare(`SELECT a.author_name FROM articles a WHERE a.author_slug = ?1 AND ${LISTED}
             ORDER BY a.published_at DESC, a.id DESC LIMIT 1`)
          .bind(slug, query.now),
    db.prepare(`SELECT count(*) AS total FROM articles a WHERE ${theirs} AND ${LISTED}`).bind(slug, query.now),
    db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE ${theirs} AND ${LISTED}
          ORDER BY a.published_at DESC, a.id DESC LIMIT ?3 OFFSET ?4`,
      )
      .bind(slug, query.now, query.pageSize, offsetOf(query)),
  ]);
  const newest = (named as D1Result<{ author_name: string }>).results[0];
  const articles = toPage<ArticleSummaryRow>(count, list, query);
  if (newest && articles.total > 0) {
    return { kind: 'listing', author: { slug, name: isBlogAuthor ? blogAuthor.name : newest.author_name }, articles };
  }
  const target = (login as D1Result<{ author_slug: string }>).results[0];
  return target ? { kind: 'wordpress-login', slug: target.author_slug } : { kind: 'none' };
}

/** The author slug of a WordPress author, by user id (?author=7) or login (?author_name=jo). */
export async function findWordPressAuthor(db: Db, by: { userId: number } | { login: string }): Promise<string | null> {
  const row =
    'userId' in by
      ? await db
          .prepare('SELECT author_slug FROM wordpress_authors WHERE user_id = ?1')
          .bind(by.userId)
          .first<{ author_slug: string }>()
      : await db
          .prepare('SELECT author_slug FROM wordpress_authors WHERE login = ?1')
          .bind(by.login)
          .first<{ author_slug: string }>();
  return row?.author_slug ?? null;
}
