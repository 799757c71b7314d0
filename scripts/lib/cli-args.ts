// Command lines read by node:util parseArgs (its tokens), with the publishing
// tools' own words for mistakes: "unknown option --x", "--x needs a value".
// parseArgs' strict mode would refuse those too, but in Node's wording, and it
// would take "-1" (a bad comment id) for an option.
import { parseArgs } from 'node:util';

export type OptionTypes = Record<string, { type: 'boolean' | 'string'; short?: string }>;

/** What is wrong with a command line: an unknown option (or a flag given a value), or a value option without one. */
export type CommandLineMistake = { kind: 'unknown-option'; arg: string } | { kind: 'missing-value'; option: string };

/** The usual words for a mistake; a tool may use its own. */
export function describeMistake(mistake: CommandLineMistake): string {
  return mistake.kind === 'unknown-option' ? `unknown option ${mistake.arg}` : `--${mistake.option} needs a value`;
}

export interface CommandLine {
  /** The options given, by long name: true for a flag, the text for a value (the last one given). */
  options: Map<string, string | true>;
  positionals: string[];
}

/**
 * Reads `argv` against the known options; throws what `usageError` makes of
 * an unknown option, a flag given a value, or a value option given none.
 * `--help` (when known) ends the reading: what follows it is not checked.
 */
export function readCommandLine(
  argv: readonly string[],
  known: OptionTypes,
  usageError: (mistake: CommandLineMistake) => Error,
): CommandLine {
  const { tokens } = parseArgs({
    args: [...argv],
    options: known,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  const numbers = new Set<number>();
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const raw = argv[token.index] as string;
    // "-1" is a (bad) number, not an option: let the command's checks say so.
    if (/^-\d/.test(raw)) {
      if (!numbers.has(token.index)) positionals.push(raw);
      numbers.add(token.index);
      continue;
    }
    const type = Object.hasOwn(known, token.name) ? known[token.name]?.type : undefined;
    if (type === 'boolean' && !token.inlineValue) {
      options.set(token.name, true);
      if (token.name === 'help') break;
    } else if (type === 'string') {
      const value = token.value;
      if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('--'))) {
        throw usageError({ kind: 'missing-value', option: token.name });
      }
      options.set(token.name, value);
    } else {
      throw usageError({ kind: 'unknown-option', arg: raw });
    }
  }
  return { options, positionals };
}
