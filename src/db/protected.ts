// The one read the password form needs: the published article or page behind
// a slug, with its password hash and its address.
import type { Db } from './session';

export interface PasswordFormArticle {
  id: number;
  slug: string;
  title: string;
  language: 'fr' | 'en';
  password_hash: string | null;
  parent_slug: string | null;
}

export async function findArticleForPassword(db: Db, slug: string, now: number): Promise<PasswordFormArticle | null> {
  return db
    .prepare(
      `SELECT id, slug, title, language, password_hash,
         (SELECT parent.slug FROM articles parent WHERE parent.id = articles.parent_id) AS parent_slug
         FROM articles WHERE slug = ?1 AND status = 'published' AND published_at <= ?2`,
    )
    .bind(slug, now)
    .first<PasswordFormArticle>();
}
