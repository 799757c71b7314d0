// npm run import:wordpress -- export.xml --local | --remote [--dry-run] [--force] [--pages content/pages]
//   [--uploads DIR | --fetch-media]
// Brings a WordPress blog over: its posts become content/posts/*.md and its
// pages content/pages/*.md (then published like any article or page), their
// comments and pings become D1 rows. The blog's own files (those of its
// wp-content/uploads, or of <site>.files.wordpress.com) that the posts use are
// copied to content/media/wordpress/<the same path>, from a copy of the
// uploads folder (--uploads DIR) or downloaded from the old site
// (--fetch-media), and the posts point at the copies, which publishing uploads
// to the bucket once (by content hash); a file not found keeps its old address
// and is named in the report with the posts that use it. The
// whole export is read and checked first; one broken element and nothing is
// written (every broken element is named at once). The D1 migrations are
// applied before the first write, so it works on a fresh clone's empty database.
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { unstable_readConfig } from 'wrangler';
import { tagsForArticleChange } from '../src/cache/tags.ts';
import { BUMP_CACHE_VERSION_SQL, requestCachePurge } from './cache-purge.ts';
import { publish } from './content-publish.ts';
import { buildAuthorStatements, WORDPRESS_AUTHORS_SQL, type WordPressAuthorRow } from './lib/wordpress/authors.ts';
import { type ConvertedExport, type ConvertOptions, convertExport } from './lib/wordpress/convert.ts';
import type { FetchMediaOptions } from './lib/wordpress/fetch-media.ts';
import { ImportConflict, type PlannedFile, planFiles, readExisting } from './lib/wordpress/files.ts';
import { gatherMedia, mediaFolder } from './lib/wordpress/import-media.ts';
import { otherFolderConflicts } from './lib/wordpress/pages.ts';
import { hashImportedPasswords } from './lib/wordpress/passwords.ts';
import { countBy, summary } from './lib/wordpress/report.ts';
import {
  buildCommentStatements,
  buildMentionStatements,
  buildRedirectStatements,
  redirectKey,
} from './lib/wordpress/sql.ts';
import { applyMigrations, applyStatements, type D1Target, readRows } from './wrangler.ts';

export interface ImportOptions {
  exportFile: string;
  target: D1Target;
  contentDir: string;
  /** Where the pages go (default: content/pages beside content/posts). */
  pagesDir?: string;
  publicDir: string;
  dryRun: boolean;
  force: boolean;
  timeZone?: string;
  /** A copy of the old blog's wp-content/uploads: the files the posts use are copied to content/media/wordpress. */
  uploadsDir?: string;
  /** Download the files the posts use from the old site instead (with these limits). */
  fetchMedia?: FetchMediaOptions;
  log?: (line: string) => void;
  /** Told how long each step took (the import benchmark, scripts/bench/import.ts, prints it). */
  onStep?: (step: ImportStep, milliseconds: number) => void;
}

export type ImportStep = 'read and convert' | 'migrations' | 'write files' | 'publish' | 'comments and mentions';

const IMPORTED_KEYS_SQL = `SELECT 'comment' AS kind, source_key FROM comments WHERE source_key >= 'wordpress:' AND source_key < 'wordpress;'
UNION ALL SELECT 'mention', source_key FROM mentions WHERE source_key >= 'wordpress:' AND source_key < 'wordpress;'
UNION ALL SELECT 'redirect', json_array(address, tag_slug, wordpress_id, location) FROM legacy_redirects`;

export async function importWordPress(options: ImportOptions): Promise<void> {
  const log = options.log ?? console.log;
  let stepStart = performance.now();
  const stepDone = (step: ImportStep) => {
    const now = performance.now();
    options.onStep?.(step, now - stepStart);
    stepStart = now;
  };
  const vars = unstable_readConfig({ config: options.target.config }).vars as Record<string, unknown>;
  const defaultLanguage = vars.BLOG_LANGUAGE === 'en' ? 'en' : 'fr';
  const timeZone = options.timeZone ?? String(vars.BLOG_TIMEZONE ?? 'UTC');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`time zone "${timeZone}" is unknown: give one like Europe/Paris (--timezone)`);
  }
  let xml: string;
  try {
    xml = readFileSync(options.exportFile, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${options.exportFile}: ${(error as Error).message}`);
  }
  const convertOptions: ConvertOptions = { timeZone, defaultLanguage, blogUrl: String(vars.BLOG_URL ?? '') };
  const pagesDir = options.pagesDir ?? join(dirname(options.contentDir), 'pages');
  const media = mediaFolder(options, pagesDir);
  // With media, a first reading lists the addresses the posts use; the files are copied after every check.
  const asked = new Set<string>();
  let converted = convertExport(xml, {
    ...convertOptions,
    ...(media
      ? {
          mediaPath: (url: string) => {
            asked.add(url);
            return null;
          },
        }
      : {}),
  });
  const dir = relative(process.cwd(), options.contentDir) || options.contentDir;
  const shownPagesDir = relative(process.cwd(), pagesDir) || pagesDir;
  const existingPosts = readExisting(options.contentDir, defaultLanguage);
  const existingPages = readExisting(pagesDir, defaultLanguage, 'page');
  // Protected posts get their password's hash (the one already in their file when it still matches).
  const hashes = new Map(
    [...existingPosts, ...existingPages].map((file) => [file.post?.slug, file.post?.passwordHash ?? null]),
  );
  const planned = async (export_: ConvertedExport) => {
    await hashImportedPasswords(
      [...export_.posts, ...export_.pages],
      (slug) => hashes.get(slug) ?? null,
      defaultLanguage,
    );
    return [
      planFiles(export_.posts, existingPosts, { force: options.force, dir }),
      planFiles(export_.pages, existingPages, { force: options.force, dir: shownPagesDir }),
    ] as const;
  };
  let [files, pageFiles] = await planned(converted);
  // Posts and pages share one set of addresses: neither may take what a file of the other folder has.
  const crossed = [
    ...otherFolderConflicts(converted.pages, existingPosts, dir),
    ...otherFolderConflicts(converted.posts, existingPages, shownPagesDir),
  ];
  if (crossed.length > 0) throw new ImportConflict(crossed.join('\n'));
  stepDone('read and convert');

  let mediaLines: string[] = [];
  if (media) {
    const gathered = await gatherMedia(converted.wxr, asked, media, options, log);
    mediaLines = gathered.lines;
    if (gathered.mediaPath) {
      converted = convertExport(xml, { ...convertOptions, mediaPath: gathered.mediaPath });
      [files, pageFiles] = await planned(converted);
      mediaLines = gathered.report(converted);
    }
  }

  log(summary(options.exportFile, converted, { files, dir, pageFiles, pagesDir: shownPagesDir }));
  for (const line of mediaLines) log(`  ${line}`);
  if (options.dryRun) {
    for (const file of files) log(`  would write ${dir}/${file.name} (${file.state})`);
    for (const file of pageFiles) log(`  would write ${shownPagesDir}/${file.name} (${file.state})`);
    log(
      `Dry run: nothing written. Would publish ${files.length} article(s) and ${pageFiles.length} page(s), then add the comments, mentions and old category, tag and attachment addresses (${converted.redirects.length}) not imported before.`,
    );
    return;
  }

  try {
    await write({ ...options, pagesDir }, converted, [files, pageFiles], defaultLanguage, log, stepDone);
  } catch (error) {
    throw new PartialImport(error instanceof Error ? error.message : String(error));
  }
}

/** Raised once files were written: running the same import again finishes the job. */
export class PartialImport extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PartialImport';
  }
}

async function write(
  options: ImportOptions & { pagesDir: string },
  converted: ConvertedExport,
  [files, pageFiles]: [PlannedFile[], PlannedFile[]],
  defaultLanguage: 'fr' | 'en',
  log: (line: string) => void,
  stepDone: (step: ImportStep) => void,
): Promise<void> {
  // A fresh clone has an empty database: its tables come before anything is written.
  if (options.target.remote)
    log('Applying the migrations to the remote D1 database (wrangler d1 migrations apply DB --remote)…');
  applyMigrations(options.target);
  stepDone('migrations');
  mkdirSync(options.contentDir, { recursive: true });
  for (const file of files) {
    if (file.state !== 'unchanged') writeFileSync(join(options.contentDir, file.name), file.post.markdown);
  }
  if (pageFiles.length > 0) mkdirSync(options.pagesDir, { recursive: true });
  for (const file of pageFiles) {
    if (file.state !== 'unchanged') writeFileSync(join(options.pagesDir, file.name), file.post.markdown);
  }
  stepDone('write files');
  await publish(
    {
      target: options.target,
      contentDir: options.contentDir,
      pagesDir: options.pagesDir,
      publicDir: options.publicDir,
      purge: false,
      log,
    },
    defaultLanguage,
  );
  stepDone('publish');

  const importedKeys = async () =>
    new Set(
      (await readRows<{ kind: string; source_key: string }>(options.target, IMPORTED_KEYS_SQL)).map(
        (row) => `${row.kind} ${row.source_key}`,
      ),
    );
  const before = await importedKeys();
  // Old category, tag and attachment addresses: only those new or leading elsewhere now.
  const redirects = converted.redirects.filter((redirect) => !before.has(`redirect ${redirectKey(redirect)}`));
  const statements = [
    // Each author's old addresses (/author/<login>/, ?author=<id>) lead to their page.
    ...buildAuthorStatements(
      converted.authors.values(),
      converted.authors.size > 0 ? await readRows<WordPressAuthorRow>(options.target, WORDPRESS_AUTHORS_SQL) : [],
    ),
    ...buildCommentStatements(converted.comments.filter((comment) => !before.has(`comment ${comment.key}`))),
    ...buildMentionStatements(converted.mentions.filter((mention) => !before.has(`mention ${mention.key}`))),
    ...buildRedirectStatements(redirects),
  ];
  if (statements.length > 0) await applyStatements(options.target, [...statements, BUMP_CACHE_VERSION_SQL]);
  const after = statements.length > 0 ? await importedKeys() : before;
  const added = (kind: string) => [...after].filter((key) => key.startsWith(`${kind} `) && !before.has(key)).length;
  log(`Comments: ${countBy(converted.comments, (c) => c.status)}: ${added('comment')} new.`);
  log(`Mentions: ${countBy(converted.mentions, (m) => m.kind)}: ${added('mention')} new.`);
  log(
    `Old addresses (categories, tags, attachments): ${converted.redirects.length} in the export: ${added('redirect')} new or changed.`,
  );
  stepDone('comments and mentions');

  const changedFiles = [...files, ...pageFiles].some((file) => file.state !== 'unchanged');
  if ((changedFiles || statements.length > 0) && !options.target.persistTo)
    await requestCachePurge(options.target, tagsForArticleChange(), log);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      local: { type: 'boolean', default: false },
      remote: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
      config: { type: 'string' },
      content: { type: 'string', default: 'content/posts' },
      pages: { type: 'string' },
      public: { type: 'string', default: 'public' },
      timezone: { type: 'string' },
      uploads: { type: 'string' },
      'fetch-media': { type: 'boolean', default: false },
    },
  });
  const [exportFile, ...extra] = positionals;
  if (!exportFile || extra.length > 0)
    throw new Error('give one export file: npm run import:wordpress -- export.xml --local (or --remote)');
  if (values.local === values.remote && !values['dry-run'])
    throw new Error('say where to import: npm run import:wordpress -- export.xml --local (or --remote)');
  await importWordPress({
    exportFile,
    target: { remote: values.remote, persistTo: values['persist-to'], config: values.config },
    contentDir: values.content,
    pagesDir: values.pages,
    publicDir: values.public,
    dryRun: values['dry-run'],
    force: values.force,
    timeZone: values.timezone,
    uploadsDir: values.uploads,
    fetchMedia: values['fetch-media'] ? {} : undefined,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const outcome =
      error instanceof PartialImport
        ? 'stopped part-way (the files are written); run the same command again once this is fixed'
        : 'nothing was imported';
    console.error(`import:wordpress: ${outcome}.\n${message}`);
    process.exit(1);
  });
}
