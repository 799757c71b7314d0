// Scheduled publishing. An article dated in the future needs no write to go
// live: every read compares its date with the time. But the pages cached at
// the edge before its time (home, its tag pages, the feed, its own 404, the
// related lists of other articles) do not know that, and are kept up to a
// day. So a Cron Trigger, every minute, purges the pages of the articles
// whose time has come since its last run.
import { purgeCachedPages } from '../cache/purge';
import { TAGS, tagsForArticleChange } from '../cache/tags';
import { findDuePublications, markPublicationsCheckedUntil } from '../db/schedule';

export interface ScheduledPublishingRun {
  /** Slugs of the articles whose time came in this run, oldest first. */
  published: string[];
  /** The Cache-Tags purged; empty when nothing came due (nothing is purged then). */
  purgedTags: string[];
}

/**
 * Purges the pages of the articles dated after the last run and up to `now`
 * (Unix seconds), then records `now` as checked: in that order, so that a run
 * whose purge fails leaves them due, and the next minute's run tries again.
 */
export async function publishScheduledArticles(
  env: Env,
  ctx: ExecutionContext,
  now: number,
): Promise<ScheduledPublishingRun> {
  const { due } = await findDuePublications(env.DB, now);
  // Every purge retires the whole Cache API layer (it bumps its version):
  // only when something actually came due. With no mark yet (a first run),
  // nothing is due either: the old articles' pages already show them.
  let purgedTags: string[] = [];
  if (due.length > 0) {
    const tagSlugs = new Set(due.flatMap((article) => article.tag_slugs?.split(',') ?? []));
    purgedTags = [...tagsForArticleChange(), ...[...tagSlugs].sort().map(TAGS.tag)];
    const report = await purgeCachedPages(env, ctx, purgedTags);
    if (report.workersCache === 'failed') {
      throw new Error(`Workers Cache purge failed for scheduled articles; retrying next run: ${slugsOf(due)}`);
    }
    console.log(`Scheduled publishing: ${slugsOf(due)} now visible; purged ${purgedTags.join(', ')}.`);
  }
  await markPublicationsCheckedUntil(env.DB, now);
  return { published: due.map((article) => article.slug), purgedTags };
}

const slugsOf = (articles: { slug: string }[]) => articles.map((article) => article.slug).join(', ');
