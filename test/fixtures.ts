// Test data written straight into the real local D1, and a fetch helper that
// builds a fresh Request for every call.
import { env, SELF } from 'cloudflare:test';
import { slugify } from '../scripts/lib/post.ts';
import { REFRESH_AFTER_PUBLISH_SQL } from '../src/db/after-publish';

export const DAY = 86_400;
export const now = () => Math.floor(Date.now() / 1000);

export interface ArticleFixture {
  slug: string;
  title?: string;
  description?: string;
  excerpt?: string;
  language?: 'fr' | 'en';
  bodyHtml?: string;
  status?: 'draft' | 'published';
  publishedAt?: number;
  updatedAt?: number;
  image?: { url: string; alt: string; width?: number; height?: number; credit?: string; creditUrl?: string };
  tags?: string[];
  /** Plain text of the body (the search index reads it). */
  bodyText?: string;
  /** Slug of the same article in the other language. */
  translationSlug?: string;
  /** Old WordPress post id (`/?p=ID`). */
  legacyWpId?: number;
  /** Old WordPress address, normalised: lowercase, no trailing slash. */
  legacyPath?: string;
}

export async function insertArticle(fixture: ArticleFixture): Promise<number> {
  const publishedAt = fixture.publishedAt ?? now() - DAY;
  const row = await env.DB.prepare(
    `INSERT INTO articles (slug, title, description, excerpt, language, body_html, image_url, image_alt,
       image_width, image_height, image_credit, image_credit_url, status, published_at, updated_at,
       body_text, translation_slug, legacy_wp_id, legacy_path)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) RETURNING id`,
  )
    .bind(
      fixture.slug,
      fixture.title ?? `Title of ${fixture.slug}`,
      fixture.description ?? '',
      fixture.excerpt ?? `Excerpt of ${fixture.slug}`,
      fixture.language ?? 'fr',
      fixture.bodyHtml ?? `<p>Body of ${fixture.slug}</p>`,
      fixture.image?.url ?? null,
      fixture.image?.alt ?? null,
      fixture.image?.width ?? null,
      fixture.image?.height ?? null,
      fixture.image?.credit ?? null,
      fixture.image?.creditUrl ?? null,
      fixture.status ?? 'published',
      publishedAt,
      fixture.updatedAt ?? publishedAt,
      fixture.bodyText ?? '',
      fixture.translationSlug ?? null,
      fixture.legacyWpId ?? null,
      fixture.legacyPath ?? null,
    )
    .first<{ id: number }>();
  const id = row?.id as number;
  for (const name of fixture.tags ?? []) {
    const slug = slugify(name);
    await env.DB.batch([
      env.DB.prepare('INSERT INTO tags (slug, name) VALUES (?1, ?2) ON CONFLICT (slug) DO NOTHING').bind(slug, name),
      env.DB.prepare('INSERT INTO article_tags (article_id, tag_id) SELECT ?1, id FROM tags WHERE slug = ?2').bind(
        id,
        slug,
      ),
    ]);
  }
  // As every publish does: the related articles and page links of the whole blog, worked out again.
  await refreshAfterPublish();
  return id;
}

/** For tests that write articles or tags with SQL of their own: what every publish runs last (related articles, page links). */
export async function refreshAfterPublish(): Promise<void> {
  await env.DB.batch(REFRESH_AFTER_PUBLISH_SQL.map((sql) => env.DB.prepare(sql)));
}

export interface CommentFixture {
  articleId: number;
  parentId?: number | null;
  author?: string;
  email?: string;
  url?: string | null;
  body?: string;
  status?: 'pending' | 'approved' | 'spam' | 'trash';
  createdAt?: number;
  isAuthor?: boolean;
}

export async function insertComment(fixture: CommentFixture): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, body, status, created_at, is_author)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id`,
  )
    .bind(
      fixture.articleId,
      fixture.parentId ?? null,
      fixture.author ?? 'Reader',
      fixture.email ?? 'reader@example.org',
      fixture.url ?? null,
      fixture.body ?? 'A comment.',
      fixture.status ?? 'approved',
      fixture.createdAt ?? now() - 3600,
      fixture.isAuthor ? 1 : 0,
    )
    .first<{ id: number }>();
  return row?.id as number;
}

export function get(path: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(new Request(`http://localhost:8787${path}`, { redirect: 'manual', ...init }));
}

export async function getHtml(path: string): Promise<{ status: number; html: string; response: Response }> {
  const response = await get(path);
  return { status: response.status, html: await response.text(), response };
}

/** The text content of the first element matching a simple `<tag ...>` regex. */
export function textOf(html: string, pattern: RegExp): string | undefined {
  return pattern
    .exec(html)?.[1]
    ?.replace(/<[^>]*>/g, '')
    .trim();
}
