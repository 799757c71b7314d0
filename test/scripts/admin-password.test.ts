// The pure parts of `npm run admin:password`: its arguments, the password
// rules, the keys of the hidden prompt and the edit of .dev.vars.
import { describe, expect, it } from 'vitest';
import {
  devVarsLine,
  formatInstructions,
  parseAdminPasswordArgs,
  passwordProblem,
  setDevVarsLine,
  typeKeys,
  UsageError,
} from '../../scripts/lib/admin-password.ts';

const HASH = 'pbkdf2-sha256:100000:AAECAwQFBgcICQoLDA0ODw:SdScJfWXhGIJ8Nkud3CrZOHHXpS0zmxQkmXuZxddKh4';
const LINE = `ADMIN_PASSWORD_HASH="${HASH}"`;

describe('parseAdminPasswordArgs', () => {
  it('hashes by default, writes .dev.vars when asked, helps with -h or --help', () => {
    expect(parseAdminPasswordArgs([])).toEqual({ kind: 'hash', writeDevVars: false });
    expect(parseAdminPasswordArgs(['--write-dev-vars'])).toEqual({ kind: 'hash', writeDevVars: true });
    expect(parseAdminPasswordArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseAdminPasswordArgs(['--write-dev-vars', '--help'])).toEqual({ kind: 'help' });
  });

  it('refuses unknown options, and a password given as an argument', () => {
    expect(() => parseAdminPasswordArgs(['--write'])).toThrow(new UsageError('unknown option --write'));
    expect(() => parseAdminPasswordArgs(['-w'])).toThrow(new UsageError('unknown option -w'));
    expect(() => parseAdminPasswordArgs(['--write-dev-vars=no'])).toThrow(
      new UsageError('unknown option --write-dev-vars=no'),
    );
    expect(() => parseAdminPasswordArgs(['correct horse battery staple'])).toThrow(/not an argument/);
  });
});

describe('passwordProblem', () => {
  it('refuses no password and passwords under 12 characters', () => {
    expect(passwordProblem('')).toBe('no password given');
    expect(passwordProblem('elevenchars')).toMatch(/at least 12 characters/);
    expect(passwordProblem('twelve chars')).toBeNull();
  });

  it('counts characters, not UTF-16 units or combining accents', () => {
    // 11 characters, 12 UTF-16 units (an emoji is two), 12 code points in NFD.
    expect(passwordProblem('😀bcdefghijk')).toMatch(/at least 12/);
    expect(passwordProblem('ébcdefghijk'.normalize('NFD'))).toMatch(/at least 12/);
  });
});

describe('typeKeys (the hidden prompt)', () => {
  it('collects what is typed until Enter', () => {
    expect(typeKeys('', 'corr')).toEqual({ typed: 'corr', state: 'typing' });
    expect(typeKeys('corr', 'ect\r')).toEqual({ typed: 'correct', state: 'entered' });
    // A paste of several lines: the first one.
    expect(typeKeys('', 'first\nsecond\n')).toEqual({ typed: 'first', state: 'entered' });
  });

  it('removes the last character on Backspace (DEL or ^H), the whole line on Ctrl-U', () => {
    expect(typeKeys('café', '\u007f')).toEqual({ typed: 'caf', state: 'typing' });
    expect(typeKeys('a😀', '\b')).toEqual({ typed: 'a', state: 'typing' });
    expect(typeKeys('', '\u007fx')).toEqual({ typed: 'x', state: 'typing' });
    expect(typeKeys('wrong', '\u0015right\r')).toEqual({ typed: 'right', state: 'entered' });
  });

  it('cancels on Ctrl-C, and on Ctrl-D when nothing is typed, forgetting what was typed', () => {
    expect(typeKeys('secret', '\u0003')).toEqual({ typed: '', state: 'cancelled' });
    expect(typeKeys('', '\u0004')).toEqual({ typed: '', state: 'cancelled' });
    expect(typeKeys('secret', '\u0004')).toEqual({ typed: 'secret', state: 'typing' });
  });

  it('ignores arrow and function keys and other control characters', () => {
    expect(typeKeys('ab', '\u001b[D')).toEqual({ typed: 'ab', state: 'typing' });
    expect(typeKeys('', 'a\u001b[Cb\u001b[3~c\u001bOPd\te\r')).toEqual({ typed: 'abcde', state: 'entered' });
  });
});

describe('what is printed', () => {
  it('gives the .dev.vars line and the production steps, the value without quotes', () => {
    const text = formatInstructions(HASH, false);
    expect(text.split('\n')).toContain(LINE);
    expect(text).toContain('npx wrangler secret put ADMIN_PASSWORD_HASH');
    expect(text.split('\n')).toContain(`  ${HASH}`);
    expect(devVarsLine(HASH)).toBe(LINE);
  });

  it('leaves out the .dev.vars line once it is written there', () => {
    const text = formatInstructions(HASH, true);
    expect(text).not.toContain('ADMIN_PASSWORD_HASH="');
    expect(text).toContain(`  ${HASH}`);
  });
});

describe('setDevVarsLine', () => {
  it('replaces an existing line and keeps every other line as it was', () => {
    const before = 'A = "1"\n# comment\nADMIN_PASSWORD_HASH = "old"\nB = "2"\n';
    expect(setDevVarsLine(before, LINE)).toEqual({
      text: `A = "1"\n# comment\n${LINE}\nB = "2"\n`,
      change: 'replaced',
    });
  });

  it('drops later copies of the line, which would win over the new one', () => {
    const before = 'ADMIN_PASSWORD_HASH="old"\nA=1\nexport ADMIN_PASSWORD_HASH=older\n';
    expect(setDevVarsLine(before, LINE).text).toBe(`${LINE}\nA=1\n`);
  });

  it("puts the line in place of the example's commented placeholder", () => {
    const before = '# The desk\'s password…\n# ADMIN_PASSWORD_HASH = "pbkdf2-sha256:100000:…"\nB = "2"\n';
    expect(setDevVarsLine(before, LINE)).toEqual({
      text: `# The desk's password…\n${LINE}\nB = "2"\n`,
      change: 'added',
    });
  });

  it('appends the line otherwise, on a line of its own', () => {
    expect(setDevVarsLine('A = "1"\n', LINE)).toEqual({ text: `A = "1"\n${LINE}\n`, change: 'added' });
    expect(setDevVarsLine('A = "1"', LINE).text).toBe(`A = "1"\n${LINE}\n`);
    expect(setDevVarsLine('', LINE).text).toBe(`${LINE}\n`);
  });

  it('keeps Windows line endings', () => {
    expect(setDevVarsLine('A=1\r\nADMIN_PASSWORD_HASH=old\r\n', LINE).text).toBe(`A=1\r\n${LINE}\r\n`);
  });

  it('leaves alone names that only start or end like it', () => {
    const before = 'ADMIN_PASSWORD_HASH_OLD=x\nMY_ADMIN_PASSWORD_HASH=y\n';
    expect(setDevVarsLine(before, LINE)).toEqual({ text: `${before}${LINE}\n`, change: 'added' });
  });
});
