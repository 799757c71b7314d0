// Comments pages, as WordPress paginates them: COMMENTS_PER_PAGE (50 in
// wrangler.toml) threads a page, oldest first, each thread whole.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, get, getHtml, insertArticle, insertComment, now } from '../fixtures';
import { commentIdFrom, cookieFrom, postComment } from '../support/comments';

const BASE = now() - 30 * DAY;
const MINUTE = 60;

/** `count` top-level comments, one a minute from `from`, inserted in one batch; their ids in order. */
async function insertThreads(articleId: number, count: number, from = BASE): Promise<number[]> {
  const results = await env.DB.batch(
    Array.from({ length: count }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO comments (article_id, author_name, author_email, body, status, created_at)
         VALUES (?1, ?2, 'reader@example.org', ?3, 'approved', ?4) RETURNING id`,
      ).bind(articleId, `Lecteur ${i}`, `Fil numéro ${i}.`, from + i * MINUTE),
    ),
  );
  return results.map((result) => (result.results[0] as { id: number }).id);
}

/** The comment ids of a page's comments section, in document order. */
function commentIds(html: string): number[] {
  const section = /<section id="comments"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...section.matchAll(/<li id="comment-(\d+)"/g)].map((match) => Number(match[1]));
}

function paginationOf(html: string): string {
  return /<nav class="comments-pagination"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
}

// "fil-long": 120 threads; every tenth has a reply and a reply to that reply,
// written days later; thread 49 (the last of page 1) got the very last reply.
let threads: number[];
const replies = new Map<number, number[]>();

beforeAll(async () => {
  const id = await insertArticle({ slug: 'fil-long', title: 'Un long fil' });
  threads = await insertThreads(id, 120);
  for (let i = 0; i < 120; i += 10) {
    const parent = threads[i] as number;
    const reply = await insertComment({ articleId: id, parentId: parent, createdAt: BASE + 10 * DAY + i });
    const nested = await insertComment({ articleId: id, parentId: reply, createdAt: BASE + 11 * DAY + i });
    replies.set(parent, [reply, nested]);
  }
  const last = threads[49] as number;
  replies.set(last, [await insertComment({ articleId: id, parentId: last, createdAt: BASE + 20 * DAY })]);
  // Neither held nor spam comments count or show.
  await insertComment({ articleId: id, body: 'En attente', status: 'pending', createdAt: BASE + DAY });
  await insertComment({ articleId: id, parentId: threads[0] as number, body: 'Pourriel', status: 'spam' });
});

/** Document order of threads `from`..`to` (exclusive): each comment followed by its replies. */
function expectedOrder(from: number, to: number): number[] {
  return threads.slice(from, to).flatMap((id) => [id, ...(replies.get(id) ?? [])]);
}

describe('an article with 120 threads, 50 a page', () => {
  it('shows the first 50 threads whole on the article’s own URL', async () => {
    const { status, html } = await getHtml('/fil-long');
    expect(status).toBe(200);
    expect(commentIds(html)).toEqual(expectedOrder(0, 50));
    // The last thread of the page keeps its reply, written after every later thread.
    const item = html.slice(html.indexOf(`<li id="comment-${threads[49]}"`));
    expect(item.indexOf('<ol class="comment-replies">')).toBeLessThan(
      item.indexOf(`<li id="comment-${replies.get(threads[49] as number)?.[0]}"`),
    );
  });

  it('shows the next 50 on page 2 and the last 20 on page 3', async () => {
    expect(commentIds((await getHtml('/fil-long?cpage=2')).html)).toEqual(expectedOrder(50, 100));
    const last = await getHtml('/fil-long?cpage=3');
    expect(last.status).toBe(200);
    expect(commentIds(last.html)).toEqual(expectedOrder(100, 120));
  });

  it('never splits a thread: every approved comment is on exactly one page', async () => {
    const paths = ['/fil-long', '/fil-long?cpage=2', '/fil-long?cpage=3'];
    const pages = await Promise.all(paths.map(async (path) => commentIds((await getHtml(path)).html)));
    const all = pages.flat();
    expect(all).toHaveLength(145);
    expect(new Set(all).size).toBe(145);
    for (const [thread, [reply, nested] = []] of replies) {
      const page = pages.find((ids) => ids.includes(thread));
      expect(page).toContain(reply);
      if (nested) expect(page).toContain(nested);
    }
  });

  it('counts every approved comment in the heading and the header link, on every page', async () => {
    for (const path of ['/fil-long', '/fil-long?cpage=2', '/fil-long?cpage=3']) {
      const { html } = await getHtml(path);
      expect(html, path).toContain('<h2>145 commentaires à «\u00a0Un long fil\u00a0»</h2>');
      expect(html, path).toContain('<a href="#comments">145 commentaires</a>');
      expect(html, path).not.toContain('En attente');
      expect(html, path).not.toContain('Pourriel');
    }
  });

  it('links the pages below the list, older comments first', async () => {
    const first = paginationOf((await getHtml('/fil-long')).html);
    expect(first).toBe(`<nav class="comments-pagination" aria-label="Pages des commentaires">

<span>Page 1 sur 3</span>
<a rel="next" href="/fil-long?cpage=2#comments">Commentaires plus récents →</a>
</nav>`);
    const second = paginationOf((await getHtml('/fil-long?cpage=2')).html);
    expect(second).toContain('<a rel="prev" href="/fil-long#comments">← Commentaires plus anciens</a>');
    expect(second).toContain('<span>Page 2 sur 3</span>');
    expect(second).toContain('<a rel="next" href="/fil-long?cpage=3#comments">');
    const third = paginationOf((await getHtml('/fil-long?cpage=3')).html);
    expect(third).toContain('<a rel="prev" href="/fil-long?cpage=2#comments">');
    expect(third).not.toContain('rel="next"');
    // Below the list, inside the comments section, before the form.
    const { html } = await getHtml('/fil-long?cpage=2');
    expect(html.indexOf('<nav class="comments-pagination"')).toBeGreaterThan(html.indexOf('<ol class="comment-list">'));
    expect(html.indexOf('<nav class="comments-pagination"')).toBeLessThan(html.indexOf('</section>'));
  });

  it('declares each comments page as its own canonical URL', async () => {
    expect((await getHtml('/fil-long')).html).toContain('<link rel="canonical" href="http://localhost:8787/fil-long">');
    expect((await getHtml('/fil-long?cpage=3')).html).toContain(
      '<link rel="canonical" href="http://localhost:8787/fil-long?cpage=3">',
    );
  });

  it('redirects ?cpage=1 to the article’s own URL', async () => {
    const response = await get('/fil-long?cpage=1');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/fil-long');
    expect((await get('/Fil-Long?cpage=2')).headers.get('location')).toBe('/fil-long?cpage=2');
  });

  it.each(['0', 'abc', '-1', '2.0', '', '2&cpage=3'])('answers 400 to ?cpage=%s', async (value) => {
    const { status, html } = await getHtml(`/fil-long?cpage=${value}`);
    expect(status).toBe(400);
    expect(html).toContain('<h1>Requête invalide</h1>');
  });

  it.each(['4', '99999999'])('answers 404 past the last page (?cpage=%s)', async (value) => {
    const { status, html } = await getHtml(`/fil-long?cpage=${value}`);
    expect(status).toBe(404);
    expect(html).toContain('<h1>Page introuvable</h1>');
  });

  it('answers HEAD on a comments page', async () => {
    const response = await get('/fil-long?cpage=2', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('articles with one page of comments', () => {
  it('shows no pagination, and has no page 2', async () => {
    const id = await insertArticle({ slug: 'fil-court' });
    await insertThreads(id, 50);
    const { html } = await getHtml('/fil-court');
    expect(commentIds(html)).toHaveLength(50);
    expect(html).not.toContain('comments-pagination');
    expect((await get('/fil-court?cpage=2')).status).toBe(404);
  });

  it('answers 404 to page 2 of an article without comments', async () => {
    await insertArticle({ slug: 'fil-vide' });
    expect((await get('/fil-vide')).status).toBe(200);
    expect((await get('/fil-vide?cpage=2')).status).toBe(404);
  });

  it('speaks English on an English article', async () => {
    const id = await insertArticle({ slug: 'long-thread', title: 'A long thread', language: 'en' });
    await insertThreads(id, 51);
    const first = await getHtml('/long-thread');
    expect(first.html).toContain('<h2>51 comments on “A long thread”</h2>');
    expect(paginationOf(first.html)).toContain('aria-label="Comment pages"');
    expect(paginationOf(first.html)).toContain('<span>Page 1 of 2</span>');
    expect(paginationOf(first.html)).toContain(
      '<a rel="next" href="/long-thread?cpage=2#comments">Newer comments →</a>',
    );
    const second = await getHtml('/long-thread?cpage=2');
    expect(commentIds(second.html)).toHaveLength(1);
    expect(paginationOf(second.html)).toContain('<a rel="prev" href="/long-thread#comments">← Older comments</a>');
  });
});

describe('a reply whose parent left moderation', () => {
  it('starts a thread of its own, on the page of its date, and is counted', async () => {
    const id = await insertArticle({ slug: 'fil-orphelin', title: 'Orphelin' });
    const ids = await insertThreads(id, 50);
    const trashed = await insertComment({ articleId: id, status: 'trash', createdAt: BASE - DAY });
    const orphan = await insertComment({
      articleId: id,
      parentId: trashed,
      body: 'Toujours là',
      createdAt: BASE + DAY,
    });
    const answer = await insertComment({ articleId: id, parentId: orphan, createdAt: BASE + 2 * DAY });
    const first = await getHtml('/fil-orphelin');
    expect(commentIds(first.html)).toEqual(ids);
    expect(first.html).toContain('<h2>52 commentaires à «\u00a0Orphelin\u00a0»</h2>');
    expect(commentIds((await getHtml('/fil-orphelin?cpage=2')).html)).toEqual([orphan, answer]);
  });
});

describe('the 303 after posting a comment', () => {
  // "fil-poste": 60 threads (pages 1 and 2), one reply in thread 55.
  let posted: number[];
  let lateReply: number;

  beforeAll(async () => {
    const id = await insertArticle({ slug: 'fil-poste', title: 'Poster' });
    posted = await insertThreads(id, 60);
    lateReply = await insertComment({ articleId: id, parentId: posted[55] as number, author: 'Dominique' });
    const full = await insertArticle({ slug: 'fil-plein' });
    await insertThreads(full, 50);
  });

  // Reader (reader@example.org) has approved comments: their new comments appear at once.
  const known = { author: 'Reader', email: 'reader@example.org' };

  it('sends a new top-level comment to the last page, where it is shown', async () => {
    const response = await postComment('fil-poste', { ...known, body: 'Un nouveau fil.' });
    expect(response.status).toBe(303);
    const id = commentIdFrom(response);
    expect(response.headers.get('location')).toBe(`/fil-poste?cpage=2#comment-${id}`);
    expect(commentIds((await getHtml('/fil-poste?cpage=2')).html).at(-1)).toBe(id);
  });

  it('sends a reply to the page of its thread', async () => {
    const onFirst = await postComment('fil-poste', { ...known, body: 'Réponse au fil 3.', parent_id: `${posted[3]}` });
    expect(onFirst.headers.get('location')).toBe(`/fil-poste#comment-${commentIdFrom(onFirst)}`);
    const deep = await postComment('fil-poste', {
      ...known,
      body: 'Réponse à une réponse.',
      parent_id: `${lateReply}`,
    });
    const id = commentIdFrom(deep);
    expect(deep.headers.get('location')).toBe(`/fil-poste?cpage=2#comment-${id}`);
    expect(commentIds((await getHtml('/fil-poste?cpage=2')).html)).toContain(id);
  });

  it('sends a held comment to the last page, and shows it to its author on every page', async () => {
    const response = await postComment('fil-poste', { email: 'nouveau@example.org', body: 'Mon premier.' });
    const id = commentIdFrom(response);
    expect(response.headers.get('location')).toBe(`/fil-poste?cpage=2#comment-${id}`);
    const cookie = cookieFrom(response);
    for (const path of ['/fil-poste', '/fil-poste?cpage=2']) {
      const html = await (await get(path, { headers: { cookie } })).text();
      expect(html, path).toContain(`<li id="comment-${id}" class="comment pending">`);
    }
    expect(commentIds((await getHtml('/fil-poste?cpage=2')).html)).not.toContain(id);
  });

  it('never sends a held comment past the last page', async () => {
    // 50 threads: one page. A held comment is not a thread yet.
    const response = await postComment('fil-plein', { email: 'autre@example.org', body: 'En attente.' });
    expect(response.headers.get('location')).toBe(`/fil-plein#comment-${commentIdFrom(response)}`);
  });

  it('shows a refused reply again on the page of the comment it answers', async () => {
    const response = await postComment('fil-poste', { ...known, author: '', parent_id: `${lateReply}` });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<link rel="canonical" href="http://localhost:8787/fil-poste?cpage=2">');
    expect(html).toContain(`<li id="comment-${lateReply}"`);
    expect(html).toContain('<span id="reply-context-text">En réponse à Dominique</span>');
  });
});
