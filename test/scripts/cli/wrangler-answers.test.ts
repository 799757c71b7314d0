// Reading what wrangler answers the deploy preflight, from what wrangler 4 prints.
import { describe, expect, it } from 'vitest';
import { readBucketList, readQueueInfo, readSecretList, readWhoami } from '../../../scripts/lib/wrangler-answers.ts';

// What wrangler 4 prints (`wrangler whoami --json`, `wrangler secret list --format json`).
describe("reading wrangler's answers", () => {
  it('whoami: logged in with its accounts, logged out, or why it could not tell', () => {
    expect(
      readWhoami({
        status: 0,
        stdout:
          '{"loggedIn":true,"authType":"OAuth Token","email":"elise@example.com","accounts":[{"id":"a1b2c3","name":"Élise"}],"tokenPermissions":[]}',
        stderr: '',
      }),
    ).toEqual({ kind: 'logged-in', accounts: [{ id: 'a1b2c3', name: 'Élise' }] });
    expect(readWhoami({ status: 1, stdout: '\n{"loggedIn":false}\n', stderr: '' })).toEqual({ kind: 'logged-out' });
    expect(
      readWhoami({
        status: 1,
        stdout: '',
        stderr:
          "\u001b[31m✘ \u001b[41;31m[\u001b[41;97mERROR\u001b[41;31m]\u001b[0m \u001b[1mUnable to resolve Cloudflare's API hostname (api.cloudflare.com or dash.cloudflare.com).\u001b[0m\n\n  This is typically caused by:\n    - No internet connection or network connectivity issues\n",
      }),
    ).toEqual({
      kind: 'unanswered',
      reason: "Unable to resolve Cloudflare's API hostname (api.cloudflare.com or dash.cloudflare.com).",
      unreachable: true,
    });
    expect(
      readWhoami({
        status: 1,
        stdout: '',
        stderr:
          '✘ [ERROR] A request to the Cloudflare API (/user/tokens/verify) failed.\n\n  Invalid API Token [code: 1000]\n',
      }),
    ).toEqual({
      kind: 'unanswered',
      reason: 'A request to the Cloudflare API (/user/tokens/verify) failed.',
      unreachable: false,
    });
  });

  it('secret list: the names, a Worker that does not exist yet, or why it could not list them', () => {
    expect(
      readSecretList({
        status: 0,
        stdout: '[\n  {\n    "name": "IP_HASH_SALT",\n    "type": "secret_text"\n  }\n]\n',
        stderr: '',
      }),
    ).toEqual({ kind: 'listed', names: ['IP_HASH_SALT'] });
    expect(
      readSecretList({
        status: 1,
        stdout: '',
        stderr:
          '✘ [ERROR] Worker "causerie" not found.\n\n  If this is a new Worker, run `wrangler deploy` first to create it.\n',
      }),
    ).toEqual({ kind: 'no-worker' });
    expect(
      readSecretList({
        status: 1,
        stdout: '',
        stderr: '▲ [WARNING] A fetch request failed, likely due to a connectivity issue.\n✘ [ERROR] fetch failed\n',
      }),
    ).toEqual({ kind: 'unanswered', reason: 'fetch failed', unreachable: true });
  });

  it('r2 bucket list: the names of its text blocks, or why it could not list them', () => {
    const stdout =
      'Listing buckets...\nname:           causerie-media\ncreation_date:  2026-12-01T10:00:00.000Z\n\nname:           autre\ncreation_date:  2026-12-02T10:00:00.000Z\n';
    expect(readBucketList({ status: 0, stdout, stderr: '' })).toEqual({
      kind: 'listed',
      names: ['causerie-media', 'autre'],
    });
    expect(readBucketList({ status: 0, stdout: 'Listing buckets...\n', stderr: '' })).toEqual({
      kind: 'listed',
      names: [],
    });
    expect(readBucketList({ status: 1, stdout: '', stderr: '✘ [ERROR] fetch failed\n' })).toMatchObject({
      kind: 'unanswered',
      reason: 'fetch failed',
      unreachable: true,
    });
  });

  it('queues info: found by its name, missing, or why wrangler could not look it up', () => {
    const stdout =
      'Queue Name: causerie-notifications\nQueue ID: 7f1c\nCreated On: 2026-12-01T10:00:00Z\nNumber of Producers: 1\n';
    expect(readQueueInfo('causerie-notifications', { status: 0, stdout, stderr: '' })).toEqual({ kind: 'exists' });
    // Another queue's answer (a name that only starts the same) is not this one.
    expect(readQueueInfo('causerie', { status: 0, stdout, stderr: '' })).toMatchObject({ kind: 'unanswered' });
    expect(
      readQueueInfo('causerie-notifications-dlq', {
        status: 1,
        stdout: '',
        stderr:
          '✘ [ERROR] Queue "causerie-notifications-dlq" does not exist. To create it, run: wrangler queues create causerie-notifications-dlq\n',
      }),
    ).toEqual({ kind: 'missing' });
    expect(
      readQueueInfo('causerie-notifications', { status: 1, stdout: '', stderr: '✘ [ERROR] fetch failed\n' }),
    ).toEqual({
      kind: 'unanswered',
      reason: 'fetch failed',
      unreachable: true,
    });
  });
});
