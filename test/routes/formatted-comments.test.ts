// Formatted comments from the reader's side and the desk's: what the form
// says and stores, what the page, feeds and JSON-LD show, how a comment
// written before formatting existed looks (exactly as before), and what
// moderation still reads (the text as typed).
import { env } from 'cloudflare:test';
import { parseJsonFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildConversionStatements,
  buildUnconvertedQuery,
  type UnconvertedComment,
} from '../../scripts/lib/convert-comments';
import { formatComment } from '../../src/comments/format';
import { en } from '../../src/views/i18n/en';
import { fr } from '../../src/views/i18n/fr';
import { JSON_LD_COMMENT_CHARACTERS, shortened } from '../../src/views/seo/json-ld';
import { insertArticle, insertComment } from '../fixtures';
import { type AdminClient, adminGet, adminPost, logIn } from '../support/admin';
import { approve, commentIdFrom, postComment } from '../support/comments';
import { attributeOf, scanElements, textIn } from '../support/live-markup';
import { callWorker } from '../support/worker';

const SLUG = 'mise-en-forme';
let articleId = 0;
let admin: AdminClient;

beforeAll(async () => {
  articleId = await insertArticle({ slug: SLUG, title: 'Mise en forme' });
  await insertArticle({ slug: 'formatting', title: 'Formatting', language: 'en' });
  admin = await logIn();
});

const uniqueEmail = () => `md-${crypto.randomUUID().slice(0, 8)}@example.org`;
const pageOf = async (slug = SLUG) => (await callWorker(`/${slug}`)).text();
const stored = (id: number) =>
  env.DB.prepare('SELECT body, body_html, body_text, status, held_reason FROM comments WHERE id = ?1')
    .bind(id)
    .first<{ body: string; body_html: string | null; body_text: string | null; status: string; held_reason: string }>();

/** The tags inside a comment's body on the page, in order. */
async function tagsOfComment(html: string, id: number): Promise<string[]> {
  const tags: string[] = [];
  await new HTMLRewriter()
    .on(`#comment-${id} .comment-body *`, { element: (element) => void tags.push(element.tagName) })
    .transform(new Response(html))
    .text();
  return tags;
}

describe('the comment form', () => {
  it('says under the text which formatting it takes, in the reader’s language, tied to the field', async () => {
    const french = await pageOf();
    expect(await textIn(french, '#comment-body-hint')).toBe(fr.form.formattingHint);
    expect(await attributeOf(french, 'textarea#comment-body', 'aria-describedby')).toBe('comment-body-hint');
    expect(await textIn(await pageOf('formatting'), '#comment-body-hint')).toBe(en.form.formattingHint);
  });

  it('stores the text as typed and its HTML, and the page shows a quote, a list and a link formatted', async () => {
    const body =
      '> Une citation\n\nMa liste :\n\n- un\n- deux\n\nEt [un lien](https://exemple.fr/) puis <script>alert(1)</script>';
    const id = commentIdFrom(await postComment(SLUG, { email: uniqueEmail(), body }));
    const row = await stored(id);
    expect(row?.body).toBe(body);
    expect(row?.body_html).toBe(formatComment(body).html);
    await approve(id);
    const html = await pageOf();
    expect(await tagsOfComment(html, id)).toEqual(['blockquote', 'p', 'p', 'ul', 'li', 'li', 'p', 'a']);
    expect(await attributeOf(html, `#comment-${id} .comment-body a`, 'rel')).toBe('nofollow ugc noopener');
    // The script is text a reader can read.
    expect(await textIn(html, `#comment-${id} .comment-body`)).toContain('<script>alert(1)</script>');
  });
});

describe('a comment written before formatting existed', () => {
  // Its body_html is NULL, as migration 0013 leaves every existing comment.
  const BODY =
    'Bonjour <b>toi</b> & "vous" l\'ami,\nvoir https://exemple.fr/page?a=1&b=2. ou (https://exemple.org/x_y).\n\n\nDeuxième paragraphe *pas* en italique, `ni` en code,\n> ni en citation\n- ni en liste [ni](https://lien.example) <script>alert(1)</script>';
  // What the page showed for it before comments took Markdown: renderCommentText
  // of src/views/comments.ts at commit 5026c0b, run on BODY.
  const BEFORE =
    '<p>Bonjour &lt;b&gt;toi&lt;/b&gt; &amp; &quot;vous&quot; l&#39;ami,<br>voir <a href="https://exemple.fr/page?a=1&amp;b=2" rel="nofollow ugc noopener">https://exemple.fr/page?a=1&amp;b=2</a>. ou (<a href="https://exemple.org/x_y" rel="nofollow ugc noopener">https://exemple.org/x_y</a>).</p><p>Deuxième paragraphe *pas* en italique, `ni` en code,<br>&gt; ni en citation<br>- ni en liste [ni](<a href="https://lien.example" rel="nofollow ugc noopener">https://lien.example</a>) &lt;script&gt;alert(1)&lt;/script&gt;</p>';
  let id = 0;

  beforeAll(async () => {
    id = await insertComment({ articleId, body: BODY });
  });

  it('looks exactly as it did on the page', async () => {
    const html = await pageOf();
    expect(html).toContain(`<div class="comment-body">${BEFORE}</div>`);
  });

  it('and in the comment feed, and JSON-LD has its text as typed', async () => {
    const feed = parseJsonFeed(JSON.parse(await (await callWorker(`/${SLUG}/comments/feed.json`)).text()));
    expect(feed.items?.find((item) => item.id?.endsWith(`:${id}`))?.content_html).toBe(BEFORE);
    const script = (await scanElements(await pageOf())).find((element) =>
      element.attributes.some(([, value]) => value === 'application/ld+json'),
    );
    const graph = JSON.parse(script?.scriptText ?? '{}')['@graph'] as { '@type': string; comment?: unknown[] }[];
    const comments = graph.find((node) => node['@type'] === 'BlogPosting')?.comment as {
      '@id': string;
      text: string;
    }[];
    // As typed, shortened as JSON-LD shortens every comment.
    expect(comments.find((comment) => comment['@id'].endsWith(`#comment-${id}`))?.text).toBe(
      shortened(BODY, JSON_LD_COMMENT_CHARACTERS),
    );
  });

  it('converted as `npm run dev` and deploy convert it, it is stored as HTML and shows byte for byte as before', async () => {
    const { results } = await env.DB.prepare(buildUnconvertedQuery(0)).all<UnconvertedComment>();
    expect(results.map((row) => row.id)).toContain(id);
    const { statements, tooLong } = buildConversionStatements(results);
    expect(tooLong).toEqual([]);
    await env.DB.batch(statements.map((statement) => env.DB.prepare(statement)));
    expect(await stored(id)).toMatchObject({ body: BODY, body_html: BEFORE, body_text: BODY });
    // Nothing left: a second run reads one empty page.
    expect((await env.DB.prepare(buildUnconvertedQuery(0)).all()).results).toEqual([]);
    expect(await pageOf()).toContain(`<div class="comment-body">${BEFORE}</div>`);
    const feed = parseJsonFeed(JSON.parse(await (await callWorker(`/${SLUG}/comments/feed.json`)).text()));
    expect(feed.items?.find((item) => item.id?.endsWith(`:${id}`))?.content_html).toBe(BEFORE);
  });

  it('is formatted once the desk edits it', async () => {
    const response = await adminPost(admin, `/admin/comments/${id}/edit`, {
      author: 'Reader',
      email: 'reader@example.org',
      url: '',
      body: '> Corrigé par le bureau',
    });
    expect(response.status).toBe(303);
    expect((await stored(id))?.body_html).toBe('<blockquote><p>Corrigé par le bureau</p></blockquote>');
    expect(await tagsOfComment(await pageOf(), id)).toEqual(['blockquote', 'p']);
  });
});

describe('the desk', () => {
  it('formats the author’s reply, and shows comments in the queue as readers see them', async () => {
    const question = await insertComment({ articleId, body: 'Une question ?' });
    const response = await adminPost(admin, `/admin/comments/${question}/reply`, {
      body: 'Voici :\n\n1. **lire**\n2. `écrire`',
    });
    expect(response.status).toBe(303);
    const reply = await env.DB.prepare('SELECT id, body_html FROM comments WHERE parent_id = ?1')
      .bind(question)
      .first<{ id: number; body_html: string }>();
    expect(reply?.body_html).toBe('<p>Voici :</p><ol><li><strong>lire</strong></li><li><code>écrire</code></li></ol>');
    const queue = await (await adminGet(admin, '/admin/comments?status=approved')).text();
    expect(queue).toContain(`<div class="queue-body queue-body-formatted">${reply?.body_html}</div>`);
  });
});

describe('moderation reads the text as typed', () => {
  it('counts the addresses of Markdown links and images against COMMENT_MAX_LINKS', async () => {
    const email = uniqueEmail();
    await approve(commentIdFrom(await postComment(SLUG, { email, body: 'Premier.' })));
    const body = '[un](https://a.example/) [deux](https://b.example/) ![trois](https://c.example/i.png)';
    const id = commentIdFrom(await postComment(SLUG, { email, body }));
    expect(await stored(id)).toMatchObject({ status: 'pending', held_reason: 'too_many_links' });
  });

  it('refuses the same text twice, whatever its formatting makes of it', async () => {
    const email = uniqueEmail();
    const body = '**Deux fois** le même texte';
    expect((await postComment(SLUG, { email, body })).status).toBe(303);
    expect((await postComment(SLUG, { email, body })).status).toBe(409);
  });
});
