// Password-protected articles: the locked page, the password form, the
// cookie that unlocks one article alone, and nothing of them in caches,
// feeds, search, the sitemap or other articles' pages.
import { env, SELF } from 'cloudflare:test';
import { HtmlValidate, StaticConfigLoader } from 'html-validate/browser';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeProblems, HTML_VALIDATE_CONFIG } from '../../scripts/lib/html-validity.ts';
import { hashPassword } from '../../src/admin/auth/password';
import { cacheKey } from '../../src/cache/key';
import { lastGoodKey } from '../../src/cache/last-good';
import { bumpCacheVersion } from '../../src/cache/version';
import { get, getHtml, insertArticle, insertComment } from '../fixtures';
import { cookieFrom, freshIp, postComment, sameSubnetIp } from '../support/comments';
import { callWorker, countingDb, recordingCacheContext } from '../support/worker';

const SECRET_WORDS = 'Phrase secrète du corps';
const COMMENT_WORDS = 'Commentaire réservé aux initiés';
let protectedId: number;

beforeAll(async () => {
  protectedId = await insertArticle({
    slug: 'protege',
    title: 'Le billet protégé',
    excerpt: 'Extrait secret',
    bodyHtml: `<p>${SECRET_WORDS}.</p>`,
    bodyText: `${SECRET_WORDS} zanzibar`,
    tags: ['Voyage'],
  });
  await insertComment({ articleId: protectedId, body: COMMENT_WORDS });
  await insertArticle({ slug: 'autre-protege', title: 'Un autre protégé', tags: ['Voyage'] });
  await insertArticle({ slug: 'ouvert', title: 'Un billet ouvert', tags: ['Voyage'] });
  const [enter, other] = [await hashPassword('enter'), await hashPassword('autre mot')];
  await env.DB.batch([
    env.DB.prepare("UPDATE articles SET password_hash = ?1 WHERE slug = 'protege'").bind(enter),
    env.DB.prepare("UPDATE articles SET password_hash = ?1 WHERE slug = 'autre-protege'").bind(other),
  ]);
});

function sendPassword(slug: string, password: string, ip = freshIp()): Promise<Response> {
  return SELF.fetch(
    new Request(`http://localhost:8787/${slug}/unlock`, {
      method: 'POST',
      body: new URLSearchParams({ password }),
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'cf-connecting-ip': ip,
        'sec-fetch-site': 'same-origin',
      },
    }),
  );
}

async function unlockCookie(slug: string, password: string): Promise<string> {
  return cookieFrom(await sendPassword(slug, password));
}

describe('a protected article, locked', () => {
  it('shows its title and the password form, not its body, comments or comment form', async () => {
    const { status, html, response } = await getHtml('/protege');
    expect(status).toBe(200);
    expect(html).toContain('Protégé\u00a0: Le billet protégé');
    expect(html).toContain('<label for="post-password">Mot de passe</label>');
    expect(html).toContain('action="/protege/unlock"');
    expect(html).not.toContain(SECRET_WORDS);
    expect(html).not.toContain('Extrait secret');
    expect(html).not.toContain(COMMENT_WORDS);
    expect(html).not.toContain('name="body"');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers a wrong password with 403 and says so, in the article’s language', async () => {
    const response = await sendPassword('protege', 'pas le bon');
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const html = await response.text();
    expect(html).toContain('Ce mot de passe n’est pas le bon.');
    expect(html).not.toContain(SECRET_WORDS);
  });

  it('is valid HTML, with the form and with its error, and the home page listing it too', async () => {
    const validator = new HtmlValidate(new StaticConfigLoader(HTML_VALIDATE_CONFIG));
    const problems = async (markup: string) => {
      const report = await validator.validateString(markup);
      return describeProblems(
        report.results.flatMap((result) => result.messages),
        markup,
      );
    };
    expect(await problems(await (await get('/protege')).text())).toEqual([]);
    expect(await problems(await (await sendPassword('protege', 'faux')).text())).toEqual([]);
    expect(await problems(await (await get('/')).text())).toEqual([]);
  });

  it('limits the tries from one address', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await sendPassword('protege', `essai ${i}`, ip)).status);
    expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
    const limited = await sendPassword('protege', 'enter', ip);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('Trop d’essais');
  });

  it('counts the tries of one IPv6 /64 together, whatever the last 64 bits', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await sendPassword('protege', `essai ${i}`, sameSubnetIp(ip, i + 1))).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
  });

  it('refuses a comment from a reader without the password', async () => {
    const response = await postComment('protege', { body: 'Je passe.' });
    expect(response.status).toBe(403);
  });
});

describe('the right password', () => {
  it('gives a cookie for this article’s path and 303 back to it', async () => {
    const response = await sendPassword('protege', 'enter');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/protege');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^causerie_unlock_${protectedId}=`));
    expect(cookie).toContain('Path=/protege');
    expect(cookie).toContain(`Max-Age=${10 * 86_400}`);
    expect(cookie).toContain('HttpOnly');
  });

  it('unlocks the body, the comments and the comment form, privately', async () => {
    const cookie = await unlockCookie('protege', 'enter');
    const response = await get('/protege', { headers: { cookie } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(SECRET_WORDS);
    expect(html).toContain(COMMENT_WORDS);
    expect(html).toContain('name="body"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('cache-tag')).toBeNull();
  });

  it('lets the reader comment', async () => {
    const cookie = await unlockCookie('protege', 'enter');
    const response = await postComment('protege', { body: 'Merci pour le mot de passe.' }, { cookie });
    expect(response.status).toBe(303);
  });

  it('does not unlock another protected article, nor a cookie renamed for it', async () => {
    const cookie = await unlockCookie('protege', 'enter');
    const other = await (await get('/autre-protege', { headers: { cookie } })).text();
    expect(other).toContain('action="/autre-protege/unlock"');
    const otherId = (await env.DB.prepare("SELECT id FROM articles WHERE slug = 'autre-protege'").first<{
      id: number;
    }>()) as { id: number };
    const renamed = cookie.replace(`causerie_unlock_${protectedId}=`, `causerie_unlock_${otherId.id}=`);
    expect(await (await get('/autre-protege', { headers: { cookie: renamed } })).text()).toContain(
      'action="/autre-protege/unlock"',
    );
  });

  it('stops unlocking once the password changes', async () => {
    await insertArticle({ slug: 'change', title: 'Change', bodyHtml: '<p>Texte caché.</p>' });
    await env.DB.prepare("UPDATE articles SET password_hash = ?1 WHERE slug = 'change'")
      .bind(await hashPassword('ancien'))
      .run();
    const cookie = await unlockCookie('change', 'ancien');
    expect(await (await get('/change', { headers: { cookie } })).text()).toContain('Texte caché.');
    await env.DB.prepare("UPDATE articles SET password_hash = ?1 WHERE slug = 'change'")
      .bind(await hashPassword('nouveau'))
      .run();
    expect(await (await get('/change', { headers: { cookie } })).text()).not.toContain('Texte caché.');
  });
});

describe('a protected page, in English', () => {
  it('asks in English at its own address, and the password leads back there', async () => {
    await insertArticle({ slug: 'about', title: 'About', language: 'en' });
    await insertArticle({ slug: 'family', title: 'Family', language: 'en', bodyHtml: '<p>Only for family.</p>' });
    await env.DB.batch([
      env.DB.prepare("UPDATE articles SET kind = 'page' WHERE slug = 'about'"),
      env.DB.prepare(
        "UPDATE articles SET kind = 'page', parent_id = (SELECT id FROM articles WHERE slug = 'about'), password_hash = ?1 WHERE slug = 'family'",
      ).bind(await hashPassword('enter')),
    ]);
    const locked = await (await get('/about/family')).text();
    expect(locked).toContain('Protected: Family');
    expect(locked).toContain('<label for="post-password">Password</label>');
    expect(locked).not.toContain('Only for family.');
    expect(await (await sendPassword('family', 'wrong')).text()).toContain('That password is not the right one.');
    const unlocked = await sendPassword('family', 'enter');
    expect(unlocked.headers.get('location')).toBe('/about/family');
    expect(unlocked.headers.get('set-cookie')).toContain('Path=/about/family');
    const page = await get('/about/family', { headers: { cookie: cookieFrom(unlocked) } });
    expect(await page.text()).toContain('Only for family.');
    expect(page.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('caches', () => {
  const CACHED = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600, SERVER_TIMING: 'on' };

  it('never keeps the locked or the unlocked page, so each request reads D1 again', async () => {
    const cookie = await unlockCookie('protege', 'enter');
    for (const init of [{}, { headers: { cookie } }]) {
      for (let i = 0; i < 2; i++) {
        const counted = countingDb();
        const response = await callWorker('/protege', { env: { ...CACHED, DB: counted.db }, init });
        expect(response.headers.get('cache-control')).toBe('private, no-store');
        expect(/desc="(\w+)"/.exec(response.headers.get('server-timing') ?? '')?.[1]).toMatch(/^(MISS|BYPASS)$/);
        expect(counted.count()).toBeGreaterThan(0);
      }
    }
    const version = (await env.DB.prepare('SELECT version FROM cache_state WHERE id = 1').first<{ version: number }>())
      ?.version as number;
    const url = 'http://localhost:8787/protege';
    expect(await caches.default.match(cacheKey(url, env.BLOG_URL, version))).toBeUndefined();
    expect(await caches.default.match(lastGoodKey(url, env.BLOG_URL))).toBeUndefined();
  });

  it('drops the last good copy kept while the article was public', async () => {
    await insertArticle({ slug: 'bientot-protege', title: 'Bientôt protégé', bodyHtml: '<p>Public un temps.</p>' });
    const url = 'http://localhost:8787/bientot-protege';
    await callWorker('/bientot-protege', { env: CACHED });
    expect(await caches.default.match(lastGoodKey(url, env.BLOG_URL))).toBeDefined();
    await env.DB.prepare("UPDATE articles SET password_hash = ?1 WHERE slug = 'bientot-protege'")
      .bind(await hashPassword('x'))
      .run();
    // Publishing bumps the cache version: the page renders again, locked.
    await bumpCacheVersion(env.DB);
    const locked = await callWorker('/bientot-protege', { env: CACHED });
    expect(await locked.text()).not.toContain('Public un temps.');
    expect(await caches.default.match(lastGoodKey(url, env.BLOG_URL))).toBeUndefined();
  });

  it('tells Workers Cache to keep nothing: private, no-store and no cache tag', async () => {
    const { cache } = recordingCacheContext();
    const response = await callWorker('/protege', { env: { EDGE_CACHE: 'workers-cache' }, cache });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('cache-tag')).toBeNull();
  });
});

describe('everywhere else', () => {
  it('is left out of the feeds, their tag feeds and its comment feed', async () => {
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json', '/tag/voyage/feed.xml', '/tag/voyage/feed.json']) {
      const body = await (await get(path)).text();
      expect(body, path).toContain('Un billet ouvert');
      expect(body, path).not.toContain('protégé');
      expect(body, path).not.toContain(SECRET_WORDS);
    }
    expect((await get('/protege/comments/feed.xml')).status).toBe(404);
  });

  it('is not found by search, even by its title', async () => {
    for (const query of ['zanzibar', 'protégé', 'billet']) {
      const html = await (await get(`/search?q=${encodeURIComponent(query)}`)).text();
      expect(html, query).not.toContain('href="/protege"');
    }
  });

  it('is left out of the sitemap and of other articles’ related list', async () => {
    const sitemap = await (await get('/sitemap.xml')).text();
    expect(sitemap).toContain('/ouvert');
    expect(sitemap).not.toContain('/protege');
    const related = await (await get('/ouvert')).text();
    expect(related).not.toContain('href="/protege"');
  });

  it('is no Webmention or trackback target', async () => {
    const mention = await SELF.fetch(
      new Request('http://localhost:8787/webmention', {
        method: 'POST',
        body: new URLSearchParams({
          source: 'https://ailleurs.example/billet',
          target: 'http://localhost:8787/protege',
        }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': freshIp() },
      }),
    );
    expect(mention.status).toBe(400);
    const trackback = await SELF.fetch(
      new Request('http://localhost:8787/protege/trackback', {
        method: 'POST',
        body: new URLSearchParams({ url: 'https://ailleurs.example/billet', title: 'Ailleurs' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': freshIp() },
      }),
    );
    expect(await trackback.text()).toContain('<error>1</error>');
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM mentions WHERE article_id = ?1')
      .bind(protectedId)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it('is listed on the home and tag pages as WordPress lists it: “Protégé :” and its title, no excerpt', async () => {
    for (const path of ['/', '/tag/voyage']) {
      const html = await (await get(path)).text();
      expect(html, path).toContain('<a href="/protege">Protégé\u00a0: Le billet protégé</a>');
      expect(html, path).not.toContain('Extrait secret');
    }
  });
});
