// `node scripts/comments.ts`, run as the blog's author runs it, against a
// throw-away local D1 (wrangler's --persist-to), with wrangler doing the reads
// and writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1Results, d1Rows, migratedState } from './local-d1.ts';
import { node } from './run-node.ts';

let tmp: string;
let state: string;

const comments = (...args: string[]) => node(['scripts/comments.ts', ...args, '--persist-to', state]);

const rows = (sql: string) => d1Rows(state, sql);

// 2026-01-05T09:30:00Z and a few minutes later.
const T = 1_767_605_400;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'causerie-comments-'));
  state = migratedState(join(tmp, 'state'));
  d1Results(state, [
    `INSERT INTO articles (id, slug, title, language, body_html, status, published_at, updated_at)
    VALUES (1, 'animer', 'Animer', 'fr', '<p>Corps</p>', 'published', ${T - 86_400}, ${T - 86_400})`,
    `INSERT INTO comments (id, article_id, parent_id, author_name, author_email, author_url, body, status, created_at,
    turnstile_verified, held_reason)
  VALUES
    (1, 1, NULL, 'Camille', 'camille@example.org', 'https://camille.example',
      'Premier paragraphe.' || char(10) || char(10) || 'Second, plus long que soixante caractères pour être coupé.',
      'pending', ${T}, 1, 'first_comment'),
    (2, 1, 1, 'Julien', 'julien@example.org', NULL, 'Une réponse', 'approved', ${T + 60}, 0, NULL),
    (3, 1, 2, 'Élise', 'elise@example.org', NULL, 'Réponse à la réponse', 'approved', ${T + 120}, 1, NULL),
    (4, 1, NULL, 'Spammeur', 'spam@example.org', 'https://pills.example', 'Buy pills', 'pending', ${T + 180}, 0,
      'too_many_links')`,
  ]);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('npm run comments', () => {
  it('lists the pending comments, newest first, in a table', () => {
    const result = comments('list');
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +CREATED +STATUS +ARTICLE +AUTHOR +E-MAIL +WEBSITE +TURNSTILE +HELD +PARENT +BODY$/);
    expect(lines[1]).toMatch(
      /^4 +2026-01-05T09:33Z +pending +animer +Spammeur +spam@example\.org +https:\/\/pills\.example +no +too_many_links +- +Buy pills$/,
    );
    expect(lines[2]).toMatch(
      /^1 +2026-01-05T09:30Z +pending +animer +Camille +camille@example\.org +https:\/\/camille\.example +yes +first_comment +- +Premier paragraphe\. Second, plus long/,
    );
    expect(lines[2]).toMatch(/…$/);
    expect(lines.at(-1)).toBe('2 pending comments.');
  });

  it('approves a comment, which then shows in list --status approved', () => {
    const result = comments('approve', '1');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('#1 approved (was pending)');

    const approved = comments('list', '--status', 'approved');
    expect(approved.status, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(/^1 +2026-01-05T09:30Z +approved +animer +Camille/m);
    expect(approved.stdout).toMatch(/^2 +\S+ +approved +animer +Julien .* #1 +Une réponse$/m);
    expect(approved.stdout).toContain('3 approved comments.');
    expect(comments('list').stdout).toContain('1 pending comment.');
    // It cannot reach the notifications' queue: the comment waits in the outbox for the Worker's cron.
    const [outboxed] = rows('SELECT comment_id, created_at FROM notification_outbox') as {
      comment_id: number;
      created_at: number;
    }[];
    expect(outboxed?.comment_id).toBe(1);
    expect(Math.abs((outboxed?.created_at ?? 0) - Date.now() / 1000)).toBeLessThan(120);
  });

  it('marks as spam, reports ids that do not exist, and exits 1 for them', () => {
    const result = comments('spam', '4', '99');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('#4 marked as spam (was pending)\n#99 not found\n');
    expect(rows('SELECT status FROM comments WHERE id = 4')).toEqual([{ status: 'spam' }]);
    const empty = comments('list');
    expect(empty.status, empty.stderr).toBe(0);
    expect(empty.stdout.trim()).toBe('No pending comments.');
    expect(comments('list', '--status', 'spam').stdout).toContain('1 spam comment.');
  });

  it('deletes a comment for good, its reply moving up to its parent', () => {
    const result = comments('delete', '2');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('#2 deleted; reply #3 moved under #1');
    expect(rows('SELECT id, parent_id FROM comments ORDER BY id')).toEqual([
      { id: 1, parent_id: null },
      { id: 3, parent_id: 1 },
      { id: 4, parent_id: null },
    ]);
  });

  it('refuses a bad id before doing anything', () => {
    const before = rows('SELECT id, status FROM comments ORDER BY id');
    const result = comments('trash', '3', '1x');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('comment ids are positive integers: "1x" is not');
    expect(result.stdout).toBe('');
    expect(rows('SELECT id, status FROM comments ORDER BY id')).toEqual(before);
  });

  it('convert stores as HTML the comments written before formatting, shown as before, then finds none left', () => {
    const result = comments('convert');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(
      'Comments: 3 comments written before formatting now stored as HTML in the local D1, shown as before.',
    );
    expect(rows('SELECT id, body_html, body_text FROM comments ORDER BY id')).toEqual([
      {
        id: 1,
        body_html: '<p>Premier paragraphe.</p><p>Second, plus long que soixante caractères pour être coupé.</p>',
        body_text: 'Premier paragraphe.\n\nSecond, plus long que soixante caractères pour être coupé.',
      },
      { id: 3, body_html: '<p>Réponse à la réponse</p>', body_text: 'Réponse à la réponse' },
      { id: 4, body_html: '<p>Buy pills</p>', body_text: 'Buy pills' },
    ]);
    const again = comments('convert');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe('Comments: none to convert in the local D1.');
  });

  it('refuses an unknown command with the usage', () => {
    const result = comments('publish');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown command "publish"');
    expect(result.stderr).toContain('Usage: npm run comments -- <command>');
  });
});
