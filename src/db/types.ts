// Row shapes as D1 returns them (snake_case columns, 0/1 booleans).
import type { Language } from '../config';

export interface ArticleSummaryRow {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  language: Language;
  published_at: number;
  comment_count: number;
  /** 1 where the list puts the article first because it is pinned (the home page). */
  pinned?: 0 | 1;
  /** 1 for a password-protected article: lists show its title alone. */
  protected?: 0 | 1;
}

export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  excerpt: string;
  language: Language;
  body_html: string;
  image_url: string | null;
  image_alt: string | null;
  image_width: number | null;
  image_height: number | null;
  image_credit: string | null;
  image_credit_url: string | null;
  published_at: number;
  updated_at: number;
  comments_open: 0 | 1;
  /** The article's own author (front matter `author`); NULL: the blog's, AUTHOR_NAME. */
  author_name?: string | null;
  author_slug?: string | null;
  /** Read where a page may be asked for (its address, its template). */
  kind?: 'article' | 'page';
  /** A child page lives at /<parent_slug>/<slug>. */
  parent_slug?: string | null;
  /** Set when readers need a password (src/routes/article-password.ts). */
  password_hash?: string | null;
}

export interface TagRow {
  slug: string;
  name: string;
}

/** An article's version in the other language. */
export interface TranslationRow {
  slug: string;
  language: Language;
  /** Set when the translation is a child page (/<parent_slug>/<slug>). */
  parent_slug?: string | null;
}

export interface RelatedArticleRow {
  slug: string;
  title: string;
  published_at: number;
}

/** A comment as public pages show it: no e-mail, only approved ones. */
export interface PublicCommentRow {
  id: number;
  parent_id: number | null;
  author_name: string;
  author_url: string | null;
  /**
   * The text as typed. The article page reads it only for a comment without
   * body_html (NULL otherwise): what the plain-text renderer needs.
   */
  body: string | null;
  /** The comment as shown (src/comments/format.ts); NULL for a comment written before formatting existed. */
  body_html: string | null;
  /**
   * body_html as plain text (the text as typed for a comment without it). The
   * article page reads it only for its first few comments (JSON-LD's sample).
   */
  body_text: string | null;
  created_at: number;
  is_author: 0 | 1;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}
