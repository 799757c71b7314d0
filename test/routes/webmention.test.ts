// The Webmention endpoint: advertised, synchronous refusals with their
// reason, 202 then verification of the source (through the outbound stub).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertArticle } from '../fixtures';
import { freshIp, sameSubnetIp } from '../support/comments';
import {
  BLOG,
  pageLinkingTo,
  postForm,
  receivedBy,
  sendWebmention,
  storedMention,
  stubPage,
  uniquePath,
} from '../support/webmention';
import { callWorker } from '../support/worker';

describe('receiving a Webmention', () => {
  it('verifies a source that links to the article and stores it as pending with what the page says', async () => {
    await insertArticle({ slug: 'recu' });
    const source = `https://source.example${uniquePath()}`;
    await stubPage(source, {
      body: pageLinkingTo(`${BLOG}/recu/`, { title: 'Réponse à « Reçu »', author: 'Ana', summary: 'Très bien.' }),
    });
    const response = await sendWebmention(source, `${BLOG}/recu`);
    expect(response.status).toBe(202);
    expect(await response.text()).toContain('vérifiée');
    const mention = await storedMention(source);
    expect(mention).toMatchObject({
      status: 'pending',
      verification: 'verified',
      kind: 'webmention',
      title: 'Réponse à « Reçu »',
      author_name: 'Ana',
      author_url: 'https://source.example/about',
      excerpt: 'Très bien.',
    });
  });

  it('accepts a child page at its own address /<parent>/<slug>, and only under its real parent', async () => {
    const parentId = await insertArticle({ slug: 'a-propos', title: 'À propos' });
    const childId = await insertArticle({ slug: 'equipe', title: 'L’équipe' });
    await insertArticle({ slug: 'autre-page' });
    await env.DB.batch([
      env.DB.prepare("UPDATE articles SET kind = 'page' WHERE id IN (?1, ?2)").bind(parentId, childId),
      env.DB.prepare('UPDATE articles SET parent_id = ?1 WHERE id = ?2').bind(parentId, childId),
    ]);
    // The address readers and the sitemap know it by.
    expect((await callWorker('/a-propos/equipe')).status).toBe(200);
    const source = `https://source.example${uniquePath()}`;
    await stubPage(source, { body: pageLinkingTo(`${BLOG}/a-propos/equipe`) });
    const response = await sendWebmention(source, `${BLOG}/a-propos/equipe/`);
    expect(response.status).toBe(202);
    expect(await storedMention(source)).toMatchObject({
      article_id: childId,
      target_url: `${BLOG}/a-propos/equipe/`,
      verification: 'verified',
    });
    // Another parent, or a page that is no child, is not an address of this blog.
    for (const target of [`${BLOG}/autre-page/equipe`, `${BLOG}/a-propos/autre-page`, `${BLOG}/a-propos/equipe/x`]) {
      const refused = await sendWebmention(`https://source.example${uniquePath()}`, target);
      expect(refused.status, target).toBe(400);
      expect(await refused.text()).toContain('publié');
    }
  });

  it('advertises its endpoint in a Link header and in the page head', async () => {
    await insertArticle({ slug: 'annonce' });
    const response = await callWorker('/annonce');
    expect(response.headers.get('link')).toBe(`<${BLOG}/webmention>; rel="webmention"`);
    const page = await response.text();
    expect(page).toContain(`<link rel="webmention" href="${BLOG}/webmention">`);
    expect(page).toContain(`${BLOG}/annonce/trackback`);
  });
});

describe('refused at once, with the reason', () => {
  beforeAll(async () => {
    await insertArticle({ slug: 'refus' });
    await insertArticle({ slug: 'brouillon', status: 'draft' });
    await insertArticle({ slug: 'prive' });
    await insertArticle({ slug: 'limite' });
  });

  it.each([
    ['no source', { target: `${BLOG}/refus` }, 'source'],
    ['no target', { source: 'https://source.example/a' }, 'target'],
    ['a source that is not http(s)', { source: 'ftp://source.example/a', target: `${BLOG}/refus` }, 'http'],
    ['a target that is not a URL', { source: 'https://source.example/a', target: 'refus' }, 'http'],
    [
      'a target on another site',
      { source: 'https://source.example/a', target: 'https://other.example/refus' },
      'publié',
    ],
    ['a target that is no article', { source: 'https://source.example/a', target: `${BLOG}/nothing-here` }, 'publié'],
    ['a draft as target', { source: 'https://source.example/a', target: `${BLOG}/brouillon` }, 'publié'],
    ['a tag page as target', { source: 'https://source.example/a', target: `${BLOG}/tag/web` }, 'publié'],
    ['the same URL twice', { source: `${BLOG}/refus`, target: `${BLOG}/refus/#top` }, 'même adresse'],
  ])('%s: 400', async (_name, fields, reason) => {
    const response = await postForm('/webmention', fields as Record<string, string>);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toContain(reason);
  });

  it.each([
    'http://localhost/a',
    'http://127.0.0.1/a',
    'http://2130706433/a',
    'http://10.0.0.8/a',
    'http://192.168.1.1/a',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/a',
    'http://[fc00::1]/a',
    'http://[fe80::1]/a',
    'http://[::ffff:127.0.0.1]/a',
    'http://printer.local/a',
    'http://wiki.internal/a',
    'http://intranet/a',
  ])('a private or local source (%s): 400, nothing stored', async (source) => {
    const response = await sendWebmention(source, `${BLOG}/prive`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('adresse privée ou locale');
    const stored = await env.DB.prepare(
      `SELECT count(*) AS n FROM mentions WHERE article_id = (SELECT id FROM articles WHERE slug = 'prive')`,
    ).first('n');
    expect(stored).toBe(0);
  });

  it.each([
    'http://0x7f.1/a',
    'http://0177.0.0.1/a',
    'http://100.64.0.1/a',
    'http://198.18.0.1/a',
    'http://240.0.0.1/a',
    'http://[::127.0.0.1]/a',
    'http://[::ffff:0:127.0.0.1]/a',
    'http://[64:ff9b::10.0.0.1]/a',
    'http://[64:ff9b:1::a00:1]/a',
    'http://[2002:a9fe:a9fe::]/latest/meta-data',
    'http://[2001:0:5db8:d70e::80ff:fffe]/a',
  ])('a private address in another spelling (%s): 400, not stored', async (source) => {
    const response = await sendWebmention(source, `${BLOG}/prive`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('adresse privée ou locale');
    expect(await storedMention(new URL(source).href)).toBeNull();
  });

  it('answers 429 once one address has sent ten in a minute', async () => {
    const ip = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await sendWebmention('https://source.example/gone', `${BLOG}/limite`, { ip })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses[10]).toBe(429);
  });

  it('counts every address of one IPv6 /64 together', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await sendWebmention('https://source.example/gone', `${BLOG}/limite`, { ip: sameSubnetIp(ip, i + 1) })).status,
      );
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses[10]).toBe(429);
  });

  it('refuses a body that is not a form (415)', async () => {
    const response = await postForm('/webmention', { source: 'x' }, { contentType: 'application/json' });
    expect(response.status).toBe(415);
  });

  it('answers in English on an English blog', async () => {
    const response = await postForm('/webmention', { target: `${BLOG}/x` }, { env: { BLOG_LANGUAGE: 'en' } });
    expect(await response.text()).toContain('The "source" parameter is missing.');
  });
});

describe('verification failures', () => {
  const target = `${BLOG}/verifie`;
  beforeAll(async () => {
    await insertArticle({ slug: 'verifie' });
  });
  const verify = async (source: string, env: Record<string, unknown> = {}) => {
    const response = await sendWebmention(source, target, { env });
    expect(response.status).toBe(202);
    return storedMention(source);
  };

  it('a source that does not link to the article fails', async () => {
    const source = `https://source.example${uniquePath()}`;
    await stubPage(source, { body: '<p>No link to <a href="http://localhost:8787/other">anything of ours</a>.</p>' });
    expect((await verify(source))?.verification).toBe('failed');
  });

  it('a link in a comment or a script does not count', async () => {
    const source = `https://source.example${uniquePath()}`;
    await stubPage(source, { body: `<!-- <a href="${target}">x</a> --><script>"<a href='${target}'>"</script>` });
    expect((await verify(source))?.verification).toBe('failed');
  });

  it('a relative link, resolved against the page after its redirect, counts', async () => {
    const source = `https://source.example${uniquePath()}`;
    const moved = `https://source.example${uniquePath()}`;
    await stubPage(source, { status: 301, headers: { location: moved } });
    await stubPage(moved, { body: `<base href="${BLOG}/"><a href="verifie">ici</a>` });
    expect((await verify(source))?.verification).toBe('verified');
  });

  it('a plain-text source that names the URL counts', async () => {
    const source = `https://source.example${uniquePath()}`;
    await stubPage(source, { headers: { 'content-type': 'text/plain' }, body: `Lu ici : ${target}.` });
    expect((await verify(source))?.verification).toBe('verified');
  });

  it('a source of another type (JSON) fails', async () => {
    const source = `https://source.example${uniquePath()}`;
    await stubPage(source, { headers: { 'content-type': 'application/json' }, body: `{"url":"${target}"}` });
    expect((await verify(source))?.verification).toBe('failed');
  });

  it('a 410 source is gone', async () => {
    expect((await verify('https://source.example/gone'))?.verification).toBe('gone');
  });

  it('a source slower than WEBMENTION_TIMEOUT_MS fails', async () => {
    const started = Date.now();
    expect((await verify('https://source.example/slow', { WEBMENTION_TIMEOUT_MS: 300 }))?.verification).toBe('failed');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('a source larger than WEBMENTION_MAX_BYTES fails', async () => {
    expect((await verify('https://huge.example/huge'))?.verification).toBe('failed');
  });

  it('a name whose DNS points to a private address is not fetched', async () => {
    const source = `https://rebind.example${uniquePath()}`;
    await stubPage(source, { body: pageLinkingTo(target) });
    expect((await verify(source))?.verification).toBe('failed');
    const v6 = `https://rebind6.example${uniquePath()}`;
    await stubPage(v6, { body: pageLinkingTo(target) });
    expect((await verify(v6))?.verification).toBe('failed');
    expect(await receivedBy('rebind.example')).toEqual([]);
  });

  it('a name whose AAAA answer carries a private IPv4 (SIIT, 6to4, Teredo) is not fetched', async () => {
    for (const host of ['rebind-siit.example', 'rebind-6to4.example', 'rebind-teredo.example']) {
      const source = `https://${host}${uniquePath()}`;
      await stubPage(source, { body: pageLinkingTo(target) });
      expect((await verify(source))?.verification, host).toBe('failed');
      expect(await receivedBy(host), host).toEqual([]);
    }
  });

  it('a resolver that fails or answers nonsense is a refusal: the source is not fetched, the mention fails', async () => {
    for (const host of ['dns-down.example', 'dns-garbled.example', 'dns-odd.example', 'dns-baddata.example']) {
      const source = `https://${host}${uniquePath()}`;
      await stubPage(source, { body: pageLinkingTo(target) });
      expect((await verify(source))?.verification, host).toBe('failed');
      expect(await receivedBy(host), host).toEqual([]);
    }
  });

  it('a resolver that fails once is asked again', async () => {
    const host = `dns-flaky-${crypto.randomUUID().slice(0, 8)}.example`;
    const source = `https://${host}${uniquePath()}`;
    await stubPage(source, { body: pageLinkingTo(target) });
    expect((await verify(source))?.verification).toBe('verified');
  });

  it('a resolver URL that is not https answers 503 before anything is stored, never a 500', async () => {
    const source = `https://source.example${uniquePath()}`;
    await stubPage(source, { body: pageLinkingTo(target) });
    for (const url of ['http://dns.example/dns-query', 'https://']) {
      const response = await sendWebmention(source, target, { env: { WEBMENTION_DOH_URL: url } });
      expect(response.status, url).toBe(503);
      expect(response.headers.get('retry-after')).toBe('60');
      expect(await storedMention(source)).toBeNull();
    }
  });

  it('a redirect to a private address is not followed', async () => {
    const source = `https://source.example${uniquePath()}`;
    await stubPage(source, { status: 302, headers: { location: 'http://127.0.0.1/admin' } });
    expect((await verify(source))?.verification).toBe('failed');
  });
});
