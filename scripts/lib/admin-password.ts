// The pure parts of `npm run admin:password`: its arguments, the password
// rules, the keys typed at the hidden prompt, what it prints and the edit of
// .dev.vars. Nothing but node:util parseArgs of Node's APIs.
import { describeMistake, readCommandLine } from './cli-args.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const SECRET_NAME = 'ADMIN_PASSWORD_HASH';

export const USAGE = `Usage: npm run admin:password [-- --write-dev-vars]

Asks for the moderation desk's password twice (or reads it from the first line
of stdin when stdin is not a terminal) and prints its salted PBKDF2 hash: the
${SECRET_NAME} line for .dev.vars, and how to set the production secret.

Options:
  --write-dev-vars   put the line in .dev.vars (created from .dev.vars.example
                     if absent), replacing any ${SECRET_NAME} already there
  -h, --help         this help`;

/** A mistake on the command line: the message is printed with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type AdminPasswordArgs = { kind: 'help' } | { kind: 'hash'; writeDevVars: boolean };

/** Parses the arguments after `npm run admin:password --`; throws UsageError. */
export function parseAdminPasswordArgs(argv: readonly string[]): AdminPasswordArgs {
  const { options, positionals } = readCommandLine(
    argv,
    { help: { type: 'boolean', short: 'h' }, 'write-dev-vars': { type: 'boolean' } },
    (mistake) => new UsageError(describeMistake(mistake)),
  );
  if (options.has('help')) return { kind: 'help' };
  // A password given here would stay in the shell's history and the process list.
  if (positionals.length > 0) {
    throw new UsageError('the password is not an argument: type it when asked, or pipe it on stdin');
  }
  return { kind: 'hash', writeDevVars: options.has('write-dev-vars') };
}

/** Why a new password is refused, or null when it will do. */
export function passwordProblem(password: string): string | null {
  if (password === '') return 'no password given';
  // Counted as the hash sees it: NFC, in code points ("é" is one character however typed).
  if ([...password.normalize('NFC')].length < MIN_PASSWORD_LENGTH) {
    return `the password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  }
  return null;
}

export interface HiddenInput {
  typed: string;
  state: 'typing' | 'entered' | 'cancelled';
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACE = new Set(['\u007f', '\b']);
// Arrow, function and Alt keys: ESC [ … final byte, ESC O x, ESC x.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what these keys start with.
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?/gs;

/**
 * What the terminal sends in raw mode (it echoes nothing), applied to what
 * was typed so far: Enter ends the line, Backspace removes the last
 * character, Ctrl-U the whole line, Ctrl-C (or Ctrl-D on an empty line)
 * cancels. A chunk may hold many keys (a paste, fast typing); arrow and
 * function keys and other control characters are ignored, not typed.
 */
export function typeKeys(typed: string, chunk: string): HiddenInput {
  let text = typed;
  for (const char of chunk.replace(ESCAPE_SEQUENCE, '')) {
    if (char === '\r' || char === '\n') return { typed: text, state: 'entered' };
    if (char === CTRL_C || (char === CTRL_D && text === '')) return { typed: '', state: 'cancelled' };
    if (BACKSPACE.has(char)) text = [...text].slice(0, -1).join('');
    else if (char === CTRL_U) text = '';
    else if (char >= ' ') text += char;
  }
  return { typed: text, state: 'typing' };
}

/** The .dev.vars line; the hash holds only [A-Za-z0-9_:-], safe in double quotes. */
export function devVarsLine(hash: string): string {
  return `${SECRET_NAME}="${hash}"`;
}

/** What the command prints once the hash is made (without the .dev.vars line with --write-dev-vars). */
export function formatInstructions(hash: string, devVarsWritten: boolean): string {
  const local = devVarsWritten ? [] : ['For local development, put this line in .dev.vars:', '', devVarsLine(hash), ''];
  return [
    ...local,
    'In production, run',
    '',
    `  npx wrangler secret put ${SECRET_NAME}`,
    '',
    'and paste this value when asked (without quotes):',
    '',
    `  ${hash}`,
  ].join('\n');
}

export interface DevVarsEdit {
  text: string;
  /** Whether an existing line was replaced, or the line added. */
  change: 'replaced' | 'added';
}

const ACTIVE_LINE = new RegExp(`^\\s*(?:export\\s+)?${SECRET_NAME}\\s*=`);
// The example's placeholder, "# ADMIN_PASSWORD_HASH = …", under the comment that explains it.
const PLACEHOLDER_LINE = new RegExp(`^\\s*#\\s*${SECRET_NAME}\\s*=`);

/**
 * .dev.vars with the ADMIN_PASSWORD_HASH line set, every other line as it
 * was: the first existing line is replaced and any later one dropped (the
 * last would win otherwise); else the commented placeholder becomes the line;
 * else it is appended.
 */
export function setDevVarsLine(text: string, line: string): DevVarsEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines.some((candidate) => ACTIVE_LINE.test(candidate))) {
    let first = true;
    const kept = lines.flatMap((candidate) => {
      if (!ACTIVE_LINE.test(candidate)) return [candidate];
      const replacement = first ? [line] : [];
      first = false;
      return replacement;
    });
    return { text: kept.join(eol), change: 'replaced' };
  }
  const placeholder = lines.findIndex((candidate) => PLACEHOLDER_LINE.test(candidate));
  if (placeholder !== -1) {
    lines[placeholder] = line;
    return { text: lines.join(eol), change: 'added' };
  }
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  return { text: `${text}${separator}${line}${eol}`, change: 'added' };
}
