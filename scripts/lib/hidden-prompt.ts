// Reading a password in a terminal without showing it, or from the first line
// of stdin when a script pipes it: `npm run admin:password` and
// `npm run content:password`. The keys are interpreted by typeKeys
// (scripts/lib/admin-password.ts), which the tests run without a terminal.
import { createInterface } from 'node:readline';
import { typeKeys } from './admin-password.ts';

/** Thrown when the author presses Ctrl-C at a prompt. */
export class Cancelled extends Error {}

/** One line from the terminal, not echoed; the prompt goes to stderr, leaving stdout to the result. */
export function askHidden(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: string) => {
      const input = typeKeys(typed, chunk);
      typed = input.typed;
      if (input.state === 'typing') return;
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (input.state === 'entered') resolve(input.typed);
      else reject(new Cancelled());
    };
    stdin.on('data', onData);
  });
}

/** The first line of stdin (for scripts and tests), or '' when there is none. */
export async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/**
 * A new password: from stdin's first line when it is not a terminal, else
 * typed twice at hidden prompts. `problem` says why a password is refused
 * (checked before the second prompt: no point typing it twice).
 */
export async function readNewPassword(
  prompt: string,
  problem: (password: string) => string | null,
): Promise<{ password: string } | { problem: string }> {
  if (!process.stdin.isTTY) {
    const password = await readFirstLine();
    const refused = problem(password);
    return refused ? { problem: refused } : { password };
  }
  const password = await askHidden(prompt);
  const refused = problem(password);
  if (refused) return { problem: refused };
  if ((await askHidden('Same password again: ')) !== password) return { problem: 'the two passwords differ' };
  return { password };
}
