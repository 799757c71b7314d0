// Shared by every paginated list of articles (home, tags).
import type { Page } from './types';

/**
 * An article's approved comments, as migration 0022's triggers keep them in
 * article_comment_counts (no row: none yet), rather than counted again on
 * every list. `article` is the alias of the articles table in the query.
 */
export const approvedCommentCount = (article: string): string =>
  `coalesce((SELECT approved FROM article_comment_counts WHERE article_id = ${article}.id), 0)`;

/** Columns of an article in a list (what the lists show, no more), with its approved-comment count. */
export const SUMMARY_COLUMNS = `a.id, a.slug, a.title, a.excerpt, a.language, a.published_at,
  a.password_hash IS NOT NULL AS protected, ${approvedCommentCount('a')} AS comment_count`;

export interface PageQuery {
  page: number;
  pageSize: number;
  /** Unix seconds: articles dated after this are not published yet. */
  now: number;
}

export function offsetOf(query: PageQuery): number {
  return (query.page - 1) * query.pageSize;
}

export function toPage<T>(
  count: Pick<D1Result<unknown>, 'results'> | undefined,
  list: Pick<D1Result<unknown>, 'results'> | undefined,
  query: PageQuery,
): Page<T> {
  const total = (count?.results[0] as { total: number } | undefined)?.total ?? 0;
  return {
    items: (list?.results ?? []) as T[],
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    total,
  };
}
