// The pure parts of `npm run comments`: argument parsing, the SQL it sends to
// D1 through wrangler, and what it prints. No Node APIs, so the tests can run
// the SQL against the real D1 inside workerd.
import { tagsForCommentChange } from '../../src/cache/tags.ts';
import { describeMistake, type OptionTypes, readCommandLine } from './cli-args.ts';
import { sqlLiteral } from './sql.ts';

export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type ListFilter = CommentStatus | 'all';

export const USAGE = `Usage: npm run comments -- <command> [<id>...] [options]

Commands:
  list                 comments awaiting moderation, newest first
  approve <id>...      publish comments
  spam <id>...         mark comments as spam
  trash <id>...        move comments to the trash
  delete <id>...       delete comments for good (their replies move up a level)
  convert              store as HTML the comments written before formatting
                       (shown exactly as before; npm run dev and deploy run it)

Options:
  --status <status>    with list: pending (default), approved, spam, trash or all
  --local              the local D1 that \`npm run dev\` serves (default)
  --remote             the production D1
  --persist-to <dir>   wrangler's local state directory`;

export type Command =
  | { kind: 'help' }
  | { kind: 'list'; status: ListFilter }
  | { kind: 'set-status'; status: Exclude<CommentStatus, 'pending'>; ids: number[] }
  | { kind: 'delete'; ids: number[] }
  | { kind: 'convert' };

export interface ParsedArgs {
  command: Command;
  remote: boolean;
  persistTo?: string;
  config?: string;
}

/** A mistake on the command line: the message is printed with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** Print the whole usage after the message (no or unknown command). */
  showUsage: boolean;
  constructor(message: string, showUsage = false) {
    super(message);
    this.showUsage = showUsage;
  }
}

const SET_STATUS: Record<string, Exclude<CommentStatus, 'pending'>> = {
  approve: 'approved',
  spam: 'spam',
  trash: 'trash',
};

const OPTIONS: OptionTypes = {
  help: { type: 'boolean', short: 'h' },
  local: { type: 'boolean' },
  remote: { type: 'boolean' },
  status: { type: 'string' },
  'persist-to': { type: 'string' },
  config: { type: 'string' },
};

/** Parses the arguments after `npm run comments --`; throws UsageError. */
export function parseCommentsArgs(argv: readonly string[]): ParsedArgs {
  // An unknown option is a reason to show the usage; a missing value is not.
  const { options, positionals } = readCommandLine(
    argv,
    OPTIONS,
    (mistake) => new UsageError(describeMistake(mistake), mistake.kind === 'unknown-option'),
  );
  if (options.has('help')) return { command: { kind: 'help' }, remote: false };
  const flags = new Set([...options.keys()].filter((name) => options.get(name) === true));
  const values = new Map([...options].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  if (flags.has('local') && flags.has('remote')) throw new UsageError('--local and --remote: choose one');
  const remote = flags.has('remote');
  const persistTo = values.get('persist-to');
  if (remote && persistTo !== undefined) throw new UsageError('--persist-to only applies to the local D1');

  const [name, ...rest] = positionals;
  if (name === undefined) throw new UsageError('say what to do: list, approve, spam, trash, delete or convert', true);
  const status = values.get('status');
  let command: Command;
  if (name === 'list') {
    if (rest.length > 0) throw new UsageError(`list takes no ids (got ${rest.join(' ')})`);
    command = { kind: 'list', status: parseListFilter(status ?? 'pending') };
  } else if (name === 'convert') {
    if (rest.length > 0) throw new UsageError(`convert takes no ids (got ${rest.join(' ')})`);
    if (status !== undefined) throw new UsageError('--status only applies to list');
    command = { kind: 'convert' };
  } else if (name === 'delete' || Object.hasOwn(SET_STATUS, name)) {
    if (status !== undefined) throw new UsageError('--status only applies to list');
    const ids = parseIds(name, rest);
    command =
      name === 'delete'
        ? { kind: 'delete', ids }
        : { kind: 'set-status', status: SET_STATUS[name] as Exclude<CommentStatus, 'pending'>, ids };
  } else {
    throw new UsageError(`unknown command "${name}"`, true);
  }
  return { command, remote, persistTo, config: values.get('config') };
}

function parseListFilter(value: string): ListFilter {
  if (value === 'all' || (COMMENT_STATUSES as readonly string[]).includes(value)) return value as ListFilter;
  throw new UsageError(`--status must be pending, approved, spam, trash or all (got "${value}")`);
}

/** Comment ids: positive integers, each once, in the order given. */
export function parseIds(command: string, args: readonly string[]): number[] {
  if (args.length === 0) throw new UsageError(`${command} needs at least one comment id`);
  const bad = args.filter((arg) => !/^[1-9][0-9]*$/.test(arg) || !Number.isSafeInteger(Number(arg)));
  if (bad.length > 0) {
    const list = bad.map((arg) => JSON.stringify(arg)).join(', ');
    throw new UsageError(`comment ids are positive integers: ${list} ${bad.length === 1 ? 'is' : 'are'} not`);
  }
  return [...new Set(args.map(Number))];
}

const idList = (ids: readonly number[]) => ids.map(sqlLiteral).join(', ');

export interface CommentListRow {
  id: number;
  created_at: number;
  status: CommentStatus;
  slug: string;
  author_name: string;
  author_email: string;
  author_url: string | null;
  turnstile_verified: number;
  held_reason: string | null;
  parent_id: number | null;
  /** The start of the body only: the table shows ~60 characters of it. */
  body: string;
}

/** The comments with a status (or all of them), newest first. */
export function buildListQuery(filter: ListFilter): string {
  const where = filter === 'all' ? '' : `\nWHERE c.status = ${sqlLiteral(filter)}`;
  return `SELECT c.id, c.created_at, c.status, a.slug, c.author_name, c.author_email, c.author_url,
  c.turnstile_verified, c.held_reason, c.parent_id, substr(c.body, 1, 500) AS body
FROM comments c JOIN articles a ON a.id = c.article_id${where}
ORDER BY c.created_at DESC, c.id DESC`;
}

export interface CommentStateRow {
  id: number;
  status: CommentStatus;
  parent_id: number | null;
  /** The article and its tag slugs (comma-separated): the pages to purge. */
  article_id: number;
  tag_slugs: string | null;
}

/** What approve/spam/trash/delete look at first: the comments and their replies. */
export function buildLookupQuery(ids: readonly number[]): string {
  const list = idList(ids);
  return `SELECT c.id, c.status, c.parent_id, c.article_id,
  (SELECT group_concat(t.slug) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = c.article_id) AS tag_slugs
FROM comments c WHERE c.id IN (${list}) OR c.parent_id IN (${list}) ORDER BY c.id`;
}

export function buildSetStatusStatements(ids: readonly number[], status: CommentStatus): string[] {
  if (ids.length === 0) return [];
  // The CLI cannot reach the notifications' queue: comments it makes public go
  // to the outbox (migrations/0020), which the Worker's every-minute Cron
  // Trigger hands over. Before the UPDATE: only those not approved yet.
  const outbox =
    status === 'approved'
      ? [
          `INSERT INTO notification_outbox (comment_id, created_at) SELECT id, CAST(strftime('%s', 'now') AS INTEGER) FROM comments WHERE id IN (${idList(ids)}) AND status <> 'approved' ON CONFLICT (comment_id) DO NOTHING`,
        ]
      : [];
  return [
    ...outbox,
    `UPDATE comments SET status = ${sqlLiteral(status)} WHERE id IN (${idList(ids)}) AND status <> ${sqlLiteral(status)}`,
  ];
}

/**
 * Deletes comments for good. The replies of each one move up to its parent
 * (or to the top level), as WordPress does, before the DELETE: the schema
 * refuses to delete a comment that still has replies. The parent is read when
 * the statement runs, so deleting a comment together with its parent works in
 * any order.
 */
export function buildDeleteStatements(ids: readonly number[]): string[] {
  return ids.flatMap((id) => {
    const literal = sqlLiteral(id);
    return [
      `UPDATE comments SET parent_id = (SELECT parent_id FROM comments WHERE id = ${literal}) WHERE parent_id = ${literal}`,
      `DELETE FROM comments WHERE id = ${literal}`,
    ];
  });
}

const VERB: Record<CommentStatus, [done: string, already: string]> = {
  pending: ['held for moderation', 'already pending'],
  approved: ['approved', 'already approved'],
  spam: ['marked as spam', 'already marked as spam'],
  trash: ['moved to the trash', 'already in the trash'],
};

export interface Outcome {
  lines: string[];
  /** The ids that exist, to act on. */
  found: number[];
  missing: number[];
}

/** One line per id for approve/spam/trash, from the rows read before the change. */
export function describeStatusChanges(
  ids: readonly number[],
  rows: readonly CommentStateRow[],
  status: CommentStatus,
): Outcome {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const outcome: Outcome = { lines: [], found: [], missing: [] };
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) {
      outcome.missing.push(id);
      outcome.lines.push(`#${id} not found`);
    } else {
      outcome.found.push(id);
      outcome.lines.push(
        row.status === status ? `#${id} ${VERB[status][1]}` : `#${id} ${VERB[status][0]} (was ${row.status})`,
      );
    }
  }
  return outcome;
}

/** One line per id for delete, saying where the replies went. */
export function describeDeletes(ids: readonly number[], rows: readonly CommentStateRow[]): Outcome {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const deleted = new Set(ids.filter((id) => byId.has(id)));
  // Where a reply ends up: the nearest ancestor that is not deleted too.
  const survivingParent = (id: number): number | null => {
    let parent = byId.get(id)?.parent_id ?? null;
    while (parent !== null && deleted.has(parent)) parent = byId.get(parent)?.parent_id ?? null;
    return parent;
  };
  const outcome: Outcome = { lines: [], found: [], missing: [] };
  for (const id of ids) {
    if (!deleted.has(id)) {
      outcome.missing.push(id);
      outcome.lines.push(`#${id} not found`);
      continue;
    }
    outcome.found.push(id);
    const replies = rows.filter((row) => row.parent_id === id && !deleted.has(row.id)).map((row) => `#${row.id}`);
    if (replies.length === 0) {
      outcome.lines.push(`#${id} deleted`);
    } else {
      const parent = survivingParent(id);
      const where = parent === null ? 'to the top level' : `under #${parent}`;
      const noun = replies.length === 1 ? 'reply' : 'replies';
      outcome.lines.push(`#${id} deleted; ${noun} ${replies.join(', ')} moved ${where}`);
    }
  }
  return outcome;
}

// Bidirectional marks and overrides, which could reorder what the table shows.
const UNSAFE = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/**
 * Text from a commenter, made safe and single-line for a terminal: line breaks
 * and tabs become spaces, control characters (escape sequences) and
 * direction overrides become "?", runs of spaces shrink to one.
 */
export function oneLine(text: string): string {
  let out = '';
  for (const char of text.replace(/[\r\n\t\f\v\u0085\u2028\u2029]+/g, ' ')) {
    out += UNSAFE.test(char) || isControl(char.codePointAt(0) as number) ? '?' : char;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** At most `max` characters (code points), with "…" when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** 2026-01-05T09:30Z */
export function isoMinutes(unixSeconds: number): string {
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 16)}Z`;
}

const COLUMNS: { title: string; max: number; cell: (row: CommentListRow) => string }[] = [
  { title: 'ID', max: 10, cell: (row) => String(row.id) },
  { title: 'CREATED', max: 17, cell: (row) => isoMinutes(row.created_at) },
  { title: 'STATUS', max: 8, cell: (row) => row.status },
  { title: 'ARTICLE', max: 30, cell: (row) => row.slug },
  { title: 'AUTHOR', max: 24, cell: (row) => row.author_name },
  { title: 'E-MAIL', max: 32, cell: (row) => row.author_email },
  { title: 'WEBSITE', max: 32, cell: (row) => row.author_url ?? '-' },
  { title: 'TURNSTILE', max: 9, cell: (row) => (row.turnstile_verified ? 'yes' : 'no') },
  { title: 'HELD', max: 14, cell: (row) => row.held_reason ?? '-' },
  { title: 'PARENT', max: 10, cell: (row) => (row.parent_id === null ? '-' : `#${row.parent_id}`) },
  { title: 'BODY', max: 60, cell: (row) => row.body },
];

const width = (text: string) => [...text].length;

/** The `list` output: a table (one comment a line) and the count. */
export function formatCommentTable(rows: readonly CommentListRow[], filter: ListFilter): string {
  const what = filter === 'all' ? 'comment' : `${filter} comment`;
  if (rows.length === 0) return `No ${what}s.`;
  const cells = rows.map((row) => COLUMNS.map((column) => clip(oneLine(column.cell(row)), column.max)));
  const widths = COLUMNS.map((column, i) =>
    Math.max(width(column.title), ...cells.map((line) => width(line[i] ?? ''))),
  );
  const render = (line: string[]) =>
    line
      .map((cell, i) => (i === line.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd();
  const count = `${rows.length} ${what}${rows.length === 1 ? '' : 's'}.`;
  return [render(COLUMNS.map((column) => column.title)), ...cells.map(render), '', count].join('\n');
}

/** The pages a comment change shows on: its article, the home page, its tag pages. */
export function purgeTagsFor(rows: CommentStateRow[], changedIds: number[]): string[] {
  const tags = new Set<string>();
  for (const row of rows.filter((candidate) => changedIds.includes(candidate.id))) {
    const slugs = row.tag_slugs ? row.tag_slugs.split(',') : [];
    for (const tag of tagsForCommentChange(row.article_id, slugs)) tags.add(tag);
  }
  return [...tags];
}
