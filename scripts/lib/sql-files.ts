// Cuts a run's SQL into files that `wrangler d1 execute --remote --file`
// takes. D1 refuses a statement longer than 100,000 bytes and imports a file
// of up to 5 GiB (developers.cloudflare.com/d1/platform/limits/); a file is
// imported in one transaction while the database waits, so files are kept
// far smaller than that: the database is busy a few seconds at a time, and a
// failed file is all there is to send again. The statements keep their order,
// across files too (a reply comes after its parent, an article after the
// parts it is written in), and the files are run one after the other.

/** D1's own limit on one statement, in bytes of UTF-8. */
export const D1_STATEMENT_LIMIT_BYTES = 100_000;
/** What a file may hold (the statements and the ";\n" after each). */
export const SQL_FILE_BYTES = 10 * 1024 * 1024;

export interface SqlFileLimits {
  statementBytes: number;
  fileBytes: number;
}

export class StatementTooLong extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementTooLong';
  }
}

const encoder = new TextEncoder();
const SEPARATOR_BYTES = 2;

/** Groups the statements, in order, into files within the limits; throws when one statement alone is over its limit. */
export function splitIntoFiles(
  statements: readonly string[],
  limits: SqlFileLimits = { statementBytes: D1_STATEMENT_LIMIT_BYTES, fileBytes: SQL_FILE_BYTES },
): string[][] {
  const files: string[][] = [];
  let current: string[] = [];
  let currentBytes = 0;
  statements.forEach((statement, index) => {
    const bytes = encoder.encode(statement).length;
    if (bytes > limits.statementBytes)
      throw new StatementTooLong(
        `statement #${index + 1} is ${bytes} bytes, over D1's limit of ${limits.statementBytes}: ${statement.slice(0, 80)}…`,
      );
    const size = bytes + SEPARATOR_BYTES;
    if (current.length > 0 && currentBytes + size > limits.fileBytes) {
      files.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(statement);
    currentBytes += size;
  });
  if (current.length > 0) files.push(current);
  return files;
}

/** A file's text, as executeStatements writes it. */
export const sqlFileText = (statements: readonly string[]): string => `${statements.join(';\n')};\n`;
