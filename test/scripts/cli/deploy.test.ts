// `npm run deploy`: the order of its steps and what a failure stops, proven
// with a recording command runner (nothing reaches wrangler or Cloudflare),
// and the real script's --dry-run.
import { describe, expect, it } from 'vitest';
import { deploy } from '../../../scripts/lib/deploy.ts';
import { node } from './run-node.ts';

const MIGRATE = 'wrangler d1 migrations apply DB --remote';
const WORKER = 'wrangler deploy';
const PUBLISH = 'npm run content:publish -- --remote';
const FULL = [
  'npm run typecheck',
  'npm run lint',
  'npm test',
  'npm run check',
  'npm run build:client',
  MIGRATE,
  WORKER,
  PUBLISH,
];

/** Runs `npm run deploy` with a runner that records commands and fails the one given. */
async function deployWith(argv: string[], failing?: string) {
  const ran: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const status = await deploy(
    argv,
    (command) => {
      ran.push(command.join(' '));
      return command.join(' ') === failing ? 2 : 0;
    },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  );
  return { status, ran, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run deploy', () => {
  it('checks, then migrates, deploys the Worker and publishes the articles, in that order', async () => {
    const result = await deployWith([]);
    expect(result.status).toBe(0);
    expect(result.ran).toEqual(FULL);
    // Each step is announced before it runs.
    expect(result.out).toContain(`== [6/8] apply D1 migrations to the production database: npx ${MIGRATE}`);
    expect(result.out).toContain('Deployed:');
  });

  it('stops at the first failure, names the step and what to do, and runs nothing after it', async () => {
    const result = await deployWith([], MIGRATE);
    expect(result.status).toBe(1);
    expect(result.ran).toEqual(FULL.slice(0, FULL.indexOf(MIGRATE) + 1));
    expect(result.err).toContain(
      'stopped at step [6/8], "apply D1 migrations to the production database" (`npx wrangler d1 migrations apply DB --remote` exited with status 2)',
    );
    expect(result.err).toContain('Nothing was deployed or published');
    expect(result.err).toContain('Not run: deploy the Worker; publish changed articles to the production database.');
    expect(result.out).not.toContain('Deployed:');
  });

  it('publishes no article when the Worker deploy fails', async () => {
    const result = await deployWith([], WORKER);
    expect(result.status).toBe(1);
    expect(result.ran).not.toContain(PUBLISH);
    expect(result.err).toContain('"deploy the Worker"');
    expect(result.err).toContain('npm run deploy -- --skip-checks');
  });

  it('touches nothing remote when a check fails', async () => {
    const result = await deployWith([], 'npm test');
    expect(result.status).toBe(1);
    expect(result.ran).toEqual(['npm run typecheck', 'npm run lint', 'npm test']);
    expect(result.err).toContain('"tests"');
  });

  it('--skip-checks leaves out typecheck, lint, tests and the size check, and nothing else', async () => {
    const result = await deployWith(['--skip-checks']);
    expect(result.status).toBe(0);
    expect(result.ran).toEqual(['npm run build:client', MIGRATE, WORKER, PUBLISH]);
    expect(result.out).toContain('--skip-checks');
  });

  it('--dry-run prints the plan and runs nothing', async () => {
    const result = await deployWith(['--dry-run']);
    expect(result.status).toBe(0);
    expect(result.ran).toEqual([]);
    expect(result.out).toContain(`[8/8] publish changed articles to the production database: ${PUBLISH}`);
    expect(result.out).toContain('Nothing was run.');
  });

  it('refuses an unknown option before running anything', async () => {
    const result = await deployWith(['--skip-check']);
    expect(result.status).toBe(1);
    expect(result.ran).toEqual([]);
    expect(result.err).toContain('unknown argument "--skip-check"');
    expect(result.err).toContain('--skip-checks');
  });

  it('as a script, --dry-run lists the steps in order and exits 0', () => {
    const result = node(['scripts/deploy.ts', '--dry-run']);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => /^\s+\[\d\/8\]/.test(line));
    expect(lines.map((line) => line.slice(line.indexOf(': ') + 2))).toEqual(
      FULL.map((command) => (command.startsWith('wrangler') ? `npx ${command}` : command)),
    );
    expect(result.stdout).toContain('Nothing was run.');
  });
});
