// npm run backup -- --local | --remote [--output backups/causerie-<date>.sql]
//
// A SQL file that restores the whole blog into a new, empty D1:
//   npx wrangler d1 execute <database> --remote --file backups/causerie-….sql
//
// Why not `wrangler d1 export`: it refuses any database holding a virtual
// table ("D1 Export error: cannot export databases with Virtual Tables
// (fts5)"), and the search index (migrations/0007_search.sql) is one. Its
// --table filter gets past that check locally but not remotely, where the
// check runs on the whole database first, and would drop the indexes and
// triggers anyway. So this reads everything through `wrangler d1 execute
// --json`, which works the same on the local and the remote D1:
//   1. the schema (sqlite_schema) and the kind of every table (PRAGMA table_list);
//   2. each ordinary table's columns, then its rows page by page, in rowid (or
//      primary key) order, as SQL literals made by SQLite's quote();
//   3. the file: tables, rows (d1_migrations included, so migrations are not
//      re-run), the FTS5 index created and rebuilt from the articles,
//      indexes, views, and triggers last. FTS5 shadow tables, SQLite's own
//      tables and Cloudflare's _cf_* are left out: the restore recreates them.
// Reads are not one transaction: run it when no one is publishing.
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type BackupPlan,
  backupSql,
  type ColumnRow,
  insertStatements,
  pageKeyOf,
  pageQuery,
  planBackup,
  quoteIdentifier,
  readPage,
  type SchemaRow,
  type TableListRow,
  type TableToCopy,
} from './lib/backup.ts';
import { type D1Target, runWrangler } from './wrangler.ts';

export interface BackupOptions {
  target: D1Target;
  output: string;
  /** Rows read per query; D1 caps the size of an answer. */
  pageSize?: number;
  log?: (line: string) => void;
}

const DEFAULT_PAGE_SIZE = 500;
/** Statements sent per wrangler call: each call costs a process start and, remotely, a round trip. */
const STATEMENTS_PER_CALL = 20;

/** Runs statements in one `wrangler d1 execute --command` and returns each one's rows. */
function queryEach(target: D1Target, statements: string[]): Record<string, unknown>[][] {
  const args = ['d1', 'execute', 'DB', target.remote ? '--remote' : '--local'];
  if (target.persistTo) args.push('--persist-to', target.persistTo);
  if (target.config) args.push('--config', target.config);
  const result = runWrangler([...args, '--command', statements.join(';\n'), '--json'], { quiet: true });
  if (result.status !== 0) throw new Error(`wrangler d1 execute failed:\n${result.stderr || result.stdout}`);
  const parsed = JSON.parse(result.stdout) as { results: Record<string, unknown>[] }[];
  if (parsed.length !== statements.length) {
    throw new Error(`wrangler d1 execute answered ${parsed.length} result(s) for ${statements.length} statement(s)`);
  }
  return parsed.map((entry) => entry.results);
}

function inBatches<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

function readPlan(target: D1Target): BackupPlan {
  const [schema, tableList] = queryEach(target, [
    'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid',
    'PRAGMA table_list',
  ]);
  return planBackup(schema as unknown as SchemaRow[], tableList as unknown as TableListRow[]);
}

function readColumns(target: D1Target, tables: TableToCopy[]): Map<string, ColumnRow[]> {
  const columns = new Map<string, ColumnRow[]>();
  for (const batch of inBatches(tables, STATEMENTS_PER_CALL)) {
    const results = queryEach(
      target,
      batch.map((table) => `PRAGMA table_info(${quoteIdentifier(table.name)})`),
    );
    batch.forEach((table, index) => {
      columns.set(table.name, (results[index] ?? []) as unknown as ColumnRow[]);
    });
  }
  return columns;
}

/** Every table's rows as INSERT statements; all tables advance a page per call. */
function readRows(
  target: D1Target,
  tables: TableToCopy[],
  columns: Map<string, ColumnRow[]>,
  pageSize: number,
): Map<string, string[]> {
  const rows = new Map<string, string[]>(tables.map((table) => [table.name, []]));
  let pending = tables.map((table) => ({ table, after: null as string[] | null }));
  while (pending.length > 0) {
    const next: typeof pending = [];
    for (const batch of inBatches(pending, STATEMENTS_PER_CALL)) {
      const results = queryEach(
        target,
        batch.map(({ table, after }) => pageQuery(table, columns.get(table.name) ?? [], after, pageSize)),
      );
      batch.forEach(({ table }, index) => {
        const tableColumns = columns.get(table.name) ?? [];
        const page = readPage(
          (results[index] ?? []) as Record<string, string>[],
          tableColumns.length,
          pageKeyOf(table, tableColumns).length,
        );
        const statements = rows.get(table.name) as string[];
        for (const values of page.values) statements.push(...insertStatements(table, tableColumns, values));
        if (page.values.length === pageSize) next.push({ table, after: page.last });
      });
    }
    pending = next;
  }
  return rows;
}

export function backup(options: BackupOptions): { tables: number; rows: number } {
  const log = options.log ?? console.log;
  const plan = readPlan(options.target);
  const columns = readColumns(options.target, plan.tables);
  const rows = readRows(options.target, plan.tables, columns, options.pageSize ?? DEFAULT_PAGE_SIZE);
  const source = options.target.remote ? 'remote' : 'local';
  mkdirSync(dirname(options.output), { recursive: true });
  writeFileSync(options.output, backupSql({ plan, rows, source, takenAt: new Date() }));
  const rowCount = [...rows.values()].reduce((sum, statements) => sum + statements.length, 0);
  log(
    `Backed up ${plan.tables.length} table(s) of the ${source} D1 to ${options.output} (${rowCount} row statement(s); search index rebuilt on restore).`,
  );
  log(`Restore into a new, empty database: npx wrangler d1 execute <database> --remote --file ${options.output}`);
  return { tables: plan.tables.length, rows: rowCount };
}

export function defaultOutput(now = new Date()): string {
  // Colons are not allowed in Windows file names.
  return `backups/causerie-${now.toISOString().slice(0, 19).replaceAll(':', '-')}Z.sql`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      local: { type: 'boolean', default: false },
      remote: { type: 'boolean', default: false },
      output: { type: 'string' },
      'persist-to': { type: 'string' },
      config: { type: 'string' },
      'page-size': { type: 'string' },
    },
  });
  if (values.local === values.remote) {
    throw new Error('say which database to back up: npm run backup -- --remote (or --local)');
  }
  const pageSize = values['page-size'] === undefined ? DEFAULT_PAGE_SIZE : Number(values['page-size']);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new Error('--page-size must be a positive whole number');
  backup({
    target: { remote: values.remote, persistTo: values['persist-to'], config: values.config },
    output: values.output ?? defaultOutput(),
    pageSize,
  });
}

// Compared as real paths, as in content-publish.ts.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  try {
    main();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`backup: no backup was written.\n${message}`);
    process.exit(1);
  }
}
