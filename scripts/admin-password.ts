// npm run admin:password [-- --write-dev-vars]
// Makes the ADMIN_PASSWORD_HASH secret of the moderation desk's password
// login, with the very code the Worker checks it with.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { hashAdminPassword } from '../src/admin/auth/password.ts';
import {
  devVarsLine,
  formatInstructions,
  parseAdminPasswordArgs,
  passwordProblem,
  SECRET_NAME,
  setDevVarsLine,
  typeKeys,
  USAGE,
  UsageError,
} from './lib/admin-password.ts';

const DEV_VARS = '.dev.vars';
const DEV_VARS_EXAMPLE = '.dev.vars.example';

/** Thrown when the author presses Ctrl-C at a prompt. */
class Cancelled extends Error {}

/** One line from the terminal, not echoed; the prompt goes to stderr, leaving stdout to the result. */
function askHidden(prompt: string): Promise<string> {
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
async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** The new password, or the reason it is refused. */
async function readNewPassword(): Promise<{ password: string } | { problem: string }> {
  if (!process.stdin.isTTY) {
    const password = await readFirstLine();
    const problem = passwordProblem(password);
    return problem ? { problem } : { password };
  }
  const password = await askHidden('New password for /admin: ');
  // Said before the second prompt: no point typing a refused password twice.
  const problem = passwordProblem(password);
  if (problem) return { problem };
  if ((await askHidden('Same password again: ')) !== password) return { problem: 'the two passwords differ' };
  return { password };
}

/** Sets the line in ./.dev.vars and says what it did. */
function writeDevVars(line: string): string {
  let created = '';
  if (!existsSync(DEV_VARS) && existsSync(DEV_VARS_EXAMPLE)) {
    copyFileSync(DEV_VARS_EXAMPLE, DEV_VARS);
    created = ` (created from ${DEV_VARS_EXAMPLE})`;
  } else if (!existsSync(DEV_VARS)) {
    created = ' (created)';
  }
  const edit = setDevVarsLine(existsSync(DEV_VARS) ? readFileSync(DEV_VARS, 'utf8') : '', line);
  writeFileSync(DEV_VARS, edit.text);
  const what = edit.change === 'replaced' ? `Replaced ${SECRET_NAME} in` : `Added ${SECRET_NAME} to`;
  // wrangler dev itself does not reread .dev.vars; scripts/dev.ts restarts it when the file changes.
  return `${what} ${DEV_VARS}${created}; a running \`npm run dev\` restarts its server by itself to use it (a plain \`wrangler dev\` must be restarted).`;
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseAdminPasswordArgs>;
  try {
    args = parseAdminPasswordArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`admin:password: ${error.message}\n\n${USAGE}`);
    return 1;
  }
  if (args.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  let result: Awaited<ReturnType<typeof readNewPassword>>;
  try {
    result = await readNewPassword();
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    console.error('admin:password: cancelled, nothing written.');
    return 130;
  }
  if ('problem' in result) {
    console.error(`admin:password: ${result.problem}.`);
    return 1;
  }
  const hash = await hashAdminPassword(result.password);
  if (args.writeDevVars) console.log(`${writeDevVars(devVarsLine(hash))}\n`);
  console.log(formatInstructions(hash, args.writeDevVars));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`admin:password: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
