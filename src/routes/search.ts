// GET /search?q=…[&page=N]: full-text search over published articles.
// Whatever is typed, the answer is a page: 200 (results, none, or the form),
// 400 (a query too long, repeated or badly encoded), 404 (a page past the last).
import type { IRequest } from 'itty-router';
import { TAGS } from '../cache/tags';
import { withMenu } from '../db/menu';
import { searchPublishedArticles } from '../db/search';
import { readSession } from '../db/session';
import { parseSearchQuery, type SearchQuery } from '../search/query';
import { renderSearchPage, type SearchPageState } from '../views/search';
import { parsePageParam } from './params';
import { errorPage, htmlResponse, nowSeconds, pageContext, redirect } from './respond';

/**
 * How long the edge may keep one query's answer. Each query is its own cache
 * entry, so the usual day would fill the cache with one-off searches; changes
 * made through Causerie purge them sooner anyway (they carry the `articles` tag).
 */
export const SEARCH_CACHE_SECONDS = 60;

export async function searchRoute(request: IRequest, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const ctx = pageContext(env);
  const query = readQuery(url);
  if (query === null) return answer(renderSearchPage(ctx, { kind: 'bad_request', text: '' }), 400);
  const param = parsePageParam(url);
  if ('error' in param) return errorPage(env, param.error);
  if ('redirectTo' in param) return redirect(param.redirectTo);
  if (query.kind !== 'terms') {
    if (param.page > 1) return errorPage(env, 404);
    const state: SearchPageState = query.kind === 'too_long' ? { kind: 'too_long', text: query.text } : query;
    return answer(renderSearchPage(ctx, state), query.kind === 'too_long' ? 400 : 200);
  }
  let results: Awaited<ReturnType<typeof searchPublishedArticles>>;
  const now = nowSeconds();
  const db = withMenu(readSession(env, request), now);
  try {
    results = await searchPublishedArticles(db, query.match, {
      page: param.page,
      pageSize: ctx.settings.pageSize,
      now,
    });
  } catch (error) {
    // parseSearchQuery leaves FTS5 nothing to misread; should a query still
    // fail, the reader is told so rather than shown a server error.
    if (!isMatchError(error)) throw error;
    console.warn('Search query refused by FTS5', JSON.stringify(query.match), error);
    return answer(renderSearchPage(ctx, { kind: 'bad_request', text: query.text }), 400);
  }
  if (param.page > results.pageCount) return errorPage(env, 404);
  const withReadMenu = { ...ctx, menu: db.menu() ?? ctx.menu };
  return answer(renderSearchPage(withReadMenu, { kind: 'results', text: query.text, results }), 200);
}

function answer(body: string, status: 200 | 400): Response {
  if (status === 400) return htmlResponse(body, status, { 'cache-control': 'no-store' });
  return htmlResponse(body, status, {
    'cache-control': `public, max-age=0, s-maxage=${SEARCH_CACHE_SECONDS}`,
    'cache-tag': TAGS.articles,
  });
}

/** The `q` parameter, or null when it is repeated or not valid UTF-8 (a 400). */
function readQuery(url: URL): SearchQuery | null {
  const raws = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair === 'q' || pair.startsWith('q='));
  if (raws.length > 1) return null;
  const raw = raws[0]?.slice(2) ?? '';
  // URLSearchParams would quietly turn malformed UTF-8 into U+FFFD.
  let text: string;
  try {
    text = decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return null;
  }
  return parseSearchQuery(text);
}

function isMatchError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /fts5|MATCH|syntax error|no such column/i.test(message);
}
