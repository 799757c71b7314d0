// Once per run, before the CLI tests: one local D1 with every migration
// applied, which each test file copies (local-d1.ts: migratedState) instead
// of running `wrangler d1 migrations apply` itself (15 to 30 s each on 2 CPUs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { node, WRANGLER } from './run-node.ts';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'causerie-migrated-'));
  const state = join(dir, 'state');
  const migrated = node([WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);
  if (migrated.status !== 0)
    throw new Error(`wrangler d1 migrations apply failed:\n${migrated.stderr || migrated.stdout}`);
  project.provide('migratedState', state);
  return () => rmSync(dir, { recursive: true, force: true });
}
