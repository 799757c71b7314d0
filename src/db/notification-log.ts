// What the desk reads of e-mail notifications: the log (newest first, paged
// by keyset on notifications_by_date) and an article's subscribers, and the
// one write it makes, removing an address's subscriptions on an article.
// Rows carry full addresses; the views mask them.
import type { NotificationKind } from '../notifications/queue-message';
import type { NotificationState } from './notifications';
import type { Db } from './session';

export interface NotificationLogRow {
  id: number;
  kind: NotificationKind | 'author';
  comment_id: number;
  recipient: string;
  state: NotificationState;
  reason: string | null;
  attempts: number;
  created_at: number;
  sent_at: number | null;
  comment_author: string;
  article_slug: string;
  article_title: string;
}

/** A place in the log: the (created_at, id) of a row. */
export interface LogCursor {
  createdAt: number;
  id: number;
}

export interface NotificationLogPage {
  items: NotificationLogRow[];
  /** Where the next (older) page starts, if there are older rows. */
  older: LogCursor | null;
  /** Where the previous (newer) page ends, if there are newer rows. */
  newer: LogCursor | null;
}

// Stands for "no bound": the first page still reads notifications_by_date as a range.
const NO_BOUND = Number.MAX_SAFE_INTEGER;

const LOG_COLUMNS = `n.id, n.kind, n.comment_id, n.recipient, n.state, n.reason, n.attempts, n.created_at, n.sent_at,
  c.author_name AS comment_author, a.slug AS article_slug, a.title AS article_title`;
const LOG_FROM = 'notifications n JOIN comments c ON c.id = n.comment_id JOIN articles a ON a.id = c.article_id';

/**
 * A page of the log, newest first. `before`: rows older than this cursor (the
 * first page without it); `after`: rows newer than it (going back a page).
 */
export async function listNotificationLog(
  db: Db,
  query: { pageSize: number; before?: LogCursor; after?: LogCursor },
): Promise<NotificationLogPage> {
  const limit = query.pageSize + 1;
  if (query.after) {
    const { results } = await db
      .prepare(
        `SELECT ${LOG_COLUMNS} FROM ${LOG_FROM}
          WHERE n.created_at >= ?1 AND (n.created_at > ?1 OR n.id > ?2)
          ORDER BY n.created_at, n.id LIMIT ?3`,
      )
      .bind(query.after.createdAt, query.after.id, limit)
      .all<NotificationLogRow>();
    const more = results.length > query.pageSize;
    const items = results.slice(0, query.pageSize).reverse();
    return { items, newer: more ? cursorOf(items[0]) : null, older: cursorOf(items.at(-1)) };
  }
  const before = query.before ?? { createdAt: NO_BOUND, id: NO_BOUND };
  const { results } = await db
    .prepare(
      `SELECT ${LOG_COLUMNS} FROM ${LOG_FROM}
        WHERE n.created_at <= ?1 AND (n.created_at < ?1 OR n.id < ?2)
        ORDER BY n.created_at DESC, n.id DESC LIMIT ?3`,
    )
    .bind(before.createdAt, before.id, limit)
    .all<NotificationLogRow>();
  const items = results.slice(0, query.pageSize);
  return {
    items,
    older: results.length > query.pageSize ? cursorOf(items.at(-1)) : null,
    newer: query.before ? cursorOf(items[0]) : null,
  };
}

function cursorOf(row: NotificationLogRow | undefined): LogCursor | null {
  return row ? { createdAt: row.created_at, id: row.id } : null;
}

export interface DeskSubscriptionRow {
  id: number;
  email: string;
  scope: 'thread' | 'article';
  comment_id: number;
  created_at: number;
  confirmed_at: number | null;
}

const SUBSCRIPTIONS_OF_ARTICLE = `SELECT s.id, s.email, s.scope, s.comment_id, s.created_at, sa.confirmed_at
  FROM subscriptions s JOIN subscriber_addresses sa ON sa.email = s.email WHERE s.article_id = ?1`;
/** The address of subscription ?2, if it is one of article ?1's. */
const ADDRESS_OF_SUBSCRIPTION = '(SELECT email FROM subscriptions WHERE id = ?2 AND article_id = ?1)';

export interface DeskArticleHeading {
  id: number;
  slug: string;
  title: string;
}

/** An article (published or not: subscriptions outlive neither) and its subscriptions, by address. */
export async function listArticleSubscriptions(
  db: Db,
  articleId: number,
): Promise<{ article: DeskArticleHeading; subscriptions: DeskSubscriptionRow[] } | null> {
  const [article, subscriptions] = await db.batch([
    db.prepare('SELECT id, slug, title FROM articles WHERE id = ?1').bind(articleId),
    db
      .prepare(
        `${SUBSCRIPTIONS_OF_ARTICLE}
          ORDER BY s.email, s.created_at, s.id`,
      )
      .bind(articleId),
  ]);
  const heading = article?.results[0] as DeskArticleHeading | undefined;
  if (!heading) return null;
  return { article: heading, subscriptions: (subscriptions?.results ?? []) as DeskSubscriptionRow[] };
}

/**
 * Removes every subscription, on this article, of the address that holds
 * subscription `subscriptionId` (named by id so that the page never carries
 * the address). Its other articles and its confirmation are kept. Returns how
 * many subscriptions went.
 */
export async function removeArticleSubscriber(db: Db, articleId: number, subscriptionId: number): Promise<number> {
  const result = await db
    .prepare(
      `DELETE FROM subscriptions
        WHERE article_id = ?1 AND email = ${ADDRESS_OF_SUBSCRIPTION}`,
    )
    .bind(articleId, subscriptionId)
    .run();
  return result.meta.changes ?? 0;
}

/** One subscription's address and what it follows on its article, for the question before removing it. */
export async function listSubscriberOnArticle(
  db: Db,
  articleId: number,
  subscriptionId: number,
): Promise<{ article: DeskArticleHeading; subscriptions: DeskSubscriptionRow[] } | null> {
  const [article, subscriptions] = await db.batch([
    db.prepare('SELECT id, slug, title FROM articles WHERE id = ?1').bind(articleId),
    db
      .prepare(
        `${SUBSCRIPTIONS_OF_ARTICLE} AND s.email = ${ADDRESS_OF_SUBSCRIPTION}
          ORDER BY s.created_at, s.id`,
      )
      .bind(articleId, subscriptionId),
  ]);
  const heading = article?.results[0] as DeskArticleHeading | undefined;
  if (!heading) return null;
  return { article: heading, subscriptions: (subscriptions?.results ?? []) as DeskSubscriptionRow[] };
}
