// Every change the desk makes is visible on the public pages at once: the
// pages showing the touched articles are purged in both cache layers.
import { purgeCachedPages } from '../../cache/purge';
import { tagsForCommentChange } from '../../cache/tags';
import type { TouchedArticle } from '../../db/moderation';

export async function purgeTouchedArticles(env: Env, ctx: ExecutionContext, articles: TouchedArticle[]): Promise<void> {
  if (articles.length === 0) return;
  const tags = new Set<string>();
  for (const article of articles) {
    const tagSlugs = article.tag_slugs ? article.tag_slugs.split(',') : [];
    for (const tag of tagsForCommentChange(article.article_id, tagSlugs)) tags.add(tag);
  }
  await purgeCachedPages(env, ctx, [...tags]);
}
