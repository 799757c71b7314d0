// The feed views on their own: the FEED_CONTENT setting, absolute addresses
// in article bodies, characters XML cannot carry, ids of a blog in a folder.
import { env } from 'cloudflare:test';
import { XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { type BlogSettings, readSettings } from '../../src/config';
import type { FeedArticleRow } from '../../src/db/feeds';
import { blogFeed } from '../../src/views/feeds/model';
import { renderFeed } from '../../src/views/feeds/render';
import { absolutizeBodyUrls, feedIds } from '../../src/views/feeds/urls';
import { createLocale } from '../../src/views/i18n';

const PAGE = 'https://blog.example/mon-article';

function article(fields: Partial<FeedArticleRow> = {}): FeedArticleRow {
  return {
    id: 7,
    slug: 'mon-article',
    title: 'Mon article',
    description: '',
    excerpt: 'Le résumé.',
    language: 'fr',
    body_html: '<p>Le <a href="/autre">corps</a> entier.</p>',
    image_url: null,
    image_alt: null,
    image_width: null,
    image_height: null,
    published_at: 1_710_408_600,
    updated_at: 1_710_408_600,
    tags: [],
    ...fields,
  };
}

function settingsWith(fields: Partial<BlogSettings>): BlogSettings {
  return { ...readSettings(env), ...fields };
}

function render(settings: BlogSettings, articles: FeedArticleRow[]) {
  const feed = blogFeed(settings, createLocale(settings.language, settings.timeZone), articles);
  return {
    rss: renderFeed(settings, feed, 'rss').body,
    atom: renderFeed(settings, feed, 'atom').body,
    json: JSON.parse(renderFeed(settings, feed, 'json').body),
  };
}

describe('FEED_CONTENT', () => {
  it('"full" carries the whole body, its links made absolute', () => {
    const { rss, atom, json } = render(settingsWith({ feedContent: 'full', baseUrl: 'https://blog.example' }), [
      article(),
    ]);
    const body = '<p>Le <a href="https://blog.example/autre">corps</a> entier.</p>';
    expect(parseRssFeed(rss).items?.[0]?.content?.encoded).toBe(body);
    expect(parseAtomFeed(atom).entries?.[0]?.content).toEqual({ value: body, type: 'html' });
    expect(parseJsonFeed(json).items?.[0]?.content_html).toBe(body);
  });

  it('"excerpt" carries the excerpt only, as text, in every format', () => {
    const { rss, atom, json } = render(settingsWith({ feedContent: 'excerpt' }), [article()]);
    expect(rss).not.toContain('corps');
    expect(rss).not.toContain('content:encoded>');
    expect(parseRssFeed(rss).items?.[0]?.description).toBe('Le résumé.');
    expect(atom).not.toContain('corps');
    expect(parseAtomFeed(atom).entries?.[0]?.content).toEqual({ value: 'Le résumé.', type: 'text' });
    const item = parseJsonFeed(json).items?.[0];
    expect(item?.content_text).toBe('Le résumé.');
    expect(item?.content_html).toBeUndefined();
  });
});

describe('absolutizeBodyUrls', () => {
  it.each([
    ['<a href="/autre">x</a>', '<a href="https://blog.example/autre">x</a>'],
    ["<img src='image.png' alt=''>", "<img src='https://blog.example/image.png' alt=''>"],
    ['<img src=/a.png>', '<img src="https://blog.example/a.png">'],
    ['<a href="#note-1">1</a>', '<a href="https://blog.example/mon-article#note-1">1</a>'],
    ['<img src="//cdn.example/a.png">', '<img src="https://cdn.example/a.png">'],
    [
      '<img srcset="/a.png 1x, b.png 2x" src="/a.png">',
      '<img srcset="https://blog.example/a.png 1x, https://blog.example/b.png 2x" src="https://blog.example/a.png">',
    ],
    [
      '<video poster="/p.jpg" src="/v.mp4"></video>',
      '<video poster="https://blog.example/p.jpg" src="https://blog.example/v.mp4"></video>',
    ],
    ['<A HREF="/Majuscules">x</A>', '<A HREF="https://blog.example/Majuscules">x</A>'],
  ])('makes %s absolute', (body, expected) => {
    expect(absolutizeBodyUrls(body, PAGE)).toBe(expected);
  });

  it.each([
    ['absolute addresses', '<a href="https://ailleurs.example/x">x</a> <a href="mailto:a@b.example">m</a>'],
    ['data: images', '<img src="data:image/png;base64,AAAA">'],
    ['text that only looks like an attribute', '<p>Write <code>&lt;a href="/x"&gt;</code>, or href="/y".</p>'],
    ['an attribute inside another one’s value', '<abbr title=\'see href="/x"\'>x</abbr>'],
    ['other attributes holding a path', '<div data-src="/x" class="/y"></div>'],
  ])('leaves %s alone', (_label, body) => {
    expect(absolutizeBodyUrls(body, PAGE)).toBe(body);
  });
});

describe('XML well-formedness', () => {
  it('drops the characters XML 1.0 forbids, so one bad title cannot break the feed', () => {
    const title = `Bip\u0007 \ud83d fin \ufffe`;
    const { rss, atom } = render(settingsWith({}), [article({ title })]);
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(XMLValidator.validate(atom)).toBe(true);
    expect(parseRssFeed(rss).items?.[0]?.title).toBe('Bip  fin');
  });
});

describe('feedIds', () => {
  it('builds tag: URIs from the host, and the folder of a blog that lives in one', () => {
    expect(feedIds(settingsWith({ baseUrl: 'https://blog.example' })).article(12)).toBe(
      'tag:blog.example,2026:article:12',
    );
    const inFolder = feedIds(settingsWith({ baseUrl: 'https://example.org/carnet' }));
    expect(inFolder.article(12)).toBe('tag:example.org,2026:carnet/article:12');
    expect(inFolder.comment(3)).toBe('tag:example.org,2026:carnet/comment:3');
  });
});
