// npm run content:publish -- --local | --remote [--dry-run]
// Renders content/posts/*.md once and upserts the articles into D1. Every file
// is parsed before anything is written: one broken file means no write at all.
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { unstable_readConfig } from 'wrangler';
import { tagsForArticleChange } from '../src/cache/tags.ts';
import { BUMP_CACHE_VERSION_SQL, requestCachePurge } from './cache-purge.ts';
import { readImageSize } from './lib/image-size.ts';
import { type Post, PostError, parsePost } from './lib/post.ts';
import { buildPublishStatements, sourceHashOf } from './lib/sql.ts';
import { type D1Target, executeStatements, queryRows } from './wrangler.ts';

export interface PublishOptions {
  target: D1Target;
  contentDir: string;
  publicDir: string;
  dryRun?: boolean;
  /** Ask the Worker to purge its cache afterwards (default: yes). */
  purge?: boolean;
  log?: (line: string) => void;
}

export interface LoadedPost {
  post: Post;
  sourceHash: string;
}

/** Parses every post; throws an AggregateError of PostErrors if any is broken. */
export async function loadPosts(
  contentDir: string,
  publicDir: string,
  defaultLanguage: 'fr' | 'en',
): Promise<LoadedPost[]> {
  const files = readdirSync(contentDir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  const errors: PostError[] = [];
  const loaded: LoadedPost[] = [];
  const slugs = new Map<string, string>();
  for (const name of files) {
    const path = join(contentDir, name);
    const display = relative(process.cwd(), path) || path;
    const source = readFileSync(path, 'utf8');
    try {
      const post = parsePost(display, source, defaultLanguage);
      const other = slugs.get(post.slug);
      if (other) throw new PostError(display, 1, `slug "${post.slug}" is already used by ${other}`);
      slugs.set(post.slug, display);
      // Two articles cannot both answer an old WordPress address.
      for (const key of [post.legacy.wordpressId, post.legacy.path]) {
        if (key === null) continue;
        const owner = slugs.get(`legacy:${key}`);
        if (owner) throw new PostError(display, 1, `old WordPress address ${key} is already claimed by ${owner}`);
        slugs.set(`legacy:${key}`, display);
      }
      if (post.image && !post.imageSize && post.image.url.startsWith('/')) {
        post.imageSize = readLocalImageSize(publicDir, post.image.url, display);
      }
      const sourceHash = await sourceHashOf(source, JSON.stringify(post.imageSize));
      loaded.push({ post, sourceHash });
    } catch (error) {
      if (error instanceof PostError) errors.push(error);
      else throw error;
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, errors.map((error) => error.message).join('\n'));
  return loaded;
}

function readLocalImageSize(publicDir: string, url: string, file: string): Post['imageSize'] {
  const path = resolve(publicDir, `.${decodeURI(url.split(/[?#]/)[0] as string)}`);
  if (!path.startsWith(resolve(publicDir) + sep)) throw new PostError(file, 1, `image ${url} is outside public/`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new PostError(file, 1, `image ${url} not found: put the file at ${relative(process.cwd(), path)}`);
  }
  return readImageSize(bytes);
}

export async function publish(
  options: PublishOptions,
  defaultLanguage: 'fr' | 'en',
): Promise<{ total: number; changed: string[] }> {
  const log = options.log ?? console.log;
  const posts = await loadPosts(options.contentDir, options.publicDir, defaultLanguage);
  const statements = buildPublishStatements(posts, Math.floor(Date.now() / 1000));
  if (options.dryRun) {
    log(`${statements.join(';\n')};`);
    return { total: posts.length, changed: [] };
  }
  const before = new Map(
    queryRows<{ slug: string; source_hash: string }>(options.target, 'SELECT slug, source_hash FROM articles').map(
      (row) => [row.slug, row.source_hash],
    ),
  );
  const changed = posts
    .filter(({ post, sourceHash }) => before.get(post.slug) !== sourceHash)
    .map(({ post }) => post.slug);
  // Only a change retires cached pages; re-running with nothing new keeps them.
  executeStatements(options.target, changed.length > 0 ? [...statements, BUMP_CACHE_VERSION_SQL] : statements);
  const where = options.target.remote ? 'remote' : 'local';
  const drafts = posts.filter(({ post }) => post.draft).length;
  log(
    `Published ${posts.length} article(s) to the ${where} D1 (${drafts} draft(s)); ${changed.length} new or changed${changed.length ? `: ${changed.join(', ')}` : ''}.`,
  );
  if (changed.length > 0 && options.purge !== false)
    await requestCachePurge(options.target, tagsForArticleChange(), log);
  return { total: posts.length, changed };
}

export function blogLanguage(configPath?: string): 'fr' | 'en' {
  const config = unstable_readConfig({ config: configPath });
  const language = (config.vars as Record<string, unknown>).BLOG_LANGUAGE;
  return language === 'en' ? 'en' : 'fr';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      local: { type: 'boolean', default: false },
      remote: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
      config: { type: 'string' },
      content: { type: 'string', default: 'content/posts' },
      public: { type: 'string', default: 'public' },
    },
  });
  if (values.local === values.remote && !values['dry-run']) {
    throw new Error('say where to publish: npm run content:publish -- --local (or --remote)');
  }
  await publish(
    {
      target: { remote: values.remote, persistTo: values['persist-to'], config: values.config },
      contentDir: values.content,
      publicDir: values.public,
      dryRun: values['dry-run'],
      // A --persist-to database is not the one a dev server reads.
      purge: !values['persist-to'],
    },
    blogLanguage(values.config),
  );
}

// Compared as real paths: a URL would be percent-encoded ("My%20Blog") and the
// script may be reached through a symbolic link.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`content:publish: nothing was written.\n${message}`);
    process.exit(1);
  });
}
