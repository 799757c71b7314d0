// The desk's mention queue: tabs with counts, bulk and single actions, CSRF,
// and the purge of the article page each action makes.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertArticle, now } from '../../fixtures';
import { adminGet, adminPost, logIn, postForm } from '../../support/admin';
import { recordingCacheContext } from '../../support/worker';

let articleId: number;

async function insertMention(source: string, status = 'pending', verification = 'verified'): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO mentions (article_id, kind, source_url, target_url, status, verification, title, excerpt,
       received_at, verified_at, updated_at)
     VALUES (?1, 'webmention', ?2, 'http://localhost:8787/bureau-mentions', ?3, ?4, ?5, 'Un extrait.', ?6, ?6, ?6)
     RETURNING id`,
  )
    .bind(articleId, source, status, verification, `Titre de ${source}`, now())
    .first<{ id: number }>();
  return row?.id as number;
}

const statusOf = async (id: number) =>
  env.DB.prepare('SELECT status FROM mentions WHERE id = ?1').bind(id).first<string>('status');

beforeAll(async () => {
  articleId = await insertArticle({ slug: 'bureau-mentions', title: 'Le bureau', tags: ['Web'] });
});

describe('/admin/mentions', () => {
  it('lists pending mentions with their source, article, verification and excerpt, and counts each status', async () => {
    const id = await insertMention('https://liste.example/a');
    await insertMention('https://liste.example/b', 'pending', 'failed');
    const author = await logIn();
    const response = await adminGet(author, '/admin/mentions');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain(`id="mention-${id}"`);
    expect(html).toContain('href="https://liste.example/a" rel="nofollow noopener noreferrer"');
    expect(html).toContain('<a href="/bureau-mentions">Le bureau</a>');
    expect(html).toContain('Un extrait.');
    expect(html).toContain('Vérifiée');
    expect(html).toContain('Échec');
    expect(html).toMatch(/En attente <span class="count">\(\d+\)<\/span>/);
    expect(html).toContain('aria-current="page">Mentions</a>');
  });

  it('approves, spams and trashes in bulk, deletes for good, purging the article page each time', async () => {
    const ids = [await insertMention('https://lot.example/1'), await insertMention('https://lot.example/2')];
    const author = await logIn();
    const { cache, purges } = recordingCacheContext();
    const bulk = await adminPost(
      author,
      '/admin/mentions',
      { action: 'approve', id: ids.map(String), status: 'pending' },
      { cache, env: { EDGE_CACHE: 'workers-cache' } },
    );
    expect(bulk.headers.get('location')).toBe('/admin/mentions?status=pending&done=approve&n=2');
    expect(await statusOf(ids[0] as number)).toBe('approved');
    expect(purges.at(-1)?.options.tags).toEqual([`article:${articleId}`, 'home', 'archives', 'tag:web']);
    const notice = await (await adminGet(author, bulk.headers.get('location') as string)).text();
    expect(notice).toContain('2 mentions approuvées.');

    await adminPost(author, '/admin/mentions', { action: 'spam', id: [String(ids[0])] });
    expect(await statusOf(ids[0] as number)).toBe('spam');
    await adminPost(author, '/admin/mentions', { one: `trash:${ids[1]}` });
    expect(await statusOf(ids[1] as number)).toBe('trash');
    const asked = await adminPost(author, '/admin/mentions', { one: `delete:${ids[1]}`, status: 'trash' });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('Supprimer définitivement cette mention\u00a0?');
    expect(question).toContain('https://lot.example/2');
    expect(question).toContain('<input type="hidden" name="confirmed" value="yes">');
    expect(await statusOf(ids[1] as number)).toBe('trash');
    const deleted = await adminPost(author, '/admin/mentions', {
      one: `delete:${ids[1]}`,
      status: 'trash',
      confirmed: 'yes',
    });
    expect(deleted.headers.get('location')).toBe('/admin/mentions?status=trash&done=delete&n=1');
    expect(await statusOf(ids[1] as number)).toBeNull();
  });

  it('says so when nothing was ticked, and refuses unknown actions and ids', async () => {
    const author = await logIn();
    const none = await adminPost(author, '/admin/mentions', { action: 'approve' });
    expect(none.headers.get('location')).toBe('/admin/mentions?status=pending&error=none');
    expect((await adminPost(author, '/admin/mentions', { action: 'publish', id: '1' })).status).toBe(400);
    expect((await adminPost(author, '/admin/mentions', { action: 'approve', id: '1 OR 1=1' })).status).toBe(400);
    expect((await adminGet(author, '/admin/mentions?status=everything')).status).toBe(400);
  });

  it('refuses a POST without the CSRF token', async () => {
    const id = await insertMention('https://csrf.example/a');
    const author = await logIn();
    const response = await postForm(
      '/admin/mentions',
      { one: `approve:${id}` },
      { env: author.env, cookie: author.cookie },
    );
    expect(response.status).toBe(403);
    expect(await statusOf(id)).toBe('pending');
  });

  it('shows the pending mentions count in the navigation of every desk page', async () => {
    await insertMention('https://badge.example/a');
    const author = await logIn();
    const html = await (await adminGet(author, '/admin/articles')).text();
    expect(html).toMatch(/<a href="\/admin\/mentions">Mentions<\/a> <span class="badge">\d+ en attente<\/span>/);
  });

  it('marks an approved mention whose source failed as not shown', async () => {
    await insertMention('https://echec.example/a', 'approved', 'failed');
    const author = await logIn();
    const html = await (await adminGet(author, '/admin/mentions?status=approved')).text();
    expect(html).toContain('Non affichée tant que la source n’est pas vérifiée.');
  });
});
