// `npm run content:password`, run as a script pipes it: the front matter line
// with a hash of the password, the password itself nowhere.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../src/admin/auth/password.ts';
import { ROOT } from './run-node.ts';

const SCRIPT = join(ROOT, 'scripts', 'content-password.ts');

const run = (input: string, args: string[] = []) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, input, encoding: 'utf8' });

describe('npm run content:password', () => {
  it('prints the password line of the front matter, with a hash the Worker accepts', async () => {
    const result = run('un mot de passe assez long\n');
    expect(result.status).toBe(0);
    const line = /^password: "(pbkdf2-sha256:100000:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+)"$/m.exec(result.stdout);
    expect(line).not.toBeNull();
    expect(await verifyPassword('un mot de passe assez long', line?.[1] ?? '')).toBe(true);
    expect(result.stdout).not.toContain('un mot de passe assez long');
    expect(result.stderr).toBe('');
  });

  it('warns that a short password is quick to guess from its public hash', () => {
    const result = run('enter\n');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('under 12 characters, this password is quick to guess');
  });

  it('refuses an empty password and a password given as an argument', () => {
    expect(run('\n').stderr).toContain('content:password: no password given.');
    const argument = run('', ['enter']);
    expect(argument.status).toBe(1);
    expect(argument.stderr).toContain('the password is not an argument');
  });

  it('refuses an unknown option by its name, with the usage', () => {
    const result = run('', ['--length=20']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('content:password: unknown option --length=20');
    expect(result.stderr).toContain('Usage: npm run content:password');
    expect(result.stdout).toBe('');
  });
});
