// The pure half of `npm run backup`: from what D1 says about its schema, which
// tables to copy and how to read them page by page; from the rows read, the
// SQL file that rebuilds the database in an empty D1.
//
// Rows are read as SQL literals made by SQLite itself (quote()): exact for
// every type (64-bit integers, reals, blobs, text with quotes or newlines),
// where JSON would round big integers and turn blobs into arrays.
import { MAX_STATEMENT_BYTES, sqlLiteral, textParts } from './sql.ts';

/** A row of `SELECT type, name, tbl_name, sql FROM sqlite_schema`. */
export interface SchemaRow {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** A row of `PRAGMA table_list`. */
export interface TableListRow {
  schema: string;
  name: string;
  type: 'table' | 'view' | 'shadow' | 'virtual';
  wr: 0 | 1;
}

/** A row of `PRAGMA table_info(…)`. */
export interface ColumnRow {
  name: string;
  pk: number;
}

export interface TableToCopy {
  name: string;
  createSql: string;
  /** Rowid tables are read in rowid order; WITHOUT ROWID ones by primary key. */
  withoutRowid: boolean;
}

export interface BackupPlan {
  tables: TableToCopy[];
  /** FTS5 tables over another table's content: created, then rebuilt from it. */
  searchIndexes: { name: string; createSql: string }[];
  /** Made after the rows are in, in creation order: indexes and views, then (last) triggers. */
  indexesAndViews: string[];
  triggers: string[];
}

/** SQLite's own tables and Cloudflare's (_cf_KV…) are never copied: D1 makes them. */
export function isInternalTable(name: string): boolean {
  return name.startsWith('sqlite_') || name.startsWith('_cf_');
}

export function planBackup(schema: SchemaRow[], tableList: TableListRow[]): BackupPlan {
  const kinds = new Map(tableList.filter((row) => row.schema === 'main').map((row) => [row.name, row]));
  const plan: BackupPlan = { tables: [], searchIndexes: [], indexesAndViews: [], triggers: [] };
  for (const entry of schema) {
    if (entry.sql === null || isInternalTable(entry.tbl_name)) continue;
    if (entry.type === 'trigger') plan.triggers.push(entry.sql);
    if (entry.type === 'index' || entry.type === 'view') plan.indexesAndViews.push(entry.sql);
    if (entry.type !== 'table') continue;
    const kind = kinds.get(entry.name);
    // FTS5 keeps its index in "shadow" tables: rebuilt, never copied.
    if (kind?.type === 'shadow') continue;
    if (kind?.type === 'virtual') {
      if (!isExternalContentFts5(entry.sql)) {
        throw new Error(
          `virtual table ${entry.name} is not an FTS5 index over another table (content=…): npm run backup cannot restore it`,
        );
      }
      plan.searchIndexes.push({ name: entry.name, createSql: entry.sql });
      continue;
    }
    plan.tables.push({ name: entry.name, createSql: entry.sql, withoutRowid: kind?.wr === 1 });
  }
  return plan;
}

function isExternalContentFts5(createSql: string): boolean {
  return /\busing\s+fts5\s*\(/i.test(createSql) && /\bcontent\s*=\s*(['"]?)[^'",)\s]+\1/i.test(createSql);
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Columns that order a table's rows for paging: rowid, or the primary key. */
export function pageKeyOf(table: TableToCopy, columns: ColumnRow[]): string[] {
  if (!table.withoutRowid) return ['rowid'];
  return columns
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => quoteIdentifier(column.name));
}

/**
 * One page of a table: every column as an SQL literal, then the page key
 * (also as literals, so the next page's WHERE can quote it back verbatim).
 */
export function pageQuery(table: TableToCopy, columns: ColumnRow[], after: string[] | null, pageSize: number): string {
  const key = pageKeyOf(table, columns);
  // Result columns named v0…, k0…: D1 answers with objects, and a name like "1" would reorder their keys.
  const values = columns.map((column, index) => `quote(${quoteIdentifier(column.name)}) AS v${index}`);
  const keys = key.map((part, index) => `quote(${part}) AS k${index}`);
  const where = after ? ` WHERE (${key.join(', ')}) > (${after.join(', ')})` : '';
  return `SELECT ${[...values, ...keys].join(', ')} FROM ${quoteIdentifier(table.name)}${where} ORDER BY ${key.join(', ')} LIMIT ${sqlLiteral(pageSize)}`;
}

/** A page's rows as literals, and the key of its last row (where the next page starts). */
export function readPage(
  rows: Record<string, string>[],
  columnCount: number,
  keyCount: number,
): { values: string[][]; last: string[] | null } {
  const pick = (row: Record<string, string>, prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => {
      const value = row[`${prefix}${index}`];
      if (typeof value !== 'string') throw new Error(`unexpected page row from D1: ${JSON.stringify(row)}`);
      return value;
    });
  const lastRow = rows.at(-1);
  return {
    values: rows.map((row) => pick(row, 'v', columnCount)),
    last: lastRow ? pick(lastRow, 'k', keyCount) : null,
  };
}

const TEXT_PART_CHARS = 20_000;

/**
 * INSERT statements for one row. A row too long for one statement is
 * inserted with its long texts empty, then completed part by part
 * (`col = col || '…'`): D1 limits the length of a statement, not of a value.
 */
export function insertStatements(table: TableToCopy, columns: ColumnRow[], literals: string[]): string[] {
  const names = columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const insert = (values: string[]) =>
    `INSERT INTO ${quoteIdentifier(table.name)} (${names}) VALUES (${values.join(', ')});`;
  const whole = insert(literals);
  if (new TextEncoder().encode(whole).length <= MAX_STATEMENT_BYTES) return [whole];
  const long = literals.map((literal) => literal.startsWith("'") && literal.length > TEXT_PART_CHARS);
  const statements = [insert(literals.map((literal, index) => (long[index] ? "''" : literal)))];
  const where = table.withoutRowid
    ? `(${pageKeyOf(table, columns).join(', ')}) = (${columns
        .map((column, index) => ({ column, literal: literals[index] as string }))
        .filter(({ column }) => column.pk > 0)
        .sort((a, b) => a.column.pk - b.column.pk)
        .map(({ literal }) => literal)
        .join(', ')})`
    : 'rowid = last_insert_rowid()';
  columns.forEach((column, index) => {
    if (!long[index]) return;
    const name = quoteIdentifier(column.name);
    for (const part of textParts(unquote(literals[index] as string), TEXT_PART_CHARS)) {
      statements.push(
        `UPDATE ${quoteIdentifier(table.name)} SET ${name} = ${name} || ${sqlLiteral(part)} WHERE ${where};`,
      );
    }
  });
  return statements;
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replaceAll("''", "'");
}

export interface BackupContent {
  plan: BackupPlan;
  /** Statements for each table's rows, in plan.tables order. */
  rows: Map<string, string[]>;
  source: string;
  takenAt: Date;
}

/** The whole file: tables, rows, search indexes (rebuilt from the rows), indexes and views, triggers. */
export function backupSql({ plan, rows, source, takenAt }: BackupContent): string {
  const lines: string[] = [
    `-- Causerie backup of the ${source} D1, taken ${takenAt.toISOString()} by npm run backup.`,
    '-- Restore into a new, empty D1: npx wrangler d1 execute <database> --remote --file <this file>',
    // Rows go in table by table: a reply may come before the comment it answers.
    'PRAGMA defer_foreign_keys = TRUE;',
  ];
  for (const table of plan.tables) lines.push(`${table.createSql};`);
  for (const table of plan.tables) lines.push(...(rows.get(table.name) ?? []));
  for (const index of plan.searchIndexes) {
    lines.push(`${index.createSql};`);
    const name = quoteIdentifier(index.name);
    lines.push(`INSERT INTO ${name} (${name}) VALUES ('rebuild');`);
  }
  for (const sql of plan.indexesAndViews) lines.push(`${sql};`);
  // Last: restored rows must not fire them (they would index the articles twice).
  for (const sql of plan.triggers) lines.push(`${sql};`);
  return `${lines.join('\n')}\n`;
}
