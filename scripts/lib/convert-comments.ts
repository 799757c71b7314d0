// The pure part of converting the comments written before formatting existed
// (body_html NULL, as migration 0013 left them): the query that reads them a
// page at a time and the UPDATEs that store their HTML. The HTML comes from
// the very renderer the Worker shows such a comment with
// (src/comments/plain-text.ts), so a converted comment looks as it did, byte
// for byte, and the page needs no purge. No Node APIs, so the statements can
// run against the real D1 inside workerd in the tests.
import { renderPlainCommentText } from '../../src/comments/plain-text.ts';
import { MAX_STATEMENT_BYTES, sqlLiteral } from './sql.ts';

/** Comments read and written per wrangler call: a few hundred keep each SQL file small. */
export const CONVERT_PAGE_SIZE = 200;

export interface UnconvertedComment {
  id: number;
  body: string;
}

/** The next page of comments without HTML, after the id of the last one converted. */
export function buildUnconvertedQuery(afterId: number, limit = CONVERT_PAGE_SIZE): string {
  return `SELECT id, body FROM comments WHERE body_html IS NULL AND id > ${sqlLiteral(afterId)} ORDER BY id LIMIT ${sqlLiteral(limit)}`;
}

export interface Conversion {
  statements: string[];
  /** Comments whose UPDATE would pass D1's statement limit: left to the Worker's fallback. */
  tooLong: number[];
}

/**
 * One UPDATE per comment. body_text is the body itself, as the Worker's
 * fallback reads it (and as format.ts stores an unreadable text). A comment
 * the desk formatted meanwhile (body_html no longer NULL) is left alone.
 */
export function buildConversionStatements(comments: readonly UnconvertedComment[]): Conversion {
  const conversion: Conversion = { statements: [], tooLong: [] };
  const encoder = new TextEncoder();
  for (const comment of comments) {
    const statement = `UPDATE comments SET body_html = ${sqlLiteral(renderPlainCommentText(comment.body).value)}, body_text = ${sqlLiteral(comment.body)} WHERE id = ${sqlLiteral(comment.id)} AND body_html IS NULL`;
    if (encoder.encode(statement).length > MAX_STATEMENT_BYTES) conversion.tooLong.push(comment.id);
    else conversion.statements.push(statement);
  }
  return conversion;
}

/** What the command prints once done. */
export function describeConversion(converted: number, tooLong: readonly number[], target: string): string[] {
  const noun = (count: number) => (count === 1 ? 'comment' : 'comments');
  const lines = [
    converted === 0
      ? `Comments: none to convert in the ${target} D1.`
      : `Comments: ${converted} ${noun(converted)} written before formatting now stored as HTML in the ${target} D1, shown as before.`,
  ];
  if (tooLong.length > 0) {
    lines.push(
      `Comments: ${tooLong.length} ${noun(tooLong.length)} too long to convert in one statement, still shown by the Worker's plain-text fallback: ${tooLong.map((id) => `#${id}`).join(', ')}.`,
    );
  }
  return lines;
}
