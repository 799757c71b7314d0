// The publishing tools' command lines (`npm run comments`, `npm run deploy`):
// commands, options and every mistake said in the tool's own words. Read by
// node:util parseArgs, which workerd does not implement, so this file runs in
// Node (the comment commands themselves are tested against D1 in
// comments-cli.test.ts; admin:password's arguments in admin-password.test.ts).
import { describe, expect, it } from 'vitest';
import { parseCommentsArgs, parseIds, UsageError } from '../../scripts/lib/comments-cli.ts';
import { DeployUsageError, parseDeployArgs } from '../../scripts/lib/deploy.ts';

describe('arguments', () => {
  it('reads the commands and their options', () => {
    expect(parseCommentsArgs(['list'])).toEqual({
      command: { kind: 'list', status: 'pending' },
      remote: false,
      persistTo: undefined,
      config: undefined,
    });
    expect(parseCommentsArgs(['list', '--status', 'all', '--remote']).command).toEqual({ kind: 'list', status: 'all' });
    expect(parseCommentsArgs(['list', '--status=spam', '--persist-to=/tmp/x']).persistTo).toBe('/tmp/x');
    expect(parseCommentsArgs(['approve', '12', '3', '12', '--local'])).toEqual({
      command: { kind: 'set-status', status: 'approved', ids: [12, 3] },
      remote: false,
      persistTo: undefined,
      config: undefined,
    });
    expect(parseCommentsArgs(['spam', '7']).command).toEqual({ kind: 'set-status', status: 'spam', ids: [7] });
    expect(parseCommentsArgs(['trash', '7']).command).toEqual({ kind: 'set-status', status: 'trash', ids: [7] });
    expect(parseCommentsArgs(['delete', '7', '--remote'])).toMatchObject({
      command: { kind: 'delete', ids: [7] },
      remote: true,
    });
    expect(parseCommentsArgs(['--help']).command).toEqual({ kind: 'help' });
  });

  it.each([
    ['0'],
    ['-1'],
    ['1.5'],
    ['12abc'],
    ['0x10'],
    ['1e3'],
    [' 1'],
    ['99999999999999999999'],
    ['1; DROP TABLE comments'],
  ])('refuses the id %j', (id) => {
    expect(() => parseIds('approve', ['1', id])).toThrow(UsageError);
    expect(() => parseCommentsArgs(['approve', '1', id])).toThrow(
      `comment ids are positive integers: ${JSON.stringify(id)} is not`,
    );
  });

  it.each([
    [[], 'say what to do'],
    [['frob'], 'unknown command "frob"'],
    [['approve'], 'approve needs at least one comment id'],
    [['list', '3'], 'list takes no ids'],
    [['list', '--status', 'deleted'], '--status must be pending, approved, spam, trash or all'],
    [['list', '--status'], '--status needs a value'],
    [['approve', '3', '--status', 'spam'], '--status only applies to list'],
    [['list', '--local', '--remote'], 'choose one'],
    [['list', '--remote', '--persist-to', 'x'], '--persist-to only applies to the local D1'],
    [['list', '--force'], 'unknown option --force'],
    [['list', '-x'], 'unknown option -x'],
    [['list', '--local=yes'], 'unknown option --local=yes'],
    [['list', '--status='], '--status needs a value'],
    [['list', '--status', '--local'], '--status needs a value'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommentsArgs(argv)).toThrow(message);
  });
});

describe('npm run deploy', () => {
  it('reads its two flags, in any order', () => {
    expect(parseDeployArgs([])).toEqual({ skipChecks: false, dryRun: false });
    expect(parseDeployArgs(['--dry-run', '--skip-checks'])).toEqual({ skipChecks: true, dryRun: true });
  });

  it.each([
    [['--force'], 'unknown argument "--force"'],
    [['--dry-run=no'], 'unknown argument "--dry-run=no"'],
    [['-n'], 'unknown argument "-n"'],
    [['production'], 'unknown argument "production"'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDeployArgs(argv)).toThrow(new DeployUsageError(message));
  });
});
