// npm run content:password
// Makes the `password` line of a protected article's or page's front matter:
// the salted PBKDF2 hash the Worker checks a reader's password against, with
// the very code it checks it with. The password itself is never written.
import { hashPassword } from '../src/admin/auth/password.ts';
import { MIN_PASSWORD_LENGTH } from './lib/admin-password.ts';
import { type CommandLine, describeMistake, readCommandLine } from './lib/cli-args.ts';
import { Cancelled, readNewPassword } from './lib/hidden-prompt.ts';

const USAGE = `Usage: npm run content:password

Asks for the password readers will type to read a protected article or page
(twice; or reads the first line of stdin when stdin is not a terminal) and
prints the line to put in its front matter:

  password: "pbkdf2-sha256:100000:…"

The password itself is written nowhere.`;

function problem(password: string): string | null {
  return password === '' ? 'no password given' : null;
}

async function main(argv: string[]): Promise<number> {
  let commandLine: CommandLine;
  try {
    commandLine = readCommandLine(
      argv,
      { help: { type: 'boolean', short: 'h' } },
      (mistake) => new Error(describeMistake(mistake)),
    );
  } catch (error) {
    console.error(`content:password: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (commandLine.options.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (commandLine.positionals.length > 0) {
    // A password given here would stay in the shell's history and the process list.
    console.error(
      `content:password: the password is not an argument: type it when asked, or pipe it on stdin\n\n${USAGE}`,
    );
    return 1;
  }
  let result: Awaited<ReturnType<typeof readNewPassword>>;
  try {
    result = await readNewPassword('Password for readers: ', problem);
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    console.error('content:password: cancelled.');
    return 130;
  }
  if ('problem' in result) {
    console.error(`content:password: ${result.problem}.`);
    return 1;
  }
  if ([...result.password.normalize('NFC')].length < MIN_PASSWORD_LENGTH) {
    // The hash is in the repository: anyone who can read it can try short passwords offline.
    console.error(
      `content:password: warning: under ${MIN_PASSWORD_LENGTH} characters, this password is quick to guess from its hash, which anyone who can read the repository sees.`,
    );
  }
  console.log(`password: "${await hashPassword(result.password)}"`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`content:password: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
