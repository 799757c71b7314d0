// The SQL content:publish writes for a standalone page, run against the real
// local D1: a page has no date of its own, so it keeps the date it was first
// published; an edit moves only its updated date.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';

const NOW = 1_790_000_000;
const DAY = 86_400;

async function publishPage(source: string, now: number): Promise<void> {
  const post = parsePost('content/pages/a-propos.md', source, 'fr', undefined, 'page');
  const statements = buildPublishStatements([{ post, sourceHash: await sourceHashOf(source) }], now);
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

it('dates a page when first published, keeps that date on an edit and moves its updated date', async () => {
  await publishPage('---\ntitle: À propos\nmenu: 1\n---\nPremière version.\n', NOW);
  await publishPage('---\ntitle: À propos\nmenu: 2\ncomments: true\n---\nSeconde version.\n', NOW + DAY);
  const row = await env.DB.prepare(
    "SELECT kind, published_at, updated_at, menu_order, comments_open, body_text FROM articles WHERE slug = 'a-propos'",
  ).first();
  expect(row).toEqual({
    kind: 'page',
    published_at: NOW,
    updated_at: NOW + DAY,
    menu_order: 2,
    comments_open: 1,
    body_text: 'Seconde version.',
  });
});
