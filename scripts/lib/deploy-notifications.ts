// The deploy preflight's checks for e-mail notifications: the queues wrangler.toml
// declares (`wrangler deploy` fails while one is missing) and the sender address.
// Pure, like deploy-preflight.ts: wrangler's answers come in as data.

import { isMailAddress } from '../../src/mail-address.ts';
import type { DeployConfig, Finding } from './deploy-preflight.ts';
import type { QueueState } from './wrangler-answers.ts';

/** Every queue the Worker sends to or consumes, dead-letter queues included, once each. */
export function declaredQueues(config: Pick<DeployConfig, 'queues'>): string[] {
  const names = [
    ...(config.queues?.producers ?? []).map((producer) => producer.queue),
    ...(config.queues?.consumers ?? []).flatMap((consumer) => [consumer.queue, consumer.dead_letter_queue ?? '']),
  ];
  return [...new Set(names.filter((name) => name !== ''))];
}

const create = (name: string) => `\`npx wrangler queues create ${name}\``;

export function checkQueues(config: DeployConfig, queues: Readonly<Record<string, QueueState>>): Finding[] {
  const findings: Finding[] = [];
  for (const name of declaredQueues(config)) {
    const state = queues[name] ?? { kind: 'not-asked' };
    switch (state.kind) {
      case 'exists':
        break;
      case 'missing':
        findings.push({
          severity: 'blocker',
          problem: `Queues: the queue ${name} (e-mail notifications) does not exist on this account: \`wrangler deploy\` would fail.`,
          fix: `Run ${create(name)} (once).`,
        });
        break;
      case 'not-asked':
        findings.push({
          severity: 'not checked',
          problem: `Queue ${name}: not checked, wrangler cannot look queues up without a login.`,
          fix: `Log in (above), then run \`npm run deploy -- --dry-run\` again; a queue that does not exist yet is made with ${create(name)}.`,
        });
        break;
      case 'unanswered':
        findings.push({
          severity: 'not checked',
          problem: `Queue ${name}: not checked, ${state.unreachable ? 'Cloudflare could not be reached' : 'wrangler could not look it up'} (${state.reason}).`,
          fix: `Check that \`npx wrangler queues info ${name}\` finds it before deploying; if not, run ${create(name)}.`,
        });
        break;
    }
  }
  return findings;
}

/** An address the Worker would refuse turns notifications off in silence: say so before deploying. */
export function checkMailFrom(vars: DeployConfig['vars']): Finding[] {
  const from = typeof vars.MAIL_FROM === 'string' ? vars.MAIL_FROM.trim() : '';
  if (from === '' || isMailAddress(from)) return [];
  return [
    {
      severity: 'blocker',
      problem: `wrangler.toml: MAIL_FROM "${from}" is not one e-mail address, so no notification would be sent.`,
      fix: 'Set MAIL_FROM in [vars] to an address on a domain onboarded to Cloudflare Email Service, such as "blog@example.com", or to "" to leave notifications off.',
    },
  ];
}
