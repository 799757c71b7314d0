// A data set, seeded once into a fresh D1 through an uncached instance of the
// Worker, its pages read back for their sizes; the state is then copied for
// each instance that serves it, so that instances never share a database file
// (the comment POSTs write to the cached one's copy only).
import { cpSync } from 'node:fs';
import { type Blog, type BlogOptions, startBlog } from './runtime.ts';
import { applyMigrations, type DataSetSpec, REFERENCE_SLUG, type Seeded, seedDataSet } from './seed.ts';

export const ARTICLE = `/${REFERENCE_SLUG}`;

export interface DataSetRun {
  spec: DataSetSpec;
  seeded: Seeded;
  articleHtml: Uint8Array;
  homeHtmlBytes: number;
  /** The seeded state: copy it (copyState) for each instance. */
  stateDir: string;
}

export type StartOptions = Omit<BlogOptions, 'mode' | 'stateDir'>;

export async function seedRun(
  spec: DataSetSpec,
  stateDir: string,
  migrations: { queries: string[] }[],
  options: StartOptions,
): Promise<DataSetRun> {
  const blog = await startBlog({ ...options, mode: 'off', stateDir });
  try {
    const db = await blog.mf.getD1Database('DB');
    await applyMigrations(db, migrations);
    const seeded = await seedDataSet(db, spec);
    const article = await read(blog, ARTICLE);
    const home = await read(blog, '/');
    return { spec, seeded, articleHtml: article, homeHtmlBytes: home.byteLength, stateDir };
  } finally {
    await blog.mf.dispose();
  }
}

async function read(blog: Blog, path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(path, blog.url), { redirect: 'manual' });
  const body = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`the seeded blog answers ${response.status} on ${path}`);
  return body;
}

export function copyState(run: DataSetRun, to: string): string {
  cpSync(run.stateDir, to, { recursive: true });
  return to;
}
