// Quality gate: every page template, rendered from the demo blog, is valid
// HTML, and every XML output is well-formed.
//
// html-validate's browser build (html-validate/browser) needs no file system,
// so it runs here inside workerd with the other Worker tests: the pages come
// from the real Worker and the real D1 (filled by test/support/demo.ts with
// content/posts/ and content/demo/comments.yaml), with no second runtime to
// start. Its configuration is an object (scripts/lib/html-validity.ts, shared
// with `npm run check`) rather than a .htmlvalidate.json, which the browser
// build could not read.
//
// Run just this gate: npx vitest run test/views/html-validity.test.ts
import { createExecutionContext, env } from 'cloudflare:test';
import { XMLValidator } from 'fast-xml-parser';
import { HtmlValidate, StaticConfigLoader } from 'html-validate/browser';
import type { IRequest } from 'itty-router';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeProblems, HTML_VALIDATE_CONFIG } from '../../scripts/lib/html-validity.ts';
import { postCommentRoute } from '../../src/routes/comments';
import { type FeedScope, feedPath } from '../../src/views/feeds/links';
import { get, insertComment } from '../fixtures';
import { type AdminClient, adminGet, adminPost, logIn, passwordEnv, postForm } from '../support/admin';
import { cookieFrom, freshIp, postComment } from '../support/comments';
import { type DemoContent, demoCommentId, loadDemoContent, REFERENCE_ARTICLE } from '../support/demo';
import { publishDemoPages } from '../support/pages';
import { callWorker, instrumentedDb } from '../support/worker';

const validator = new HtmlValidate(new StaticConfigLoader(HTML_VALIDATE_CONFIG));

/** html-validate's findings as "line:column rule: message" with the offending source line under each. */
async function htmlProblems(markup: string): Promise<string[]> {
  const report = await validator.validateString(markup);
  return describeProblems(
    report.results.flatMap((result) => result.messages),
    markup,
  );
}

async function expectValidHtml(response: Response, status: number): Promise<void> {
  const markup = await response.text();
  expect(response.status, markup.slice(0, 500)).toBe(status);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(await htmlProblems(markup)).toEqual([]);
}

async function expectWellFormedXml(response: Response): Promise<void> {
  const body = await response.text();
  expect(response.status, body.slice(0, 500)).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/xml/);
  expect(XMLValidator.validate(body)).toBe(true);
}

let demo: DemoContent;

beforeAll(async () => {
  demo = await loadDemoContent();
  await publishDemoPages();
});

/** An English article, one with a French translation if there is one (hreflang links). */
function englishArticle(): string {
  const english = demo.published.filter((candidate) => candidate.language === 'en');
  const post = english.find((candidate) => candidate.translation !== null) ?? english[0];
  if (!post) throw new Error('the demo content has no published English article');
  return post.slug;
}

/** A Webmention and a trackback received for an article, approved and verified, or held for the desk. */
async function insertMentions(slug: string, status: 'approved' | 'pending'): Promise<void> {
  const received = Math.floor(Date.now() / 1000) - 3600;
  const insert = env.DB.prepare(
    `INSERT INTO mentions (article_id, kind, source_url, target_url, status, verification, author_name, author_url,
       title, excerpt, received_at, verified_at, updated_at)
     SELECT id, ?2, ?3, ?4, ?5, 'verified', ?6, ?7, ?8, ?9, ?10, ?10, ?10 FROM articles WHERE slug = ?1`,
  );
  const target = `http://localhost:8787/${slug}`;
  await env.DB.batch([
    insert.bind(
      slug,
      'webmention',
      `https://voisin.example/${status}/reponse`,
      target,
      status,
      'Léa <Voisine>',
      'https://voisin.example/',
      'Ma réponse à « Animer »',
      'Un billet qui cite le vôtre & le prolonge.',
      received,
    ),
    insert.bind(
      slug,
      'trackback',
      `https://vieux-blog.example/${status}/2012/03/15`,
      target,
      status,
      'Le vieux blog',
      null,
      'Un trackback de 2012',
      'Il parle de vos pistes…',
      received + 60,
    ),
  ]);
}

function someTag(): string {
  const tag = demo.published.find((post) => post.slug === REFERENCE_ARTICLE)?.tags[0];
  if (!tag) throw new Error(`the reference article ${REFERENCE_ARTICLE} has no tag`);
  return tag.slug;
}

describe('the validator', () => {
  it('finds a duplicate id and an element where it is not allowed, with line and column', async () => {
    const page =
      '<!doctype html>\n<html lang="fr">\n<head><title>t</title></head>\n<body>\n<p id="a">x</p><p id="a">y</p>\n<ul><p>z</p></ul>\n</body>\n</html>\n';
    const problems = await htmlProblems(page);
    expect(problems).toContainEqual(expect.stringMatching(/^5:\d+ no-dup-id: .*\n {4}5 \| <p id="a">x<\/p>/));
    expect(problems).toContainEqual(expect.stringMatching(/^6:\d+ element-permitted-content: /));
  });

  it('reports two controls of one form sharing a name, unless the `form` attribute ties them to different forms', async () => {
    const page = (attributes: [string, string]) =>
      `<!doctype html>\n<html lang="fr">\n<head><title>t</title></head>\n<body>\n<form id="a" action="/a" method="post"><button type="submit">a</button></form>\n<form id="b" action="/b" method="post"><button type="submit">b</button></form>\n<form action="/c" method="post">\n<textarea name="body"${attributes[0]}></textarea>\n<textarea name="body"${attributes[1]}></textarea>\n<button type="submit">ok</button>\n</form>\n</body>\n</html>\n`;
    expect(await htmlProblems(page(['', '']))).toEqual([
      expect.stringMatching(/^9:\d+ form-dup-name: Duplicate form control name "body"/),
    ]);
    expect(await htmlProblems(page([' form="a"', ' form="b"']))).toEqual([]);
  });

  it('finds an XML document that is not well-formed', () => {
    expect(XMLValidator.validate('<rss><channel><title>a & b</title></channel></rss>')).not.toBe(true);
  });
});

describe('public pages are valid HTML', () => {
  it('home page', async () => {
    await expectValidHtml(await get('/'), 200);
  });

  it('home page 2', async () => {
    await expectValidHtml(await callWorker('/?page=2', { env: { PAGE_SIZE: 3 } }), 200);
  });

  it('home page with its pinned demo article first', async () => {
    const response = await get('/');
    expect(await response.clone().text()).toContain('class="pinned-label"');
    await expectValidHtml(response, 200);
  });

  it('date archives: /archives and a month of the demo blog, paged', async () => {
    await expectValidHtml(await get('/archives'), 200);
    // The month of the reference article (6 October 2026), one a page: a breadcrumb, a list and a pagination.
    const month = await callWorker('/2026/10?page=2', { env: { PAGE_SIZE: 1 } });
    expect(await month.clone().text()).toContain('<nav class="breadcrumb"');
    await expectValidHtml(month, 200);
    await expectValidHtml(await get('/2026'), 200);
  });

  it('reference article: featured image, threaded comments, comment form', async () => {
    const response = await get(`/${REFERENCE_ARTICLE}`);
    const markup = await response.clone().text();
    // The page under test really has what makes it the reference.
    expect(markup).toContain('<img');
    expect(markup).toContain('id="comment-form"');
    expect(markup).toContain(`id="comment-${await demoCommentId('demo-author-reply-1')}"`);
    await expectValidHtml(response, 200);
  });

  it('reference article with Webmentions and a trackback shown under the comments', async () => {
    await insertMentions(REFERENCE_ARTICLE, 'approved');
    const response = await get(`/${REFERENCE_ARTICLE}`);
    const markup = await response.clone().text();
    expect(markup).toContain('Un trackback de 2012');
    await expectValidHtml(response, 200);
  });

  it('English article', async () => {
    await expectValidHtml(await get(`/${englishArticle()}`), 200);
  });

  it('the demo layout article: figures, gallery, columns, callout, pullquote, button, details', async () => {
    const response = await get('/mettre-en-page-un-billet');
    expect(await response.clone().text()).toContain('<ul class="gallery">');
    await expectValidHtml(response, 200);
  });

  it('article whose comments run over several pages, on page 2', async () => {
    const slug = englishArticle();
    const articleId = await env.DB.prepare('SELECT id FROM articles WHERE slug = ?1').bind(slug).first<number>('id');
    for (let i = 1; i <= 6; i++) {
      await insertComment({ articleId: articleId as number, author: `Reader ${i}`, body: `Comment number ${i}.` });
    }
    await expectValidHtml(await callWorker(`/${slug}?cpage=2`, { env: { COMMENTS_PER_PAGE: 5 } }), 200);
  });

  it('tag page', async () => {
    await expectValidHtml(await get(`/tag/${someTag()}`), 200);
  });

  it('tag page 2', async () => {
    await expectValidHtml(await callWorker(`/tag/${someTag()}?page=2`, { env: { PAGE_SIZE: 1 } }), 200);
  });

  it('search results for “communauté”', async () => {
    const response = await get(`/search?q=${encodeURIComponent('communauté')}`);
    const markup = await response.clone().text();
    expect(markup).toContain(`href="/${REFERENCE_ARTICLE}"`);
    await expectValidHtml(response, 200);
  });

  it('search with an empty query: the form and a hint', async () => {
    await expectValidHtml(await get('/search?q='), 200);
  });

  it('search that finds nothing', async () => {
    await expectValidHtml(await get('/search?q=xylophone'), 200);
  });

  it('standalone pages: one taking comments, one without, a child page, and search results labelling a page', async () => {
    for (const path of ['/a-propos', '/mentions-legales', '/mentions-legales/donnees-personnelles', '/about']) {
      await expectValidHtml(await get(path), 200);
    }
    await expectValidHtml(await get('/search?q=h%C3%A9bergeur'), 200);
  });

  it('404 page', async () => {
    await expectValidHtml(await get('/cette-page-n-existe-pas'), 404);
  });

  it('400 page (a page number that is not a number)', async () => {
    await expectValidHtml(await get('/?page=abc'), 400);
  });

  it('405 page (a DELETE)', async () => {
    await expectValidHtml(await get('/', { method: 'DELETE' }), 405);
  });
});

describe('the comment form is valid HTML in every state', () => {
  it('returned with errors (422): missing name, malformed e-mail', async () => {
    const response = await postComment(REFERENCE_ARTICLE, { author: '', email: 'pas-une-adresse' });
    await expectValidHtml(response, 422);
  });

  it('a reply returned with errors (422), the form under the comment it answers', async () => {
    const parentId = String(await demoCommentId('demo-reader-1'));
    const response = await postComment(REFERENCE_ARTICLE, { parent_id: parentId, body: '' });
    await expectValidHtml(response, 422);
  });

  it('the article as its commenter sees it, their comment held for moderation', async () => {
    const posted = await postComment(REFERENCE_ARTICLE, {
      email: `first-${crypto.randomUUID().slice(0, 8)}@example.org`,
      body: 'Un premier commentaire, en attente.',
    });
    expect(posted.status).toBe(303);
    const response = await get(`/${REFERENCE_ARTICLE}`, { headers: { cookie: cookieFrom(posted) } });
    const markup = await response.clone().text();
    expect(markup).toContain('Un premier commentaire, en attente.');
    await expectValidHtml(response, 200);
  });

  it('alone on its page, when D1 fails while the article is read (503)', async () => {
    const failing = instrumentedDb({ batch: () => new Error('D1_ERROR: simulated outage') });
    const request = new Request(`http://localhost:8787/${REFERENCE_ARTICLE}/comments`, {
      method: 'POST',
      body: new URLSearchParams({
        author: 'Camille',
        email: 'camille@example.org',
        url: '',
        body: 'Ne pas perdre ceci.',
        'cf-turnstile-response': 'pass',
      }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'cf-connecting-ip': freshIp(),
        'sec-fetch-site': 'same-origin',
      },
    });
    const routed = Object.assign(request, { params: { slug: REFERENCE_ARTICLE }, query: {} }) as unknown as IRequest;
    const response = await postCommentRoute(routed, { ...env, DB: failing }, createExecutionContext());
    const markup = await response.clone().text();
    expect(markup).not.toContain('<article');
    expect(markup).toContain('>Ne pas perdre ceci.</textarea>');
    await expectValidHtml(response, 503);
  });
});

describe('the moderation desk is valid HTML', () => {
  let admin: AdminClient;

  beforeAll(async () => {
    admin = await logIn();
  });

  it('login page', async () => {
    await expectValidHtml(await callWorker('/admin/login', { env: await passwordEnv() }), 200);
  });

  it('set-up page, when neither a password nor Cloudflare Access is configured', async () => {
    const response = await callWorker('/admin/login', { env: { ADMIN_PASSWORD_HASH: '', ACCESS_TEAM_DOMAIN: '' } });
    await expectValidHtml(response, 503);
  });

  it('login page after a wrong password (401)', async () => {
    const response = await postForm(
      '/admin/login',
      { password: 'pas le bon mot de passe', next: '/admin/comments' },
      { env: await passwordEnv(), headers: { 'cf-connecting-ip': freshIp() } },
    );
    await expectValidHtml(response, 401);
  });

  it('queue of held comments', async () => {
    const response = await adminGet(admin, '/admin/comments');
    const markup = await response.clone().text();
    expect(markup).toContain(`id="comment-${await demoCommentId('demo-pending-1')}"`);
    await expectValidHtml(response, 200);
  });

  it('queue of approved comments', async () => {
    await expectValidHtml(await adminGet(admin, '/admin/comments?status=approved'), 200);
  });

  it('empty queue (spam)', async () => {
    await expectValidHtml(await adminGet(admin, '/admin/comments?status=spam'), 200);
  });

  it('edit page of a comment', async () => {
    const id = await demoCommentId('demo-pending-1');
    await expectValidHtml(await adminGet(admin, `/admin/comments/${id}/edit`), 200);
  });

  it('reply page of a comment', async () => {
    const id = await demoCommentId('demo-reader-1');
    await expectValidHtml(await adminGet(admin, `/admin/comments/${id}/reply`), 200);
  });

  it('queue of held Webmentions and trackbacks', async () => {
    await insertMentions('lutter-contre-le-spam', 'pending');
    const response = await adminGet(admin, '/admin/mentions');
    const markup = await response.clone().text();
    expect(markup).toContain('Un trackback de 2012');
    await expectValidHtml(response, 200);
  });

  it('articles page', async () => {
    await expectValidHtml(await adminGet(admin, '/admin/articles'), 200);
  });

  it('the question before deleting a comment for good', async () => {
    const id = await demoCommentId('demo-reader-1');
    const response = await adminPost(admin, '/admin/comments', { one: `delete:${id}`, status: 'approved' });
    expect(await response.clone().text()).toContain('name="confirmed" value="yes"');
    await expectValidHtml(response, 200);
  });

  it('desk 404 page', async () => {
    await expectValidHtml(await adminGet(admin, '/admin/comments/999999/edit'), 404);
  });
});

describe('XML outputs are well-formed', () => {
  const xmlFeeds = (scope: FeedScope) => [feedPath(scope, 'rss'), feedPath(scope, 'atom')];

  it.each(xmlFeeds({ kind: 'blog' }))('the blog feed %s', async (path) => {
    await expectWellFormedXml(await get(path));
  });

  it.each(xmlFeeds({ kind: 'tag', slug: 'communaute', name: 'Communauté' }))('a tag feed, %s', async (path) => {
    await expectWellFormedXml(await get(path));
  });

  it.each(xmlFeeds({ kind: 'comments', slug: REFERENCE_ARTICLE, title: '' }))(
    'the comment feed of the reference article, %s',
    async (path) => {
      await expectWellFormedXml(await get(path));
    },
  );

  it('/sitemap.xml', async () => {
    await expectWellFormedXml(await get('/sitemap.xml'));
  });

  it('a trackback refused for want of a URL', async () => {
    const response = await get(`/${REFERENCE_ARTICLE}/trackback`, {
      method: 'POST',
      body: new URLSearchParams({ title: 'Sans adresse' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': freshIp() },
    });
    const body = await response.text();
    expect(response.status, body).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/xml/);
    expect(XMLValidator.validate(body)).toBe(true);
  });
});
