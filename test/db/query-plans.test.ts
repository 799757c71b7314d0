// "Every query served by an index": run each loader through a recording D1,
// then ask SQLite how it would run every statement it prepared.
import { env } from 'cloudflare:test';
import { beforeAll, expect, it } from 'vitest';
import {
  adminSessionExists,
  clearLoginFailures,
  countLoginFailures,
  deleteAdminSession,
  insertAdminSession,
  recordLoginFailure,
} from '../../src/db/admin-sessions';
import { REFRESH_PAGE_LINKS_SQL } from '../../src/db/after-publish';
import { countPublishedByMonth, listPublishedArticlesInPeriod } from '../../src/db/archives';
import { findPublishedAddress, getPublishedArticlePage, listPublishedArticles } from '../../src/db/articles';
import {
  claimAuthorDigest,
  closeQueuedAuthorNotes,
  finishAuthorDigest,
  listQueuedAuthorNotes,
  queueAuthorNote,
  recordAuthorDigestAttempt,
  releaseAuthorDigest,
} from '../../src/db/author-notifications';
import { findWordPressAuthor, lookUpAuthor } from '../../src/db/authors';
import { findCommentPage, getCommentTarget, listPendingCommentsByIds } from '../../src/db/comments';
import {
  confirmSubscriberAddress,
  getConfirmationTarget,
  getUnsubscribeTarget,
  removeSubscriptions,
} from '../../src/db/email-links';
import { getCommentFeed, getTagFeed, listFeedArticles } from '../../src/db/feeds';
import { findSlugByLegacyId, findSlugByLegacyPath, findStoredRedirect } from '../../src/db/legacy';
import {
  countMentionsByStatus,
  countPendingMentions,
  deleteMentionsForGood,
  listMentionsForDeletion,
  listMentionsForModeration,
  setMentionsStatus,
} from '../../src/db/mention-moderation';
import {
  findMentionableArticle,
  forgetOldMentionIpHashes,
  getMentionToVerify,
  listStaleQueuedMentions,
  recordVerification,
  upsertReceivedMention,
} from '../../src/db/mentions';
import { selectMenuPages, withMenu } from '../../src/db/menu';
import {
  countCommentsByStatus,
  deleteCommentsForGood,
  listCommentsForDeletion,
  listCommentsForModeration,
  setCommentsStatus,
} from '../../src/db/moderation';
import {
  getCommentForEdit,
  getReplyTarget,
  insertAuthorReply,
  listArticlesForDesk,
  setArticleCommentsOpen,
  updateComment,
} from '../../src/db/moderation-edits';
import {
  listArticleSubscriptions,
  listNotificationLog,
  listSubscriberOnArticle,
  removeArticleSubscriber,
} from '../../src/db/notification-log';
import {
  claimNotification,
  countRepliesSentSince,
  getCommentMailContext,
  listReplyRecipients,
  markNotificationFailed,
  markNotificationSent,
  markNotificationSkipped,
  recordNotificationAttempt,
} from '../../src/db/notifications';
import { findArticleForPassword } from '../../src/db/protected';
import { findDuePublications, markPublicationsCheckedUntil } from '../../src/db/schedule';
import { searchPublishedArticles } from '../../src/db/search';
import { countSitemapEntries, listSitemapEntries } from '../../src/db/sitemap';
import {
  authorReplyOutboxStatement,
  confirmRecipientsStatement,
  deleteFromOutbox,
  listOutbox,
  outboxApprovalStatement,
  outboxHeldCommentStatement,
  outboxNewCommentStatement,
  subscribeNewCommentStatements,
} from '../../src/db/subscriptions';
import { listPublishedArticlesByTag } from '../../src/db/tags';
import {
  dropScan,
  listDueScans,
  listPendingSends,
  listSendsOfArticle,
  recordArticleLinks,
  recordSendOutcome,
} from '../../src/db/webmention-sends';
import { insertArticle, insertComment, now } from '../fixtures';

interface Recorded {
  sql: string;
  params: unknown[];
}

function recordingDb(recorded: Recorded[]): D1Database {
  const db = env.DB;
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          const entry: Recorded = { sql, params: [] };
          recorded.push(entry);
          const statement = target.prepare(sql);
          return new Proxy(statement, {
            get(inner, name) {
              if (name === 'bind') {
                return (...params: unknown[]) => {
                  entry.params = params;
                  return inner.bind(...params);
                };
              }
              const value = Reflect.get(inner, name);
              return typeof value === 'function' ? value.bind(inner) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

beforeAll(async () => {
  const id = await insertArticle({ slug: 'indexed', tags: ['Web', 'Blog'] });
  await insertArticle({ slug: 'other', tags: ['Web'] });
  await insertArticle({ slug: 'a-page', title: 'Page' });
  await insertArticle({ slug: 'a-child', title: 'Child' });
  await env.DB.batch([
    env.DB.prepare("UPDATE articles SET kind = 'page', menu_order = 1 WHERE slug = 'a-page'"),
    env.DB.prepare(
      "UPDATE articles SET kind = 'page', menu_order = 2, parent_id = (SELECT id FROM articles WHERE slug = 'a-page') WHERE slug = 'a-child'",
    ),
  ]);
  await insertComment({ articleId: id });
  // Enough threads for a second comments page, with replies and a held parent.
  for (let i = 0; i < 8; i++) {
    const top = await insertComment({ articleId: id, createdAt: now() - 1000 + i });
    const held = await insertComment({ articleId: id, parentId: top, status: i % 2 ? 'pending' : 'approved' });
    await insertComment({ articleId: id, parentId: held });
  }
});

/** Scans of these CTEs read only the rows the query itself produced. */
const CTE_SCANS = [
  'SCAN chain',
  'SCAN ancestry',
  // The comment feed's newest comments (at most 50).
  'SCAN latest',
  // The followers of one reply's thread and article.
  'SCAN followers',
];

it('serves every page query from an index, never a full table scan', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const query = { page: 1, pageSize: 10, now: now() };
  await listPublishedArticles(db, query);
  await getPublishedArticlePage(db, 'indexed', now(), { page: 1, perPage: 5 });
  // A page, its parent's slug and the header's menu, read in the same batch.
  await getPublishedArticlePage(withMenu(db, now()), 'a-child', now(), { page: 1, perPage: 5 });
  await getPublishedArticlePage(db, 'indexed', now(), { page: 2, perPage: 5 });
  // GET /<slug>/comments: where the form lives, a child page's parent included.
  await findPublishedAddress(db, 'a-child', now());
  // POST /<slug>/unlock: a protected article's password hash and address.
  await findArticleForPassword(db, 'a-child', now());
  await listPublishedArticlesByTag(db, 'web', query);
  // The FTS5 MATCH shows as "SCAN s VIRTUAL TABLE INDEX …": the index itself, then articles by id.
  await searchPublishedArticles(db, '"title"*', query);
  await listFeedArticles(db, now(), 20);
  await getTagFeed(db, 'web', now(), 20);
  await getCommentFeed(db, 'indexed', now(), 50);
  const parent = (await env.DB.prepare('SELECT id FROM comments LIMIT 1').first<{ id: number }>())?.id ?? 1;
  await getCommentTarget(db, {
    slug: 'indexed',
    parentId: parent,
    author: 'A',
    email: 'a@example.org',
    body: 'x',
    now: now(),
  });
  await listPendingCommentsByIds(db, 1, [parent]);
  const reply = (await env.DB.prepare('SELECT max(id) AS id FROM comments').first<{ id: number }>())?.id ?? 1;
  await findCommentPage(db, { slug: 'indexed', commentId: reply, perPage: 5 });
  await findDuePublications(db, now());
  await markPublicationsCheckedUntil(db, now());
  expect(recorded.length).toBeGreaterThanOrEqual(20);
  await expectIndexedPlans(recorded);
});

it('reads a comments page as one plain statement: its thread starts, then the approved comments carrying their ids', async () => {
  const recorded: Recorded[] = [];
  await getPublishedArticlePage(recordingDb(recorded), 'indexed', now(), { page: 2, perPage: 5 });
  const commentPage = recorded.find(({ sql }) => sql.includes('thread_id IN'));
  if (!commentPage) throw new Error('the article page reads no comment threads');
  // No walk down the replies and nothing ranked per view: migration 0025's
  // triggers keep each comment's thread_id when comments change.
  expect(commentPage.sql).not.toMatch(/RECURSIVE|OVER \(/);
  const plan = await planOf(commentPage);
  // comments_by_article also answers "article_id = ? AND status = 'approved'"
  // in the page's order: with it, every approved comment of the article was
  // read to keep a page's few (the whole 1,000 on the large data set).
  expect(plan).toContain('SEARCH c USING INDEX comments_by_thread (article_id=? AND thread_id=?)');
  expect(plan).toContain('SEARCH f USING COVERING INDEX comments_by_thread (article_id=? AND thread_id=?)');
  expect(plan).toContain('SEARCH t USING COVERING INDEX comments_thread_starts (article_id=?)');
  expect(plan).not.toContain('comments_by_article');
  expect(plan).not.toContain('CORRELATED');
});

it('walks a moderated comment’s replies by their parent when it keeps their thread_id, never every comment of the blog', async () => {
  // The triggers' statements, as SQLite would run them for comment 1: EXPLAIN
  // QUERY PLAN of the UPDATE that fires them does not show them.
  for (const trigger of ['comments_thread_id_on_status', 'comments_thread_id_on_parent']) {
    const row = await env.DB.prepare('SELECT sql FROM sqlite_master WHERE type = ?1 AND name = ?2')
      .bind('trigger', trigger)
      .first<{ sql: string }>();
    const walk = row?.sql
      .slice(row.sql.indexOf('BEGIN') + 'BEGIN'.length, row.sql.lastIndexOf('END'))
      .split(';')
      .find((statement) => statement.includes('WITH RECURSIVE'));
    if (!walk) throw new Error(`${trigger} walks no replies`);
    const plan = await planOf({ sql: walk.replaceAll('NEW.id', '1'), params: [] });
    expect(plan, trigger).toContain('SEARCH c USING INDEX comments_by_parent (parent_id=?)');
    expect(plan, trigger).toContain('SEARCH comments USING INTEGER PRIMARY KEY (rowid=?)');
    expect(plan, trigger).not.toMatch(/^SCAN comments/m);
  }
});

it('reads a page of threads from the thread index and the counts from one row, whatever the article’s size', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  await getPublishedArticlePage(db, 'indexed', now(), { page: 2, perPage: 5 });
  const reply = (await env.DB.prepare('SELECT max(id) AS id FROM comments').first<{ id: number }>())?.id ?? 1;
  await findCommentPage(db, { slug: 'indexed', commentId: reply, perPage: 5 });
  const thread = recorded.find(({ sql }) => sql.includes('thread_id IN'));
  const counts = recorded.find(({ sql }) => sql.includes('article_comment_counts'));
  const commentPage = recorded.find(({ sql }) => sql.includes('SELECT thread_id FROM comments WHERE id = ?1'));
  if (!thread || !counts || !commentPage) throw new Error('expected the threads, the counts and the comment’s page');
  // The threads are a range of the partial index (approved thread starts):
  // no other approved comment of the article is read to find them.
  expect(await planOf(thread)).toContain('SEARCH t USING COVERING INDEX comments_thread_starts (article_id=?)');
  expect(await planOf(thread)).not.toContain('comments_by_article');
  expect(await planOf(counts)).toContain('SEARCH counts USING INTEGER PRIMARY KEY (rowid=?)');
  expect(await planOf(commentPage)).toContain('SEARCH c USING COVERING INDEX comments_thread_starts (article_id=?)');
});

it('reads the article page’s links with the article: tags, related articles and translation are no statements of their own', async () => {
  const recorded: Recorded[] = [];
  await getPublishedArticlePage(recordingDb(recorded), 'indexed', now(), { page: 1, perPage: 5 });
  const sql = recorded.map((statement) => statement.sql).join('\n');
  expect(sql).not.toMatch(/related_articles|article_tags|translation_slug/);
  await expectIndexedPlans(recorded);
});

it('stores every article’s links at publish from indexes: translations by translation_slug, related from the ranking', async () => {
  const store = REFRESH_PAGE_LINKS_SQL.find((sql) => sql.includes('json_object'));
  if (!store) throw new Error('no statement stores the page links');
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${store}`).all<{ detail: string }>();
  const details = plan.results.map((row) => row.detail);
  // articles_by_status_date also answers "status = 'published'": with it, each
  // article's translation lookup would read every published article.
  expect(details).toContain('SEARCH o USING INDEX articles_by_translation_slug (translation_slug=?)');
  // The ranking's few rows of each article, then each one's row: no ranking again.
  expect(details).toContain('SEARCH r USING PRIMARY KEY (article_id=?)');
  expect(details.join('\n')).not.toMatch(/SCAN (o|r|at|t|parent)\b/);
});

it('finds the pinned articles of the home page in their own index, and sorts nothing', async () => {
  await env.DB.prepare(`UPDATE articles SET pinned = 1 WHERE slug = 'other'`).run();
  const recorded: Recorded[] = [];
  await listPublishedArticles(recordingDb(recorded), { page: 2, pageSize: 10, now: now() });
  // One statement: the count, the pinned ones and the others.
  expect(recorded).toHaveLength(1);
  await expectIndexedPlans(recorded);
  const [plan] = await Promise.all(recorded.map(planOf));
  // Without it, the pinned ones were looked for among every published article.
  expect(plan).toContain('SEARCH a USING INDEX articles_pinned (kind=? AND status=? AND published_at<?)');
  // The count is kept at write time; only the articles scheduled for later are
  // counted, on the index.
  expect(plan).toContain('SEARCH blog_counts USING INTEGER PRIMARY KEY');
  expect(plan).toContain(
    'SEARCH a USING COVERING INDEX articles_by_kind_status_date (kind=? AND status=? AND published_at>?)',
  );
  // Ordering by `pinned` would sort the whole table.
  expect(plan).not.toContain('TEMP B-TREE');
});

it('lists a tag’s page and counts it from article_tags’ own index, reading only the page’s articles', async () => {
  const recorded: Recorded[] = [];
  await listPublishedArticlesByTag(recordingDb(recorded), 'web', { page: 1, pageSize: 10, now: now() });
  expect(recorded).toHaveLength(2);
  await expectIndexedPlans(recorded);
  const [count, list] = await Promise.all(recorded.map(planOf));
  // The tag's count is kept at write time, less its articles scheduled for later.
  expect(count).toContain('SEARCH t USING INDEX sqlite_autoindex_tags_1 (slug=?)');
  expect(count).toContain('SEARCH later USING COVERING INDEX article_tags_listed (tag_id=? AND listed_at>?)');
  // Newest first straight from the index: before, every article of the tag was read (past its body) and sorted.
  expect(list).toContain('SEARCH at USING COVERING INDEX article_tags_listed (tag_id=? AND listed_at<?)');
  expect(list).toContain('SEARCH a USING INTEGER PRIMARY KEY (rowid=?)');
  expect(list).not.toContain('TEMP B-TREE');
});

it('counts the months of /archives and lists a year or a month on index ranges, reading no article row to count', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const months = await countPublishedByMonth(db, now(), 'Europe/Paris');
  expect(months.length).toBeGreaterThan(0);
  await listPublishedArticlesInPeriod(db, { year: 2024, month: 3 }, 'Europe/Paris', {
    page: 2,
    pageSize: 10,
    now: now(),
  });
  await listPublishedArticlesInPeriod(db, { year: 2024 }, 'Europe/Paris', { page: 1, pageSize: 10, now: now() });
  expect(recorded).toHaveLength(6);
  await expectIndexedPlans(recorded);
  const [span, counts, periodCount] = await Promise.all(recorded.slice(0, 3).map(planOf));
  expect(span).not.toContain('TEMP B-TREE');
  expect(counts).toContain(
    'SEARCH a USING COVERING INDEX articles_by_kind_status_date (kind=? AND status=? AND published_at>? AND published_at<?)',
  );
  expect(periodCount).toContain(
    'USING COVERING INDEX articles_by_kind_status_date (kind=? AND status=? AND published_at>? AND published_at<?)',
  );
  for (const { sql, params } of recorded) expect(await planOf({ sql, params }), sql).not.toContain('TEMP B-TREE');
});

it('lists an author’s articles from their own index, in index order, and finds WordPress authors by login or id', async () => {
  await env.DB.prepare(
    "UPDATE articles SET author_name = 'Camille', author_slug = 'camille' WHERE slug IN ('indexed', 'other')",
  ).run();
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const blogAuthor = { slug: 'elise-durand', name: 'Élise Durand' };
  const found = await lookUpAuthor(db, 'camille', blogAuthor, { page: 1, pageSize: 10, now: now() });
  expect(found.kind).toBe('listing');
  await lookUpAuthor(db, 'elise-durand', blogAuthor, { page: 2, pageSize: 10, now: now() });
  await findWordPressAuthor(db, { userId: 7 });
  await findWordPressAuthor(db, { login: 'camille' });
  expect(recorded).toHaveLength(10);
  await expectIndexedPlans(recorded);
  const [, named, count, list] = await Promise.all(recorded.slice(0, 4).map(planOf));
  // Another author's articles: their rows alone, already in date order.
  for (const plan of [named, count, list])
    expect(plan).toMatch(
      /USING (COVERING )?INDEX articles_by_author \(author_slug=\? AND kind=\? AND status=\? AND published_at<\?\)/,
    );
  expect(list).not.toContain('TEMP B-TREE');
  // The blog's author: whether any article has a byline is read from the bylines' index, not from every article.
  expect(await planOf(recorded[5] as Recorded)).toContain('USING COVERING INDEX articles_by_author (author_slug>?)');
  expect(await planOf(recorded[4] as Recorded)).toContain('USING INDEX sqlite_autoindex_wordpress_authors_1 (login=?)');
  expect(await planOf(recorded[8] as Recorded)).toContain(
    'USING INDEX sqlite_autoindex_wordpress_authors_2 (user_id=?)',
  );
});

async function planOf({ sql, params }: Recorded): Promise<string> {
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return plan.results.map((row) => row.detail).join('\n');
}

it('serves every query of the moderation desk from an index', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const missing = 999_999;
  await countCommentsByStatus(db);
  await listCommentsForModeration(db, { status: 'pending', page: 2, pageSize: 5, total: 10 });
  await setCommentsStatus(db, [missing], 'approved');
  await deleteCommentsForGood(db, [missing]);
  await listCommentsForDeletion(db, [1, missing]);
  await getCommentForEdit(db, missing);
  const formatted = { html: '<p>B</p>', text: 'B' };
  await updateComment(db, missing, { author: 'A', email: '', url: null, body: 'B', formatted });
  await getReplyTarget(db, 1);
  await insertAuthorReply(db, { replyTo: missing, parentId: null, author: 'A', body: 'B', formatted, now: now() });
  await listArticlesForDesk(db, { page: 1, pageSize: 10 });
  await setArticleCommentsOpen(db, missing, true);
  await insertAdminSession(db, { idHash: 'h', createdAt: now(), expiresAt: now() + 60 });
  await adminSessionExists(db, 'h', now());
  await deleteAdminSession(db, 'h');
  await recordLoginFailure(db, 'ip', now(), 900);
  await countLoginFailures(db, 'ip', now() - 900);
  await clearLoginFailures(db, 'ip');
  expect(recorded.length).toBeGreaterThanOrEqual(20);
  await expectIndexedPlans(recorded);
});

it('serves the sitemap and the old WordPress addresses from indexes, in index order', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  await countSitemapEntries(db, now());
  await listSitemapEntries(db, now(), { articles: { offset: 1, limit: 10 }, tags: { offset: 1, limit: 10 } });
  await findSlugByLegacyId(db, 1287, now());
  await findSlugByLegacyPath(db, '/2012/03/14/indexed', 'indexed', now());
  await findSlugByLegacyPath(db, '/indexed', 'indexed', now(), 'slug');
  // An address the WordPress importer recorded, its attachment's post by legacy_wp_id.
  await findStoredRedirect(db, '?attachment_id=611', now());
  expect(recorded).toHaveLength(8);

  await expectIndexedPlans(recorded);
  expect(await planOf(recorded[7] as Recorded)).toContain('SEARCH r USING PRIMARY KEY (address=?)');
  expect(await planOf(recorded[7] as Recorded)).toContain('USING INDEX articles_by_legacy_wp_id (legacy_wp_id=?)');
  // A sitemap part is read a slice at a time: sorting the whole blog for each would not scale.
  for (const { sql, params } of recorded.slice(2, 4)) {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    expect(plan.results.map((row) => row.detail).join('\n'), sql).not.toContain('TEMP B-TREE');
  }
});

it('serves every query of Webmention (receiving, the desk, sending) from an index', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const article = await findMentionableArticle(db, 'indexed', now());
  // A child page's parent, read by its primary key.
  await findMentionableArticle(db, 'a-child', now());
  const articleId = article?.id ?? 1;
  const id = await upsertReceivedMention(db, {
    articleId,
    kind: 'webmention',
    sourceUrl: 'https://plans.example/a',
    targetUrl: 'http://localhost:8787/indexed',
    ipHash: null,
    now: now(),
  });
  await getMentionToVerify(db, id);
  await recordVerification(db, id, { verification: 'verified', title: 'T' }, now());
  await listStaleQueuedMentions(db, now(), 5);
  await forgetOldMentionIpHashes(db, now() - 90 * 86_400);
  await countMentionsByStatus(db);
  await countPendingMentions(db);
  await listMentionsForModeration(db, { status: 'pending', page: 2, pageSize: 5, total: 10 });
  await setMentionsStatus(db, [id], 'approved');
  await deleteMentionsForGood(db, [999_999]);
  await listMentionsForDeletion(db, [id, 999_999]);
  const scan = { article_id: articleId, due_at: now() };
  await listDueScans(db, now(), 5);
  await listSendsOfArticle(db, articleId);
  await recordArticleLinks(
    db,
    scan,
    { linked: ['https://plans.example/x'], removed: ['https://plans.example/y'] },
    now(),
  );
  await dropScan(db, scan);
  await listPendingSends(db, now(), 5);
  const send = { article_id: articleId, target_url: 'https://plans.example/x', link_state: 'linked' as const };
  await recordSendOutcome(db, send, { outcome: 'sent', endpoint: null, attempts: 1, nextAttemptAt: now() }, now());
  expect(recorded.length).toBeGreaterThanOrEqual(18);
  await expectIndexedPlans(recorded);
});

it('serves every query of the notification consumers from an index, subscriptions and the confirmation check included', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const comment = (await env.DB.prepare('SELECT max(id) AS id FROM comments').first<{ id: number }>())?.id ?? 1;
  const key = { kind: 'reply' as const, commentId: comment, recipient: 'reader@example.org' };
  const row = await claimNotification(db, key, now());
  if (!row) throw new Error('no notification row was written');
  await recordNotificationAttempt(db, row.id, 'send failed');
  await markNotificationSkipped(db, row.id, 'disabled');
  await markNotificationSent(db, row.id, now());
  await markNotificationFailed(db, key, 'retries exhausted', now());
  await listReplyRecipients(db, comment);
  await countRepliesSentSince(db, 'reader@example.org', now() - 3600);
  await getCommentMailContext(db, { commentId: comment, recipient: 'reader@example.org' });
  expect(recorded).toHaveLength(9);
  const recipients = recorded.at(-3) as Recorded;
  const recipientsPlan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${recipients.sql}`)
    .bind(...recipients.params)
    .all<{ detail: string }>();
  expect(recipientsPlan.results.map(({ detail }) => detail)).toEqual(
    expect.arrayContaining([
      'SEARCH s USING COVERING INDEX subscriptions_by_comment (comment_id=? AND scope=?)',
      'SEARCH s USING COVERING INDEX subscriptions_by_article (article_id=? AND scope=?)',
      'SEARCH a USING INDEX sqlite_autoindex_subscriber_addresses_1 (email=?)',
    ]),
  );
  await expectIndexedPlans(recorded);
  const context = recorded.at(-1) as Recorded;
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${context.sql}`)
    .bind(...context.params)
    .all<{ detail: string }>();
  const details = results.map(({ detail }) => detail).join('\n');
  expect(details).toContain('USING COVERING INDEX subscriptions_by_comment (comment_id=? AND scope=? AND email=?)');
  expect(details).toContain('USING COVERING INDEX subscriptions_by_article (article_id=? AND scope=? AND email=?)');
  expect(details).toContain('USING INDEX notifications_by_recipient (recipient=? AND kind=? AND state=?)');
  const cap = recorded.at(-2) as Recorded;
  const capPlan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${cap.sql}`)
    .bind(...cap.params)
    .all<{ detail: string }>();
  expect(capPlan.results.map(({ detail }) => detail)).toEqual([
    'SEARCH notifications USING COVERING INDEX notifications_by_recipient (recipient=? AND kind=? AND state=? AND sent_at>?)',
  ]);
  await env.DB.prepare('DELETE FROM notifications').run();
});

it('serves the opt-in, the outbox and the hand-over from indexes', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const comment = { email: 'reader@example.org', articleId: 1, createdAt: now() };
  subscribeNewCommentStatements(db, { ...comment, scopes: ['thread', 'article'] });
  outboxNewCommentStatement(db, comment);
  outboxApprovalStatement(db, [1, 2], now());
  outboxHeldCommentStatement(db, 1, now());
  authorReplyOutboxStatement(db, now());
  confirmRecipientsStatement(db, 1);
  await listOutbox(db, now(), 50);
  await deleteFromOutbox(db, [1, 2]);
  expect(recorded).toHaveLength(10);
  await expectIndexedPlans(recorded);
  // "The comment just inserted" is the largest id, read from the primary key's end.
  for (const index of [0, 1, 2, 3, 6]) {
    expect(await planOf(recorded[index] as Recorded)).toContain('SEARCH comments USING INTEGER PRIMARY KEY (rowid=?)');
  }
  expect(await planOf(recorded[7] as Recorded)).toContain(
    'SEARCH s USING COVERING INDEX subscriptions_by_comment (comment_id=?)',
  );
  expect(await planOf(recorded[8] as Recorded)).toBe(
    'SEARCH notification_outbox USING COVERING INDEX notification_outbox_by_date (created_at<?)',
  );
});

it('serves every query of the e-mail links from an index: confirming, and each unsubscribe scope', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const comment = (await env.DB.prepare('SELECT max(id) AS id FROM comments').first<{ id: number }>())?.id ?? 1;
  const email = 'plans@example.org';
  await getConfirmationTarget(db, { commentId: comment, email });
  await confirmSubscriberAddress(db, { commentId: comment, email }, now());
  await getUnsubscribeTarget(db, { commentId: comment });
  await getUnsubscribeTarget(db, { articleId: 1 });
  await removeSubscriptions(db, { email, scope: 'thread', commentId: comment });
  await removeSubscriptions(db, { email, scope: 'article', articleId: 1 });
  await removeSubscriptions(db, { email, scope: 'all' });
  expect(recorded).toHaveLength(7);
  await expectIndexedPlans(recorded);
  const plans = await Promise.all(recorded.map(planOf));
  expect(plans[0]).toContain('USING COVERING INDEX subscriptions_by_comment (comment_id=? AND scope=? AND email=?)');
  expect(plans[0]).toContain('USING COVERING INDEX subscriptions_by_email (email=?)');
  expect(plans[1]).toContain('USING INDEX sqlite_autoindex_subscriber_addresses_1 (email=?)');
  expect(plans[4]).toBe(
    'SEARCH subscriptions USING INDEX subscriptions_by_comment (comment_id=? AND scope=? AND email=?)',
  );
  expect(plans[5]).toBe(
    'SEARCH subscriptions USING COVERING INDEX subscriptions_by_article (article_id=? AND scope=? AND email=?)',
  );
  expect(plans[6]).toBe('SEARCH subscriptions USING COVERING INDEX subscriptions_by_email (email=?)');
});

it('reads the desk’s notifications log on notifications_by_date, in index order, and an article’s subscribers by article', async () => {
  const comment = (await env.DB.prepare('SELECT max(id) AS id FROM comments').first<{ id: number }>())?.id ?? 1;
  const articleId = (await env.DB.prepare("SELECT id FROM articles WHERE slug = 'indexed'").first<{ id: number }>())
    ?.id as number;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO subscriber_addresses (email, created_at) VALUES ('plans@example.org', 1)"),
    env.DB.prepare(
      "INSERT INTO subscriptions (email, article_id, scope, comment_id, created_at) VALUES ('plans@example.org', ?1, 'thread', ?2, 1)",
    ).bind(articleId, comment),
  ]);
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  await listNotificationLog(db, { pageSize: 50 });
  await listNotificationLog(db, { pageSize: 50, before: { createdAt: now(), id: 10 } });
  await listNotificationLog(db, { pageSize: 50, after: { createdAt: now() - 60, id: 10 } });
  await listArticleSubscriptions(db, articleId);
  await listSubscriberOnArticle(db, articleId, 1);
  await removeArticleSubscriber(db, articleId, 999_999);
  expect(recorded).toHaveLength(8);
  await expectIndexedPlans(recorded);
  const [first, older, newer] = await Promise.all(recorded.slice(0, 3).map(planOf));
  // Newest first from the index itself: no sort of the whole log, whichever way the desk pages.
  expect(first).toContain('SEARCH n USING INDEX notifications_by_date (created_at<?)');
  expect(older).toContain('SEARCH n USING INDEX notifications_by_date (created_at<?)');
  expect(newer).toContain('SEARCH n USING INDEX notifications_by_date (created_at>?)');
  for (const plan of [first, older, newer]) expect(plan).not.toContain('TEMP B-TREE');
  const subscribers = await planOf(recorded[4] as Recorded);
  expect(subscribers).toContain('SEARCH s USING INDEX subscriptions_by_article (article_id=?)');
  expect(subscribers).toContain('SEARCH sa USING INDEX sqlite_autoindex_subscriber_addresses_1 (email=?)');
  await env.DB.prepare("DELETE FROM subscriber_addresses WHERE email = 'plans@example.org'").run();
});

it('serves every query of the author’s digest from an index: the queued notes by address, the rows by id', async () => {
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  const comment = (
    await env.DB.prepare("SELECT max(id) AS id FROM comments WHERE status = 'pending'").first<{
      id: number;
    }>()
  )?.id as number;
  const recipient = 'author@example.org';
  expect(await queueAuthorNote(db, { commentId: comment, recipient, mode: 'held', now: now() })).toBe(true);
  expect(await claimAuthorDigest(db, recipient, now(), 120)).toEqual({ last_sent_at: null });
  const notes = await listQueuedAuthorNotes(db, recipient, 51);
  expect(notes).toHaveLength(1);
  const ids = notes.map(({ id }) => id);
  await recordAuthorDigestAttempt(db, ids, 'send failed');
  await finishAuthorDigest(db, {
    recipient,
    sentIds: ids,
    skippedIds: [],
    skipReason: 'already_moderated',
    now: now(),
  });
  await releaseAuthorDigest(db, recipient);
  await closeQueuedAuthorNotes(db, recipient, { state: 'failed', reason: 'retries exhausted' });
  expect(recorded).toHaveLength(9);
  await expectIndexedPlans(recorded);
  expect(await planOf(recorded[2] as Recorded)).toContain(
    'SEARCH n USING INDEX notifications_by_recipient (recipient=? AND kind=? AND state=?)',
  );
  // The notes a digest lists are found by id, from the JSON list of their ids.
  expect(await planOf(recorded[4] as Recorded)).toContain('SEARCH notifications USING INTEGER PRIMARY KEY (rowid=?)');
  expect(await planOf(recorded[8] as Recorded)).toContain(
    'SEARCH notifications USING INDEX notifications_by_recipient (recipient=? AND kind=? AND state=?)',
  );
  await env.DB.batch([env.DB.prepare('DELETE FROM notifications'), env.DB.prepare('DELETE FROM author_digests')]);
});

async function expectIndexedPlans(recorded: Recorded[]): Promise<void> {
  for (const { sql, params } of recorded) {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    // A full scan of a table or of a whole index is a bug; small CTEs may be
    // scanned (a page's threads and replies, a thread's ancestry).
    const scans = plan.results
      .map((row) => row.detail)
      .filter((detail) => /^SCAN \w+( USING (COVERING )?INDEX \w+)?$/.test(detail) && !CTE_SCANS.includes(detail));
    expect(scans, sql).toEqual([]);
  }
}

it('reads the header’s menu from the menu index alone, and lists of articles without reading the pages', async () => {
  const plan = async ({ sql, params }: Recorded) => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    return results.map((row) => row.detail).join('\n');
  };
  const recorded: Recorded[] = [];
  const db = recordingDb(recorded);
  selectMenuPages(db, now());
  await listPublishedArticles(db, { page: 1, pageSize: 10, now: now() });
  const [menu, home] = recorded;
  if (!menu || !home) throw new Error('expected the menu and the home page’s list');
  expect(await plan(menu)).toContain('USING INDEX pages_by_menu_order');
  expect(await plan(menu)).not.toContain('TEMP B-TREE');
  // The home page's count stays an index-only read with pages in the table.
  expect(await plan(home)).toContain('SEARCH blog_counts USING INTEGER PRIMARY KEY');
  expect(await plan(home)).toContain('USING COVERING INDEX articles_by_kind_status_date');
  expect(await plan(home)).toContain('USING INDEX articles_pinned');
});

it('reads the menu in the batch the page already makes: one round trip', async () => {
  let batches = 0;
  const counting = new Proxy(env.DB, {
    get(target, property) {
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          batches++;
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const db = withMenu(counting, now());
  const page = await listPublishedArticles(db, { page: 1, pageSize: 10, now: now() });
  expect(batches).toBe(1);
  expect(page.items.map((item) => item.slug)).not.toContain('a-page');
  expect(db.menu()?.map((row) => [row.slug, row.parent_slug])).toEqual([
    ['a-page', null],
    ['a-child', 'a-page'],
  ]);
});
