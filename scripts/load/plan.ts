// The submissions of a load run, decided before it starts: each one's form,
// and the outcome the Worker owes it. Ten kinds in turn, so every block of
// ten submissions holds the same known mix.
import type { SiteverifyBehaviour } from '../turnstile/siteverify-stand-in.ts';

export type Outcome =
  | 'approved'
  | 'held: first comment'
  | 'held: unverified'
  | 'refused: turnstile'
  | 'refused: invalid';

export interface Submission {
  n: number;
  kind: string;
  /** Unique to this submission: how its row is found in D1. */
  marker: string;
  form: Record<string, string>;
  /** The siteverify stand-in's answer to its token (none: never verified). */
  siteverify: SiteverifyBehaviour | null;
  expected: Outcome;
  /** The comment it answers, when it is a reply. */
  parentId: number | null;
}

export interface PlanContext {
  runId: string;
  /** Names and e-mails with an approved comment already: their comments appear at once. */
  knownCommenters: { author: string; email: string }[];
  /** An approved comment on the article, to reply to. */
  replyTo: number;
}

interface Kind {
  name: string;
  siteverify: SiteverifyBehaviour | null;
  expected: Outcome;
  known?: boolean;
  reply?: boolean;
  badEmail?: boolean;
}

/** Per ten submissions: 4 new commenters, 1 new reply, 2 returning (one replying), 1 failed challenge, 1 slow siteverify, 1 bad e-mail. */
const KINDS: Kind[] = [
  { name: 'new commenter', siteverify: 'success', expected: 'held: first comment' },
  { name: 'new commenter', siteverify: 'success', expected: 'held: first comment' },
  { name: 'new commenter', siteverify: 'success', expected: 'held: first comment' },
  { name: 'new commenter', siteverify: 'success', expected: 'held: first comment' },
  { name: 'new commenter, reply', siteverify: 'success', expected: 'held: first comment', reply: true },
  { name: 'returning commenter', siteverify: 'success', expected: 'approved', known: true },
  { name: 'returning commenter, reply', siteverify: 'success', expected: 'approved', known: true, reply: true },
  { name: 'failed challenge', siteverify: 'failure', expected: 'refused: turnstile' },
  { name: 'siteverify too slow', siteverify: 'slow', expected: 'held: unverified' },
  { name: 'invalid e-mail', siteverify: null, expected: 'refused: invalid', badEmail: true },
];

export function planSubmissions(count: number, context: PlanContext): Submission[] {
  return Array.from({ length: count }, (_, n) => {
    const kind = KINDS[n % KINDS.length] as Kind;
    const marker = `[charge ${context.runId} n° ${n}]`;
    const known = context.knownCommenters[n % context.knownCommenters.length];
    const email = kind.known
      ? (known?.email as string)
      : kind.badEmail
        ? `visiteur-${n}-sans-arobase.example.org`
        : `visiteur-${n}@example.org`;
    const parentId = kind.reply ? context.replyTo : null;
    return {
      n,
      kind: kind.name,
      marker,
      siteverify: kind.siteverify,
      expected: kind.expected,
      parentId,
      form: {
        author: kind.known ? (known?.author as string) : `Visiteur ${n}`,
        email,
        url: n % 3 === 0 ? `https://example.org/visiteur-${n}` : '',
        body: `Merci pour cet article, il m’a fait réfléchir à ma propre façon de répondre. ${marker}`,
        parent_id: parentId === null ? '' : String(parentId),
        // The honeypot, left empty as a person leaves it.
        contact_me_by_fax_only: '',
        'cf-turnstile-response': `${kind.siteverify ?? 'success'}:${context.runId}:${n}`,
      },
    };
  });
}

/** How many siteverify calls each behaviour must have received: a slow one is tried twice. */
export function expectedSiteverifyCalls(submissions: Submission[]): Record<SiteverifyBehaviour, number> {
  const calls: Record<SiteverifyBehaviour, number> = { success: 0, failure: 0, slow: 0 };
  for (const submission of submissions) {
    if (submission.siteverify) calls[submission.siteverify] += submission.siteverify === 'slow' ? 2 : 1;
  }
  return calls;
}
