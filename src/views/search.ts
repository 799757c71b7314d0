// The search page: the form and a hint, or the matches with their highlighted
// title and excerpt, or a message saying why there is nothing to show.

import type { SearchResultRow } from '../db/search';
import type { Page } from '../db/types';
import { highlightMatches } from '../search/highlight';
import { MAX_QUERY_LENGTH } from '../search/query';
import { isoDate } from './article-list';
import { html, type SafeHtml } from './html';
import { contentPath, type PageContext, renderLayout, tagPath } from './layout';

export const SEARCH_PATH = '/search';

export type SearchPageState =
  /** No query, or nothing searchable in it (text is what was typed). */
  | { kind: 'empty'; text: string }
  | { kind: 'too_long'; text: string }
  | { kind: 'bad_request'; text: string }
  | { kind: 'results'; text: string; results: Page<SearchResultRow> };

export function renderSearchPage(ctx: PageContext, state: SearchPageState): string {
  const { t, formatNumber } = ctx.locale;
  const s = t.search;
  let heading: string;
  let body: SafeHtml;
  switch (state.kind) {
    case 'results': {
      const { results } = state;
      heading = s.resultCount(results.total, formatNumber(results.total), state.text);
      body = results.total === 0 ? html`<p class="empty">${s.noResults}</p>` : renderResults(ctx, results, state.text);
      break;
    }
    case 'too_long':
      heading = s.title;
      body = html`<p class="form-notice" role="alert">${s.tooLong(formatNumber(MAX_QUERY_LENGTH))}</p>`;
      break;
    case 'bad_request':
      heading = s.title;
      body = html`<p class="form-notice" role="alert">${s.invalid}</p>`;
      break;
    case 'empty':
      heading = s.title;
      body = html`${state.text ? html`<p class="form-notice">${s.noWords}</p>` : ''}<p>${s.hint}</p>`;
      break;
  }
  const page = state.kind === 'results' ? state.results.page : 1;
  const pageCount = state.kind === 'results' ? state.results.pageCount : 1;
  return renderLayout(ctx, {
    title: page > 1 ? `${heading} – ${t.pageOf(page, pageCount)}` : heading,
    noindex: true,
    searchQuery: state.text,
    main: html`<h1>${heading}</h1>
${body}`,
  });
}

function renderResults(ctx: PageContext, results: Page<SearchResultRow>, text: string): SafeHtml {
  const { locale } = ctx;
  const first = (results.page - 1) * ctx.settings.pageSize + 1;
  return html`<ol class="article-list search-results" start="${first}">
${results.items.map(
  (result) => html`<li>
<article class="summary" lang="${result.language}">
<h2><a href="${contentPath(result.slug, result.parent_slug)}">${highlightMatches(result.title_marked)}</a></h2>
${
  // A standalone page is labelled as one, and has no date to show.
  result.kind === 'page'
    ? html`<p class="post-meta"><span class="result-kind" lang="${locale.language}">${locale.t.standalonePage}</span></p>`
    : html`<p class="post-meta"><time datetime="${isoDate(result.published_at)}">${locale.formatDate(result.published_at)}</time></p>`
}
${result.excerpt_marked ? html`<p class="search-excerpt">${highlightMatches(result.excerpt_marked)}</p>` : ''}
${
  result.tags.length > 0
    ? html`<p class="tags"><span>${locale.t.tags}</span> ${result.tags.map(
        (tag, index) => html`${index ? ', ' : ''}<a href="${tagPath(tag.slug)}" rel="tag">${tag.name}</a>`,
      )}</p>`
    : ''
}
</article>
</li>`,
)}
</ol>
${renderSearchPagination(ctx, results, text)}`;
}

export function searchPagePath(text: string, page: number): string {
  const params = new URLSearchParams({ q: text });
  if (page > 1) params.set('page', String(page));
  return `${SEARCH_PATH}?${params}`;
}

function renderSearchPagination(ctx: PageContext, results: Page<unknown>, text: string): SafeHtml {
  if (results.pageCount <= 1) return html``;
  const { t } = ctx.locale;
  return html`<nav class="pagination" aria-label="${t.pagination}">
${results.page > 1 ? html`<a rel="prev" href="${searchPagePath(text, results.page - 1)}">← ${t.search.previous}</a>` : ''}
<span>${t.pageOf(results.page, results.pageCount)}</span>
${results.page < results.pageCount ? html`<a rel="next" href="${searchPagePath(text, results.page + 1)}">${t.search.next} →</a>` : ''}
</nav>`;
}
