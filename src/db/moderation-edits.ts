// The desk's other writes: editing a comment, the author's inline reply, and
// opening or closing an article's comments.
import type { FormattedComment } from '../comments/format';
import { approvedCommentCount } from './listing';
import type { ModerationCommentRow, ModerationStatus, TouchedArticle } from './moderation';
import type { Db } from './session';
import { authorReplyOutboxStatement, outboxHeldCommentStatement, outboxIds } from './subscriptions';
import type { Page } from './types';

/** A comment as the edit and reply pages show it: the queue's row, less its judging details. */
export type EditableComment = Pick<
  ModerationCommentRow,
  | 'id'
  | 'article_id'
  | 'article_slug'
  | 'article_title'
  | 'author_name'
  | 'author_email'
  | 'author_url'
  | 'body'
  | 'body_html'
  | 'status'
  | 'created_at'
>;

export async function getCommentForEdit(db: Db, id: number): Promise<EditableComment | null> {
  return db
    .prepare(
      `SELECT c.id, c.article_id, a.slug AS article_slug, a.title AS article_title,
         c.author_name, c.author_email, c.author_url, c.body, c.body_html, c.status, c.created_at
       FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.id = ?1`,
    )
    .bind(id)
    .first<EditableComment>();
}

export async function updateComment(
  db: Db,
  id: number,
  values: { author: string; email: string; url: string | null; body: string; formatted: FormattedComment },
): Promise<TouchedArticle | null> {
  return db
    .prepare(
      `UPDATE comments SET author_name = ?2, author_email = ?3, author_url = ?4, body = ?5, body_html = ?6, body_text = ?7
        WHERE id = ?1
       RETURNING article_id,
         (SELECT group_concat(t.slug) FROM article_tags at JOIN tags t ON t.id = at.tag_id
           WHERE at.article_id = comments.article_id) AS tag_slugs`,
    )
    .bind(id, values.author, values.email, values.url, values.body, values.formatted.html, values.formatted.text)
    .first<TouchedArticle>();
}

export interface ReplyTarget {
  article_id: number;
  status: ModerationStatus;
  tag_slugs: string | null;
  /** The comment, then its ancestors up to the thread's first comment. */
  chain: number[];
}

export async function getReplyTarget(db: Db, commentId: number): Promise<ReplyTarget | null> {
  const [comment, chain] = await db.batch([
    db
      .prepare(
        `SELECT c.article_id, c.status,
           (SELECT group_concat(t.slug) FROM article_tags at JOIN tags t ON t.id = at.tag_id
             WHERE at.article_id = c.article_id) AS tag_slugs
         FROM comments c WHERE c.id = ?1`,
      )
      .bind(commentId),
    db
      .prepare(
        `WITH RECURSIVE chain (id, parent_id, depth) AS (
           SELECT id, parent_id, 1 FROM comments WHERE id = ?1
           UNION ALL
           SELECT c.id, c.parent_id, chain.depth + 1 FROM comments c JOIN chain ON c.id = chain.parent_id
            WHERE chain.depth < 100)
         SELECT id FROM chain ORDER BY depth`,
      )
      .bind(commentId),
  ]);
  const row = comment?.results[0] as Omit<ReplyTarget, 'chain'> | undefined;
  if (!row) return null;
  return { ...row, chain: ((chain?.results ?? []) as { id: number }[]).map(({ id }) => id) };
}

/**
 * The author's reply, published at once. Replying to a held comment
 * approves it first, as WordPress's "Approve and reply" does: a public
 * answer to an invisible question would make no sense.
 */
export async function insertAuthorReply(
  db: Db,
  reply: {
    replyTo: number;
    parentId: number | null;
    author: string;
    body: string;
    formatted: FormattedComment;
    now: number;
  },
): Promise<{ id: number | null; published: number[] }> {
  // Both become public: the held comment (if it was) and the reply go to the notifications' outbox.
  const [approving, , inserted, outboxed] = await db.batch([
    outboxHeldCommentStatement(db, reply.replyTo, reply.now),
    db.prepare(`UPDATE comments SET status = 'approved' WHERE id = ?1 AND status = 'pending'`).bind(reply.replyTo),
    db
      .prepare(
        `INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, body, status,
           created_at, is_author, turnstile_verified, body_html, body_text)
         SELECT article_id, ?2, ?3, '', NULL, ?4, 'approved', ?5, 1, 0, ?6, ?7 FROM comments WHERE id = ?1
         RETURNING id`,
      )
      .bind(
        reply.replyTo,
        reply.parentId,
        reply.author,
        reply.body,
        reply.now,
        reply.formatted.html,
        reply.formatted.text,
      ),
    authorReplyOutboxStatement(db, reply.now),
  ]);
  const id = (inserted?.results[0] as { id: number } | undefined)?.id ?? null;
  return { id, published: [...outboxIds(approving), ...outboxIds(outboxed)] };
}

export interface DeskArticleRow {
  id: number;
  slug: string;
  title: string;
  published_at: number;
  comments_open: 0 | 1;
  approved_count: number;
  pending_count: number;
}

/** Published articles (scheduled ones included), newest first: drafts take no comments. */
export async function listArticlesForDesk(
  db: Db,
  query: { page: number; pageSize: number },
): Promise<Page<DeskArticleRow>> {
  const [count, list] = await db.batch([
    db.prepare(`SELECT count(*) AS total FROM articles WHERE status = 'published'`),
    db
      .prepare(
        `SELECT a.id, a.slug, a.title, a.published_at, a.comments_open,
           ${approvedCommentCount('a')} AS approved_count,
           (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'pending') AS pending_count
         FROM articles a WHERE a.status = 'published'
         ORDER BY a.published_at DESC, a.id DESC LIMIT ?1 OFFSET ?2`,
      )
      .bind(query.pageSize, (query.page - 1) * query.pageSize),
  ]);
  const total = (count?.results[0] as { total: number } | undefined)?.total ?? 0;
  return {
    items: (list?.results ?? []) as DeskArticleRow[],
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    total,
  };
}

export async function setArticleCommentsOpen(db: Db, articleId: number, open: boolean): Promise<TouchedArticle | null> {
  return db
    .prepare(
      `UPDATE articles SET comments_open = ?2 WHERE id = ?1 AND status = 'published'
       RETURNING id AS article_id,
         (SELECT group_concat(t.slug) FROM article_tags at JOIN tags t ON t.id = at.tag_id
           WHERE at.article_id = articles.id) AS tag_slugs`,
    )
    .bind(articleId, open ? 1 : 0)
    .first<TouchedArticle>();
}
