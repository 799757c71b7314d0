// An article's settings as content:publish writes them, run against the real
// local D1 and read back as a reader sees them: the WordPress importer's
// output for the theme unit test export's sticky, closed and excerpt posts,
// and what publishing does to comments the desk opened or closed.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements, sourceHashOf } from '../../scripts/lib/sql.ts';
import { convertExport } from '../../scripts/lib/wordpress/convert.ts';
import { setArticleCommentsOpen } from '../../src/db/moderation-edits.ts';
import { en } from '../../src/views/i18n/en';
import { fr } from '../../src/views/i18n/fr';
import themeUnitTestXml from '../data/wordpress/themeunittestdata.wordpress.xml?raw';
import { getHtml } from '../fixtures';
import { postComment } from '../support/comments';

const NOW = Math.floor(Date.now() / 1000);
const FORM = '<form id="comment-form"';

async function publish(file: string, source: string): Promise<void> {
  const post = parsePost(file, source, 'fr');
  const statements = buildPublishStatements([{ post, sourceHash: await sourceHashOf(source) }], NOW);
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

const commentsOpen = async (slug: string) =>
  (
    await env.DB.prepare('SELECT comments_open FROM articles WHERE slug = ?1')
      .bind(slug)
      .first<{ comments_open: number }>()
  )?.comments_open;

describe('posts imported from the theme unit test export', () => {
  const imported = convertExport(themeUnitTestXml, {
    timeZone: 'UTC',
    defaultLanguage: 'en',
    blogUrl: 'https://causerie.example',
  });
  const markdownOf = (slug: string) => imported.posts.find((post) => post.slug === slug)?.markdown ?? '';

  beforeAll(async () => {
    for (const slug of [
      'template-sticky',
      'template-comments-disabled',
      'template-excerpt-defined',
      'template-comments',
    ])
      await publish(`content/posts/${slug}.md`, markdownOf(slug));
  });

  it('show the sticky post first on the home page, and the defined excerpt in the list', async () => {
    const { html } = await getHtml('/');
    expect([...html.matchAll(/<h2><a href="\/([^"]+)">/g)].map((match) => match[1])[0]).toBe('template-sticky');
    expect(html).toContain(
      '<p>This is a user-defined post excerpt. It should be displayed in place of the post content in archive-index pages. It can be longer than the automatically generated excerpts, and can have HTML tags.</p>',
    );
    expect(html).not.toContain('This is the post content. It should be displayed in place of the user-defined excerpt');
  });

  it('keep a closed post closed: no form, and a comment sent anyway is refused', async () => {
    const closed = await getHtml('/template-comments-disabled');
    expect(closed.status).toBe(200);
    expect(closed.html).toContain(en.form.closed);
    expect(closed.html).not.toContain(FORM);
    const response = await postComment('template-comments-disabled');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(en.form.closed);
    // An open post stays open.
    expect((await getHtml('/template-comments')).html).toContain(FORM);
  });
});

describe('comments the desk opened or closed, at the next publish', () => {
  const file = 'content/posts/reglages.md';
  const source = (comments: string, body: string) =>
    `---\ntitle: Réglages\ndate: 2026-03-01\n${comments}---\n${body}\n`;

  it('stay as the desk set them while the file has no comments: key, even when the file is edited', async () => {
    await publish(file, source('', 'Première version.'));
    expect(await commentsOpen('reglages')).toBe(1);
    const id = (await env.DB.prepare("SELECT id FROM articles WHERE slug = 'reglages'").first<{ id: number }>())?.id;
    await setArticleCommentsOpen(env.DB, id ?? 0, false);
    await publish(file, source('', 'Seconde version.'));
    expect(await commentsOpen('reglages')).toBe(0);
    expect((await getHtml('/reglages')).html).toContain(fr.form.closed);
  });

  it('follow the file when it says comments: true or false', async () => {
    await publish(file, source('comments: true\n', 'Seconde version.'));
    expect(await commentsOpen('reglages')).toBe(1);
    await publish(file, source('comments: false\n', 'Seconde version.'));
    expect(await commentsOpen('reglages')).toBe(0);
    expect((await postComment('reglages')).status).toBe(403);
  });
});
