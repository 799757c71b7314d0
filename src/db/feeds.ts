// What the feeds read: the newest published articles (the blog's, or one
// tag's) with their bodies and tags, and an article's newest approved
// comments, never their e-mail. One D1 round trip per feed.
import type { Language } from '../config';
import type { Db } from './session';
import type { ArticleRow, TagRow } from './types';

export interface FeedArticleRow
  extends Pick<
    ArticleRow,
    | 'id'
    | 'slug'
    | 'title'
    | 'description'
    | 'excerpt'
    | 'language'
    | 'body_html'
    | 'image_url'
    | 'image_alt'
    | 'image_width'
    | 'image_height'
    | 'published_at'
    | 'updated_at'
    | 'author_name'
    | 'author_slug'
  > {
  tags: TagRow[];
}

// The article's tags travel as JSON in the same row: no second statement
// repeating the list's conditions, and no query per article.
const FEED_COLUMNS = `a.id, a.slug, a.title, a.description, a.excerpt, a.language, a.body_html,
  a.image_url, a.image_alt, a.image_width, a.image_height, a.published_at, a.updated_at, a.author_name, a.author_slug,
  (SELECT json_group_array(json_object('slug', t.slug, 'name', t.name))
     FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tags_json`;

type RawFeedArticleRow = Omit<FeedArticleRow, 'tags'> & { tags_json: string };

function toFeedArticle({ tags_json, ...row }: RawFeedArticleRow): FeedArticleRow {
  const tags = (JSON.parse(tags_json) as TagRow[]).sort((a, b) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
  );
  return { ...row, tags };
}

/** The blog's newest published articles, newest first. */
export async function listFeedArticles(db: Db, now: number, limit: number): Promise<FeedArticleRow[]> {
  const { results } = await db
    .prepare(
      `SELECT ${FEED_COLUMNS} FROM articles a
        WHERE a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?1 AND a.password_hash IS NULL
        ORDER BY a.published_at DESC, a.id DESC LIMIT ?2`,
    )
    .bind(now, limit)
    .all<RawFeedArticleRow>();
  return results.map(toFeedArticle);
}

export interface TagFeedData {
  tag: TagRow;
  articles: FeedArticleRow[];
}

/** A tag's newest published articles; null when no published article carries it (as its page). */
export async function getTagFeed(db: Db, tagSlug: string, now: number, limit: number): Promise<TagFeedData | null> {
  const [tag, list] = await db.batch([
    db.prepare('SELECT slug, name FROM tags WHERE slug = ?1').bind(tagSlug),
    db
      .prepare(
        `SELECT ${FEED_COLUMNS} FROM article_tags tagged CROSS JOIN articles a ON a.id = tagged.article_id
          WHERE tagged.tag_id = (SELECT id FROM tags WHERE slug = ?1)
            AND a.kind = 'article' AND a.status = 'published' AND a.published_at <= ?2 AND a.password_hash IS NULL
          ORDER BY a.published_at DESC, a.id DESC LIMIT ?3`,
      )
      .bind(tagSlug, now, limit),
  ]);
  const tagRow = (tag as D1Result<TagRow>).results[0];
  const articles = (list as D1Result<RawFeedArticleRow>).results.map(toFeedArticle);
  if (!tagRow || articles.length === 0) return null;
  return { tag: tagRow, articles };
}

export interface CommentFeedArticleRow {
  id: number;
  slug: string;
  /** A child page lives at /<parent_slug>/<slug>. */
  parent_slug: string | null;
  title: string;
  language: Language;
  published_at: number;
  updated_at: number;
}

export interface FeedCommentRow {
  id: number;
  author_name: string;
  author_url: string | null;
  body: string;
  body_html: string | null;
  body_text: string | null;
  created_at: number;
  is_author: 0 | 1;
  /**
   * Position of the comment's thread among the article's threads, oldest
   * first (1-based): which comments page shows it. A reply whose parent is
   * not approved starts a thread of its own, as on the page.
   */
  thread_position: number;
}

export interface CommentFeedData {
  article: CommentFeedArticleRow;
  comments: FeedCommentRow[];
}

/** A published article's newest approved comments, newest first; null when the article is not published. */
export async function getCommentFeed(
  db: Db,
  slug: string,
  now: number,
  limit: number,
): Promise<CommentFeedData | null> {
  const [article, comments] = await db.batch([
    db
      .prepare(
        `SELECT id, slug, title, language, published_at, updated_at,
                (SELECT parent.slug FROM articles parent WHERE parent.id = articles.parent_id) AS parent_slug
           FROM articles WHERE slug = ?1 AND status = 'published' AND published_at <= ?2 AND password_hash IS NULL`,
      )
      .bind(slug, now),
    db
      .prepare(
        `WITH RECURSIVE
         latest AS (
           SELECT c.id, c.parent_id, c.author_name, c.author_url, c.body, c.body_html, c.body_text, c.created_at, c.is_author
             FROM comments c
            WHERE c.article_id = (SELECT id FROM articles
                                   WHERE slug = ?1 AND status = 'published' AND published_at <= ?2 AND password_hash IS NULL)
              AND c.status = 'approved'
            ORDER BY c.created_at DESC, c.id DESC LIMIT ?3),
         ancestry (comment_id, id, parent_id, depth) AS (
           SELECT id, id, parent_id, 0 FROM latest
           UNION ALL
           SELECT ancestry.comment_id, p.id, p.parent_id, ancestry.depth + 1
             FROM ancestry JOIN comments p ON p.id = ancestry.parent_id
            WHERE +p.status = 'approved' AND ancestry.depth < 100),
         -- SQLite takes the bare column (id) from the row holding max(depth): the thread's first comment.
         thread_start AS (SELECT comment_id, id AS start_id, max(depth) FROM ancestry GROUP BY comment_id),
         threads AS (
           SELECT c.id, row_number() OVER (ORDER BY c.created_at, c.id) AS position FROM comments c
            WHERE c.article_id = (SELECT id FROM articles WHERE slug = ?1) AND c.status = 'approved'
              AND (c.parent_id IS NULL OR NOT EXISTS (
                SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'approved')))
         SELECT latest.id, latest.author_name, latest.author_url, latest.body, latest.body_html, latest.body_text,
                latest.created_at, latest.is_author,
                coalesce(threads.position, 1) AS thread_position
           FROM latest
           JOIN thread_start ON thread_start.comment_id = latest.id
           LEFT JOIN threads ON threads.id = thread_start.start_id
          ORDER BY latest.created_at DESC, latest.id DESC`,
      )
      .bind(slug, now, limit),
  ]);
  const row = (article as D1Result<CommentFeedArticleRow>).results[0];
  if (!row) return null;
  return { article: row, comments: (comments as D1Result<FeedCommentRow>).results };
}
