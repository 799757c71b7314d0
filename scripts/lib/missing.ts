// Articles still online whose Markdown file is gone. Publishing never takes
// an article down by itself: it names them and the command that would, and
// with --unpublish-missing it turns them into drafts. A draft's page answers
// 404 and it leaves the home page, tag pages, feeds, sitemap and search; its
// row stays, with its comments and mentions, so putting the file back
// publishes it again with all of them.
import type { LoadedPost } from './post-set.ts';
import { REWRITE_PREFIX, sqlLiteral } from './sql.ts';

export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  status: string;
  source_hash: string;
  kind: 'article' | 'page';
}

export interface MissingArticle {
  id: number;
  slug: string;
  title: string;
  kind: 'article' | 'page';
  /** The file that now holds this article's exact text under another slug (a renamed file). */
  renamedTo: { file: string; slug: string } | null;
}

export const ARTICLE_ROWS_SQL = 'SELECT id, slug, title, status, source_hash, kind FROM articles';

/** Published articles (due or scheduled) that no file in the run has the slug of. */
export function findMissingArticles(rows: ArticleRow[], posts: LoadedPost[]): MissingArticle[] {
  const slugs = new Set(posts.map(({ post }) => post.slug));
  const byHash = new Map(posts.map(({ post, sourceHash }) => [sourceHash, post]));
  return rows
    .filter((row) => row.status === 'published' && !slugs.has(row.slug))
    .sort((a, b) => a.slug.localeCompare(b.slug))
    .map((row) => {
      const renamed = byHash.get(row.source_hash.replace(REWRITE_PREFIX, ''));
      return {
        id: row.id,
        slug: row.slug,
        title: row.title,
        kind: row.kind,
        renamedTo: renamed ? { file: renamed.file, slug: renamed.slug } : null,
      };
    });
}

/**
 * Turns the articles into drafts. Their old WordPress addresses are let go
 * (a renamed file may claim them in the same run; the unique index allows
 * one owner), and their source hash is marked so that the file, put back,
 * is written again: status, addresses and all.
 */
export function unpublishStatements(missing: MissingArticle[]): string[] {
  if (missing.length === 0) return [];
  return [
    `UPDATE articles SET status = 'draft', legacy_wp_id = NULL, legacy_path = NULL,
  source_hash = CASE WHEN source_hash LIKE ${sqlLiteral(`${REWRITE_PREFIX}%`)} THEN source_hash
    ELSE ${sqlLiteral(REWRITE_PREFIX)} || source_hash END
WHERE status = 'published' AND slug IN (${missing.map((article) => sqlLiteral(article.slug)).join(', ')})`,
  ];
}

/** What the author reads when articles lost their file and nothing was done about it. */
export function missingReport(missing: MissingArticle[], where: string, contentDir: string, command: string): string[] {
  if (missing.length === 0) return [];
  return [
    `${missing.length} article(s) in the ${where} D1 have no file in ${contentDir} any more and are still published:`,
    ...missing.map(describe),
    'Nothing was removed. To take them offline, run:',
    `  ${command}`,
    'Their pages will answer 404 and they leave the home page, tags, feeds, sitemap and search; their comments stay in D1 and come back if the file is put back.',
  ];
}

/** What the author reads once --unpublish-missing did its work. */
export function unpublishedReport(missing: MissingArticle[], where: string): string[] {
  if (missing.length === 0) return [];
  return [
    `Unpublished ${missing.length} article(s) whose file is gone (now drafts in the ${where} D1):`,
    ...missing.map(describe),
    'Their pages answer 404 and they left the home page, tags, feeds, sitemap and search. Their comments are kept: put the file back and publish to bring the article back with them.',
  ];
}

function describe(article: MissingArticle): string {
  const line = `  /${article.slug} "${article.title}"${article.kind === 'page' ? ' (a page)' : ''}`;
  if (!article.renamedTo) return line;
  return `${line}: its text is now in ${article.renamedTo.file}, at /${article.renamedTo.slug}; to keep the old address, add "slug: ${article.slug}" to that file`;
}
