// `node scripts/admin-password.ts`, run as the blog's author runs it, with the
// password piped on stdin (the prompt itself needs a terminal).
import { spawnSync } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAdminPassword } from '../../../src/admin/auth/password.ts';
import { ROOT } from './run-node.ts';

const SCRIPT = join(ROOT, 'scripts', 'admin-password.ts');
const PASSWORD = 'correct horse battery staple';

function adminPassword(args: string[], stdin: string, cwd = ROOT) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, input: stdin, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The hash in the printed `ADMIN_PASSWORD_HASH="…"` line. */
function printedHash(stdout: string): string {
  const hash = /^ADMIN_PASSWORD_HASH="([^"]+)"$/m.exec(stdout)?.[1];
  expect(hash, stdout).toBeDefined();
  return hash as string;
}

let tmp: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'causerie-admin-password-'));
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('npm run admin:password', () => {
  it('prints the .dev.vars line of a hash that verifies, and how to set the production secret', async () => {
    const result = adminPassword([], `${PASSWORD}\n`);
    expect(result.status, result.stderr).toBe(0);
    const hash = printedHash(result.stdout);
    expect(await verifyAdminPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyAdminPassword('correct horse battery stapla', hash)).toBe(false);
    expect(result.stdout).toContain('npx wrangler secret put ADMIN_PASSWORD_HASH');
    expect(result.stdout.split('\n')).toContain(`  ${hash}`);
    expect(result.stdout).not.toContain(PASSWORD);

    // Standard PBKDF2-HMAC-SHA256, as another implementation computes it.
    const [, iterations, salt, derived] = hash.split(':');
    const expected = pbkdf2Sync(PASSWORD, Buffer.from(salt as string, 'base64url'), Number(iterations), 32, 'sha256');
    expect(derived).toBe(expected.toString('base64url'));
  });

  it('reads only the first line of stdin, and takes one without a final line break', async () => {
    const twoLines = adminPassword([], `${PASSWORD}\nsomething else\n`);
    expect(await verifyAdminPassword(PASSWORD, printedHash(twoLines.stdout))).toBe(true);
    const noBreak = adminPassword([], PASSWORD);
    expect(await verifyAdminPassword(PASSWORD, printedHash(noBreak.stdout))).toBe(true);
  });

  it('refuses a password under 12 characters, and no password at all', () => {
    const short = adminPassword([], 'elevenchars\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('the password must be at least 12 characters long');
    expect(short.stdout).toBe('');

    const none = adminPassword([], '');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no password given');
  });

  it('with --write-dev-vars, replaces the line in .dev.vars and keeps the others', async () => {
    const others = [
      '# Local secrets',
      'TURNSTILE_SECRET_KEY = "1x0000000000000000000000000000000AA"',
      'IP_HASH_SALT = "x"',
    ];
    writeFileSync(
      join(tmp, '.dev.vars'),
      [others[0], others[1], 'ADMIN_PASSWORD_HASH="old"', others[2], ''].join('\n'),
    );

    const result = adminPassword(['--write-dev-vars'], `${PASSWORD}\n`, tmp);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Replaced ADMIN_PASSWORD_HASH in .dev.vars');

    const lines = readFileSync(join(tmp, '.dev.vars'), 'utf8').split('\n');
    expect(lines).toHaveLength(5);
    expect([lines[0], lines[1], lines[3]]).toEqual(others);
    const hash = printedHash(lines[2] as string);
    expect(await verifyAdminPassword(PASSWORD, hash)).toBe(true);
    // Still printed for production.
    expect(result.stdout.split('\n')).toContain(`  ${hash}`);
  });

  it('with --write-dev-vars and no .dev.vars, creates it from .dev.vars.example', async () => {
    copyFileSync(join(ROOT, '.dev.vars.example'), join(tmp, '.dev.vars.example'));
    const result = adminPassword(['--write-dev-vars'], `${PASSWORD}\n`, tmp);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Replaced ADMIN_PASSWORD_HASH in .dev.vars (created from .dev.vars.example)');

    const written = readFileSync(join(tmp, '.dev.vars'), 'utf8');
    expect(await verifyAdminPassword(PASSWORD, printedHash(written))).toBe(true);
    // The example's other secrets came along.
    expect(written).toContain('TURNSTILE_SECRET_KEY = "1x0000000000000000000000000000000AA"');
    expect(written.match(/ADMIN_PASSWORD_HASH\s*=/g)).toHaveLength(1);
    // The example's "off" (no password login) is what the hash replaced.
    expect(written).not.toMatch(/^ADMIN_PASSWORD_HASH = "off"$/m);
  });

  it('prints its usage with --help, and refuses unknown options', () => {
    const help = adminPassword(['--help'], '');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run admin:password/);
    expect(help.stdout).toContain('--write-dev-vars');

    const unknown = adminPassword(['--frobnicate'], `${PASSWORD}\n`);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown option --frobnicate');
    expect(unknown.stdout).toBe('');
  });
});
