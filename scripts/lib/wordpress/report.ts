// The import's report: what the export holds, where each post and page goes,
// and every note, rename and thing left out, for the author to read.
import { type ConvertedExport, renamedLines, reparentedLines } from './convert.ts';
import type { PlannedFile } from './files.ts';

export function summary(
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

export function countBy<T>(rows: T[], key: (row: T) => string): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  const detail = [...counts].map(([name, count]) => `${count} ${name}`).join(', ');
  return `${rows.length} in the export${detail ? ` (${detail})` : ''}`;
}
