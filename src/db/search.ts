// Full-text search over published articles (index: migrations/0007_search.sql).
// One batch: the number of matches and one page of them, best first.
import type { Language } from '../config';
import { MATCH_END, MATCH_START } from '../search/highlight';
import type { PageQuery } from './listing';
import { offsetOf, toPage } from './listing';
import type { Db } from './session';
import type { Page, TagRow } from './types';

export interface SearchResultRow {
  slug: string;
  /** A standalone page is labelled as such; a child page lives at /<parent_slug>/<slug>. */
  kind: 'article' | 'page';
  parent_slug: string | null;
  language: Language;
  published_at: number;
  /** Title and excerpt with matches between MATCH_START and MATCH_END; not HTML. */
  title_marked: string;
  excerpt_marked: string;
  tags: TagRow[];
}

interface SearchRow extends Omit<SearchResultRow, 'tags'> {
  tags_json: string;
}

// bm25 weights per indexed column (title, body_text, search_tags): a word in
// the title counts most, then a tag, then the body.
const RANK = 'bm25(article_search, 10.0, 1.0, 4.0)';
/** Words around the match in an excerpt. */
const EXCERPT_WORDS = 28;

const PUBLISHED_MATCHES = `FROM article_search s JOIN articles a ON a.id = s.rowid
  WHERE article_search MATCH ?1 AND a.status = 'published' AND a.published_at <= ?2 AND a.password_hash IS NULL`;

/** `match` must come from parseSearchQuery (src/search/query.ts). */
export async function searchPublishedArticles(db: Db, match: string, query: PageQuery): Promise<Page<SearchResultRow>> {
  const [count, list] = await db.batch([
    db.prepare(`SELECT count(*) AS total ${PUBLISHED_MATCHES}`).bind(match, query.now),
    db
      .prepare(
        `SELECT a.slug, a.kind, a.language, a.published_at,
           (SELECT parent.slug FROM articles parent WHERE parent.id = a.parent_id) AS parent_slug,
           highlight(article_search, 0, ?3, ?4) AS title_marked,
           snippet(article_search, 1, ?3, ?4, '…', ${EXCERPT_WORDS}) AS excerpt_marked,
           (SELECT json_group_array(json_object('slug', t.slug, 'name', t.name))
              FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tags_json
         ${PUBLISHED_MATCHES}
         ORDER BY ${RANK}, a.published_at DESC LIMIT ?5 OFFSET ?6`,
      )
      .bind(match, query.now, MATCH_START, MATCH_END, query.pageSize, offsetOf(query)),
  ]);
  const page = toPage<SearchRow>(count, list, query);
  return {
    ...page,
    items: page.items.map(({ tags_json, ...row }) => ({
      ...row,
      tags: (JSON.parse(tags_json) as TagRow[]).sort((a, b) => a.name.localeCompare(b.name)),
    })),
  };
}
