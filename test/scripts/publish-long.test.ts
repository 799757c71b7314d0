// An article longer than D1's 100 KB statement limit still publishes: its
// body goes in parts, and re-running with nothing changed touches nothing.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { getHtml } from '../fixtures';

const NOW = 1_790_000_000;

async function statementsFor(source: string): Promise<string[]> {
  const post = parsePost('content/posts/un-long-billet.md', source, 'fr');
  return buildPublishStatements([{ post, sourceHash: await sourceHashOf(source, 'null') }], NOW);
}

/** As `wrangler d1 execute --file` runs them: one batch, one transaction. */
function execute(statements: string[]): Promise<D1Result[]> {
  return env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

// About 240 KB of Markdown, accents and emoji included (two UTF-16 units each).
const paragraph = 'Une modération patiente, des lecteurs fidèles 🙂 et un carnet qui dure. '.repeat(40);
const longSource = (title: string) =>
  `---\ntitle: ${title}\ndate: 2025-03-01T10:00:00+01:00\n---\n\n${Array.from({ length: 80 }, (_, i) => `## Partie ${i + 1}\n\n${paragraph}`).join('\n\n')}\n`;

it('writes an article of 240 KB in parts, whole, the page showing it all', async () => {
  const statements = await statementsFor(longSource('Un long billet'));
  expect(statements.length).toBeGreaterThan(5);
  expect(Math.max(...statements.map((sql) => new TextEncoder().encode(sql).length))).toBeLessThan(100_000);
  await execute(statements);

  const row = await env.DB.prepare(
    `SELECT body_html, body_text, source_hash FROM articles WHERE slug = 'un-long-billet'`,
  ).first<{ body_html: string; body_text: string; source_hash: string }>();
  const post = parsePost('content/posts/un-long-billet.md', longSource('Un long billet'), 'fr');
  expect(row?.body_html).toBe(post.bodyHtml);
  expect(row?.body_text).toBe(post.bodyText);
  expect(row?.source_hash).not.toMatch(/^partial:/);

  const { status, html } = await getHtml('/un-long-billet');
  expect(status).toBe(200);
  expect(html).toMatch(/<h2[^>]*>Partie 80<\/h2>/);
  // The whole body, plus the excerpt in the page's description and previews.
  expect((html.match(/🙂/g) ?? []).length).toBeGreaterThanOrEqual(80 * 40);
});

it('leaves an unchanged long article alone, and rewrites an edited one whole', async () => {
  await execute(await statementsFor(longSource('Un long billet')));
  const again = await execute(await statementsFor(longSource('Un long billet')));
  expect(again.reduce((sum, result) => sum + result.meta.changes, 0)).toBe(0);

  const revised = longSource('Un long billet, revu').replace('Partie 80', 'Partie quatre-vingt');
  await execute(await statementsFor(revised));
  const row = await env.DB.prepare(`SELECT title, body_html FROM articles WHERE slug = 'un-long-billet'`).first<{
    title: string;
    body_html: string;
  }>();
  expect(row?.title).toBe('Un long billet, revu');
  expect(row?.body_html).toBe(parsePost('content/posts/un-long-billet.md', revised, 'fr').bodyHtml);
});
