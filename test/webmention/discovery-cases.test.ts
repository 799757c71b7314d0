// Endpoint discovery on whole pages, through the outbound stand-in, in the
// situations the published Webmention discovery test suite (webmention.rocks,
// tests 1–23) describes: HTTP Link header before <link> before <a>, relative
// URLs resolved against the page after redirects, rel lists, commented or
// escaped markup, an empty href, several endpoints. Pages written here.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { discoverEndpoint } from '../../src/webmention/discover';
import { readWebmentionSettings } from '../../src/webmention/settings';
import type { StubPage } from '../support/source-sites';
import { stubPage, uniquePath } from '../support/webmention';

const HOST = 'https://rocks.example';

/** Serves `page` at a fresh path and answers the endpoint discovered there (absolute), or null. */
async function discover(page: StubPage, path = uniquePath('test')): Promise<{ page: string; endpoint: string | null }> {
  const url = `${HOST}${path}`;
  await stubPage(url, page);
  const found = await discoverEndpoint(new URL(url), readWebmentionSettings(env));
  if ('failure' in found) throw new Error(`discovery failed: ${found.failure}`);
  return { page: url, endpoint: found.endpoint?.href ?? null };
}

const html = (head: string, body = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Test</title>${head}</head><body>${body}</body></html>`;

describe('Webmention endpoint discovery on real pages', () => {
  it('HTTP Link header, relative and absolute, quoted or not, any header case', async () => {
    expect((await discover({ headers: { link: '</wm/1>; rel=webmention' }, body: html('') })).endpoint).toBe(
      `${HOST}/wm/1`,
    );
    expect((await discover({ headers: { LinK: `<${HOST}/wm/2>; rel="webmention"` }, body: html('') })).endpoint).toBe(
      `${HOST}/wm/2`,
    );
  });

  it('<link> and <a>, relative and absolute', async () => {
    expect((await discover({ body: html('<link rel="webmention" href="/wm/3">') })).endpoint).toBe(`${HOST}/wm/3`);
    expect((await discover({ body: html(`<link rel="webmention" href="${HOST}/wm/4">`) })).endpoint).toBe(
      `${HOST}/wm/4`,
    );
    expect((await discover({ body: html('', '<p><a rel="webmention" href="/wm/5">wm</a></p>') })).endpoint).toBe(
      `${HOST}/wm/5`,
    );
  });

  it('a rel list with other values, in a header and in markup; rel="not-webmention" is no match', async () => {
    expect(
      (await discover({ headers: { link: '</wm/10>; rel="webmention somethingelse"' }, body: html('') })).endpoint,
    ).toBe(`${HOST}/wm/10`);
    expect((await discover({ body: html('<link rel="somethingelse webmention" href="/wm/9">') })).endpoint).toBe(
      `${HOST}/wm/9`,
    );
    expect(
      (await discover({ body: html('<link rel="not-webmention" href="/no"><link rel="webmention" href="/wm/12">') }))
        .endpoint,
    ).toBe(`${HOST}/wm/12`);
  });

  it('the header wins over markup; in markup, the first in document order wins, <a> or <link>', async () => {
    const all = html('<link rel="webmention" href="/link">', '<a rel="webmention" href="/a">a</a>');
    expect((await discover({ headers: { link: '</header>; rel="webmention"' }, body: all })).endpoint).toBe(
      `${HOST}/header`,
    );
    expect(
      (await discover({ body: html('', '<a rel="webmention" href="/first-a">a</a><link rel="webmention" href="/l">') }))
        .endpoint,
    ).toBe(`${HOST}/first-a`);
    expect((await discover({ body: all })).endpoint).toBe(`${HOST}/link`);
  });

  it('a <link> in the body counts where it stands', async () => {
    expect(
      (
        await discover({
          body: html('', '<p>x</p><link rel="webmention" href="/body-link"><a rel="webmention" href="/a">'),
        })
      ).endpoint,
    ).toBe(`${HOST}/body-link`);
  });

  it('several Link headers, or several values in one', async () => {
    expect(
      (
        await discover({
          headers: { link: '<https://other.example/>; rel="other", </wm/19>; rel="webmention"' },
          body: html(''),
        })
      ).endpoint,
    ).toBe(`${HOST}/wm/19`);
  });

  it('a fake endpoint in an HTML comment or in escaped text is not one', async () => {
    const commented = html('<!-- <link rel="webmention" href="/fake"> -->', '<a rel="webmention" href="/wm/13">x</a>');
    expect((await discover({ body: commented })).endpoint).toBe(`${HOST}/wm/13`);
    const escaped = html(
      '',
      '<code>&lt;a href="/fake" rel="webmention"&gt;</code><script>document.write(\'<a rel="webmention" href="/js">\')</script><a rel="webmention" href="/wm/14">x</a>',
    );
    expect((await discover({ body: escaped })).endpoint).toBe(`${HOST}/wm/14`);
  });

  it('an empty href is the page itself; a <link> without href is skipped', async () => {
    const found = await discover({ body: html('<link rel="webmention" href="">') });
    expect(found.endpoint).toBe(found.page);
    expect(
      (await discover({ body: html('<link rel="webmention"><link rel="webmention" href="/wm/20">') })).endpoint,
    ).toBe(`${HOST}/wm/20`);
  });

  it('a query string is kept, character references in href are decoded, a path-relative href resolves against the page', async () => {
    expect((await discover({ body: html('<link rel="webmention" href="/wm/21?query=yes&amp;b=2">') })).endpoint).toBe(
      `${HOST}/wm/21?query=yes&b=2`,
    );
    expect((await discover({ body: html('<link rel="webmention" href="22/webmention">') }, '/test/22')).endpoint).toBe(
      `${HOST}/test/22/webmention`,
    );
  });

  it('after a redirect, a relative endpoint resolves against the page finally reached', async () => {
    const moved = uniquePath('moved');
    await stubPage(`${HOST}${moved}/page`, { body: html('<link rel="webmention" href="endpoint">') });
    const found = await discover({ status: 302, headers: { location: `${moved}/page` } });
    expect(found.endpoint).toBe(`${HOST}${moved}/endpoint`);
  });

  it('no endpoint at all: null', async () => {
    expect(
      (await discover({ body: html('<link rel="me" href="/me">', '<a href="/wm">webmention</a>') })).endpoint,
    ).toBeNull();
  });
});
