// The benchmark's data sets: the demo content, generated articles behind it,
// and a thread of generated comments (with replies) on the reference article.
// Written through Miniflare's D1 binding in batches of prepared statements.
import { readFileSync } from 'node:fs';
import type { Miniflare } from 'miniflare';
import { formatComment } from '../../src/comments/format.ts';
import { REFRESH_AFTER_PUBLISH_SQL } from '../../src/db/after-publish.ts';
import { blogLanguage, loadPosts } from '../content-publish.ts';
import { buildDemoCommentStatements, parseDemoComments } from '../lib/demo-comments.ts';
import { type Post, slugify } from '../lib/post.ts';
import { buildPublishStatements, sqlLiteral } from '../lib/sql.ts';

export type D1 = Awaited<ReturnType<Miniflare['getD1Database']>>;

export const REFERENCE_SLUG = 'animer-une-communaute-en-ligne';

export interface DataSetSpec {
  name: 'small' | 'large';
  /** Generated articles, on top of the demo content. */
  articles: number;
  /** Approved comments on the reference article, the demo ones included. */
  comments: number;
}

export interface Seeded {
  articles: number;
  comments: number;
  seconds: number;
}

const BATCH = 300;
const GENERATED_PREFIX = 'article-genere-';

/** Tags of generated articles: the demo's own and enough others that a tag is not half the blog. */
const TAG_POOL = [
  'Blog',
  'Communauté',
  'Modération',
  'Écriture',
  'RSS',
  'Accessibilité',
  'Web',
  'Spam',
  'Lecture',
  'Conversation',
  ...Array.from({ length: 30 }, (_, i) => `Sujet ${i + 1}`),
];

const COMMENT_TEXTS = [
  'Merci pour ce billet, il tombe à point nommé : je me posais justement la question pour mon propre blog.',
  'Je ne suis pas tout à fait d’accord sur le deuxième point. Chez moi, la modération a priori a surtout découragé les nouveaux venus, alors que les habitués n’y voyaient aucun inconvénient.\n\nMais peut-être est-ce une question de taille de lectorat ?',
  'Très juste. J’ajouterais qu’il faut savoir répondre vite aux premiers commentaires : c’est là que le ton se décide.',
  'Est-ce que vous avez essayé de fermer les commentaires au bout d’un certain temps ? Je me demande si ça réduit vraiment le spam ou si ça ne fait que frustrer les lecteurs tardifs.',
  'Un grand merci. J’ai partagé l’article avec mon association, on en discute jeudi.',
];

export async function applyMigrations(db: D1, migrations: { queries: string[] }[]): Promise<void> {
  for (const migration of migrations) await db.batch(migration.queries.map((query) => db.prepare(query)));
}

export async function seedDataSet(db: D1, spec: DataSetSpec): Promise<Seeded> {
  const started = performance.now();
  const demo = await loadPosts('content/posts', 'public', blogLanguage(), undefined, { pagesDir: 'content/pages' });
  const reference = demo.find(({ post }) => post.slug === REFERENCE_SLUG)?.post;
  if (!reference) throw new Error(`the reference article ${REFERENCE_SLUG} is missing from content/posts`);
  // The demo content goes in exactly as `npm run content:publish` writes it.
  const statements = buildPublishStatements(demo, Math.floor(Date.now() / 1000));
  for (let i = 0; i < statements.length; i += BATCH) {
    await db.batch(statements.slice(i, i + BATCH).map((sql) => db.prepare(sql)));
  }
  await insertGeneratedArticles(db, reference, spec.articles);
  // The generated articles are written around the publish step: their related articles are ranked as it ranks them.
  await db.batch(REFRESH_AFTER_PUBLISH_SQL.map((sql) => db.prepare(sql)));

  const demoComments = parseDemoComments(
    'content/demo/comments.yaml',
    readFileSync('content/demo/comments.yaml', 'utf8'),
  );
  await db.batch(buildDemoCommentStatements(demoComments).map((sql) => db.prepare(sql)));
  const onReference = demoComments.filter(
    (comment) => comment.article === REFERENCE_SLUG && comment.status === 'approved',
  ).length;
  const extra = Math.max(0, spec.comments - onReference);
  const inserts = generatedComments(db, extra, reference.publishedAt);
  for (let i = 0; i < inserts.length; i += BATCH) await db.batch(inserts.slice(i, i + BATCH));

  const count = async (sql: string) => (await db.prepare(sql).first<{ n: number }>())?.n ?? 0;
  return {
    articles: await count("SELECT count(*) AS n FROM articles WHERE kind = 'article' AND status = 'published'"),
    comments: await count(
      `SELECT count(*) AS n FROM comments c JOIN articles a ON a.id = c.article_id
       WHERE a.slug = '${REFERENCE_SLUG}' AND c.status = 'approved'`,
    ),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Articles like the reference one (same body, so the same size), published an
 * hour apart before the demo content, three tags each from TAG_POOL. Written
 * set-wise, a thousand rows a statement: a statement per row would spend
 * minutes crossing from Node to workerd for 10,000 articles.
 */
async function insertGeneratedArticles(db: D1, template: Post, count: number): Promise<void> {
  if (count === 0) return;
  const tags = TAG_POOL.map((name, position) => ({ position, slug: slugify(name), name }));
  await db.batch(
    tags.map((tag) =>
      db
        .prepare('INSERT INTO tags (slug, name) VALUES (?1, ?2) ON CONFLICT (slug) DO NOTHING')
        .bind(tag.slug, tag.name),
    ),
  );
  const newest = template.publishedAt - 30 * 86_400;
  const chunk = 1000;
  const inserts = [];
  for (let first = 0; first < count; first += chunk) {
    inserts.push(
      db
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT CAST(?1 AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)
           INSERT INTO articles (slug, title, description, excerpt, language, body_html, status, published_at,
             updated_at, source_hash)
           SELECT '${GENERATED_PREFIX}' || i, 'Article généré numéro ' || i || ' : ' || ?3, ?4, ?5, ?6, ?7,
             'published', CAST(?8 AS INTEGER) - i * 3600, CAST(?8 AS INTEGER) - i * 3600, 'bench-' || i
           FROM n`,
        )
        .bind(
          first,
          Math.min(count, first + chunk),
          template.title,
          template.description,
          template.excerpt,
          template.language,
          template.bodyHtml,
          newest,
        ),
    );
  }
  await db.batch(inserts);
  // Article n carries the pool's tags 3n, 3n + 7 and 3n + 19 (modulo its size).
  const pool = tags.map((tag) => `(${tag.position}, ${sqlLiteral(tag.slug)})`).join(', ');
  const n = `CAST(substr(a.slug, ${GENERATED_PREFIX.length + 1}) AS INTEGER)`;
  const size = tags.length;
  await db
    .prepare(
      `WITH pool(position, slug) AS (VALUES ${pool})
       INSERT OR IGNORE INTO article_tags (article_id, tag_id)
       SELECT a.id, t.id FROM articles a
       JOIN pool p ON p.position IN ((${n} * 3) % ${size}, (${n} * 3 + 7) % ${size}, (${n} * 3 + 19) % ${size})
       JOIN tags t ON t.slug = p.slug
       WHERE a.slug LIKE '${GENERATED_PREFIX}%'`,
    )
    .run();
}

/**
 * A thread in groups of five: a comment, a reply to it, a reply to that reply
 * (the author's, one time in two), then a second comment and a reply to it.
 */
function generatedComments(db: D1, count: number, after: number): ReturnType<D1['prepare']>[] {
  const statements: ReturnType<D1['prepare']>[] = [];
  for (let i = 0; i < count; i++) {
    const position = i % 5;
    const parent = position === 1 || position === 2 || position === 4 ? `bench:${i - 1}` : null;
    const isAuthor = position === 2 && i % 10 === 2;
    const body = `${COMMENT_TEXTS[i % COMMENT_TEXTS.length]} (n° ${i})`;
    const formatted = formatComment(body);
    statements.push(
      db
        .prepare(
          `INSERT INTO comments (article_id, parent_id, author_name, author_email, author_url, body, status,
             created_at, is_author, turnstile_verified, source_key, body_html, body_text)
           SELECT a.id, (SELECT id FROM comments WHERE source_key = ?1), ?2, ?3, ?4, ?5, 'approved', ?6, ?7, 1, ?8,
             ?10, ?11
           FROM articles a WHERE a.slug = ?9`,
        )
        .bind(
          parent,
          isAuthor ? 'Élise Durand' : `Lectrice ${i}`,
          isAuthor ? 'elise@example.org' : `lectrice-${i}@example.org`,
          i % 3 === 0 ? `https://example.org/lectrice-${i}` : null,
          body,
          after + 7200 + i * 600,
          isAuthor ? 1 : 0,
          `bench:${i}`,
          REFERENCE_SLUG,
          // Stored as HTML, as every comment written today is: the benchmark reads what production reads.
          formatted.html,
          formatted.text,
        ),
    );
  }
  return statements;
}
