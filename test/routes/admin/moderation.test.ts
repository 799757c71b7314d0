// The desk's decisions and what readers see next: every action changes the
// public page at once, through both cache layers (the Cache API layer is on,
// with a version bound long enough that only a purge can refresh it).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertArticle, insertComment } from '../../fixtures';
import { type AdminClient, adminGet, adminPost, logIn, postForm } from '../../support/admin';
import { callWorker, recordingCacheContext } from '../../support/worker';

const CACHED = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600 };
let admin: AdminClient;

beforeAll(async () => {
  admin = await logIn(CACHED);
});

async function publicPage(path: string): Promise<string> {
  const response = await callWorker(path, { env: CACHED });
  expect(response.status).toBe(200);
  return response.text();
}

async function statusOf(id: number): Promise<string | null> {
  const row = await env.DB.prepare('SELECT status FROM comments WHERE id = ?1').bind(id).first<{ status: string }>();
  return row?.status ?? null;
}

async function articleWithComment(
  slug: string,
  comment: Parameters<typeof insertComment>[0] extends infer F ? Partial<F> : never,
) {
  const articleId = await insertArticle({ slug, title: `Titre ${slug}`, tags: ['Modération'] });
  const commentId = await insertComment({ articleId, status: 'pending', body: `Avis sur ${slug}`, ...comment });
  await publicPage(`/${slug}`); // now in the cache
  return { articleId, commentId };
}

describe('the queue', () => {
  it('shows each held comment with what it takes to judge it, and the pending count in the header', async () => {
    const articleId = await insertArticle({ slug: 'file-attente', title: 'File d’attente' });
    const id = await insertComment({
      articleId,
      status: 'pending',
      author: 'Zoé <b>Robot</b>',
      email: 'zoe@example.org',
      url: 'https://zoe.example',
      body: 'Premier passage <script>alert(1)</script>',
    });
    await env.DB.prepare(`UPDATE comments SET ip_hash = 'same-place', held_reason = 'first_comment' WHERE id = ?1`)
      .bind(id)
      .run();
    const other = await insertComment({ articleId, status: 'approved' });
    await env.DB.prepare(`UPDATE comments SET ip_hash = 'same-place' WHERE id = ?1`).bind(other).run();

    const response = await adminGet(admin, '/admin/comments');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    const row = page.slice(
      page.indexOf(`id="comment-${id}"`),
      page.indexOf('</tr>', page.indexOf(`id="comment-${id}"`)),
    );
    expect(row).toContain('Zoé &lt;b&gt;Robot&lt;/b&gt;');
    expect(row).toContain('Premier passage &lt;script&gt;');
    expect(row).toContain('href="mailto:zoe@example.org"');
    expect(row).toContain('https://zoe.example');
    expect(row).toContain('href="/file-attente">File d’attente</a>');
    expect(row).toContain('Retenu\u00a0: premier commentaire');
    expect(row).toContain('Turnstile\u00a0: non vérifié');
    expect(row).toContain('1 autre commentaire de cette adresse IP');
    expect(page).toMatch(/<span class="badge">\d+ en attente<\/span>/);
  });

  it('links an address stored before the address rule percent-encoded: no cc, bcc or subject rides along', async () => {
    const articleId = await insertArticle({ slug: 'adresse-hostile', title: 'Adresse hostile' });
    const hostile = 'lecteur?cc=victime@exemple.fr&bcc=autre@exemple.fr&subject=Urgent';
    const id = await insertComment({ articleId, status: 'pending', email: hostile });
    const plus = await insertComment({ articleId, status: 'pending', email: 'zoé+blog@exemple.fr' });
    const page = await (await adminGet(admin, '/admin/comments')).text();
    const row = (commentId: number) =>
      page.slice(
        page.indexOf(`id="comment-${commentId}"`),
        page.indexOf('</tr>', page.indexOf(`id="comment-${commentId}"`)),
      );
    expect(row(id)).toContain(
      'href="mailto:lecteur%3Fcc%3Dvictime%40exemple.fr%26bcc%3Dautre@exemple.fr%26subject%3DUrgent"',
    );
    expect(row(id)).not.toMatch(/href="mailto:[^"]*[?&]/);
    expect(row(plus)).toContain('href="mailto:zo%C3%A9%2Bblog@exemple.fr"');
  });

  it('refuses an unknown status or page with 400', async () => {
    expect((await adminGet(admin, '/admin/comments?status=everything')).status).toBe(400);
    expect((await adminGet(admin, '/admin/comments?page=zero')).status).toBe(400);
  });
});

describe('each decision shows on the public page at once', () => {
  it('approve: the comment appears on its cached article page', async () => {
    const { commentId } = await articleWithComment('approuver', {});
    expect(await publicPage('/approuver')).not.toContain('Avis sur approuver');
    const response = await adminPost(admin, '/admin/comments', { one: `approve:${commentId}`, status: 'pending' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/comments?status=pending&done=approve&n=1');
    expect(await statusOf(commentId)).toBe('approved');
    expect(await publicPage('/approuver')).toContain('Avis sur approuver');
    const after = await (await adminGet(admin, response.headers.get('location') as string)).text();
    expect(after).toContain('1 commentaire approuvé.');
  });

  it.each([
    ['unapprove', 'pending'],
    ['spam', 'spam'],
    ['trash', 'trash'],
  ])('%s: an approved comment leaves the cached page', async (action, status) => {
    const slug = `retirer-${action}`;
    const { commentId } = await articleWithComment(slug, { status: 'approved' });
    expect(await publicPage(`/${slug}`)).toContain(`Avis sur ${slug}`);
    const response = await adminPost(admin, '/admin/comments', { one: `${action}:${commentId}`, status: 'approved' });
    expect(response.status).toBe(303);
    expect(await statusOf(commentId)).toBe(status);
    expect(await publicPage(`/${slug}`)).not.toContain(`Avis sur ${slug}`);
  });

  it('delete for good: the comment is gone and its reply moves up instead of disappearing', async () => {
    const { articleId, commentId } = await articleWithComment('supprimer', { status: 'spam' });
    const reply = await insertComment({
      articleId,
      parentId: commentId,
      body: 'Une réponse qui reste',
      status: 'approved',
    });
    const response = await adminPost(admin, '/admin/comments', {
      one: `delete:${commentId}`,
      status: 'spam',
      confirmed: 'yes',
    });
    expect(response.status).toBe(303);
    expect(await statusOf(commentId)).toBeNull();
    const row = await env.DB.prepare('SELECT parent_id FROM comments WHERE id = ?1').bind(reply).first();
    expect(row).toEqual({ parent_id: null });
    expect(await publicPage('/supprimer')).toContain('Une réponse qui reste');
  });

  it('bulk: the ticked comments, and only them, are approved', async () => {
    const articleId = await insertArticle({ slug: 'en-bloc', tags: ['Web'] });
    const ids = await Promise.all(
      ['un', 'deux', 'trois'].map((word) =>
        insertComment({ articleId, status: 'pending', body: `Commentaire ${word}` }),
      ),
    );
    await publicPage('/en-bloc');
    const response = await adminPost(admin, '/admin/comments', {
      action: 'approve',
      id: [String(ids[0]), String(ids[2])],
      status: 'pending',
    });
    expect(response.headers.get('location')).toContain('done=approve&n=2');
    const page = await publicPage('/en-bloc');
    expect(page).toContain('Commentaire un');
    expect(page).not.toContain('Commentaire deux');
    expect(page).toContain('Commentaire trois');
  });

  it('says so when nothing was ticked, and changes nothing', async () => {
    const response = await adminPost(admin, '/admin/comments', { action: 'approve', status: 'pending' });
    expect(response.headers.get('location')).toBe('/admin/comments?status=pending&error=none');
    expect(await (await adminGet(admin, '/admin/comments?status=pending&error=none')).text()).toContain(
      'Aucun commentaire sélectionné',
    );
  });

  it('purges the article, home and tag pages from Workers Cache by tag', async () => {
    const { articleId, commentId } = await articleWithComment('par-etiquette', {});
    const { cache, purges } = recordingCacheContext();
    const response = await adminPost(
      admin,
      '/admin/comments',
      { one: `approve:${commentId}`, status: 'pending' },
      { cache, env: { EDGE_CACHE: 'workers-cache' } },
    );
    expect(response.status).toBe(303);
    expect(purges).toEqual([
      { method: 'purge', options: { tags: [`article:${articleId}`, 'home', 'archives', 'tag:moderation'] } },
    ]);
  });
});

describe('deleting for good asks first', () => {
  it('a row’s button leads to a confirmation page; only its confirm button deletes', async () => {
    const { commentId } = await articleWithComment('confirmer', { status: 'trash', author: 'Zoé', body: 'À jeter' });
    const asked = await adminPost(admin, '/admin/comments', { one: `delete:${commentId}`, status: 'trash', page: '1' });
    expect(asked.status).toBe(200);
    expect(asked.headers.get('cache-control')).toBe('no-store');
    const page = await asked.text();
    expect(page).toContain('<h1>Supprimer définitivement ce commentaire\u00a0?</h1>');
    expect(page).toContain('ne peut pas être annulée');
    expect(page).toContain('<strong>Zoé</strong>');
    expect(page).toContain('À jeter');
    expect(page).toContain('href="/admin/comments?status=trash">Annuler</a>');
    expect(await statusOf(commentId)).toBe('trash');

    // The confirmation form posts the same decision again, with the session's token.
    const start = page.indexOf('<form method="post" action="/admin/comments"');
    const form = page.slice(start, page.indexOf('</form>', start));
    const fields = [...form.matchAll(/<input type="hidden" name="([a-z]+)" value="([^"]*)">/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(fields).toContainEqual(['action', 'delete']);
    expect(fields).toContainEqual(['confirmed', 'yes']);
    expect(fields).toContainEqual(['id', String(commentId)]);
    expect(fields.find(([name]) => name === 'csrf')?.[1]).toMatch(/.{20,}/);
    const body = new URLSearchParams(fields as [string, string][]);
    const confirmed = await postForm('/admin/comments', Object.fromEntries(groupFields(body)), {
      env: admin.env,
      cookie: admin.cookie,
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/admin/comments?status=trash&done=delete&n=1');
    expect(await statusOf(commentId)).toBeNull();
    const after = await (await adminGet(admin, confirmed.headers.get('location') as string)).text();
    expect(after).toContain('1 commentaire supprimé définitivement.');
  });

  it('the bulk action asks too, listing every ticked comment, then deletes them all', async () => {
    const articleId = await insertArticle({ slug: 'vider-corbeille' });
    const ids = await Promise.all(
      ['un', 'deux', 'trois'].map((word) => insertComment({ articleId, status: 'spam', body: `Indésirable ${word}` })),
    );
    const ticked = [String(ids[0]), String(ids[2])];
    const asked = await adminPost(admin, '/admin/comments', { action: 'delete', id: ticked, status: 'spam' });
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('Supprimer définitivement ces 2 commentaires\u00a0?');
    expect(page).toContain('Indésirable un');
    expect(page).not.toContain('Indésirable deux');
    expect(page).toContain('Indésirable trois');
    for (const id of ids) expect(await statusOf(id)).toBe('spam');

    const done = await adminPost(admin, '/admin/comments', {
      action: 'delete',
      id: ticked,
      status: 'spam',
      confirmed: 'yes',
    });
    expect(done.headers.get('location')).toBe('/admin/comments?status=spam&done=delete&n=2');
    expect(await statusOf(ids[0] as number)).toBeNull();
    expect(await statusOf(ids[1] as number)).toBe('spam');
    expect(await statusOf(ids[2] as number)).toBeNull();
  });

  it('the confirming POST still needs the CSRF token', async () => {
    const { commentId } = await articleWithComment('confirmer-jeton', { status: 'spam' });
    for (const csrf of [undefined, 'forged-token']) {
      const fields: Record<string, string> = { action: 'delete', id: String(commentId), confirmed: 'yes' };
      if (csrf !== undefined) fields.csrf = csrf;
      const response = await postForm('/admin/comments', fields, { env: admin.env, cookie: admin.cookie });
      expect(response.status).toBe(403);
    }
    expect(await statusOf(commentId)).toBe('spam');
  });

  it('a comment already gone asks nothing and says nothing was deleted', async () => {
    const response = await adminPost(admin, '/admin/comments', { one: 'delete:987654', status: 'trash' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/comments?status=trash&done=delete&n=0');
  });
});

describe('editing and replying', () => {
  it('edit: the corrected text replaces the old one on the public page', async () => {
    const { commentId } = await articleWithComment('corriger', { status: 'approved', body: 'Texte avec une fote' });
    const form = await (await adminGet(admin, `/admin/comments/${commentId}/edit`)).text();
    expect(form).toContain('Texte avec une fote</textarea>');
    const response = await adminPost(admin, `/admin/comments/${commentId}/edit`, {
      author: 'Reader',
      email: 'reader@example.org',
      url: '',
      body: 'Texte avec une faute corrigée',
    });
    expect(response.status).toBe(303);
    const page = await publicPage('/corriger');
    expect(page).toContain('Texte avec une faute corrigée');
    expect(page).not.toContain('fote');
  });

  it('edit: takes the longest comment the form allows, 10,000 characters of 4 bytes (120 KB sent)', async () => {
    const { commentId } = await articleWithComment('corriger-long', { status: 'approved', body: 'Court' });
    const body = '𩸽'.repeat(10_000);
    const response = await adminPost(admin, `/admin/comments/${commentId}/edit`, {
      author: 'Reader',
      email: 'reader@example.org',
      url: '',
      body,
    });
    expect(response.status).toBe(303);
    const row = await env.DB.prepare('SELECT body FROM comments WHERE id = ?1').bind(commentId).first();
    expect(row).toEqual({ body });
  });

  it('edit: an invalid form comes back with its values and the errors, nothing saved', async () => {
    const { commentId } = await articleWithComment('corriger-mal', { status: 'approved', body: 'Original' });
    const response = await adminPost(admin, `/admin/comments/${commentId}/edit`, {
      author: '',
      email: 'pas-une-adresse',
      url: '',
      body: 'Nouveau texte gardé',
    });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('Nouveau texte gardé</textarea>');
    expect(page).toContain('value="pas-une-adresse"');
    expect(page).toContain('Ce champ est obligatoire.');
    const row = await env.DB.prepare('SELECT body FROM comments WHERE id = ?1').bind(commentId).first();
    expect(row).toEqual({ body: 'Original' });
  });

  it('reply: the author’s answer is published under the comment, marked as the author’s, and approves a held question', async () => {
    const { commentId } = await articleWithComment('repondre', { status: 'pending', body: 'Une question en attente' });
    const response = await adminPost(admin, `/admin/comments/${commentId}/reply`, { body: 'Merci, voici la réponse.' });
    expect(response.status).toBe(303);
    expect(await statusOf(commentId)).toBe('approved');
    const reply = await env.DB.prepare(
      'SELECT parent_id, is_author, status, author_name FROM comments WHERE parent_id = ?1',
    )
      .bind(commentId)
      .first();
    expect(reply).toEqual({ parent_id: commentId, is_author: 1, status: 'approved', author_name: 'Élise Durand' });
    const page = await publicPage('/repondre');
    expect(page).toContain('Une question en attente');
    expect(page).toContain('Merci, voici la réponse.');
  });

  it('reply: the queue labels the author’s reply as theirs, not as a comment that failed the bot check', async () => {
    const { commentId } = await articleWithComment('repondre-libelle', { status: 'approved' });
    await adminPost(admin, `/admin/comments/${commentId}/reply`, { body: 'Réponse depuis le bureau' });
    const reply = await env.DB.prepare('SELECT id FROM comments WHERE parent_id = ?1')
      .bind(commentId)
      .first<{ id: number }>();
    const page = await (await adminGet(admin, '/admin/comments?status=approved')).text();
    const rowOf = (id: number) =>
      page.slice(page.indexOf(`id="comment-${id}"`), page.indexOf('</tr>', page.indexOf(`id="comment-${id}"`)));
    const replyRow = rowOf(reply?.id as number);
    expect(replyRow).toContain('Réponse depuis le bureau');
    expect(replyRow).toContain('Votre réponse, écrite depuis le bureau');
    expect(replyRow).not.toContain('Turnstile');
    expect(replyRow).not.toContain('adresse IP');
    // A reader's comment keeps its bot check line.
    expect(rowOf(commentId)).toContain('Turnstile\u00a0: non vérifié');
  });

  it('reply: an empty reply is refused with a message, on a page that keeps the form', async () => {
    const { commentId } = await articleWithComment('repondre-vide', { status: 'approved' });
    const response = await adminPost(admin, `/admin/comments/${commentId}/reply`, { body: '   ' });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('La réponse est vide');
  });

  it('answers 404 for a comment that does not exist', async () => {
    expect((await adminGet(admin, '/admin/comments/999999/edit')).status).toBe(404);
    expect((await adminPost(admin, '/admin/comments/999999/reply', { body: 'Bonjour' })).status).toBe(404);
  });
});

describe('closing comments', () => {
  it('counts each article’s comments in words that agree with the number', async () => {
    const articleId = await insertArticle({ slug: 'un-seul-avis', title: 'Un seul avis' });
    await insertComment({ articleId, status: 'approved' });
    const page = await (await adminGet(admin, '/admin/articles')).text();
    const row = page.slice(
      page.indexOf(`id="article-${articleId}"`),
      page.indexOf('</tr>', page.indexOf(`id="article-${articleId}"`)),
    );
    expect(row).toContain('1 approuvé, 0 en attente');
  });

  it('close then reopen: the article’s form disappears and comes back', async () => {
    const articleId = await insertArticle({ slug: 'fermer' });
    expect(await publicPage('/fermer')).toContain('id="comment-form"');
    const close = await adminPost(admin, `/admin/articles/${articleId}/comments`, { comments: 'close' });
    expect(close.status).toBe(303);
    expect(close.headers.get('location')).toBe(`/admin/articles?done=closed#article-${articleId}`);
    expect(await publicPage('/fermer')).not.toContain('id="comment-form"');
    await adminPost(admin, `/admin/articles/${articleId}/comments`, { comments: 'open' });
    expect(await publicPage('/fermer')).toContain('id="comment-form"');
  });
});

describe('CSRF', () => {
  it('refuses a decision without a token, or with a wrong one, and changes nothing', async () => {
    const { commentId } = await articleWithComment('jeton', {});
    for (const csrf of [undefined, 'forged-token', '']) {
      const fields: Record<string, string> = { one: `approve:${commentId}`, status: 'pending' };
      if (csrf !== undefined) fields.csrf = csrf;
      const response = await postForm('/admin/comments', fields, { env: admin.env, cookie: admin.cookie });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('jeton de sécurité');
    }
    expect(await statusOf(commentId)).toBe('pending');
  });

  it('refuses a token from another session', async () => {
    const { commentId } = await articleWithComment('jeton-vole', {});
    const other = await logIn(CACHED);
    const token = /name="csrf" value="([^"]+)"/.exec(
      await (await adminGet(other, '/admin/articles')).text(),
    )?.[1] as string;
    const response = await postForm(
      '/admin/comments',
      { csrf: token, one: `approve:${commentId}` },
      { env: admin.env, cookie: admin.cookie },
    );
    expect(response.status).toBe(403);
    expect(await statusOf(commentId)).toBe('pending');
  });
});

/** Form fields as postForm takes them: a name given twice becomes a list. */
function groupFields(body: URLSearchParams): [string, string | string[]][] {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of body) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return [...grouped].map(([name, values]) => [name, values.length === 1 ? (values[0] as string) : values]);
}
