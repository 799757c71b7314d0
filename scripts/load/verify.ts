// What a load run must prove, checked against D1 itself: every accepted
// submission stored exactly once, as the outcome it was owed; every refused
// one told why (status and message) and stored nowhere; no 5xx; and the
// counts the answers give equal the counts D1 gives.
import type { D1 } from '../bench/seed.ts';
import type { Outcome, Submission } from './plan.ts';
import type { WorkerStrings } from './strings.ts';

export interface Answer {
  submission: Submission;
  /** HTTP status, or 0 when the request itself failed. */
  status: number;
  location: string | null;
  body: string;
  ms: number;
  error?: string;
}

interface Row {
  id: number;
  status: string;
  held_reason: string | null;
  parent_id: number | null;
  body: string;
}

export interface Verdict {
  problems: string[];
  /** Outcome → [from the answers, from D1]. */
  counts: Map<Outcome, [number, number]>;
}

const OUTCOMES: Outcome[] = [
  'approved',
  'held: first comment',
  'held: unverified',
  'refused: turnstile',
  'refused: invalid',
];

function outcomeOfRow(row: Row): Outcome | null {
  if (row.status === 'approved') return 'approved';
  if (row.status === 'pending' && row.held_reason === 'first_comment') return 'held: first comment';
  if (row.status === 'pending' && row.held_reason === 'unverified') return 'held: unverified';
  return null;
}

/** What the answer says happened, or why it is not a clear answer. */
function outcomeOfAnswer(answer: Answer, strings: WorkerStrings): { outcome: Outcome | null; problem?: string } {
  const { fr, escapeHtml } = strings;
  const said = (text: string) => answer.body.includes(escapeHtml(text));
  if (answer.status === 303) {
    if (!/#comment-\d+$/.test(answer.location ?? '')) return { outcome: null, problem: `303 to ${answer.location}` };
    // Held or published: the answer alone cannot tell; the row will.
    return { outcome: null };
  }
  if (answer.status === 403 && said(fr.form.notices.turnstile)) return { outcome: 'refused: turnstile' };
  if (answer.status === 422 && said(fr.form.notices.invalid) && said(fr.form.errors.email.invalid ?? '(no message)')) {
    return { outcome: 'refused: invalid' };
  }
  const what = answer.status === 0 ? `no answer (${answer.error})` : `${answer.status} without the expected message`;
  return { outcome: null, problem: what };
}

export async function verifyRun(db: D1, runId: string, answers: Answer[], strings: WorkerStrings): Promise<Verdict> {
  const problems: string[] = [];
  const { results } = await db
    .prepare('SELECT id, status, held_reason, parent_id, body FROM comments WHERE body LIKE ?1 ORDER BY id')
    .bind(`%[charge ${runId} n° %`)
    .all<Row>();
  const rowsByN = new Map<number, Row[]>();
  for (const row of results) {
    const n = Number(/\[charge [^ ]+ n° (\d+)\]/.exec(row.body)?.[1]);
    rowsByN.set(n, [...(rowsByN.get(n) ?? []), row]);
  }
  const fromAnswers = new Map<Outcome, number>();
  const count = (outcome: Outcome) => fromAnswers.set(outcome, (fromAnswers.get(outcome) ?? 0) + 1);

  for (const answer of answers) {
    const { submission } = answer;
    const label = `n° ${submission.n} (${submission.kind})`;
    const rows = rowsByN.get(submission.n) ?? [];
    if (answer.status >= 500) problems.push(`${label}: answered ${answer.status}`);
    const { outcome, problem } = outcomeOfAnswer(answer, strings);
    if (problem) {
      problems.push(`${label}: ${problem}`);
      continue;
    }
    if (answer.status === 303) {
      const id = Number(/#comment-(\d+)$/.exec(answer.location ?? '')?.[1]);
      if (rows.length !== 1) {
        problems.push(`${label}: accepted as comment ${id}, found ${rows.length} time(s) in D1`);
        continue;
      }
      const row = rows[0] as Row;
      const stored = outcomeOfRow(row);
      if (row.id !== id) problems.push(`${label}: accepted as comment ${id}, stored as ${row.id}`);
      if (stored === null) problems.push(`${label}: stored as ${row.status}/${row.held_reason}`);
      else count(stored);
      if (stored !== submission.expected) problems.push(`${label}: ${stored}, expected ${submission.expected}`);
      if (row.parent_id !== submission.parentId) {
        problems.push(`${label}: stored under ${row.parent_id}, sent as a reply to ${submission.parentId}`);
      }
    } else if (outcome) {
      count(outcome);
      if (rows.length > 0) problems.push(`${label}: refused (${outcome}) yet stored ${rows.length} time(s)`);
      if (outcome !== submission.expected) problems.push(`${label}: ${outcome}, expected ${submission.expected}`);
      // The refused form comes back filled in: nothing typed is lost.
      if (!answer.body.includes(`${strings.escapeHtml(submission.marker)}</textarea>`)) {
        problems.push(`${label}: the form did not come back with the text typed`);
      }
    }
  }

  const fromD1 = new Map<Outcome, number>();
  for (const row of results) {
    const outcome = outcomeOfRow(row);
    if (outcome) fromD1.set(outcome, (fromD1.get(outcome) ?? 0) + 1);
    else problems.push(`comment ${row.id}: unexpected ${row.status}/${row.held_reason}`);
  }
  if (results.length !== rowsByN.size) problems.push(`${results.length - rowsByN.size} submission(s) stored twice`);
  const counts = new Map<Outcome, [number, number]>();
  for (const outcome of OUTCOMES) {
    const pair: [number, number] = [fromAnswers.get(outcome) ?? 0, fromD1.get(outcome) ?? 0];
    counts.set(outcome, pair);
    // Refusals leave no row: D1's count for them is of rows that should not exist.
    const refused = outcome.startsWith('refused');
    if (!refused && pair[0] !== pair[1]) problems.push(`${outcome}: ${pair[0]} answered, ${pair[1]} in D1`);
    if (refused && pair[1] !== 0) problems.push(`${outcome}: ${pair[1]} row(s) in D1`);
  }
  return { problems, counts };
}
