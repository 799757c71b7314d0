// Cache-Tag names. A page lists the tags of everything it shows; a change
// purges the tags of every page that shows it.
export const TAGS = {
  /** Every page that lists or links articles: home, tag pages, article pages (related), feeds, sitemap. */
  articles: 'articles',
  home: 'home',
  /** /archives and the lists of a year or a month, which show comment counts. */
  archives: 'archives',
  feed: 'feed',
  sitemap: 'sitemap',
  notFound: 'not-found',
  /** Every HTML page: the header's menu lists the pages (src/views/menu.ts). */
  menu: 'menu',
  article: (id: number) => `article:${id}`,
  tag: (slug: string) => `tag:${slug}`,
} as const;

/** Publishing, editing or unpublishing an article changes lists everywhere, and may fill a 404. */
export function tagsForArticleChange(): string[] {
  return [TAGS.articles, TAGS.home, TAGS.feed, TAGS.sitemap, TAGS.notFound];
}

/**
 * A comment appearing, changing or leaving changes its article page and the
 * comment counts on the home, tag and date archive pages listing it; closing comments too.
 */
export function tagsForCommentChange(articleId: number, tagSlugs: string[]): string[] {
  return [TAGS.article(articleId), TAGS.home, TAGS.archives, ...[...tagSlugs].sort().map(TAGS.tag)];
}
