// The test export imported into the Worker's D1 with the statements the
// importer sends (publish, then comments and mentions), then read as a visitor
// would: old addresses lead to the new pages, threads are whole, drafts and
// spam stay hidden. The command itself is run in test/scripts/cli/import-wordpress.test.ts.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { convertExport } from '../../scripts/lib/wordpress/convert.ts';
import { buildCommentStatements, buildMentionStatements } from '../../scripts/lib/wordpress/sql.ts';
import exportXml from '../data/wordpress/export.xml?raw';
import { get, getHtml } from '../fixtures.ts';

const ARTICLE = 'accueillir-les-nouveaux-venus';

beforeAll(async () => {
  const converted = convertExport(exportXml, {
    timeZone: 'Europe/Paris',
    defaultLanguage: 'fr',
    blogUrl: 'http://localhost:8787',
  });
  const posts = await Promise.all(
    converted.posts.map(async (imported) => ({
      post: parsePost(`${imported.slug}.md`, imported.markdown, 'fr'),
      sourceHash: await sourceHashOf(imported.markdown),
    })),
  );
  const statements = [
    ...buildPublishStatements(posts, Math.floor(Date.now() / 1000)),
    ...buildCommentStatements(converted.comments),
    ...buildMentionStatements(converted.mentions),
  ];
  for (const statement of statements) await env.DB.prepare(statement).run();
});

describe('a blog imported from WordPress', () => {
  it('answers the old addresses with a 301 to the new page', async () => {
    for (const old of ['/?p=1312', '/2012/03/14/accueillir-les-nouveaux-venus/']) {
      const response = await get(old);
      expect(response.status, old).toBe(301);
      expect(new URL(response.headers.get('location') ?? '', 'http://localhost:8787').pathname, old).toBe(
        `/${ARTICLE}`,
      );
    }
  });

  it('shows every approved comment in its thread, four levels deep, and neither the spam nor the pending one', async () => {
    const { status, html } = await getHtml(`/${ARTICLE}`);
    expect(status).toBe(200);
    // The comments as listed on the page (the structured data in <head> repeats them).
    const list = html.slice(html.indexOf('<ol class="comment-list">'));
    const bodies = [
      'Très juste ! Sur notre forum',
      'Merci Lucien ! Une charte d’une page',
      'Et quand la charte est courte',
      'Oui ! Deux fois plus de réponses',
    ].map((text) => list.indexOf(text));
    expect(bodies.every((index) => index > 0)).toBe(true);
    expect([...bodies].sort((a, b) => a - b)).toEqual(bodies);
    // Each reply opens one more level of replies under the previous comment.
    const between = list.slice(bodies[0], bodies[3]);
    expect(between.match(/<ol class="comment-replies">/g)).toHaveLength(3);
    expect(html).not.toContain('pilules');
    expect(html).not.toContain('j’attends toujours qu’on m’accueille');
  });

  it('shows the featured image with its caption, and the body without anything that runs', async () => {
    const { html } = await getHtml(`/${ARTICLE}`);
    expect(html).toContain('https://ancien-carnet.example/wp-content/uploads/2012/03/accueil.jpg');
    expect(html).toContain('<figcaption>La « table d’accueil » du café associatif</figcaption>');
    const other = await getHtml('/moderation-lart-de-dire-non');
    expect(other.status).toBe(200);
    expect(other.html).not.toMatch(/alert\(|onclick=|onerror=|javascript:|<iframe/i);
  });

  it('keeps the draft out of sight, at its new address and at its old one', async () => {
    expect((await get('/brouillon-les-trolls-sympathiques')).status).toBe(404);
    expect((await get('/?p=1402')).status).toBe(404);
  });
});
