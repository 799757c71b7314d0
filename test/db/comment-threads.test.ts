// The comment section's threads and counts are kept when comments change
// (migration 0022's triggers), whoever writes: the desk's statements, the
// form's insert, a statement written by hand. After each change the page must
// show what a count from scratch gives.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportedComment } from '../../scripts/lib/wordpress/comments.ts';
import { buildCommentStatements } from '../../scripts/lib/wordpress/sql.ts';
import { getPublishedArticlePage } from '../../src/db/articles';
import { deleteCommentsForGood, setCommentsStatus } from '../../src/db/moderation';
import { insertArticle, insertComment, now } from '../fixtures';

let article: number;
let slug: string;
let serial = 0;

beforeEach(async () => {
  slug = `threads-${++serial}`;
  article = await insertArticle({ slug });
});

/** What the page shows: the first page's threads (top-level ids), every comment shown, and the counts. */
async function page(perPage = 50) {
  const data = await getPublishedArticlePage(env.DB, slug, now(), { page: 1, perPage });
  if (!data) throw new Error(`${slug} is not published`);
  const ids = new Set(data.comments.map((comment) => comment.id));
  return {
    threads: data.comments
      .filter((comment) => comment.parent_id === null || !ids.has(comment.parent_id))
      .map((c) => c.id),
    shown: data.comments.map((comment) => comment.id),
    total: data.commentCount,
    pageCount: data.commentPageCount,
  };
}

/** The same figures counted from the comments themselves, as the page did before they were kept. */
async function countedFromScratch() {
  return env.DB.prepare(
    `SELECT count(*) AS total,
       count(CASE WHEN c.parent_id IS NULL OR NOT EXISTS (
         SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'approved') THEN 1 END) AS threads
       FROM comments c WHERE c.article_id = ?1 AND c.status = 'approved'`,
  )
    .bind(article)
    .first<{ total: number; threads: number }>();
}

async function expectConsistent(expected: { threads: number[]; total: number }) {
  const shown = await page();
  expect(shown.threads).toEqual(expected.threads);
  expect(shown.total).toBe(expected.total);
  const scratch = await countedFromScratch();
  expect(scratch).toEqual({ total: expected.total, threads: expected.threads.length });
  // One thread a page: the page count is the thread count.
  expect((await page(1)).pageCount).toBe(Math.max(1, expected.threads.length));
}

describe('a parent and its reply through moderation', () => {
  let parent: number;
  let reply: number;
  let other: number;

  beforeEach(async () => {
    parent = await insertComment({ articleId: article, createdAt: now() - 300 });
    reply = await insertComment({ articleId: article, parentId: parent, createdAt: now() - 200 });
    other = await insertComment({ articleId: article, createdAt: now() - 100 });
  });

  it('starts with two threads and three comments', async () => {
    await expectConsistent({ threads: [parent, other], total: 3 });
    expect((await page()).shown).toEqual([parent, reply, other]);
  });

  for (const status of ['trash', 'spam', 'pending'] as const) {
    it(`lists the reply at the top level while its parent is in ${status}, and under it again once restored`, async () => {
      // The desk says how many comments changed: the rows the triggers write are not counted.
      expect((await setCommentsStatus(env.DB, [parent], status)).changed).toBe(1);
      await expectConsistent({ threads: [reply, other], total: 2 });
      await setCommentsStatus(env.DB, [parent], 'approved');
      await expectConsistent({ threads: [parent, other], total: 3 });
      expect((await page()).shown).toEqual([parent, reply, other]);
    });
  }

  it('counts a reply sent to the trash out, and back in when restored', async () => {
    await setCommentsStatus(env.DB, [reply], 'trash');
    await expectConsistent({ threads: [parent, other], total: 2 });
    await setCommentsStatus(env.DB, [reply], 'approved');
    await expectConsistent({ threads: [parent, other], total: 3 });
  });

  it('keeps the reply a thread of its own when the parent and the reply move together', async () => {
    await setCommentsStatus(env.DB, [parent, reply], 'spam');
    await expectConsistent({ threads: [other], total: 1 });
    await setCommentsStatus(env.DB, [reply], 'approved');
    await expectConsistent({ threads: [reply, other], total: 2 });
    await setCommentsStatus(env.DB, [parent], 'approved');
    await expectConsistent({ threads: [parent, other], total: 3 });
  });

  it('hands the reply to the top level when its parent is deleted for good', async () => {
    expect((await deleteCommentsForGood(env.DB, [parent])).changed).toBe(1);
    await expectConsistent({ threads: [reply, other], total: 2 });
  });

  it('hands a reply to its grandparent when its held parent is deleted for good', async () => {
    const held = await insertComment({
      articleId: article,
      parentId: reply,
      status: 'pending',
      createdAt: now() - 150,
    });
    const late = await insertComment({ articleId: article, parentId: held, createdAt: now() - 50 });
    // Under a held comment, the late reply stands alone for now.
    await expectConsistent({ threads: [parent, other, late], total: 4 });
    await deleteCommentsForGood(env.DB, [held]);
    await expectConsistent({ threads: [parent, other], total: 4 });
    expect((await page()).shown).toEqual([parent, reply, other, late]);
  });

  it('counts a deleted reply out', async () => {
    await deleteCommentsForGood(env.DB, [reply]);
    await expectConsistent({ threads: [parent, other], total: 2 });
  });

  it('follows statements written by hand, as a script or the CLI writes them', async () => {
    await env.DB.prepare("UPDATE comments SET status = 'trash' WHERE article_id = ?1 AND parent_id IS NULL")
      .bind(article)
      .run();
    await expectConsistent({ threads: [reply], total: 1 });
    await env.DB.prepare("UPDATE comments SET status = 'approved' WHERE article_id = ?1").bind(article).run();
    await expectConsistent({ threads: [parent, other], total: 3 });
  });
});

describe('new comments', () => {
  it('counts an approved comment at once and a held one only once approved', async () => {
    await expectConsistent({ threads: [], total: 0 });
    const first = await insertComment({ articleId: article, createdAt: now() - 100 });
    const held = await insertComment({ articleId: article, parentId: first, status: 'pending' });
    await expectConsistent({ threads: [first], total: 1 });
    await setCommentsStatus(env.DB, [held], 'approved');
    await expectConsistent({ threads: [first], total: 2 });
  });

  it('makes a reply to a comment held at the time a thread, until its parent is approved', async () => {
    const held = await insertComment({ articleId: article, status: 'pending', createdAt: now() - 100 });
    const reply = await insertComment({ articleId: article, parentId: held });
    await expectConsistent({ threads: [reply], total: 1 });
    await setCommentsStatus(env.DB, [held], 'approved');
    await expectConsistent({ threads: [held], total: 2 });
  });

  it('forgets the counts with the article', async () => {
    await insertComment({ articleId: article });
    await env.DB.prepare('DELETE FROM articles WHERE id = ?1').bind(article).run();
    const left = await env.DB.prepare('SELECT count(*) AS n FROM article_comment_counts WHERE article_id = ?1')
      .bind(article)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe('the WordPress import', () => {
  const imported = (id: number, parent: number | null, status: ImportedComment['status'], body?: string) => ({
    key: `wordpress:9:${id}`,
    parentKey: parent === null ? null : `wordpress:9:${parent}`,
    articleSlug: slug,
    authorName: `Lecteur ${id}`,
    authorEmail: '',
    authorUrl: null,
    body: body ?? `Commentaire ${id}`,
    status,
    createdAt: now() - 1000 + id,
    isAuthor: false,
  });

  it('imports threads whose parent came as spam with the reply at the top level, a long comment included', async () => {
    const statements = buildCommentStatements([
      imported(1, null, 'approved'),
      imported(2, 1, 'approved', "日'".repeat(5_000)),
      imported(3, null, 'spam'),
      imported(4, 3, 'approved'),
      imported(5, 4, 'approved'),
    ]);
    for (const sql of statements) await env.DB.prepare(sql).run();
    const ids = async (key: number) =>
      (
        await env.DB.prepare('SELECT id FROM comments WHERE source_key = ?1')
          .bind(`wordpress:9:${key}`)
          .first<{ id: number }>()
      )?.id;
    const [first, reply] = [await ids(1), await ids(4)];
    await expectConsistent({ threads: [first as number, reply as number], total: 4 });
    // Run again (a re-import): nothing added, nothing counted twice.
    for (const sql of statements) await env.DB.prepare(sql).run();
    await expectConsistent({ threads: [first as number, reply as number], total: 4 });
  });
});
