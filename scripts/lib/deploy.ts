// The pure part of `npm run deploy`: the preflight's verdict, which steps run,
// in what order, and what happens when one fails. Commands and the preflight go
// through injected functions, so the tests can prove the order, the stop on a
// blocker and the stop on failure without wrangler or Cloudflare.
// No Node APIs here (this file is also type-checked with the Worker's types).
import { describeMistake, readCommandLine } from './cli-args.ts';
import { describeFindings, type Finding } from './deploy-preflight.ts';

export const DEPLOY_USAGE = `Usage: npm run deploy -- [--skip-checks] [--dry-run]

  --skip-checks   leave out typecheck, lint, the schema tests and the size check (when CI already ran them)
  --dry-run       run the preflight, print the steps in order and run none of them

Before any step, a preflight lists every problem that would stop the deploy
(configuration, login, production secrets) with its fix, and stops on any.`;

export interface DeployStep {
  /** What the step does, as announced and as named when it fails. */
  name: string;
  /** The command: npm or wrangler (the project's own), then its arguments. */
  command: string[];
  /** What to do when the step fails, knowing what already ran before it. */
  whenItFails: string;
  /** One of the checks that --skip-checks leaves out. */
  check?: true;
}

/** Runs a command to completion and gives its exit status. */
export type CommandRunner = (command: string[]) => number | Promise<number>;

export interface DeployOptions {
  skipChecks: boolean;
  dryRun: boolean;
}

/** A mistake on the command line: the message is printed with the usage. */
export class DeployUsageError extends Error {
  override name = 'DeployUsageError';
}

export function parseDeployArgs(argv: readonly string[]): DeployOptions {
  const { options, positionals } = readCommandLine(
    argv,
    { 'skip-checks': { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    // deploy's own words, as before it read its options with parseArgs.
    (mistake) =>
      new DeployUsageError(
        mistake.kind === 'unknown-option' ? `unknown argument "${mistake.arg}"` : describeMistake(mistake),
      ),
  );
  if (positionals.length > 0) throw new DeployUsageError(`unknown argument "${positionals[0]}"`);
  return { skipChecks: options.has('skip-checks'), dryRun: options.has('dry-run') };
}

const CHECKS: DeployStep[] = [
  {
    name: 'typecheck',
    command: ['npm', 'run', 'typecheck'],
    whenItFails:
      'Fix the type errors above (after editing wrangler.toml, `npm run types` refreshes worker-configuration.d.ts). Nothing was deployed.',
    check: true,
  },
  {
    name: 'lint',
    command: ['npm', 'run', 'lint'],
    whenItFails: '`npm run format` fixes the formatting; fix the other findings above. Nothing was deployed.',
    check: true,
  },
  // The full suite takes minutes; deploy runs the tests of what it is about to
  // change in production: the migrations, applied to an empty D1, and every
  // query served from an index by the schema they make.
  {
    name: 'schema tests',
    command: ['npm', 'run', 'test:schema'],
    whenItFails:
      'A migration or a query does not fit the schema (see above): fix it before it reaches the production database. Nothing was deployed.',
    check: true,
  },
  {
    name: 'size check',
    command: ['npm', 'run', 'check'],
    whenItFails:
      'The Worker did not build or is over its size budget (see above): find what made it grow before deploying. Nothing was deployed.',
    check: true,
  },
];

// Local work first, so that a failure there leaves production untouched. Then:
// 1. Migrations, because everything after them may need the new schema. They only
//    ever add to it (migrations/ grows by new numbered files), so the Worker still
//    running keeps working on it if a later step fails.
//    The comments written before formatting are converted right after them.
// 2. `wrangler deploy` BEFORE publishing, although the issue listed publishing
//    first. An article may use what only the new Worker renders (a new front
//    matter key, a new column): published first, it would be served, and cached
//    for up to CACHE_TTL_SECONDS, by the old Worker, or left half-published if
//    the deploy then failed. And content:publish purges the edge cache through
//    the deployed Worker's POST /_causerie/cache/purge: after the deploy, that
//    purge retires pages in favour of the new Worker's (and on a first deploy
//    there is a Worker to ask at all).
// 3. The articles, last.
const RELEASE: DeployStep[] = [
  {
    name: "build the comment form's script",
    command: ['npm', 'run', 'build:client'],
    whenItFails: 'Fix the error in src/client above. Nothing was deployed.',
  },
  {
    name: 'apply D1 migrations to the production database',
    command: ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--remote'],
    whenItFails:
      'Nothing was deployed or published. Check that you are logged in (`npx wrangler login`) and that ' +
      '`database_id` in wrangler.toml is the one `npx wrangler d1 create causerie` printed, then run ' +
      '`npm run deploy` again: a failed migration is rolled back and applied ones are recorded, so the ' +
      'next run applies only what is missing.',
  },
  // Right after the migrations: the comments written before formatting get
  // the HTML the Worker would render for them (the same renderer), so pages
  // read it instead of rendering; a few seconds, one query when none is left.
  {
    name: 'convert the comments written before formatting',
    command: ['npm', 'run', 'comments', '--', 'convert', '--remote'],
    whenItFails:
      'The migrations are applied; the Worker in production is still the previous one and no article was ' +
      'published. Comments already converted stay so, and the others are still shown as before. Fix the error ' +
      'above, then run `npm run deploy` again: the conversion goes on with what is left.',
  },
  {
    name: 'deploy the Worker',
    command: ['wrangler', 'deploy'],
    whenItFails:
      'The migrations are applied; the Worker in production is still the previous one, and no article was ' +
      'published. Fix the error above (a secret not set yet: `npx wrangler secret put NAME`), then run ' +
      '`npm run deploy -- --skip-checks`.',
  },
  {
    name: 'publish changed articles to the production database',
    command: ['npm', 'run', 'content:publish', '--', '--remote'],
    whenItFails:
      'The new Worker is live; the articles were not changed (content:publish writes nothing unless every ' +
      'file is valid). Fix what is named above, then run `npm run content:publish -- --remote`.',
  },
];

/** Said whenever the checks run, so that nobody mistakes them for the whole suite. */
export const NOT_RUN_BY_DEPLOY =
  'Not run by deploy: the full test suite (`npm test`, several minutes). Run it, or let CI run it, after changing the code.';

export function deployPlan(options: Pick<DeployOptions, 'skipChecks'>): DeployStep[] {
  return options.skipChecks ? [...RELEASE] : [...CHECKS, ...RELEASE];
}

export const describeCommand = (command: readonly string[]): string =>
  (command[0] === 'wrangler' ? ['npx', ...command] : command).join(' ');

export interface DeployOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The preflight: every finding about the configuration, the login and the production secrets. */
export type Preflight = () => Promise<readonly Finding[]>;

/**
 * `npm run deploy` with its arguments: 0 when every step succeeded (or for a dry
 * run without blockers), 1 otherwise. No step runs while the preflight finds a blocker.
 */
export async function deploy(
  argv: readonly string[],
  run: CommandRunner,
  output: DeployOutput,
  preflight: Preflight,
  /** Where the Worker keeps its data (describeStorage), listed by a dry run. */
  storage: () => string[] = () => [],
): Promise<number> {
  let options: DeployOptions;
  try {
    options = parseDeployArgs(argv);
  } catch (error) {
    if (!(error instanceof DeployUsageError)) throw error;
    output.err(`deploy: ${error.message}\n${DEPLOY_USAGE}`);
    return 1;
  }
  const findings = await preflight();
  for (const line of describeFindings(findings)) output.out(line);
  const blockers = findings.filter((finding) => finding.severity === 'blocker').length;
  const found = blockers === 1 ? 'found a blocker (above): fix it' : `found ${blockers} blockers (above): fix them`;
  const plan = deployPlan(options);
  const numbered = (index: number) => `[${index + 1}/${plan.length}]`;
  const skipped = options.skipChecks
    ? `Checks left out (--skip-checks): typecheck, lint, schema tests, size check. ${NOT_RUN_BY_DEPLOY}`
    : NOT_RUN_BY_DEPLOY;
  if (options.dryRun) {
    const stores = storage();
    if (stores.length > 0) output.out(`The Worker's storage:\n${stores.map((line) => `  ${line}`).join('\n')}`);
    output.out('Dry run: `npm run deploy` would run, in this order, stopping at the first failure:');
    plan.forEach((step, index) => {
      output.out(`  ${numbered(index)} ${step.name}: ${describeCommand(step.command)}`);
    });
    output.out(skipped);
    if (blockers > 0) {
      output.err(`deploy: the preflight ${found} before deploying. Nothing was run.`);
      return 1;
    }
    output.out('Nothing was run.');
    return 0;
  }
  if (blockers > 0) {
    output.err(
      `deploy: stopped before any step, nothing was run: the preflight ${found}, then run \`npm run deploy\` again ` +
        '(`npm run deploy -- --dry-run` checks without deploying).',
    );
    return 1;
  }
  output.out(skipped);
  for (const [index, step] of plan.entries()) {
    output.out(`== ${numbered(index)} ${step.name}: ${describeCommand(step.command)}`);
    const status = await run(step.command);
    if (status !== 0) {
      const notRun = plan.slice(index + 1).map((later) => later.name);
      output.err(
        [
          `deploy: stopped at step ${numbered(index)}, "${step.name}" (\`${describeCommand(step.command)}\` exited with status ${status}).`,
          step.whenItFails,
          ...(notRun.length > 0 ? [`Not run: ${notRun.join('; ')}.`] : []),
        ].join('\n'),
      );
      return 1;
    }
  }
  output.out('Deployed: migrations applied, Worker live, changed articles published.');
  return 0;
}
