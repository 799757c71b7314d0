// Reads of published articles. "Published" always means status = 'published'
// and a publication date that has come: drafts and future-dated articles are
// invisible everywhere. Each loader costs one D1 round trip (one batch).

import { selectApprovedCommentPage } from './comments';
import { offsetOf, type PageQuery, SUMMARY_COLUMNS, toPage } from './listing';
import { type PublicMentionRow, selectShownMentions } from './mentions';
import { readPageLinks } from './page-links';
import type { Db } from './session';
import type {
  ArticleRow,
  ArticleSummaryRow,
  Page,
  PublicCommentRow,
  RelatedArticleRow,
  TagRow,
  TranslationRow,
} from './types';

/**
 * The home page: pinned articles first (newest first), then the others, newest
 * first, `pageSize` a page, each article once. Sorting the whole table on
 * `pinned` would read every row on each miss: the few pinned articles come
 * from their own partial index (articles_pinned), and the others' offset
 * skips those shown before them. The count is the one kept at write time
 * (blog_counts, migration 0024) less the articles scheduled for later: a
 * miss no longer counts every published article.
 *
 * One statement: local D1 pays for each statement of a batch, more than
 * these reads cost in SQLite, so the count rides on every listed row. A page
 * with no rows gets a total of 0 (the first page of an empty blog, or a page
 * past the last one, which the route answers 404 either way).
 */
export async function listPublishedArticles(db: Db, query: PageQuery): Promise<Page<ArticleSummaryRow>> {
  const listed = `a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?1`;
  const total = `(SELECT published_articles - (SELECT count(*) FROM articles a
      WHERE a.kind = 'article' AND a.status = 'published' AND a.published_at > ?1)
    FROM blog_counts WHERE id = 1) AS total`;
  const [list] = await db.batch<ArticleSummaryRow & { total: number }>([
    db
      .prepare(
        `SELECT ${total}, * FROM (SELECT ${SUMMARY_COLUMNS}, 1 AS pinned FROM articles a
           WHERE ${listed} AND a.pinned = 1 ORDER BY a.published_at DESC, a.id DESC LIMIT ?2 OFFSET ?3)
         UNION ALL
         SELECT ${total}, * FROM (SELECT ${SUMMARY_COLUMNS}, 0 AS pinned FROM articles a
           WHERE ${listed} AND a.pinned = 0 ORDER BY a.published_at DESC, a.id DESC LIMIT ?2
           OFFSET max(0, ?3 - (SELECT count(*) FROM articles a WHERE ${listed} AND a.pinned = 1)))`,
      )
      .bind(query.now, query.pageSize, offsetOf(query)),
  ]);
  const rows = list?.results ?? [];
  // The order is the list's, not left to how SQLite happens to run a UNION ALL.
  const items = rows.sort(byPinnedThenNewest).slice(0, query.pageSize);
  return toPage<ArticleSummaryRow>({ results: [{ total: rows[0]?.total ?? 0 }] }, { results: items }, query);
}

function byPinnedThenNewest(a: ArticleSummaryRow, b: ArticleSummaryRow): number {
  return (b.pinned ?? 0) - (a.pinned ?? 0) || b.published_at - a.published_at || b.id - a.id;
}

export interface ArticlePageData {
  article: ArticleRow;
  tags: TagRow[];
  /** The approved comments of the requested comments page: its threads, whole. */
  comments: PublicCommentRow[];
  /** Every approved comment of the article, on all its comments pages. */
  commentCount: number;
  /** The comments page shown, and how many there are (at least 1). */
  commentPage: number;
  commentPageCount: number;
  related: RelatedArticleRow[];
  /** The same article in the other language, when that one is published. */
  translation: TranslationRow | null;
  /** Approved, verified pages that mention the article ("mentionné par"), oldest first. */
  mentions: PublicMentionRow[];
}

const RELATED_LIMIT = 3;

/**
 * Everything an article page shows, in one batch; null when not published.
 * Its comments come a page at a time: `perPage` threads, oldest first. What
 * depends only on published content (tags, related articles, translation)
 * comes stored with the article (src/db/page-links.ts), and the comment
 * counts with its row: local D1 and the D1 client charge for every statement
 * of a batch, so the batch holds no statement it can do without.
 */
export async function getPublishedArticlePage(
  db: Db,
  slug: string,
  now: number,
  commentsPage: { page: number; perPage: number },
): Promise<ArticlePageData | null> {
  const [article, comments, mentions] = await db.batch([
    // The comment counts ride on the article's row: one statement less to send and read back.
    db
      .prepare(
        `SELECT articles.id, slug, title, description, excerpt, language, body_html,
           image_url, image_alt, image_width, image_height, image_credit, image_credit_url,
           published_at, updated_at, comments_open, kind, author_name, author_slug, password_hash, ${PARENT_SLUG}, page_links,
           coalesce(counts.approved, 0) AS comment_total, coalesce(counts.threads, 0) AS comment_threads
         FROM articles LEFT JOIN article_comment_counts counts ON counts.article_id = articles.id
         WHERE slug = ?1 AND status = 'published' AND published_at <= ?2`,
      )
      .bind(slug, now),
    selectApprovedCommentPage(db, slug, commentsPage),
    selectShownMentions(db, slug),
  ]);
  const stored = (article as D1Result<StoredArticleRow>).results[0];
  if (!stored) return null;
  const { page_links, comment_total: total, comment_threads: threads, ...row } = stored;
  const links = readPageLinks(page_links, now);
  return {
    article: row,
    tags: links.tags,
    comments: (comments as D1Result<PublicCommentRow>).results,
    commentCount: total,
    commentPage: commentsPage.page,
    commentPageCount: Math.max(1, Math.ceil(threads / commentsPage.perPage)),
    related: links.related.slice(0, RELATED_LIMIT),
    translation: pickTranslation(row, links.translations),
    mentions: (mentions as D1Result<PublicMentionRow>).results,
  };
}

type StoredArticleRow = ArticleRow & { page_links: string | null; comment_total: number; comment_threads: number };

/** A page's parent, for its address /<parent>/<slug> (null for an article or a top-level page). */
const PARENT_SLUG = '(SELECT parent.slug FROM articles parent WHERE parent.id = articles.parent_id) AS parent_slug';

/** The article's own declaration wins; a "translation" in the same language is a mistake, not an alternate. */
function pickTranslation(article: ArticleRow, rows: TranslationRow[]): TranslationRow | null {
  const found = rows.find((row) => row.slug !== article.slug && row.language !== article.language);
  return found ? { slug: found.slug, language: found.language, parent_slug: found.parent_slug ?? null } : null;
}

/** A published article's or page's address parts: a child page lives at /<parent_slug>/<slug>. */
export async function findPublishedAddress(
  db: Db,
  slug: string,
  now: number,
): Promise<{ slug: string; parent_slug: string | null } | null> {
  return db
    .prepare(
      `SELECT slug, ${PARENT_SLUG} FROM articles WHERE slug = ?1 AND status = 'published' AND published_at <= ?2`,
    )
    .bind(slug, now)
    .first<{ slug: string; parent_slug: string | null }>();
}
