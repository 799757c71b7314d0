// npm run content:publish -- --local | --remote [--dry-run] [--unpublish-missing]
//   [--content content/posts] [--pages content/pages] [--public public]
// Renders content/posts/*.md (articles) and content/pages/*.md (standalone
// pages) once and upserts them into D1. Every file is parsed before anything
// is written: one broken file means no write at all.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { unstable_readConfig } from 'wrangler';
import { TAGS, tagsForArticleChange } from '../src/cache/tags.ts';
import { BUMP_CACHE_VERSION_SQL, requestCachePurge } from './cache-purge.ts';
import type { MediaFile } from './lib/media.ts';
import { localMediaLibrary, mediaRowStatements, uploadMedia } from './lib/media-bucket.ts';
import {
  ARTICLE_ROWS_SQL,
  type ArticleRow,
  findMissingArticles,
  missingReport,
  unpublishedReport,
  unpublishStatements,
} from './lib/missing.ts';
import type { ImageLookup, PostKind } from './lib/post.ts';
import { type LoadedPost, readPostSet } from './lib/post-set.ts';
import { buildPublishStatements } from './lib/sql.ts';
import { applyStatements, type D1Target, queryRows, readRows } from './wrangler.ts';

export interface PublishOptions {
  target: D1Target;
  contentDir: string;
  /** Standalone pages (content/pages); without it, pages are neither read nor counted missing. */
  pagesDir?: string;
  publicDir: string;
  dryRun?: boolean;
  /** Turn into drafts the published articles whose file is gone (default: only name them). */
  unpublishMissing?: boolean;
  /** Ask the Worker to purge its cache afterwards (default: yes). */
  purge?: boolean;
  log?: (line: string) => void;
}

export type { MediaFile } from './lib/media.ts';
export type { LoadedPost } from './lib/post-set.ts';

/**
 * Parses every post; throws an AggregateError of PostErrors (one per broken
 * file, each listing all its problems) if any is broken. `published` (slug →
 * source hash in D1) says which of two files sharing a slug is the new one.
 */
export async function loadPosts(
  contentDir: string,
  publicDir: string,
  defaultLanguage: 'fr' | 'en',
  published?: () => ReadonlyMap<string, string>,
  pages: { pagesDir?: string; existingKinds?: () => ReadonlyMap<string, PostKind> } = {},
): Promise<LoadedPost[]> {
  return (await loadContent(contentDir, publicDir, defaultLanguage, published, pages)).posts;
}

/** The posts and pages, pointing at /media/, and the files of content/ they reference (what the bucket must hold). */
export async function loadContent(
  contentDir: string,
  publicDir: string,
  defaultLanguage: 'fr' | 'en',
  published?: () => ReadonlyMap<string, string>,
  pages: { pagesDir?: string; existingKinds?: () => ReadonlyMap<string, PostKind> } = {},
): Promise<{ posts: LoadedPost[]; media: MediaFile[] }> {
  const media = localMediaLibrary(contentDir, publicDir);
  const read = (dir: string, kind: PostKind) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => {
        const path = join(dir, name);
        return { file: relative(process.cwd(), path) || path, source: readFileSync(path, 'utf8'), kind };
      });
  const files = [
    ...read(contentDir, 'article'),
    ...(pages.pagesDir && existsSync(pages.pagesDir) ? read(pages.pagesDir, 'page') : []),
  ];
  const { posts, errors } = await readPostSet(files, {
    defaultLanguage,
    published,
    existingKinds: pages.existingKinds,
    readImage: (url) => readLocalImage(publicDir, url),
    media,
  });
  if (errors.length > 0) throw new AggregateError(errors, errors.map((error) => error.message).join('\n'));
  return { posts, media: await media.files() };
}

function readLocalImage(publicDir: string, url: string): ReturnType<ImageLookup> {
  let path: string;
  try {
    path = resolve(publicDir, `.${decodeURI(url.split(/[?#]/)[0] as string)}`);
  } catch {
    return { problem: `image ${url} is not a valid path: write spaces and accents as they are, or encode them fully` };
  }
  if (!path.startsWith(resolve(publicDir) + sep)) return { problem: `image ${url} is outside public/` };
  try {
    return { bytes: readFileSync(path) };
  } catch {
    return { problem: `image ${url} not found: put the file at ${relative(process.cwd(), path)} (or fix the path)` };
  }
}

export async function publish(
  options: PublishOptions,
  defaultLanguage: 'fr' | 'en',
): Promise<{ total: number; changed: string[]; missing: string[]; unpublished: string[] }> {
  const log = options.log ?? console.log;
  if (options.dryRun) {
    const { posts, media } = await loadContent(options.contentDir, options.publicDir, defaultLanguage, undefined, {
      pagesDir: options.pagesDir,
    });
    log(`${buildPublishStatements(posts, Math.floor(Date.now() / 1000)).join(';\n')};`);
    if (media.length > 0)
      log(
        `-- ${media.length} media file(s), uploaded where the bucket lacks them: ${media.map((file) => file.key).join(', ')}`,
      );
    if (options.unpublishMissing)
      log('-- --unpublish-missing is not previewed here: run without it to see which articles lost their file.');
    return { total: posts.length, changed: [], missing: [], unpublished: [] };
  }
  // D1 is read once, while the files are checked: an article or a page may not
  // take the address of one D1 still holds without its file.
  // Locally it is read ahead, in-process (no wrangler to start); should that
  // fail, it is read when first needed, and fails there as it always did.
  let rows: ArticleRow[] | undefined = options.target.remote
    ? undefined
    : await readRows<ArticleRow>(options.target, ARTICLE_ROWS_SQL).catch(() => undefined);
  const articleRows = () => {
    rows ??= queryRows<ArticleRow>(options.target, ARTICLE_ROWS_SQL);
    return rows;
  };
  const hashes = () => new Map(articleRows().map((row) => [row.slug, row.source_hash]));
  const kinds = () => new Map(articleRows().map((row) => [row.slug, row.kind]));
  const { posts, media } = await loadContent(options.contentDir, options.publicDir, defaultLanguage, hashes, {
    pagesDir: options.pagesDir,
    existingKinds: kinds,
  });
  // Files first: an article is never published before the files it shows.
  const uploaded = await uploadMedia(options.target, media);
  const before = hashes();
  // A run without pages leaves the pages in D1 alone.
  const missing = findMissingArticles(
    articleRows().filter((row) => options.pagesDir !== undefined || row.kind !== 'page'),
    posts,
  );
  const unpublished = options.unpublishMissing ? missing : [];
  const changed = posts
    .filter(({ post, sourceHash }) => before.get(post.slug) !== sourceHash)
    .map(({ post }) => post.slug);
  const changes = changed.length + unpublished.length;
  // Unpublishing goes first: it lets go of old WordPress addresses a renamed file may claim.
  // Only changed articles are written again (an unchanged one's upsert would
  // change nothing, and a large blog has thousands); see buildPublishStatements.
  const statements = [
    ...mediaRowStatements(media, Math.floor(Date.now() / 1000)),
    ...unpublishStatements(unpublished),
    ...buildPublishStatements(posts, Math.floor(Date.now() / 1000), new Set(changed)),
  ];
  // Only a change retires cached pages; re-running with nothing new keeps them.
  await applyStatements(options.target, changes > 0 ? [...statements, BUMP_CACHE_VERSION_SQL] : statements);
  const where = options.target.remote ? 'remote' : 'local';
  const drafts = posts.filter(({ post }) => post.draft).length;
  const pageCount = posts.filter(({ post }) => post.page).length;
  log(
    `Published ${posts.length - pageCount} article(s)${pageCount ? ` and ${pageCount} page(s)` : ''} to the ${where} D1 (${drafts} draft(s)); ${changed.length} new or changed${changed.length ? `: ${changed.join(', ')}` : ''}.`,
  );
  if (media.length > 0)
    log(
      `Media: ${media.length} file(s) referenced, ${uploaded.length} uploaded to the ${where} bucket${uploaded.length ? `: ${uploaded.map((file) => file.path).join(', ')}` : ''}.`,
    );
  for (const line of options.unpublishMissing
    ? unpublishedReport(unpublished, where)
    : missingReport(missing, where, options.contentDir, unpublishCommand(options)))
    log(line);
  if (changes > 0 && options.purge !== false)
    await requestCachePurge(options.target, publishPurgeTags(posts, changed, unpublished), log);
  return {
    total: posts.length,
    changed,
    missing: missing.map((article) => article.slug),
    unpublished: unpublished.map((article) => article.slug),
  };
}

/**
 * What a publish purges: the lists, and the pages it took down; when a page
 * changed, the menu every HTML page shows (its title, its order, its leaving).
 */
export function publishPurgeTags(
  posts: LoadedPost[],
  changed: string[],
  unpublished: { id: number; kind: PostKind }[],
): string[] {
  const changedSlugs = new Set(changed);
  const menu =
    unpublished.some((row) => row.kind === 'page') ||
    posts.some(({ post }) => post.page !== undefined && changedSlugs.has(post.slug));
  return [
    ...tagsForArticleChange(),
    ...(menu ? [TAGS.menu] : []),
    ...unpublished.map((article) => TAGS.article(article.id)),
  ];
}

/** The command that publishes the same files to the same D1 and unpublishes what lost its file. */
function unpublishCommand(options: PublishOptions): string {
  const { target } = options;
  return [
    'npm run content:publish --',
    target.remote ? '--remote' : '--local',
    ...(target.persistTo ? ['--persist-to', target.persistTo] : []),
    ...(target.config ? ['--config', target.config] : []),
    ...(options.contentDir !== 'content/posts' ? ['--content', options.contentDir] : []),
    ...(options.pagesDir !== undefined && options.pagesDir !== defaultPagesDir(options.contentDir)
      ? ['--pages', options.pagesDir]
      : []),
    ...(options.publicDir !== 'public' ? ['--public', options.publicDir] : []),
    '--unpublish-missing',
  ]
    .map((word) => (/^[\w./=-]+$/.test(word) || word === 'npm run content:publish --' ? word : JSON.stringify(word)))
    .join(' ');
}

/** Pages sit beside the articles: content/posts → content/pages. */
function defaultPagesDir(contentDir: string): string {
  return join(dirname(contentDir), 'pages');
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
      'unpublish-missing': { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
      config: { type: 'string' },
      content: { type: 'string', default: 'content/posts' },
      pages: { type: 'string' },
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
      pagesDir: values.pages ?? defaultPagesDir(values.content),
      publicDir: values.public,
      dryRun: values['dry-run'],
      unpublishMissing: values['unpublish-missing'],
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
