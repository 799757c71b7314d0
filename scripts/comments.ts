// npm run comments -- list|approve|spam|trash|delete|convert [<id>...] [--remote] [--status …]
// Moderation from the command line, through wrangler, until the admin pages
// exist. Every id is checked before anything runs.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUMP_CACHE_VERSION_SQL, requestCachePurge } from './cache-purge.ts';
import {
  buildDeleteStatements,
  buildListQuery,
  buildLookupQuery,
  buildSetStatusStatements,
  type CommentListRow,
  type CommentStateRow,
  type CommentStatus,
  describeDeletes,
  describeStatusChanges,
  formatCommentTable,
  type ListFilter,
  parseCommentsArgs,
  purgeTagsFor,
  USAGE,
  UsageError,
} from './lib/comments-cli.ts';
import { buildConversionStatements, buildUnconvertedQuery, describeConversion } from './lib/convert-comments.ts';
import { type D1Target, executeStatements, queryRows } from './wrangler.ts';

export function listComments(target: D1Target, filter: ListFilter, log: (line: string) => void = console.log): void {
  log(formatCommentTable(queryRows<CommentListRow>(target, buildListQuery(filter)), filter));
}

export interface ChangeOutcome {
  /** Ids that were not found. */
  missing: number[];
  /** Cache tags of the pages that show the changed comments. */
  purgeTags: string[];
}

/** Sets the status of the given comments. */
export function setStatus(
  target: D1Target,
  ids: number[],
  status: CommentStatus,
  log: (line: string) => void = console.log,
): ChangeOutcome {
  const rows = queryRows<CommentStateRow>(target, buildLookupQuery(ids));
  const outcome = describeStatusChanges(ids, rows, status);
  const statements = buildSetStatusStatements(outcome.found, status);
  if (statements.length > 0) executeStatements(target, [...statements, BUMP_CACHE_VERSION_SQL]);
  for (const line of outcome.lines) log(line);
  return { missing: outcome.missing, purgeTags: statements.length > 0 ? purgeTagsFor(rows, outcome.found) : [] };
}

/** Deletes the given comments, their replies moving up a level. */
export function deleteComments(
  target: D1Target,
  ids: number[],
  log: (line: string) => void = console.log,
): ChangeOutcome {
  const rows = queryRows<CommentStateRow>(target, buildLookupQuery(ids));
  const outcome = describeDeletes(ids, rows);
  // One wrangler call: every re-attachment and DELETE, and the cache version, in one transaction.
  const statements = buildDeleteStatements(outcome.found);
  if (statements.length > 0) executeStatements(target, [...statements, BUMP_CACHE_VERSION_SQL]);
  for (const line of outcome.lines) log(line);
  return { missing: outcome.missing, purgeTags: statements.length > 0 ? purgeTagsFor(rows, outcome.found) : [] };
}

/**
 * Stores as HTML every comment written before formatting existed, a page at
 * a time; when there is none, one query. Throws when wrangler fails: what
 * was written stays written, and running it again goes on from there.
 */
export function convertComments(target: D1Target, log: (line: string) => void = console.log): void {
  let afterId = 0;
  let converted = 0;
  const tooLong: number[] = [];
  for (;;) {
    const rows = queryRows<{ id: number; body: string }>(target, buildUnconvertedQuery(afterId));
    const last = rows.at(-1);
    if (!last) break;
    const conversion = buildConversionStatements(rows);
    executeStatements(target, conversion.statements);
    converted += conversion.statements.length;
    tooLong.push(...conversion.tooLong);
    afterId = last.id;
  }
  for (const line of describeConversion(converted, tooLong, target.remote ? 'production' : 'local')) log(line);
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseCommentsArgs>;
  try {
    args = parseCommentsArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`comments: ${error.message}\n\n${error.showUsage ? USAGE : 'See npm run comments -- --help'}`);
    return 1;
  }
  const { command } = args;
  if (command.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  const target: D1Target = { remote: args.remote, persistTo: args.persistTo, config: args.config };
  if (command.kind === 'list') {
    listComments(target, command.status);
    return 0;
  }
  if (command.kind === 'convert') {
    convertComments(target);
    return 0;
  }
  const outcome =
    command.kind === 'delete' ? deleteComments(target, command.ids) : setStatus(target, command.ids, command.status);
  // Skipped with --persist-to: that database is not the one a dev server reads.
  if (outcome.purgeTags.length > 0 && !target.persistTo) await requestCachePurge(target, outcome.purgeTags);
  return outcome.missing.length > 0 ? 1 : 0;
}

// Compared as real paths: a URL would be percent-encoded ("My%20Blog") and the
// script may be reached through a symbolic link.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`comments: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
