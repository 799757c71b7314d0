// The "done when": a Webmention sent to the demo article is verified,
// appears on the desk as pending, is approved there, shows on the article
// page, and the cached page is purged each time what it shows changes.
import { beforeAll, describe, expect, it } from 'vitest';
import { insertArticle } from '../fixtures';
import { adminGet, adminPost, logIn } from '../support/admin';
import { BLOG, pageLinkingTo, sendWebmention, storedMention, stubPage, uniquePath } from '../support/webmention';
import { callWorker, recordingCacheContext } from '../support/worker';

/** Pages cached by the Worker (Cache API layer), as local workerd serves them. */
// Server-Timing on: it is how this test tells a hit from a miss.
const CACHED = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600, SERVER_TIMING: 'on' };
const SLUG = 'animer-une-communaute-mentions';
const TARGET = `${BLOG}/${SLUG}`;
let articleId: number;

beforeAll(async () => {
  articleId = await insertArticle({
    slug: SLUG,
    title: 'Animer une communauté en ligne',
    legacyWpId: 1287,
    legacyPath: '/2012/03/14/animer-une-communaute-mentions',
    tags: ['Communauté'],
  });
});

const page = async () => {
  const response = await callWorker(`/${SLUG}`, { env: CACHED });
  return { text: await response.text(), cache: /HIT|MISS/.exec(response.headers.get('server-timing') ?? '')?.[0] };
};

describe('a Webmention from receipt to the article page', () => {
  it('is verified, moderated on the desk, shown, and purged from the cache', async () => {
    await page();
    expect((await page()).cache).toBe('HIT');

    const source = `https://blog.source.example${uniquePath('reponse')}`;
    await stubPage(source, {
      body: pageLinkingTo(TARGET, { title: 'Ce que j’en retiens', author: 'Lucie Bernard', summary: 'Une lecture.' }),
    });
    expect((await sendWebmention(source, TARGET, { env: CACHED })).status).toBe(202);
    const mention = await storedMention(source);
    expect(mention).toMatchObject({ status: 'pending', verification: 'verified', article_id: articleId });
    // Pending: nothing public changed, the cached page is still good.
    const pending = await page();
    expect(pending.cache).toBe('HIT');
    expect(pending.text).not.toContain('Ce que j’en retiens');

    const author = await logIn(CACHED);
    const queue = await (await adminGet(author, '/admin/mentions')).text();
    expect(queue).toContain(source);
    expect(queue).toContain('Ce que j’en retiens');
    expect(queue).toContain('Vérifiée');
    expect(queue).toMatch(/href="\/admin\/mentions"[^>]*>Mentions<\/a> <span class="badge">\d+ en attente/);

    const { cache, purges } = recordingCacheContext();
    const approved = await adminPost(
      author,
      '/admin/mentions',
      { one: `approve:${mention?.id}`, status: 'pending' },
      { cache, env: { EDGE_CACHE: 'workers-cache' } },
    );
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe('/admin/mentions?status=pending&done=approve&n=1');
    expect(purges.flatMap((purge) => purge.options.tags)).toContain(`article:${articleId}`);

    const shown = await page();
    expect(shown.cache).toBe('MISS');
    expect(shown.text).toContain('Mentionné par 1 page');
    expect(shown.text).toContain(`<a href="${source}" rel="nofollow ugc">Ce que j’en retiens</a>`);
    expect(shown.text).toContain('Lucie Bernard');
    expect((await page()).cache).toBe('HIT');
  });

  it('leaves the page, purged, when its source stops linking, and when it is gone', async () => {
    const source = `https://source.example${uniquePath('change')}`;
    await stubPage(source, { body: pageLinkingTo(`${TARGET}#comments`, { title: 'Un billet qui change' }) });
    await sendWebmention(source, TARGET);
    const mention = await storedMention(source);
    const author = await logIn(CACHED);
    await adminPost(author, '/admin/mentions', { one: `approve:${mention?.id}` });
    expect((await page()).text).toContain('Un billet qui change');
    expect((await page()).cache).toBe('HIT');

    // The source is edited: no more link. A new notification re-checks it.
    await stubPage(source, { body: '<p>Plus de lien.</p>' });
    const workersCache = recordingCacheContext();
    await sendWebmention(source, TARGET, { env: { EDGE_CACHE: 'workers-cache' }, cache: workersCache.cache });
    expect((await storedMention(source))?.verification).toBe('failed');
    expect(workersCache.purges.flatMap((purge) => purge.options.tags)).toContain(`article:${articleId}`);
    const failed = await page();
    expect(failed.cache).toBe('MISS');
    expect(failed.text).not.toContain('Un billet qui change');

    // Linked again: shown again, still approved.
    await stubPage(source, { body: pageLinkingTo(TARGET, { title: 'Un billet qui change' }) });
    await sendWebmention(source, TARGET);
    expect((await page()).text).toContain('Un billet qui change');

    // Deleted: 410.
    await stubPage(source, { status: 410, body: 'gone' });
    await sendWebmention(source, TARGET);
    expect(await storedMention(source)).toMatchObject({ verification: 'gone', status: 'approved' });
    const gone = await page();
    expect(gone.cache).toBe('MISS');
    expect(gone.text).not.toContain('Un billet qui change');
  });

  it('a mention of a pending, spam or trashed status is never shown, verified or not', async () => {
    const source = `https://source.example${uniquePath('spam')}`;
    await stubPage(source, { body: pageLinkingTo(TARGET, { title: 'Achetez maintenant' }) });
    await sendWebmention(source, TARGET);
    const author = await logIn(CACHED);
    const id = (await storedMention(source))?.id;
    await adminPost(author, '/admin/mentions', { one: `spam:${id}` });
    expect((await storedMention(source))?.status).toBe('spam');
    expect((await page()).text).not.toContain('Achetez maintenant');
  });
});
