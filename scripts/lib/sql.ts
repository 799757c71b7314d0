// Turns parsed posts into SQL for `wrangler d1 execute --file`, which takes no
// bound parameters: every value goes through sqlLiteral, the one quoting
// function, and nothing else is interpolated.
import { REFRESH_AFTER_PUBLISH_SQL } from '../../src/db/after-publish.ts';
import type { Post } from './post.ts';

export type SqlValue = string | number | boolean | null;

export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`refusing to write ${value} to SQL: not a safe integer`);
    return String(value);
  }
  if (value.includes('\u0000')) throw new Error('refusing to write a NUL character to SQL');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Marks the source hash of an article that must be written again from its
 * file although the file did not change: one unpublished because its file
 * was gone (scripts/lib/missing.ts), or every article after a change to how
 * files are rendered (a migration). The file is written again, status and
 * all, but the article keeps its dates: its author did not edit it.
 */
export const REWRITE_PREFIX = 'rewrite:';

const list = (values: SqlValue[]) => values.map(sqlLiteral).join(', ');

/**
 * Statements that make D1 match the given posts. An unchanged post (same
 * source hash) is left untouched, so re-running changes nothing; an edited
 * one is updated and gets a new `updated_at`. With `changed` (the slugs whose
 * hash differs from D1's), the others' article rows are not even written; their
 * tags still are, so that a run cut short between an article and its tags
 * (remote SQL comes in several files) is completed by the next one. The
 * related articles of the whole blog are ranked again last, and every
 * article's page links (tags, related, translation) stored again, every run
 * (they write only the rows that change), for the same reason.
 */
export function buildPublishStatements(
  posts: { post: Post; sourceHash: string }[],
  now: number,
  changed?: ReadonlySet<string>,
): string[] {
  const statements: string[] = [];
  // A child page finds its parent's row by slug: parents are written first.
  const parentsFirst = [...posts].sort(
    (a, b) => Number(Boolean(a.post.page?.parent)) - Number(Boolean(b.post.page?.parent)),
  );
  for (const { post, sourceHash } of parentsFirst) {
    const slug = sqlLiteral(post.slug);
    if (!changed || changed.has(post.slug)) statements.push(...articleUpsert(post, sourceHash, now));
    for (const tag of post.tags) {
      statements.push(
        `INSERT INTO tags (slug, name) VALUES (${list([tag.slug, tag.name])})
ON CONFLICT (slug) DO UPDATE SET name = excluded.name WHERE tags.name IS NOT excluded.name`,
      );
    }
    const tagSlugs = list(post.tags.map((tag) => tag.slug));
    statements.push(
      `DELETE FROM article_tags WHERE article_id = (SELECT id FROM articles WHERE slug = ${slug})
  AND tag_id NOT IN (SELECT id FROM tags WHERE slug IN (${tagSlugs}))`,
    );
    if (post.tags.length > 0) {
      statements.push(
        `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
SELECT a.id, t.id FROM articles a JOIN tags t ON t.slug IN (${tagSlugs}) WHERE a.slug = ${slug}`,
      );
    }
  }
  statements.push(...REFRESH_AFTER_PUBLISH_SQL);
  return statements;
}

/** D1 refuses statements over 100 KB; a longer article is written in parts below this. */
export const MAX_STATEMENT_BYTES = 90_000;
const TEXT_PART_CHARS = 20_000;

/**
 * The article's upsert. An unchanged article (same source hash) is left
 * alone. One too long for a single statement is written with its body
 * empty and a "partial:" hash, completed part by part (`body_html =
 * body_html || '…'`), then given its real hash: the appends only touch the
 * row this run rewrote, and a run cut short leaves a hash that the next run
 * sees as changed.
 */
function articleUpsert(post: Post, sourceHash: string, now: number): string[] {
  // A page has no date of its own: dated when first published, and kept.
  const page = post.page;
  const publishedAt = page ? now : post.publishedAt;
  // A page's file always says (false by default); an article's only when it has `comments:`,
  // else D1 keeps its value: open for a new article, or as the desk set it.
  const commentsOpen = page ? page.commentsOpen : post.comments;
  const withComments = commentsOpen !== null;
  const upsert = (bodyHtml: string, bodyText: string, hash: string) =>
    `INSERT INTO articles (slug, title, description, excerpt, language, body_html, image_url, image_alt,
  image_width, image_height, image_credit, image_credit_url, status, published_at, updated_at, source_hash, body_text,
  translation_slug, legacy_wp_id, legacy_path, author_name, author_slug, pinned, password_hash, kind, parent_id, menu_order${withComments ? ', comments_open' : ''})
VALUES (${list([
      post.slug,
      post.title,
      post.description,
      // Listings show a protected article's title alone (src/views/article-list.ts).
      post.passwordHash ? '' : post.excerpt,
      post.language,
      bodyHtml,
      post.image?.url ?? null,
      post.image?.alt ?? null,
      post.imageSize?.width ?? null,
      post.imageSize?.height ?? null,
      post.image?.credit ?? null,
      post.image?.creditUrl ?? null,
      post.draft ? 'draft' : 'published',
      publishedAt,
      post.updatedAt ?? publishedAt,
      hash,
      bodyText,
      post.translation,
      post.legacy.wordpressId,
      post.legacy.path,
      post.author?.name ?? null,
      post.author?.slug ?? null,
      post.pinned,
      post.passwordHash,
      page ? 'page' : 'article',
    ])}, ${page?.parent ? `(SELECT id FROM articles WHERE slug = ${sqlLiteral(page.parent)})` : 'NULL'}, ${sqlLiteral(page?.menuOrder ?? null)}${withComments ? `, ${sqlLiteral(commentsOpen)}` : ''})
ON CONFLICT (slug) DO UPDATE SET title = excluded.title, description = excluded.description,
  excerpt = excluded.excerpt, language = excluded.language, body_html = excluded.body_html,
  image_url = excluded.image_url, image_alt = excluded.image_alt, image_width = excluded.image_width,
  image_height = excluded.image_height, image_credit = excluded.image_credit,
  image_credit_url = excluded.image_credit_url, status = excluded.status,
  published_at = ${page ? 'articles.published_at' : 'excluded.published_at'},
  updated_at = CASE WHEN articles.source_hash = ${sqlLiteral(`${REWRITE_PREFIX}${sourceHash}`)}
    THEN articles.updated_at ELSE ${sqlLiteral(post.updatedAt ?? now)} END,
  source_hash = excluded.source_hash, body_text = excluded.body_text,
  translation_slug = excluded.translation_slug, legacy_wp_id = excluded.legacy_wp_id,
  legacy_path = excluded.legacy_path, author_name = excluded.author_name, author_slug = excluded.author_slug,
  pinned = excluded.pinned, password_hash = excluded.password_hash, kind = excluded.kind, parent_id = excluded.parent_id,
  menu_order = excluded.menu_order${withComments ? ', comments_open = excluded.comments_open' : ''}
WHERE articles.source_hash IS NOT ${sqlLiteral(sourceHash)}`;
  // A protected article's words stay out of the search index (search leaves the article out too).
  const bodyText = post.passwordHash ? '' : post.bodyText;
  const whole = upsert(post.bodyHtml, bodyText, sourceHash);
  if (new TextEncoder().encode(whole).length <= MAX_STATEMENT_BYTES) return [whole];
  const partial = `partial:${sourceHash}`;
  const where = `WHERE slug = ${sqlLiteral(post.slug)} AND source_hash = ${sqlLiteral(partial)}`;
  const appends = (column: string, text: string) =>
    textParts(text, TEXT_PART_CHARS).map(
      (part) => `UPDATE articles SET ${column} = ${column} || ${sqlLiteral(part)} ${where}`,
    );
  return [
    upsert('', '', partial),
    ...appends('body_html', post.bodyHtml),
    ...appends('body_text', bodyText),
    `UPDATE articles SET source_hash = ${sqlLiteral(sourceHash)} ${where}`,
  ];
}

/** Cuts text into parts of at most `size` UTF-16 units, never inside a surrogate pair. */
export function textParts(text: string, size: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] as string)) end--;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/** A SHA-256 of the source (and of what the file system adds, like image sizes). */
export async function sourceHashOf(...parts: string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
