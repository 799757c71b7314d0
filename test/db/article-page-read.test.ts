// The article page reads its comments page and mentions as JSON values of its
// one statement: what a reader is shown must be exactly what is stored, in
// the page's order, whatever the text holds.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { getPublishedArticlePage } from '../../src/db/articles';
import { insertArticle, insertComment, now } from '../fixtures';

const TRICKY_TEXTS = [
  'Guillemets « français », "doubles" et \'simples\', barre \\ oblique inverse',
  'Lignes\nséparées\tpar des tabulations\r\net des retours, puis \u2028 et \u2029',
  'Emoji 🦊 hors du plan de base, et </script><!-- dans le texte',
  '0042',
];

it('gives each comment of the page as stored, typed as D1 gives it, oldest first with ties by id', async () => {
  const articleId = await insertArticle({ slug: 'lecture-json' });
  const at = now() - 500;
  const ids: number[] = [];
  for (const [i, body] of TRICKY_TEXTS.entries()) {
    ids.push(
      await insertComment({
        articleId,
        body,
        author: `Auteur ${body.slice(0, 12)}`,
        url: i % 2 ? 'https://exemple.fr/?a=1&b="2"' : null,
        isAuthor: i === 2,
        // Two pairs of comments written in the same second.
        createdAt: at + Math.floor(i / 2),
      }),
    );
  }
  await insertComment({ articleId, parentId: ids[0], body: 'Réponse à la première', createdAt: at + 10 });
  await insertComment({ articleId, body: 'Refusé', status: 'spam' });

  const page = await getPublishedArticlePage(env.DB, 'lecture-json', now(), { page: 1, perPage: 50 });
  const { results: stored } = await env.DB.prepare(
    `SELECT id, parent_id, author_name, author_url, body_html, created_at, is_author, body FROM comments
      WHERE article_id = ?1 AND status = 'approved' ORDER BY created_at, id`,
  )
    .bind(articleId)
    .all<Record<string, unknown>>();

  expect(page?.comments.map(({ body_text, ...comment }) => comment)).toEqual(stored);
  expect(page?.comments.map((comment) => comment.body)).toEqual([...TRICKY_TEXTS, 'Réponse à la première']);
  expect(page?.comments.map((comment) => typeof comment.is_author)).toEqual(Array(5).fill('number'));
  // The plain text of the first three only: the JSON-LD's sample.
  expect(page?.comments.map((comment) => comment.body_text ?? null)).toEqual([...TRICKY_TEXTS.slice(0, 3), null, null]);
});

it('gives no comments and no mentions as empty lists, not as a missing value', async () => {
  await insertArticle({ slug: 'lecture-json-vide' });
  const page = await getPublishedArticlePage(env.DB, 'lecture-json-vide', now(), { page: 1, perPage: 50 });
  expect(page?.comments).toEqual([]);
  expect(page?.mentions).toEqual([]);
});

it('gives the shown mentions as stored, oldest first, and leaves out the ones not shown', async () => {
  const articleId = await insertArticle({ slug: 'lecture-json-mentions' });
  const mention = (source: string, receivedAt: number, status: string, title: string | null) =>
    env.DB.prepare(
      `INSERT INTO mentions (article_id, kind, source_url, target_url, status, verification, author_name, author_url, title, received_at, verified_at, updated_at)
       VALUES (?1, 'webmention', ?2, 'https://blog.example/lecture-json-mentions', ?3, 'verified', 'Autrice « A »', NULL, ?4, ?5, ?5, ?5)`,
    ).bind(articleId, source, status, title, receivedAt);
  const at = now() - 100;
  await env.DB.batch([
    mention('https://b.example/2', at + 1, 'approved', 'Titre "deux" \\ 🦊'),
    mention('https://a.example/1', at, 'approved', null),
    mention('https://c.example/3', at + 2, 'spam', 'Indésirable'),
  ]);
  const page = await getPublishedArticlePage(env.DB, 'lecture-json-mentions', now(), { page: 1, perPage: 50 });
  expect(page?.mentions).toEqual([
    expect.objectContaining({ source_url: 'https://a.example/1', title: null, author_url: null, received_at: at }),
    expect.objectContaining({
      source_url: 'https://b.example/2',
      title: 'Titre "deux" \\ 🦊',
      author_name: 'Autrice « A »',
      kind: 'webmention',
    }),
  ]);
});
