// A list read as one JSON value of the row that needs it, rather than as a
// statement of its own: local D1 (and the D1 client) pay for every statement
// of a batch and for every value of every row, far more than SQLite pays to
// build the JSON. Each row is an array in the columns' order, the values as
// D1 would have returned them (numbers, strings, null).

/** SQL: the rows of `select` as one JSON array of arrays, in `orderBy` order ('[]' when none). */
export function jsonRows(columns: readonly string[], select: string, orderBy: string): string {
  return `(SELECT json_group_array(json_array(${columns.join(', ')}) ORDER BY ${orderBy}) FROM (${select}))`;
}

/** The rows jsonRows() selected, as objects keyed by `columns`. */
export function readJsonRows<T>(json: string | null, columns: readonly string[]): T[] {
  if (!json) return [];
  return (JSON.parse(json) as unknown[][]).map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i] as string] = values[i];
    return row as T;
  });
}
