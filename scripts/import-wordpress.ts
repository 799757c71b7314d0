// npm run import:wordpress -- export.xml --local | --remote [--dry-run] [--force] [--pages content/pages]
// Brings a WordPress blog over: its posts become content/posts/*.md and its
// pages content/pages/*.md (then published like any article or page), their
// comments and pings become D1 rows. The
// whole export is read and checked first; one broken element and nothing is
// written (every broken element is named at once). The D1 migrations are
// applied before the first write, so it works on a fresh clone's empty database.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { unstable_readConfig } from 'wrangler';
import { tagsForArticleChange } from '../src/cache/tags.ts';
import { BUMP_CACHE_VERSION_SQL, requestCachePurge } from './cache-purge.ts';
import { publish } from './content-publish.ts';
import { PostError, type PostKind, parsePost } from './lib/post.ts';
import { buildAuthorStatements, WORDPRESS_AUTHORS_SQL, type WordPressAuthorRow } from './lib/wordpress/authors.ts';
import { type ConvertedExport, convertExport, renamedLines, reparentedLines } from './lib/wordpress/convert.ts';
import { type ExistingFile, ImportConflict, type PlannedFile, planFiles } from './lib/wordpress/files.ts';
import { otherFolderConflicts } from './lib/wordpress/pages.ts';
import { hashImportedPasswords } from './lib/wordpress/passwords.ts';
import {
  buildCommentStatements,
  buildMentionStatements,
  buildRedirectStatements,
  redirectKey,
} from './lib/wordpress/sql.ts';
import { applyMigrations, type D1Target, executeStatements, queryRows } from './wrangler.ts';

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
  log?: (line: string) => void;
}

const IMPORTED_KEYS_SQL = `SELECT 'comment' AS kind, source_key FROM comments WHERE source_key >= 'wordpress:' AND source_key < 'wordpress;'
UNION ALL SELECT 'mention', source_key FROM mentions WHERE source_key >= 'wordpress:' AND source_key < 'wordpress;'
UNION ALL SELECT 'redirect', json_array(address, tag_slug, wordpress_id, location) FROM legacy_redirects`;

export async function importWordPress(options: ImportOptions): Promise<void> {
  const log = options.log ?? console.log;
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
  const converted = convertExport(xml, { timeZone, defaultLanguage, blogUrl: String(vars.BLOG_URL ?? '') });
  const dir = relative(process.cwd(), options.contentDir) || options.contentDir;
  const pagesDir = options.pagesDir ?? join(dirname(options.contentDir), 'pages');
  const shownPagesDir = relative(process.cwd(), pagesDir) || pagesDir;
  const existingPosts = readExisting(options.contentDir, defaultLanguage);
  const existingPages = readExisting(pagesDir, defaultLanguage, 'page');
  // Protected posts get their password's hash (the one already in their file when it still matches).
  const hashes = new Map(
    [...existingPosts, ...existingPages].map((file) => [file.post?.slug, file.post?.passwordHash ?? null]),
  );
  await hashImportedPasswords(
    [...converted.posts, ...converted.pages],
    (slug) => hashes.get(slug) ?? null,
    defaultLanguage,
  );
  const files = planFiles(converted.posts, existingPosts, { force: options.force, dir });
  const pageFiles = planFiles(converted.pages, existingPages, { force: options.force, dir: shownPagesDir });
  // Posts and pages share one set of addresses: neither may take what a file of the other folder has.
  const crossed = [
    ...otherFolderConflicts(converted.pages, existingPosts, dir),
    ...otherFolderConflicts(converted.posts, existingPages, shownPagesDir),
  ];
  if (crossed.length > 0) throw new ImportConflict(crossed.join('\n'));

  log(summary(options.exportFile, converted, { files, dir, pageFiles, pagesDir: shownPagesDir }));
  if (options.dryRun) {
    for (const file of files) log(`  would write ${dir}/${file.name} (${file.state})`);
    for (const file of pageFiles) log(`  would write ${shownPagesDir}/${file.name} (${file.state})`);
    log(
      `Dry run: nothing written. Would publish ${files.length} article(s) and ${pageFiles.length} page(s), then add the comments, mentions and old category, tag and attachment addresses (${converted.redirects.length}) not imported before.`,
    );
    return;
  }

  try {
    await write({ ...options, pagesDir }, converted, [files, pageFiles], defaultLanguage, log);
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
): Promise<void> {
  // A fresh clone has an empty database: its tables come before anything is written.
  if (options.target.remote)
    log('Applying the migrations to the remote D1 database (wrangler d1 migrations apply DB --remote)…');
  applyMigrations(options.target);
  mkdirSync(options.contentDir, { recursive: true });
  for (const file of files) {
    if (file.state !== 'unchanged') writeFileSync(join(options.contentDir, file.name), file.post.markdown);
  }
  if (pageFiles.length > 0) mkdirSync(options.pagesDir, { recursive: true });
  for (const file of pageFiles) {
    if (file.state !== 'unchanged') writeFileSync(join(options.pagesDir, file.name), file.post.markdown);
  }
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

  const importedKeys = () =>
    new Set(
      queryRows<{ kind: string; source_key: string }>(options.target, IMPORTED_KEYS_SQL).map(
        (row) => `${row.kind} ${row.source_key}`,
      ),
    );
  const before = importedKeys();
  // Old category, tag and attachment addresses: only those new or leading elsewhere now.
  const redirects = converted.redirects.filter((redirect) => !before.has(`redirect ${redirectKey(redirect)}`));
  const statements = [
    // Each author's old addresses (/author/<login>/, ?author=<id>) lead to their page.
    ...buildAuthorStatements(
      converted.authors.values(),
      converted.authors.size > 0 ? queryRows<WordPressAuthorRow>(options.target, WORDPRESS_AUTHORS_SQL) : [],
    ),
    ...buildCommentStatements(converted.comments.filter((comment) => !before.has(`comment ${comment.key}`))),
    ...buildMentionStatements(converted.mentions.filter((mention) => !before.has(`mention ${mention.key}`))),
    ...buildRedirectStatements(redirects),
  ];
  if (statements.length > 0) executeStatements(options.target, [...statements, BUMP_CACHE_VERSION_SQL]);
  const after = statements.length > 0 ? importedKeys() : before;
  const added = (kind: string) => [...after].filter((key) => key.startsWith(`${kind} `) && !before.has(key)).length;
  log(`Comments: ${countBy(converted.comments, (c) => c.status)}: ${added('comment')} new.`);
  log(`Mentions: ${countBy(converted.mentions, (m) => m.kind)}: ${added('mention')} new.`);
  log(
    `Old addresses (categories, tags, attachments): ${converted.redirects.length} in the export: ${added('redirect')} new or changed.`,
  );

  const changedFiles = [...files, ...pageFiles].some((file) => file.state !== 'unchanged');
  if ((changedFiles || statements.length > 0) && !options.target.persistTo)
    await requestCachePurge(options.target, tagsForArticleChange(), log);
}

/** Every content/posts (or content/pages) file, read as content:publish would; a broken one stops the import. */
function readExisting(contentDir: string, defaultLanguage: 'fr' | 'en', kind: PostKind = 'article'): ExistingFile[] {
  if (!existsSync(contentDir)) return [];
  const broken: string[] = [];
  const files = readdirSync(contentDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name): ExistingFile => {
      const source = readFileSync(join(contentDir, name), 'utf8');
      try {
        return { name, source, post: parsePost(name, source, defaultLanguage, undefined, kind) };
      } catch (error) {
        if (!(error instanceof PostError)) throw error;
        const shown = relative(process.cwd(), join(contentDir, name));
        for (const problem of error.problems) broken.push(`${shown}:${problem.line}: ${problem.reason}`);
        return { name, source, post: null };
      }
    });
  if (broken.length > 0)
    throw new Error(`content:publish would refuse these files; fix them before importing:\n${broken.join('\n')}`);
  return files;
}

function summary(
  exportFile: string,
  converted: ConvertedExport,
  where: { files: PlannedFile[]; dir: string; pageFiles: PlannedFile[]; pagesDir: string },
): string {
  const { wxr, posts, pages, notes, skipped } = converted;
  const states = (files: PlannedFile[]) =>
    (['new', 'changed', 'unchanged'] as const)
      .map((state) => `${files.filter((file) => file.state === state).length} ${state}`)
      .join(', ');
  const drafts = (rows: { draft: boolean }[]) => rows.filter((row) => row.draft).length;
  const lines = [
    `WordPress export ${exportFile}${wxr.title ? ` ("${wxr.title}")` : ''}:`,
    `  Posts: ${posts.length} (${drafts(posts)} draft(s)) → ${where.dir}: ${states(where.files)}.`,
    `  Pages: ${pages.length} (${drafts(pages)} draft(s)) → ${where.pagesDir}: ${states(where.pageFiles)}.`,
  ];
  if (converted.authors.size > 0)
    lines.push(
      `  Authors: ${[...converted.authors.values()].map((author) => `${author.name} (/author/${author.slug}, was ${author.login})`).join(', ')}: each post and page names its author.`,
    );
  if (skipped.size > 0)
    lines.push(`  Left out: ${[...skipped].map(([what, count]) => `${count} ${what}`).join(', ')}.`);
  if (converted.renamed.length > 0)
    lines.push(
      '  Renamed (the blog itself answers at these addresses):',
      ...renamedLines(converted).map((line) => `    ${line}`),
    );
  if (converted.reparented.length > 0)
    lines.push(
      '  Re-parented (pages nest one level deep here):',
      ...reparentedLines(converted).map((line) => `    ${line}`),
    );
  if (notes.length > 0) lines.push('  Notes:', ...notes.map((note) => `    ${note}`));
  return lines.join('\n');
}

function countBy<T>(rows: T[], key: (row: T) => string): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  const detail = [...counts].map(([name, count]) => `${count} ${name}`).join(', ');
  return `${rows.length} in the export${detail ? ` (${detail})` : ''}`;
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
