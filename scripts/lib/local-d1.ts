// The local D1 that `wrangler d1 execute --local` and `wrangler dev` use (the
// same database id and state folder), opened in this process through
// Miniflare, as wrangler itself does. Two reasons: each `wrangler` process
// costs seconds to start, and wrangler hands each statement to the database
// over a round trip of its own (5,000 statements: about 25 s on a 2-CPU
// machine). Here a small Worker receives all of a batch's statements in one
// request and runs them with D1's batch(): one transaction, as with --file.
import { join, resolve } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import type { D1Target } from '../wrangler.ts';

const BATCH_WORKER = `export default {
  async fetch(request, env) {
    const statements = await request.json();
    try {
      const results = await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
      return Response.json(results.map((result) => result.results ?? []));
    } catch (error) {
      return new Response(String(error?.cause?.message ?? error?.message ?? error), { status: 500 });
    }
  },
};`;

export type Row = Record<string, unknown>;

export interface LocalD1 {
  /** Runs the statements in one transaction and returns the rows of each. */
  batch(statements: string[]): Promise<Row[][]>;
  dispose(): Promise<void>;
}

/** Where wrangler keeps the local state and which id the DB binding has there. */
function localDatabase(target: D1Target): { persistencePath: string; id: string } {
  const config = unstable_readConfig({ config: target.config }, { hideWarnings: true });
  const database = config.d1_databases.find((entry: { binding: string }) => entry.binding === 'DB');
  if (!database) throw new Error('wrangler.toml has no [[d1_databases]] with binding = "DB"');
  const configDir = config.userConfigPath ? resolve(config.userConfigPath, '..') : process.cwd();
  return {
    // As wrangler: --persist-to from the working directory, else .wrangler/state beside wrangler.toml.
    persistencePath: target.persistTo ? resolve(target.persistTo) : join(configDir, '.wrangler', 'state'),
    id: database.preview_database_id ?? database.database_id ?? database.binding,
  };
}

export async function openLocalD1(target: D1Target): Promise<LocalD1> {
  const { persistencePath, id } = localDatabase(target);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: BATCH_WORKER,
      resourcePersistencePath: join(persistencePath, 'v3'),
      d1Databases: { DB: id },
    }),
  );
  await mf.ready;
  return {
    async batch(statements) {
      if (statements.length === 0) return [];
      const response = await mf.dispatchFetch('http://local-d1/', { method: 'POST', body: JSON.stringify(statements) });
      if (!response.ok) throw new Error(`local D1: ${await response.text()}`);
      return (await response.json()) as Row[][];
    },
    dispose: () => mf.dispose(),
  };
}

/** Opens the local D1 for one use and closes it after. */
export async function withLocalD1<T>(target: D1Target, use: (db: LocalD1) => Promise<T>): Promise<T> {
  const db = await openLocalD1(target);
  try {
    return await use(db);
  } finally {
    await db.dispose();
  }
}
