// Each comment's thread_id (migration 0025's triggers) names the thread the
// comments page shows it in: its own id when its parent is not an approved
// comment, else its parent's thread. The page reads nothing else to place a
// reply, so after every change it must equal a count from scratch, and the
// page must show each approved comment once, under its approved parent.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportedComment } from '../../scripts/lib/wordpress/comments.ts';
import { buildCommentStatements } from '../../scripts/lib/wordpress/sql.ts';
import { getPublishedArticlePage } from '../../src/db/articles';
import { deleteCommentsForGood, setCommentsStatus } from '../../src/db/moderation';
import { insertArticle, insertComment, now } from '../fixtures';
import { loadDemoContent } from '../support/demo';

let article: number;
let slug: string;
let serial = 0;
let clock = 0;

beforeEach(async () => {
  slug = `thread-ids-${++serial}`;
  article = await insertArticle({ slug });
  clock = now() - 10_000;
});

/** A comment one second after the previous one. */
function add(parentId: number | null, status: 'approved' | 'pending' | 'spam' = 'approved', body?: string) {
  return insertComment({ articleId: article, parentId: parentId ?? undefined, status, body, createdAt: ++clock });
}

async function threadIds(): Promise<Map<number, number | null>> {
  const { results } = await env.DB.prepare('SELECT id, thread_id FROM comments WHERE article_id = ?1')
    .bind(article)
    .all<{ id: number; thread_id: number | null }>();
  return new Map(results.map((row) => [row.id, row.thread_id]));
}

/** thread_id as its definition gives it, from the comments' parents and statuses alone. */
async function threadIdsFromScratch(): Promise<Map<number, number>> {
  const { results } = await env.DB.prepare('SELECT id, parent_id, status FROM comments WHERE article_id = ?1')
    .bind(article)
    .all<{ id: number; parent_id: number | null; status: string }>();
  const byId = new Map(results.map((row) => [row.id, row]));
  const threadOf = (id: number): number => {
    const parent = byId.get(byId.get(id)?.parent_id ?? -1);
    return parent?.status === 'approved' ? threadOf(parent.id) : id;
  };
  return new Map(results.map((row) => [row.id, threadOf(row.id)]));
}

async function expectThreadIdsKept(): Promise<void> {
  expect(await threadIds()).toEqual(await threadIdsFromScratch());
}

/** Each page's comments: [thread start, ...its replies in order] per thread. */
async function pages(perPage: number): Promise<number[][]> {
  const first = await getPublishedArticlePage(env.DB, slug, now(), { page: 1, perPage });
  const shown: number[][] = [];
  for (let page = 1; page <= (first?.commentPageCount ?? 1); page++) {
    const data = await getPublishedArticlePage(env.DB, slug, now(), { page, perPage });
    shown.push(data?.comments.map((comment) => comment.id) ?? []);
  }
  return shown;
}

describe('thread_id through moderation', () => {
  it('is the comment’s own id for a thread start and the start’s id all the way down its approved replies', async () => {
    const top = await add(null);
    const reply = await add(top);
    const nested = await add(reply);
    const held = await add(nested, 'pending');
    const underHeld = await add(held);
    const ids = await threadIds();
    expect([ids.get(top), ids.get(reply), ids.get(nested), ids.get(held)]).toEqual([top, top, top, top]);
    // Under a held comment, a reply is a thread of its own.
    expect(ids.get(underHeld)).toBe(underHeld);
    await expectThreadIdsKept();
    expect(await pages(50)).toEqual([[top, reply, nested, underHeld]]);
  });

  it('moves a reply to a held comment, and what hangs under it, back under the parent once approved, on the parent’s page', async () => {
    const first = await add(null);
    const held = await add(first, 'pending');
    const reply = await add(held);
    const nested = await add(reply);
    const later = await add(null);
    // Under a held parent, the reply is a thread of its own, between the two others.
    expect(await pages(1)).toEqual([[first], [reply, nested], [later]]);
    await setCommentsStatus(env.DB, [held], 'approved');
    await expectThreadIdsKept();
    expect((await threadIds()).get(nested)).toBe(first);
    expect(await pages(1)).toEqual([[first, held, reply, nested], [later]]);
  });

  for (const status of ['pending', 'spam', 'trash'] as const) {
    it(`splits the replies below a comment sent to ${status} into threads of their own, and joins them again when restored`, async () => {
      const top = await add(null);
      const middle = await add(top);
      const left = await add(middle);
      const leftReply = await add(left);
      const right = await add(middle);
      await setCommentsStatus(env.DB, [middle], status);
      await expectThreadIdsKept();
      const ids = await threadIds();
      expect([ids.get(left), ids.get(leftReply), ids.get(right)]).toEqual([left, left, right]);
      expect(await pages(1)).toEqual([[top], [left, leftReply], [right]]);
      await setCommentsStatus(env.DB, [middle], 'approved');
      await expectThreadIdsKept();
      expect(await pages(1)).toEqual([[top, middle, left, leftReply, right]]);
    });
  }

  it('hands a deleted thread start’s replies, with everything under them, threads of their own', async () => {
    const top = await add(null);
    const reply = await add(top);
    const nested = await add(reply);
    const second = await add(top);
    await deleteCommentsForGood(env.DB, [top]);
    await expectThreadIdsKept();
    expect((await threadIds()).get(nested)).toBe(reply);
    expect(await pages(1)).toEqual([[reply, nested], [second]]);
  });

  it('keeps a deleted reply’s own replies in the thread, under their grandparent', async () => {
    const top = await add(null);
    const reply = await add(top);
    const nested = await add(reply);
    const deeper = await add(nested);
    await deleteCommentsForGood(env.DB, [reply]);
    await expectThreadIdsKept();
    expect((await threadIds()).get(deeper)).toBe(top);
    expect(await pages(1)).toEqual([[top, nested, deeper]]);
  });

  it('follows a chain far deeper than the form allows when a comment high in it is held and approved again', async () => {
    const chain = [await add(null)];
    for (let i = 0; i < 40; i++) chain.push(await add(chain.at(-1) as number));
    await setCommentsStatus(env.DB, [chain[1] as number], 'pending');
    await expectThreadIdsKept();
    expect((await threadIds()).get(chain.at(-1) as number)).toBe(chain[2]);
    expect(await pages(1)).toEqual([[chain[0]], chain.slice(2)]);
    await setCommentsStatus(env.DB, [chain[1] as number], 'approved');
    await expectThreadIdsKept();
    expect(await pages(1)).toEqual([chain]);
  });

  it('follows statements written by hand: many comments changed at once, parents and replies alike', async () => {
    const top = await add(null);
    const reply = await add(top);
    const nested = await add(reply);
    const other = await add(null);
    const otherReply = await add(other);
    await env.DB.prepare("UPDATE comments SET status = 'spam' WHERE article_id = ?1 AND id <> ?2")
      .bind(article, nested)
      .run();
    await expectThreadIdsKept();
    expect(await pages(50)).toEqual([[nested]]);
    await env.DB.prepare("UPDATE comments SET status = 'approved' WHERE article_id = ?1").bind(article).run();
    await expectThreadIdsKept();
    expect(await pages(50)).toEqual([[top, reply, nested, other, otherReply]]);
  });
});

describe('a comments page read by thread_id', () => {
  it('keeps a thread whole on its page when its reply came after the next page’s threads', async () => {
    const first = await add(null);
    const second = await add(null);
    const third = await add(null);
    const lateReply = await add(first);
    expect(await pages(2)).toEqual([[first, second, lateReply], [third]]);
  });

  it('gives the plain text to the page’s first three comments only, and the text as typed only where there is no HTML', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await add(i === 0 ? null : (ids[0] as number), 'approved', `Texte ${i}`));
    await env.DB.prepare("UPDATE comments SET body_html = '<p>' || body || '</p>', body_text = body WHERE id = ?1")
      .bind(ids[1])
      .run();
    const data = await getPublishedArticlePage(env.DB, slug, now(), { page: 1, perPage: 50 });
    expect(data?.comments.map((comment) => [comment.body, comment.body_text])).toEqual([
      ['Texte 0', 'Texte 0'],
      [null, 'Texte 1'],
      ['Texte 2', 'Texte 2'],
      ['Texte 3', null],
      ['Texte 4', null],
    ]);
  });

  it('places the WordPress import’s replies by thread_id, a reply to spam at the top level', async () => {
    const imported = (id: number, parent: number | null, status: ImportedComment['status']) => ({
      key: `wordpress:19:${serial}:${id}`,
      parentKey: parent === null ? null : `wordpress:19:${serial}:${parent}`,
      articleSlug: slug,
      authorName: `Lecteur ${id}`,
      authorEmail: '',
      authorUrl: null,
      body: `Commentaire ${id}`,
      status,
      createdAt: now() - 1000 + id,
      isAuthor: false,
    });
    const statements = buildCommentStatements([
      imported(1, null, 'approved'),
      imported(2, 1, 'approved'),
      imported(3, 2, 'approved'),
      imported(4, null, 'spam'),
      imported(5, 4, 'approved'),
      imported(6, 5, 'approved'),
    ]);
    for (const sql of statements) await env.DB.prepare(sql).run();
    await expectThreadIdsKept();
    expect((await pages(50))[0]).toHaveLength(5);
  });

  it('is kept for the demo blog’s comments as `npm run dev` seeds them, held ones and replies included', async () => {
    await loadDemoContent();
    // One level checked on every row is the whole definition, row by row.
    const misplaced = await env.DB.prepare(
      `SELECT count(*) AS n, (SELECT count(*) FROM comments WHERE source_key LIKE 'demo:%') AS demo FROM comments c
        WHERE c.thread_id IS NOT coalesce(
          (SELECT p.thread_id FROM comments p WHERE p.id = c.parent_id AND p.status = 'approved'), c.id)`,
    ).first<{ n: number; demo: number }>();
    expect(misplaced?.demo).toBeGreaterThan(0);
    expect(misplaced?.n).toBe(0);
  });
});
