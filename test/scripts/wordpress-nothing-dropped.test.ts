// Nothing of a WordPress post is dropped without a word: run on WordPress's
// own exports (the theme unit test data and a block-editor export using every
// core block), every element of a post's HTML arrives in the imported body,
// under its own name or a modern one, or is named in the post's notes; every
// player arrives as a player; every shortcode left as text is named.
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { type ConvertedExport, convertExport } from '../../scripts/lib/wordpress/convert.ts';
import type { ImportedPost } from '../../scripts/lib/wordpress/posts.ts';
import type { WxrItem } from '../../scripts/lib/wordpress/wxr.ts';
import blockExportXml from '../data/wordpress/64-block-test-data.xml?raw';
import themeUnitTestXml from '../data/wordpress/themeunittestdata.wordpress.xml?raw';

const OPTIONS = { timeZone: 'UTC', defaultLanguage: 'en', blogUrl: 'https://causerie.example' } as const;

/** How many of each element an HTML text holds; an embed block's wrapper counts as "embed block". */
function elementCounts(html: string): Map<string, number> {
  const counts = new Map<string, number>();
  const parser = new Parser({
    onopentag(name, attributes) {
      const counted = /\bwp-block-embed__wrapper\b/.test(attributes.class ?? '') ? 'embed block' : name;
      counts.set(counted, (counts.get(counted) ?? 0) + 1);
    },
  });
  parser.write(html);
  parser.end();
  return counts;
}

// What the blog writes in their place: the same element, by its HTML5 name,
// or (for a YouTube, Vimeo or Dailymotion frame, and an embed block) a link
// to what it showed.
const SHOWN_AS: Record<string, string> = {
  b: 'strong',
  i: 'em',
  h1: 'h2',
  strike: 's',
  acronym: 'abbr',
  tt: 'code',
  iframe: 'a',
  'embed block': 'a',
};
// Paragraphs and line breaks are made again from the text by wpautop, as
// WordPress did when it showed the post: their number changes, nothing is lost.
const REMADE = new Set(['p', 'br']);

const PLAYERS = ['audio', 'video'];
const SHORTCODES = ['gallery', 'audio', 'video', 'playlist', 'caption', 'wp_caption', 'embed'];

interface Converted {
  item: WxrItem;
  post: ImportedPost;
  body: string;
}

function convertedBodies(result: ConvertedExport): Converted[] {
  return [...result.posts, ...result.pages].map((post) => {
    const item = result.wxr.items.find((candidate) => candidate.postId === post.wordpressId);
    if (!item) throw new Error(`no item ${post.wordpressId}`);
    // The front matter is YAML between the first two "---" lines; the body follows.
    const body = post.markdown.split('\n---\n').slice(1).join('\n---\n');
    return { item, post, body };
  });
}

function count(counts: Map<string, number>, names: string[]): number {
  return names.reduce((total, name) => total + (counts.get(name) ?? 0), 0);
}

describe.each([
  ['WordPress’s theme unit test export', themeUnitTestXml],
  ['the block-editor export', blockExportXml],
])('%s', (_, xml) => {
  const bodies = convertedBodies(convertExport(xml, OPTIONS));

  it('keeps every element of every post and page, or names it in the post’s notes', () => {
    const silent: string[] = [];
    for (const { item, post, body } of bodies) {
      const before = elementCounts(item.content);
      const after = elementCounts(body);
      // The elements written in place of others: those beyond the post's own, shared among them.
      const surplus = new Map<string, number>();
      for (const target of new Set(Object.values(SHOWN_AS)))
        surplus.set(target, (after.get(target) ?? 0) - (before.get(target) ?? 0));
      for (const [name, number] of before) {
        if (REMADE.has(name)) continue;
        let shown = after.get(name) ?? 0;
        const target = SHOWN_AS[name];
        if (target && shown < number) {
          const replaced = Math.max(0, Math.min(number - shown, surplus.get(target) ?? 0));
          surplus.set(target, (surplus.get(target) ?? 0) - replaced);
          shown += replaced;
        }
        if (shown >= number) continue;
        if (post.notes.some((note) => note.includes(`<${name}>`))) continue;
        silent.push(`${item.where}: <${name}> ×${number - shown}`);
      }
    }
    expect(silent).toEqual([]);
  });

  it('names every media shortcode it leaves as text', () => {
    const silent: string[] = [];
    for (const { item, post, body } of bodies) {
      for (const name of SHORTCODES) {
        if (!new RegExp(`\\[${name}[\\s\\]]`).test(body)) continue;
        if (!post.notes.includes(`shortcode [${name}] left as text`)) silent.push(`${item.where}: [${name}]`);
      }
    }
    expect(silent).toEqual([]);
  });

  it('makes a player of every player and of every [audio] and [video], or names it', () => {
    for (const { item, post, body } of bodies) {
      const before = count(elementCounts(item.content), PLAYERS);
      const named = post.notes.filter((note) => /^<(?:audio|video)> with an unusable address/.test(note)).length;
      expect(count(elementCounts(body), PLAYERS), item.where).toBeGreaterThanOrEqual(before - named);
      expect(body, item.where).not.toMatch(/\[(?:audio|video|playlist)[\s\]]/);
    }
  });
});

describe('the players of both exports', () => {
  const players = (xml: string) => {
    const bodies = convertedBodies(convertExport(xml, OPTIONS));
    const total = (html: (entry: Converted) => string) =>
      bodies.reduce((sum, entry) => sum + count(elementCounts(html(entry)), PLAYERS), 0);
    return {
      before: total((entry) => entry.item.content),
      after: total((entry) => entry.body),
      named: bodies.flatMap((entry) => entry.post.notes.filter((note) => /^<(?:audio|video)> with/.test(note))),
    };
  };

  it('all arrive as players with controls: 9 + [audio] in the theme unit test, 23 of 24 + [audio] in the block export', () => {
    expect(players(themeUnitTestXml)).toEqual({ before: 9, after: 10, named: [] });
    expect(players(blockExportXml)).toEqual({
      before: 24,
      after: 24,
      // The export's own typo: "ttps://…" for "https://…".
      named: [
        '<video> with an unusable address "ttps://wpthemetestdata.files.wordpress.com/2013/12/2014-slider-mobile-behavior.mov": left out',
      ],
    });
  });
});

describe('the galleries of the theme unit test export', () => {
  const result = convertExport(themeUnitTestXml, OPTIONS);
  const bodyOf = (slug: string) =>
    result.posts
      .find((post) => post.slug === slug)
      ?.markdown.split('\n---\n')
      .slice(1)
      .join('\n---\n') ?? '';

  it('become the blog’s galleries, with the post’s attached images and their captions', () => {
    const body = bodyOf('post-format-gallery');
    expect(body).not.toContain('[gallery');
    expect(body.match(/<ul class="gallery gallery-3">/g)).toHaveLength(2);
    for (const columns of [2, 4]) expect(body).toContain(`<ul class="gallery gallery-${columns}">`);
    expect(body.match(/<ul class="gallery gallery-4">/g)).toHaveLength(6);
    expect(body).toContain('<figcaption>Bell on wharf in San Francisco</figcaption>');
    expect(body).toContain('alt="Bell on Wharf"');
  });
});
