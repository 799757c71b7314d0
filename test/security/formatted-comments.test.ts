// The hostile Markdown corpus (test/support/hostile-markdown.ts) sent through
// the comment form, approved, then read everywhere a comment is shown: the
// article page, its three comment feeds, its JSON-LD, and the desk's queue
// and reply page. Nowhere an element or attribute outside the comments' short
// list, an event handler or a link other than http(s)/mailto; the feeds carry
// the stored HTML, JSON-LD the plain text.
import { env } from 'cloudflare:test';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { JSON_LD_COMMENT_CHARACTERS, JSON_LD_COMMENTS, shortened } from '../../src/views/seo/json-ld';
import { insertArticle } from '../fixtures';
import { type AdminClient, adminGet, logIn } from '../support/admin';
import { commentFragmentProblems, elementsInside, markupOutsideComments } from '../support/comment-markup';
import { commentIdFrom, postComment } from '../support/comments';
import { HOSTILE_MARKDOWN, type HostileMarkdown } from '../support/hostile-markdown';
import { liveMarkup, scanElements } from '../support/live-markup';
import { callWorker } from '../support/worker';

const COMMENT_SCRIPT = '/js/comment-form.js';
// The desk's queue shows 20 comments a page: one article per 20 payloads keeps each batch on its first page.
const BATCH = 20;

interface Sent {
  payload: HostileMarkdown;
  id: number;
  html: string;
  text: string;
}

let admin: AdminClient;
const batches: { slug: string; sent: Sent[] }[] = [];

beforeAll(async () => {
  admin = await logIn();
  for (let start = 0; start < HOSTILE_MARKDOWN.length; start += BATCH) {
    const slug = `mise-en-forme-hostile-${start / BATCH + 1}`;
    await insertArticle({ slug, title: `Mise en forme hostile ${start / BATCH + 1}` });
    const sent: Sent[] = [];
    for (const [index, payload] of HOSTILE_MARKDOWN.slice(start, start + BATCH).entries()) {
      const response = await postComment(slug, { email: `md-${start + index}@example.org`, body: payload.value });
      expect(response.status, payload.name).toBe(303);
      const id = commentIdFrom(response);
      const row = await env.DB.prepare('SELECT body_html, body_text FROM comments WHERE id = ?1')
        .bind(id)
        .first<{ body_html: string | null; body_text: string | null }>();
      // Formatted when written, by the form itself.
      expect(row?.body_html, payload.name).toEqual(expect.any(String));
      sent.push({ payload, id, html: row?.body_html ?? '', text: row?.body_text ?? '' });
    }
    await env.DB.prepare("UPDATE comments SET status = 'approved' WHERE id IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify(sent.map(({ id }) => id)))
      .run();
    batches.push({ slug, sent });
  }
}, 180_000);

const batchNames = () => batches.map((batch) => [batch.slug, batch] as const);

describe('the hostile Markdown corpus', () => {
  it('covers every payload, in batches', () => {
    expect(batches.flatMap((batch) => batch.sent).length).toBe(HOSTILE_MARKDOWN.length);
  });

  it.each(HOSTILE_MARKDOWN.map((payload) => [payload.name, payload] as const))(
    'is stored as harmless HTML: %s',
    async (name, payload) => {
      const sent = batches.flatMap((batch) => batch.sent).find((entry) => entry.payload === payload);
      expect(await commentFragmentProblems(sent?.html ?? '<missing>'), name).toEqual([]);
    },
  );

  it('shows on the article page as text and allowed formatting only', async () => {
    for (const [slug, batch] of batchNames()) {
      const response = await callWorker(`/${slug}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(await liveMarkup(html, [COMMENT_SCRIPT]), slug).toEqual([]);
      expect(markupOutsideComments(await elementsInside(html, '.comment-body')), slug).toEqual([]);
      for (const { id, payload } of batch.sent) expect(html, payload.name).toContain(`id="comment-${id}"`);
    }
  });

  it('gives JSON-LD the plain text of each comment, in one block of JSON', async () => {
    for (const [slug, batch] of batchNames()) {
      const html = await (await callWorker(`/${slug}`)).text();
      const blocks = (await scanElements(html)).filter(
        (element) =>
          element.tag === 'script' && element.attributes.some(([, value]) => value === 'application/ld+json'),
      );
      const nodes = blocks.flatMap((block) => {
        const data = JSON.parse(block.scriptText);
        return (data['@graph'] ?? [data]) as Record<string, unknown>[];
      });
      const posting = nodes.find((node) => node['@type'] === 'BlogPosting');
      const comments = (posting?.comment ?? []) as { '@id': string; text: unknown }[];
      // JSON-LD carries the first few comments, shortened: each as its author wrote it.
      expect(comments.length, slug).toBe(Math.min(JSON_LD_COMMENTS, batch.sent.length));
      for (const shown of comments) {
        const sent = batch.sent.find(({ id }) => shown['@id'].endsWith(`#comment-${id}`));
        expect(shown.text, sent?.payload.name).toBe(shortened(sent?.text ?? '', JSON_LD_COMMENT_CHARACTERS));
      }
    }
  });

  it('goes into the comment feeds as the stored HTML, harmless', async () => {
    for (const [slug, batch] of batchNames()) {
      const read = async (file: string) => (await callWorker(`/${slug}/comments/${file}`)).text();
      const rss = (parseRssFeed(await read('feed.xml')).items ?? []).map((item) => item.description ?? '');
      const atom = (parseAtomFeed(await read('atom.xml')).entries ?? []).map((entry) => entry.content?.value ?? '');
      const json = (parseJsonFeed(JSON.parse(await read('feed.json'))).items ?? []).map(
        (item) => item.content_html ?? '',
      );
      for (const [format, contents] of [
        ['RSS', rss],
        ['Atom', atom],
        ['JSON Feed', json],
      ] as const) {
        expect(contents.length, `${slug} ${format}`).toBe(batch.sent.length);
        for (const content of contents) expect(await commentFragmentProblems(content), format).toEqual([]);
        // Newest first: the feed says what the page says.
        expect(contents, format).toEqual(batch.sent.map(({ html }) => html).reverse());
      }
    }
  });

  it('shows in the desk’s queue and reply page with nothing live', async () => {
    // The newest batch first: the queue lists the newest comments first.
    for (const [slug, batch] of batchNames().reverse()) {
      const queue = await adminGet(admin, '/admin/comments?status=approved');
      const html = await queue.text();
      expect(await liveMarkup(html), slug).toEqual([]);
      expect(markupOutsideComments(await elementsInside(html, '.queue-body-formatted')), slug).toEqual([]);
      for (const { id, payload } of batch.sent) {
        const reply = await (await adminGet(admin, `/admin/comments/${id}/reply`)).text();
        expect(await liveMarkup(reply), payload.name).toEqual([]);
        expect(markupOutsideComments(await elementsInside(reply, '.queue-body-formatted')), payload.name).toEqual([]);
      }
      // Put away, so that the next batch is the newest in the queue.
      await env.DB.prepare("UPDATE comments SET status = 'trash' WHERE id IN (SELECT value FROM json_each(?1))")
        .bind(JSON.stringify(batch.sent.map(({ id }) => id)))
        .run();
    }
  });
});
