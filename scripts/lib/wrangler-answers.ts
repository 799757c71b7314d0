// What wrangler answered the deploy preflight (`wrangler whoami --json`,
// `wrangler secret list --format json`, `wrangler r2 bucket list`), read into what the preflight judges:
// logged in or not, the secrets' names, or why wrangler could not tell.
// No Node APIs here.

/** How a wrangler command ended: its exit status and what it printed. */
export interface WranglerAnswer {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Why wrangler could not answer: its own first error line, and whether the network was the cause. */
export interface Unanswered {
  kind: 'unanswered';
  reason: string;
  unreachable: boolean;
}

export type Login =
  | { kind: 'logged-in'; accounts: Array<{ id: string; name: string }> }
  | { kind: 'logged-out' }
  | Unanswered;

export type ProductionSecrets =
  | { kind: 'listed'; names: string[] }
  | { kind: 'no-worker' }
  /** Not asked: wrangler cannot list them without a login. */
  | { kind: 'not-asked' }
  | Unanswered;

export type BucketList =
  | { kind: 'listed'; names: string[] }
  /** Not asked: wrangler cannot list them without a login. */
  | { kind: 'not-asked' }
  | Unanswered;

// Wrangler colours its messages unless told not to; the preflight quotes them.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Wrangler's own explanation of a failure: its first error line, else its first line. */
function wranglerReason(answer: WranglerAnswer): Unanswered {
  const text = `${answer.stderr}\n${answer.stdout}`.replace(ANSI, '');
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('🪵'));
  const error = lines.find((line) => line.includes('[ERROR]'));
  const reason = (error ?? lines[0] ?? `exited with status ${answer.status}`).replace(/^✘\s*\[ERROR\]\s*/, '');
  const unreachable =
    /connectivity|unable to resolve|fetch failed|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN/i.test(text);
  return { kind: 'unanswered', reason, unreachable };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.trim());
  } catch {
    return undefined;
  }
}

/** `wrangler whoami --json`: `{"loggedIn":true,…,"accounts":[…]}`, or `{"loggedIn":false}` and status 1. */
export function readWhoami(answer: WranglerAnswer): Login {
  const json = parseJson(answer.stdout) as { loggedIn?: unknown; accounts?: unknown } | undefined;
  if (json?.loggedIn === false) return { kind: 'logged-out' };
  if (answer.status === 0 && json?.loggedIn === true && Array.isArray(json.accounts)) {
    return {
      kind: 'logged-in',
      accounts: json.accounts.map((account: { id?: unknown; name?: unknown }) => ({
        id: String(account.id),
        name: String(account.name),
      })),
    };
  }
  return wranglerReason(answer);
}

/** `wrangler secret list --format json`: `[{"name":…,"type":"secret_text"}]`. */
export function readSecretList(answer: WranglerAnswer): ProductionSecrets {
  const json = parseJson(answer.stdout);
  if (answer.status === 0 && Array.isArray(json)) {
    return { kind: 'listed', names: json.map((secret: { name?: unknown }) => String(secret.name)) };
  }
  const failure = wranglerReason(answer);
  // Wrangler's words for a Worker that was never deployed nor given a secret.
  if (/Worker ".*" (\(env: .*\) )?not found/.test(failure.reason)) return { kind: 'no-worker' };
  return failure;
}

/** `wrangler r2 bucket list`: one block of "name:  …" and "creation_date:  …" lines per bucket (it has no JSON output). */
export function readBucketList(answer: WranglerAnswer): BucketList {
  if (answer.status !== 0) return wranglerReason(answer);
  const text = answer.stdout.replace(ANSI, '');
  return { kind: 'listed', names: [...text.matchAll(/^name:\s+(\S+)\s*$/gm)].map((match) => match[1] as string) };
}

export type QueueState =
  | { kind: 'exists' }
  | { kind: 'missing' }
  /** Not asked: wrangler cannot look a queue up without a login. */
  | { kind: 'not-asked' }
  | Unanswered;

/**
 * `wrangler queues info <name>`: "Queue Name: …" lines and status 0, or `Queue "<name>" does not exist.`
 * (It asks by name, where `wrangler queues list` shows one page of an account's queues.)
 */
export function readQueueInfo(name: string, answer: WranglerAnswer): QueueState {
  const text = `${answer.stdout}\n${answer.stderr}`.replace(ANSI, '');
  if (answer.status === 0 && text.split('\n').some((line) => line.trim() === `Queue Name: ${name}`)) {
    return { kind: 'exists' };
  }
  const failure = wranglerReason(answer);
  if (failure.reason.includes(`Queue "${name}" does not exist`)) return { kind: 'missing' };
  return failure;
}
