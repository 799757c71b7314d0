// The demo pages of content/pages, published into the test D1 by the publish
// command's own SQL (scripts/lib/sql.ts), as `npm run content:publish` would.
import { env } from 'cloudflare:test';
import { readPostSet } from '../../scripts/lib/post-set.ts';
import { buildPublishStatements } from '../../scripts/lib/sql.ts';

const files = import.meta.glob('../../content/pages/*.md', { query: '?raw', import: 'default', eager: true });

export async function publishDemoPages(now = Math.floor(Date.now() / 1000)): Promise<void> {
  const sources = Object.entries(files).map(([path, source]) => ({
    file: path.replace('../../', ''),
    source: source as string,
    kind: 'page' as const,
  }));
  const { posts, errors } = await readPostSet(sources, {
    defaultLanguage: 'fr',
    readImage: () => ({ problem: 'the demo pages have no image' }),
  });
  if (errors.length > 0) throw new AggregateError(errors, errors.map((error) => error.message).join('\n'));
  await env.DB.batch(buildPublishStatements(posts, now).map((sql) => env.DB.prepare(sql)));
}
