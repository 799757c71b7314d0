// npm run comments -- list|approve|spam|trash|delete [<id>...] [--remote] [--status …]
// Moderation from the command line, through wrangler, until the admin pages
// exist. Every id is checked before anything runs.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  USAGE,
  UsageError,
} from './lib/comments-cli.ts';
import { type D1Target, executeStatements, queryRows } from './wrangler.ts';

export function listComments(target: D1Target, filter: ListFilter, log: (line: string) => void = console.log): void {
  log(formatCommentTable(queryRows<CommentListRow>(target, buildListQuery(filter)), filter));
}

/** Sets the status of the given comments; returns the ids that were not found. */
export function setStatus(
  target: D1Target,
  ids: number[],
  status: CommentStatus,
  log: (line: string) => void = console.log,
): number[] {
  const outcome = describeStatusChanges(ids, queryRows<CommentStateRow>(target, buildLookupQuery(ids)), status);
  executeStatements(target, buildSetStatusStatements(outcome.found, status));
  for (const line of outcome.lines) log(line);
  return outcome.missing;
}

/** Deletes the given comments, their replies moving up a level; returns the ids not found. */
export function deleteComments(target: D1Target, ids: number[], log: (line: string) => void = console.log): number[] {
  const outcome = describeDeletes(ids, queryRows<CommentStateRow>(target, buildLookupQuery(ids)));
  // One wrangler call: every re-attachment and DELETE in one transaction.
  executeStatements(target, buildDeleteStatements(outcome.found));
  for (const line of outcome.lines) log(line);
  return outcome.missing;
}

function main(argv: string[]): number {
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
  const missing =
    command.kind === 'delete' ? deleteComments(target, command.ids) : setStatus(target, command.ids, command.status);
  return missing.length > 0 ? 1 : 0;
}

// Compared as real paths: a URL would be percent-encoded ("My%20Blog") and the
// script may be reached through a symbolic link.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`comments: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
