// `npm run content:publish` with a front matter `password`: the hash goes to
// D1, the body's words and excerpt stay out of the search index and lists,
// and the Worker asks for the password; without the line, the article opens.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { hashPassword } from '../../src/admin/auth/password.ts';
import { get, getHtml } from '../fixtures';

const NOW = 1_790_000_000;

async function publish(extra: string, at: number): Promise<void> {
  const source = `---\ntitle: Carnet privé\ndate: 2025-03-01T10:00:00+01:00\n${extra}---\nLe mot ornithorynque, réservé aux amis.\n`;
  const post = parsePost('content/posts/carnet-prive.md', source, 'fr');
  const statements = buildPublishStatements([{ post, sourceHash: await sourceHashOf(source) }], at);
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

const row = () =>
  env.DB.prepare("SELECT password_hash, excerpt, body_text FROM articles WHERE slug = 'carnet-prive'").first<{
    password_hash: string | null;
    excerpt: string;
    body_text: string;
  }>();

it('writes the hash, keeps the words out of the search index and excerpt, and opens the article when the line goes', async () => {
  const hash = await hashPassword('amis');
  await publish(`password: "${hash}"\n`, NOW);
  expect(await row()).toEqual({ password_hash: hash, excerpt: '', body_text: '' });
  const locked = await getHtml('/carnet-prive');
  expect(locked.html).toContain('action="/carnet-prive/unlock"');
  expect(locked.html).not.toContain('ornithorynque');
  expect(await (await get('/search?q=ornithorynque')).text()).not.toContain('href="/carnet-prive"');

  await publish('', NOW + 60);
  expect((await row())?.password_hash).toBeNull();
  expect((await getHtml('/carnet-prive')).html).toContain('ornithorynque');
  expect(await (await get('/search?q=ornithorynque')).text()).toContain('href="/carnet-prive"');
});
