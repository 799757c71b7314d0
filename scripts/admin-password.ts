// npm run admin:password [-- --write-dev-vars]
// Makes the ADMIN_PASSWORD_HASH secret of the moderation desk's password
// login, with the very code the Worker checks it with.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hashAdminPassword } from '../src/admin/auth/password.ts';
import {
  devVarsLine,
  formatInstructions,
  parseAdminPasswordArgs,
  passwordProblem,
  SECRET_NAME,
  setDevVarsLine,
  USAGE,
  UsageError,
} from './lib/admin-password.ts';
import { Cancelled, readNewPassword } from './lib/hidden-prompt.ts';

const DEV_VARS = '.dev.vars';
const DEV_VARS_EXAMPLE = '.dev.vars.example';

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
    result = await readNewPassword('New password for /admin: ', passwordProblem);
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
