// Endpoint discovery as the W3C Webmention specification describes it.
import { describe, expect, it } from 'vitest';
import { outboundLinks } from '../../src/scheduled/send-webmentions';
import { endpointInHtml, endpointInLinkHeader } from '../../src/webmention/discover';

describe('endpointInLinkHeader', () => {
  it.each([
    ['<https://r.example/wm>; rel="webmention"', 'https://r.example/wm'],
    ['<https://r.example/wm>; rel=webmention', 'https://r.example/wm'],
    ['<https://r.example/wm>; rel="WebMention"', 'https://r.example/wm'],
    ['</a>; rel="other", </wm?x=1,2>; rel="me webmention"', '/wm?x=1,2'],
    ['<https://r.example/a>; rel="not-webmention"', null],
    ['<https://r.example/a>; title="webmention"', null],
    ['', null],
  ])('%s → %s', (header, expected) => {
    expect(endpointInLinkHeader(header)).toBe(expected);
  });
});

describe('endpointInHtml', () => {
  it('takes the first <link> or <a> with rel webmention in document order', async () => {
    expect(await endpointInHtml('<a rel="webmention" href="/first">x</a><link rel="webmention" href="/second">')).toBe(
      '/first',
    );
    expect(await endpointInHtml('<link rel="webmention" href="">')).toBe('');
  });

  it('ignores elements without href, commented ones and other elements', async () => {
    expect(
      await endpointInHtml(
        '<!-- <link rel="webmention" href="/no"> --><link rel="webmention"><a href="/yes" rel="webmention">',
      ),
    ).toBe('/yes');
    expect(await endpointInHtml('<div rel="webmention" href="/no"></div>')).toBeNull();
  });
});

describe('outboundLinks', () => {
  it('lists links to other sites once, without fragments, never ours or private ones', async () => {
    const links = await outboundLinks(
      `<a href="https://a.example/x#one">1</a><a href="https://a.example/x#two">2</a><a href="/ours">3</a>
       <a href="https://blog.test/other">4</a><a href="http://10.0.0.1/">5</a><a href="mailto:a@b.c">6</a>`,
      'https://blog.test/post',
      'https://blog.test',
    );
    expect(links).toEqual(['https://a.example/x']);
  });
});
