// The pure parts of `npm run comments`: the SQL it sends through wrangler, run
// here against the real local D1 (all statements of a call in one batch, as
// `wrangler d1 execute --file` runs them), its argument checks and its table.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDeleteStatements,
  buildListQuery,
  buildLookupQuery,
  buildSetStatusStatements,
  type CommentListRow,
  type CommentStateRow,
  describeDeletes,
  describeStatusChanges,
  formatCommentTable,
  oneLine,
} from '../../scripts/lib/comments-cli.ts';
import { insertArticle, insertComment, now } from '../fixtures';

let articleId: number;

beforeAll(async () => {
  articleId = await insertArticle({ slug: 'moderation-cli' });
});

function execute(statements: string[]): Promise<D1Result[]> {
  return env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

async function rows<T>(sql: string): Promise<T[]> {
  return (await env.DB.prepare(sql).all<T>()).results;
}

async function comment(id: number): Promise<{ status: string; parent_id: number | null } | null> {
  return env.DB.prepare('SELECT status, parent_id FROM comments WHERE id = ?1')
    .bind(id)
    .first<{ status: string; parent_id: number | null }>();
}

describe('approve, spam, trash', () => {
  it('sets the status of the given comments only, and says what changed', async () => {
    const a = await insertComment({ articleId, status: 'pending' });
    const b = await insertComment({ articleId, status: 'pending' });
    const untouched = await insertComment({ articleId, status: 'pending' });
    const missing = untouched + 1000;
    const ids = [a, b, missing];

    const before = await rows<CommentStateRow>(buildLookupQuery(ids));
    const outcome = describeStatusChanges(ids, before, 'approved');
    expect(outcome.lines).toEqual([
      `#${a} approved (was pending)`,
      `#${b} approved (was pending)`,
      `#${missing} not found`,
    ]);
    expect(outcome.found).toEqual([a, b]);
    expect(outcome.missing).toEqual([missing]);

    const results = await execute(buildSetStatusStatements(outcome.found, 'approved'));
    // The two newly approved comments go to the notifications' outbox first, then their status changes
    // (D1's changes of the second also count what migration 0022's triggers write: threads and counts).
    expect(results).toHaveLength(2);
    expect(results[0]?.meta.changes).toBe(2);
    const outbox = await env.DB.prepare('SELECT comment_id FROM notification_outbox WHERE comment_id IN (?1, ?2, ?3)')
      .bind(a, b, untouched)
      .all<{ comment_id: number }>();
    expect(outbox.results.map(({ comment_id }) => comment_id).sort((x, y) => x - y)).toEqual([a, b]);
    expect((await comment(a))?.status).toBe('approved');
    expect((await comment(b))?.status).toBe('approved');
    expect((await comment(untouched))?.status).toBe('pending');
  });

  it('marks as spam, moves to the trash, and says when there is nothing to do', async () => {
    const id = await insertComment({ articleId, status: 'approved' });
    await execute(buildSetStatusStatements([id], 'spam'));
    expect((await comment(id))?.status).toBe('spam');

    const outcome = describeStatusChanges([id], await rows<CommentStateRow>(buildLookupQuery([id])), 'spam');
    expect(outcome.lines).toEqual([`#${id} already marked as spam`]);
    expect((await execute(buildSetStatusStatements([id], 'spam')))[0]?.meta.changes).toBe(0);

    await execute(buildSetStatusStatements([id], 'trash'));
    expect((await comment(id))?.status).toBe('trash');
    expect(
      describeStatusChanges([id], [{ id, status: 'spam', parent_id: null, article_id: 1, tag_slugs: null }], 'trash')
        .lines,
    ).toEqual([`#${id} moved to the trash (was spam)`]);
  });

  it('builds no statement for no id', () => {
    expect(buildSetStatusStatements([], 'approved')).toEqual([]);
    expect(buildDeleteStatements([])).toEqual([]);
  });
});

describe('delete', () => {
  it('is refused by the schema while the comment has replies: that is why replies move first', async () => {
    const parent = await insertComment({ articleId });
    await insertComment({ articleId, parentId: parent });
    await expect(env.DB.prepare('DELETE FROM comments WHERE id = ?1').bind(parent).run()).rejects.toThrow(
      /FOREIGN KEY/i,
    );
  });

  it('deletes for good and re-attaches the replies to the parent of the deleted comment', async () => {
    const root = await insertComment({ articleId, body: 'root' });
    const middle = await insertComment({ articleId, parentId: root, body: 'middle' });
    const replyA = await insertComment({ articleId, parentId: middle, body: 'reply A' });
    const replyB = await insertComment({ articleId, parentId: middle, body: 'reply B' });
    const deeper = await insertComment({ articleId, parentId: replyA, body: 'deeper' });

    const outcome = describeDeletes([middle], await rows<CommentStateRow>(buildLookupQuery([middle])));
    expect(outcome.lines).toEqual([`#${middle} deleted; replies #${replyA}, #${replyB} moved under #${root}`]);
    await execute(buildDeleteStatements(outcome.found));

    expect(await comment(middle)).toBeNull();
    expect((await comment(replyA))?.parent_id).toBe(root);
    expect((await comment(replyB))?.parent_id).toBe(root);
    // Only direct replies move: the rest of the thread keeps its shape.
    expect((await comment(deeper))?.parent_id).toBe(replyA);
  });

  it('moves the replies of a top-level comment to the top level', async () => {
    const top = await insertComment({ articleId });
    const reply = await insertComment({ articleId, parentId: top, status: 'pending' });
    const outcome = describeDeletes([top], await rows<CommentStateRow>(buildLookupQuery([top])));
    expect(outcome.lines).toEqual([`#${top} deleted; reply #${reply} moved to the top level`]);
    await execute(buildDeleteStatements(outcome.found));
    expect(await comment(top)).toBeNull();
    expect(await comment(reply)).toEqual({ status: 'pending', parent_id: null });
  });

  it('deletes a comment together with its parent, in either order', async () => {
    for (const order of ['parent first', 'child first']) {
      const grandparent = await insertComment({ articleId });
      const parent = await insertComment({ articleId, parentId: grandparent });
      const child = await insertComment({ articleId, parentId: parent });
      const grandchild = await insertComment({ articleId, parentId: child });
      const ids = order === 'parent first' ? [parent, child] : [child, parent];

      const outcome = describeDeletes(ids, await rows<CommentStateRow>(buildLookupQuery(ids)));
      expect(outcome.lines, order).toContain(`#${child} deleted; reply #${grandchild} moved under #${grandparent}`);
      expect(outcome.lines, order).toContain(`#${parent} deleted`);
      await execute(buildDeleteStatements(outcome.found));

      expect(await comment(parent), order).toBeNull();
      expect(await comment(child), order).toBeNull();
      expect((await comment(grandchild))?.parent_id, order).toBe(grandparent);
    }
  });

  it('reports ids that do not exist and deletes nothing for them', async () => {
    const id = await insertComment({ articleId });
    const missing = id + 1000;
    const outcome = describeDeletes([missing, id], await rows<CommentStateRow>(buildLookupQuery([missing, id])));
    expect(outcome.lines).toEqual([`#${missing} not found`, `#${id} deleted`]);
    expect(outcome.missing).toEqual([missing]);
    expect(outcome.found).toEqual([id]);
  });
});

describe('list', () => {
  it('selects by status, newest first, with the article slug', async () => {
    const slug = 'list-order';
    const other = await insertArticle({ slug });
    const t = now();
    const older = await insertComment({ articleId: other, status: 'pending', createdAt: t - 200 });
    const newer = await insertComment({ articleId: other, status: 'pending', createdAt: t - 100 });
    const approved = await insertComment({ articleId: other, status: 'approved', createdAt: t - 50 });
    const mine = (list: CommentListRow[]) => list.filter((row) => row.slug === slug).map((row) => row.id);

    expect(mine(await rows<CommentListRow>(buildListQuery('pending')))).toEqual([newer, older]);
    expect(mine(await rows<CommentListRow>(buildListQuery('approved')))).toEqual([approved]);
    expect(mine(await rows<CommentListRow>(buildListQuery('all')))).toEqual([approved, newer, older]);

    await env.DB.prepare(
      `UPDATE comments SET turnstile_verified = 1, held_reason = 'first_comment', ip_hash = 'abc' WHERE id = ?1`,
    )
      .bind(newer)
      .run();
    const [row] = (await rows<CommentListRow>(buildListQuery('pending'))).filter((r) => r.id === newer);
    expect(row).toMatchObject({ status: 'pending', slug, turnstile_verified: 1, held_reason: 'first_comment' });
    expect(Object.keys(row ?? {}).sort()).toEqual(
      [
        'author_email',
        'author_name',
        'author_url',
        'body',
        'created_at',
        'held_reason',
        'id',
        'parent_id',
        'slug',
        'status',
        'turnstile_verified',
      ].sort(),
    );
  });
});

describe('the table', () => {
  const row = (extra: Partial<CommentListRow>): CommentListRow => ({
    id: 12,
    created_at: Date.UTC(2026, 0, 5, 9, 30, 59) / 1000,
    status: 'pending',
    slug: 'animer',
    author_name: 'Camille',
    author_email: 'camille@example.org',
    author_url: 'https://camille.example',
    turnstile_verified: 1,
    held_reason: 'first_comment',
    parent_id: null,
    body: 'Bonjour',
    ...extra,
  });

  it('shows every column, aligned, and the count', () => {
    const table = formatCommentTable(
      [row({}), row({ id: 7, parent_id: 3, author_url: null, turnstile_verified: 0, held_reason: null })],
      'pending',
    );
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^ID +CREATED +STATUS +ARTICLE +AUTHOR +E-MAIL +WEBSITE +TURNSTILE +HELD +PARENT +BODY$/);
    expect(lines[1]).toMatch(
      /^12 +2026-01-05T09:30Z +pending +animer +Camille +camille@example\.org +https:\/\/camille\.example +yes +first_comment +- +Bonjour$/,
    );
    expect(lines[2]).toMatch(
      /^7 +2026-01-05T09:30Z +pending +animer +Camille +camille@example\.org +- +no +- +#3 +Bonjour$/,
    );
    // Columns line up.
    const bodyAt = lines[0]?.indexOf('BODY');
    expect(lines[1]?.indexOf('Bonjour')).toBe(bodyAt);
    expect(lines[2]?.indexOf('Bonjour')).toBe(bodyAt);
    expect(lines.at(-1)).toBe('2 pending comments.');
    expect(
      formatCommentTable([row({})], 'all')
        .split('\n')
        .at(-1),
    ).toBe('1 comment.');
  });

  it('says so when there is nothing', () => {
    expect(formatCommentTable([], 'pending')).toBe('No pending comments.');
    expect(formatCommentTable([], 'spam')).toBe('No spam comments.');
    expect(formatCommentTable([], 'all')).toBe('No comments.');
  });

  it('shows the body on one line, cut at about 60 characters', () => {
    const body =
      'Premier paragraphe.\r\n\r\nSecond\tparagraphe avec un saut\nde ligne, et encore du texte pour dépasser.';
    const table = formatCommentTable([row({ body })], 'pending');
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    const shown = lines[1]?.slice(lines[0]?.indexOf('BODY'));
    expect(shown).toBe('Premier paragraphe. Second paragraphe avec un saut de ligne…');
    expect([...(shown ?? '')].length).toBeLessThanOrEqual(60);
  });

  it('shows text as it is, but never a control character or a direction override', () => {
    const table = formatCommentTable(
      [
        row({
          author_name: "L'été <b>& co</b>",
          body: 'Red \u001b[31malert\u001b[0m \u0007 and \u202egnp.exe',
          author_url: 'https://x.example/?a=1&b="2"',
        }),
      ],
      'pending',
    );
    expect(table).toContain("L'été <b>& co</b>");
    expect(table).toContain('https://x.example/?a=1&b="2"');
    expect(table).toContain('Red ?[31malert?[0m ? and ?gnp.exe');
    const codes = [...table].map((char) => char.codePointAt(0) as number);
    expect(codes.filter((code) => (code < 0x20 && code !== 0x0a) || code === 0x7f || code === 0x202e)).toEqual([]);
    expect(oneLine('  a \n\n b\u2028c  ')).toBe('a b c');
  });
});
