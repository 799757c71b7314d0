// Reads of published articles. "Published" always means status = 'published'
// and a publication date that has come: drafts and future-dated articles are
// invisible everywhere. Each loader costs one D1 round trip (one batch).

import { type CommentCounts, selectApprovedCommentCounts, selectApprovedCommentPage } from './comments';
import { offsetOf, type PageQuery, SUMMARY_COLUMNS, toPage } from './listing';
import { type PublicMentionRow, selectShownMentions } from './mentions';
import type { Db } from './session';
import { selectArticleTags } from './tags';
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
 * Its comments come a page at a time: `perPage` threads, oldest first.
 */
export async function getPublishedArticlePage(
  db: Db,
  slug: string,
  now: number,
  commentsPage: { page: number; perPage: number },
): Promise<ArticlePageData | null> {
  const [article, tags, comments, counts, related, translations, mentions] = await db.batch([
    db
      .prepare(
        `SELECT id, slug, title, description, excerpt, language, body_html,
           image_url, image_alt, image_width, image_height, image_credit, image_credit_url,
           published_at, updated_at, comments_open, kind, author_name, author_slug, password_hash, ${PARENT_SLUG}
         FROM articles WHERE slug = ?1 AND status = 'published' AND published_at <= ?2`,
      )
      .bind(slug, now),
    selectArticleTags(db, slug),
    selectApprovedCommentPage(db, slug, commentsPage),
    selectApprovedCommentCounts(db, slug),
    selectRelatedArticles(db, slug, now, RELATED_LIMIT),
    selectTranslations(db, slug, now),
    selectShownMentions(db, slug),
  ]);
  const row = (article as D1Result<ArticleRow>).results[0];
  if (!row) return null;
  const { total, threads } = (counts as D1Result<CommentCounts>).results[0] ?? { total: 0, threads: 0 };
  return {
    article: row,
    tags: (tags as D1Result<TagRow>).results,
    comments: (comments as D1Result<PublicCommentRow>).results,
    commentCount: total,
    commentPage: commentsPage.page,
    commentPageCount: Math.max(1, Math.ceil(threads / commentsPage.perPage)),
    related: (related as D1Result<RelatedArticleRow>).results,
    translation: pickTranslation(row, (translations as D1Result<TranslationRow & { declared: 0 | 1 }>).results),
    mentions: (mentions as D1Result<PublicMentionRow>).results,
  };
}

/**
 * The published articles linked to this one as its translation: the one it
 * names (declared = 1) and any that name it, so one side's front matter is enough.
 * `+status`: without it articles_by_status_date takes over the second half
 * and reads every published article's row instead of the few rows in
 * articles_by_translation_slug (the article page 3x slower on 10,000 articles).
 */
function selectTranslations(db: Db, slug: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT slug, language, 1 AS declared, ${PARENT_SLUG} FROM articles
        WHERE slug = (SELECT translation_slug FROM articles WHERE slug = ?1)
          AND status = 'published' AND published_at <= ?2
       UNION ALL
       SELECT slug, language, 0 AS declared, ${PARENT_SLUG} FROM articles
        WHERE translation_slug = ?1 AND +status = 'published' AND published_at <= ?2
       ORDER BY declared DESC, slug LIMIT 3`,
    )
    .bind(slug, now);
}

/** A page's parent, for its address /<parent>/<slug> (null for an article or a top-level page). */
const PARENT_SLUG = '(SELECT parent.slug FROM articles parent WHERE parent.id = articles.parent_id) AS parent_slug';

/** The article's own declaration wins; a "translation" in the same language is a mistake, not an alternate. */
function pickTranslation(article: ArticleRow, rows: TranslationRow[]): TranslationRow | null {
  const found = rows.find((row) => row.slug !== article.slug && row.language !== article.language);
  return found ? { slug: found.slug, language: found.language, parent_slug: found.parent_slug ?? null } : null;
}

/**
 * The article's related articles, ranked at publish time (src/db/related.ts),
 * kept to those visible now: the ranking holds scheduled articles, which
 * appear here once due, and a few more rows than shown, so that one turned
 * into a draft or protected since is skipped rather than leaving a gap.
 * CROSS JOIN keeps SQLite starting from the ranking: left to choose, it may
 * walk every published article by date to find the few ranked ones.
 */
function selectRelatedArticles(db: Db, slug: string, now: number, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT a.slug, a.title, a.published_at FROM related_articles r CROSS JOIN articles a ON a.id = r.related_id
        WHERE r.article_id = (SELECT id FROM articles WHERE slug = ?1)
          AND a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?2 AND a.password_hash IS NULL
        ORDER BY r.position LIMIT ?3`,
    )
    .bind(slug, now, limit);
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
