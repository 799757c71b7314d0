// The real demo blog in the test D1: every file of content/posts/ published
// as `npm run content:publish` publishes it, then content/demo/comments.yaml
// seeded as `npm run dev` seeds it. Tests that render "the blog a visitor of
// the demo sees" start from here instead of from hand-made fixtures.
import { env } from 'cloudflare:test';
import demoCommentsSource from '../../content/demo/comments.yaml?raw';
import { buildDemoCommentStatements, type DemoComment, parseDemoComments } from '../../scripts/lib/demo-comments.ts';
import { MediaLibrary } from '../../scripts/lib/media.ts';
import type { Post } from '../../scripts/lib/post.ts';
import { type LoadedPost, readPostSet } from '../../scripts/lib/post-set.ts';
import { buildPublishStatements } from '../../scripts/lib/sql.ts';

/** The reference article: featured image, tags, a thread with the author's reply, a held comment. */
export const REFERENCE_ARTICLE = 'animer-une-communaute-en-ligne';

/** As wrangler.toml's BLOG_LANGUAGE: the language of posts that do not name theirs. */
const DEFAULT_LANGUAGE = 'fr';

const postSources = import.meta.glob<string>('../../content/posts/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

// Vite can only hand text to workerd, so image sizes are read from SVG files
// (a featured image of public/ in another format would be published without
// width and height, which the pages allow), and the files of content/media/
// are hashed from their text: an SVG gets the key publishing gives it, a
// binary file (the demo sound, the chart) a key of its own, as a file the
// bucket holds all the same. Tests that need a file in the bucket put it there.
const svgSources = import.meta.glob<string>('../../public/**/*.svg', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const mediaSources = import.meta.glob<string>('../../content/media/**/*', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface DemoContent {
  /** Every post of content/posts/, drafts included, as the publish command parsed it. */
  posts: Post[];
  /** The posts a visitor can see (not drafts, not dated in the future). */
  published: Post[];
  comments: DemoComment[];
}

const encode = (text: string | undefined) => (text === undefined ? null : new TextEncoder().encode(text));

async function loadPosts(): Promise<LoadedPost[]> {
  const files = Object.entries(postSources).map(([path, source]) => ({ file: path.replace(/^(\.\.\/)+/, ''), source }));
  const { posts, errors } = await readPostSet(files, {
    defaultLanguage: DEFAULT_LANGUAGE,
    readImage: (url) => {
      const bytes = encode(svgSources[`../../public${url.split(/[?#]/)[0]}`]);
      return bytes ? { bytes } : { problem: `no SVG at public${url}` };
    },
    media: new MediaLibrary({ root: 'content', read: (path) => encode(mediaSources[`../../${path}`]) }),
  });
  if (errors.length > 0) throw new AggregateError(errors, errors.map((error) => error.message).join('\n'));
  return posts;
}

/**
 * Publishes the demo posts and seeds the demo comments into the test D1, in
 * one transaction as `wrangler d1 execute --file` would. Running it again in
 * the same test file changes nothing.
 */
export async function loadDemoContent(): Promise<DemoContent> {
  const loaded = await loadPosts();
  const comments = parseDemoComments('content/demo/comments.yaml', demoCommentsSource);
  const now = Math.floor(Date.now() / 1000);
  const statements = [...buildPublishStatements(loaded, now), ...buildDemoCommentStatements(comments)];
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
  const posts = loaded.map(({ post }) => post);
  const published = posts.filter((post) => !post.draft && post.publishedAt <= now);
  return { posts, published, comments };
}

/** The id D1 gave a seeded demo comment, by its key in comments.yaml. */
export async function demoCommentId(key: string): Promise<number> {
  const id = await env.DB.prepare('SELECT id FROM comments WHERE source_key = ?1')
    .bind(`demo:${key}`)
    .first<number>('id');
  if (id === null) throw new Error(`no demo comment "${key}": call loadDemoContent() first`);
  return id;
}
