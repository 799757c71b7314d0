// npm run bench: renders every page family from a D1 holding a blog of
// realistic size, in local workerd through Miniflare (no wrangler dev proxy),
// and checks the timings against the targets below. No cache is involved:
// these are the worst-case (cache-miss) timings of the Worker itself.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import { blogLanguage, loadPosts } from './content-publish.ts';
import { buildDemoCommentStatements, parseDemoComments } from './lib/demo-comments.ts';
import { type Post, slugify } from './lib/post.ts';
import { buildPublishStatements } from './lib/sql.ts';
import { runWrangler } from './wrangler.ts';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 2000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
/** p95 targets in milliseconds, per page family, on a cache miss. */
const TARGETS: Record<string, number> = {
  home: 20,
  'home page 50': 20,
  article: 30,
  tag: 20,
  feed: 25,
  '404': 10,
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'causerie-bench-'));
  try {
    const built = runWrangler(['deploy', '--dry-run', '--outdir', join(dir, 'dist')], { quiet: true });
    if (built.status !== 0) throw new Error(`bundling failed:\n${built.stderr}`);
    const config = unstable_readConfig({});
    const mf = new Miniflare(
      convertV4MiniflareOptions({
        name: 'causerie',
        modules: true,
        // Inline: path-based modules fail to start with this Miniflare build.
        script: readFileSync(join(dir, 'dist', 'index.js'), 'utf8'),
        compatibilityDate: config.compatibility_date,
        d1Databases: { DB: 'bench' },
        bindings: config.vars as Record<string, string>,
      }),
    );
    try {
      const db = await mf.getD1Database('DB');
      for (const migration of await readD1Migrations('migrations')) {
        await db.batch(migration.queries.map((query) => db.prepare(query)));
      }
      const seeded = await seed(db);
      console.log(`Seeded ${seeded.articles} articles, ${seeded.comments} comments. ${REQUESTS} requests per page.\n`);
      const pages: [string, string][] = [
        ['home', '/'],
        ['home page 50', '/?page=50'],
        ['article', '/animer-une-communaute-en-ligne'],
        ['tag', '/tag/blog'],
        ['feed', '/feed.xml'],
        ['404', '/no-such-article'],
      ];
      const rows: string[][] = [];
      let failures = 0;
      for (const [name, path] of pages) {
        const timings = await measure(mf, path);
        const p95 = percentile(timings, 95);
        const target = TARGETS[name] ?? Number.POSITIVE_INFINITY;
        const ok = p95 <= target;
        if (!ok) failures++;
        rows.push([
          name,
          path,
          percentile(timings, 50).toFixed(2),
          p95.toFixed(2),
          percentile(timings, 99).toFixed(2),
          (1000 / mean(timings)).toFixed(0),
          `${ok ? '≤' : '>'} ${target} ms ${ok ? 'ok' : 'MISSED'}`,
        ]);
      }
      printTable(['page', 'path', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s (serial)', 'p95 target'], rows);
      if (failures > 0) {
        console.error(`\n${failures} target(s) missed.`);
        process.exitCode = 1;
      }
    } finally {
      await mf.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The demo content plus enough synthetic articles to make pagination and tags realistic. */
async function seed(
  db: Awaited<ReturnType<Miniflare['getD1Database']>>,
): Promise<{ articles: number; comments: number }> {
  const demo = await loadPosts('content/posts', 'public', blogLanguage());
  const template = demo.find(({ post }) => !post.draft)?.post as Post;
  const tagPool = ['Blog', 'Web', 'Communauté', 'Modération', 'Écriture', 'RSS', 'Accessibilité', 'Cuisine', 'Voyage'];
  const synthetic = Array.from({ length: ARTICLES }, (_, i) => ({
    post: {
      ...template,
      slug: `article-de-test-${i}`,
      title: `Article de test numéro ${i}`,
      publishedAt: template.publishedAt - (i + 1) * 3600,
      image: null,
      tags: [0, 3, 7]
        .map((k) => tagPool[(i + k) % tagPool.length] as string)
        .map((name) => ({ slug: slugify(name), name })),
    },
    sourceHash: `bench-${i}`,
  }));
  const statements = buildPublishStatements([...demo, ...synthetic], Math.floor(Date.now() / 1000));
  for (let i = 0; i < statements.length; i += 200) {
    await db.batch(statements.slice(i, i + 200).map((sql) => db.prepare(sql)));
  }
  const comments = parseDemoComments('content/demo/comments.yaml', readFileSync('content/demo/comments.yaml', 'utf8'));
  await db.batch(buildDemoCommentStatements(comments).map((sql) => db.prepare(sql)));
  // A busy thread on the reference article.
  const extra = Array.from({ length: 200 }, (_, i) =>
    db
      .prepare(
        `INSERT INTO comments (article_id, author_name, author_email, body, status, created_at)
         SELECT id, ?1, 'bench@example.org', ?2, 'approved', published_at + ?3 FROM articles WHERE slug = 'animer-une-communaute-en-ligne'`,
      )
      .bind(`Lecteur ${i}`, `Commentaire numéro ${i}, avec un peu de texte pour faire bonne mesure.`, 3600 + i),
  );
  await db.batch(extra);
  return { articles: demo.length + ARTICLES, comments: comments.length + extra.length };
}

async function measure(mf: Miniflare, path: string): Promise<number[]> {
  const url = `http://localhost:8787${path}`;
  for (let i = 0; i < 20; i++) await (await mf.dispatchFetch(url)).arrayBuffer();
  const timings: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const response = await mf.dispatchFetch(url);
    await response.arrayBuffer();
    timings.push(performance.now() - start);
    if (response.status >= 500) throw new Error(`${path} answered ${response.status}`);
  }
  return timings;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
