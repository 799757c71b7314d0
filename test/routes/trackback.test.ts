// Legacy trackbacks: the XML answers of the Trackback specification, and the
// same checks, verification and moderation as Webmentions.
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertArticle } from '../fixtures';
import { BLOG, pageLinkingTo, postForm, storedMention, stubPage, uniquePath } from '../support/webmention';
import { callWorker } from '../support/worker';

const parse = (xml: string) => new XMLParser().parse(xml) as { response: { error: number; message?: string } };

beforeAll(async () => {
  await insertArticle({ slug: 'pistes' });
});

describe('POST /<slug>/trackback', () => {
  it('answers error 0 and verifies the blog post, keeping its title, excerpt and blog name', async () => {
    const url = `https://vieux-blog.example${uniquePath()}`;
    await stubPage(url, { body: `<title>Page</title><a href="${BLOG}/pistes">la source</a>` });
    const response = await postForm('/pistes/trackback', {
      url,
      title: 'Mon <b>billet</b>',
      excerpt: 'Il parle de vos pistes…',
      blog_name: 'Le vieux blog',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const xml = await response.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(parse(xml).response).toEqual({ error: 0 });
    expect(await storedMention(url)).toMatchObject({
      kind: 'trackback',
      status: 'pending',
      verification: 'verified',
      target_url: `${BLOG}/pistes`,
      // The page has no h-entry: the trackback's own fields stay, the page's <title> fills in nothing better.
      author_name: 'Le vieux blog',
      excerpt: 'Il parle de vos pistes…',
    });
  });

  it('a trackback from a page without a link to the article is stored as failed, never shown', async () => {
    const url = `https://vieux-blog.example${uniquePath()}`;
    await stubPage(url, { body: pageLinkingTo('https://elsewhere.example/') });
    expect(parse(await (await postForm('/pistes/trackback', { url })).text()).response.error).toBe(0);
    expect((await storedMention(url))?.verification).toBe('failed');
  });

  it.each([
    ['no url', '/pistes/trackback', {}, 400, 'url'],
    ['a url that is not http(s)', '/pistes/trackback', { url: 'javascript:alert(1)' }, 400, 'http'],
    ['a private url', '/pistes/trackback', { url: 'http://192.168.0.1/' }, 400, 'privée'],
    ['an IPv4-compatible IPv6 url', '/pistes/trackback', { url: 'http://[::127.0.0.1]/' }, 400, 'privée'],
    ['a 6to4 url of a private IPv4', '/pistes/trackback', { url: 'http://[2002:c0a8:1::]/' }, 400, 'privée'],
    ['a Teredo url of 127.0.0.1', '/pistes/trackback', { url: 'http://[2001:0:5db8:d70e::80ff:fffe]/' }, 400, 'privée'],
    ['an unknown article', '/nulle-part/trackback', { url: 'https://a.example/' }, 404, 'publié'],
  ])('%s: error 1 with a message', async (_name, path, fields, status, words) => {
    const response = await postForm(path, fields as Record<string, string>);
    expect(response.status).toBe(status);
    const { response: answer } = parse(await response.text());
    expect(answer.error).toBe(1);
    expect(answer.message).toContain(words);
  });

  it('is rate-limited like Webmentions (error 1, 429)', async () => {
    const ip = '203.0.113.99';
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) last = await postForm('/pistes/trackback', { url: 'https://a.example/gone' }, { ip });
    expect(last?.status).toBe(429);
    expect(parse(await (last as Response).text()).response.error).toBe(1);
  });

  it('GET on the trackback URL is not allowed (405)', async () => {
    const response = await callWorker('/pistes/trackback');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
