// The article page's stored links (src/db/after-publish.ts writes them at
// every publish), decoded and kept to what is visible at the time of the read.
import type { Language } from '../config';
import type { RelatedArticleRow, TagRow, TranslationRow } from './types';

export interface PageLinks {
  tags: TagRow[];
  related: RelatedArticleRow[];
  /** Published translations, due now, the declared one first. */
  translations: TranslationRow[];
}

interface StoredLinks {
  tags?: [string, string][];
  related?: [string, string, number][];
  translations?: [string, Language, string | null, number][];
}

/** The stored links, kept to what is published by `now`; none for an article no publish has linked yet. */
export function readPageLinks(json: string | null | undefined, now: number): PageLinks {
  const stored: StoredLinks = json ? JSON.parse(json) : {};
  return {
    tags: (stored.tags ?? []).map(([slug, name]) => ({ slug, name })),
    related: (stored.related ?? [])
      .filter(([, , publishedAt]) => publishedAt <= now)
      .map(([slug, title, published_at]) => ({ slug, title, published_at })),
    translations: (stored.translations ?? [])
      .filter(([, , , publishedAt]) => publishedAt <= now)
      .map(([slug, language, parent]) => ({ slug, language, parent_slug: parent })),
  };
}
