// The layout syntax authors write in Markdown (docs/writing.md, "Layout"),
// as the publish step turns it into the HTML public/style.css lays out.
import { describe, expect, it } from 'vitest';
import layoutArticle from '../../content/posts/mettre-en-page-un-billet.md?raw';
import { renderMarkdown } from '../../scripts/lib/markdown.ts';
import { PostError, parsePost } from '../../scripts/lib/post.ts';
import { NBSP, NNBSP } from '../../scripts/lib/typography.ts';

const french = (markdown: string) => renderMarkdown(markdown, 'fr');
const english = (markdown: string) => renderMarkdown(markdown, 'en').html;

describe('figures', () => {
  it('makes an image followed by an italic line a figure, the line its caption', () => {
    expect(english('![A harbour](/images/port.svg)\n*The harbour at **dusk***')).toBe(
      '<figure><img src="/images/port.svg" alt="A harbour"><figcaption>The harbour at <strong>dusk</strong></figcaption></figure>\n',
    );
  });

  it('makes an image alone with a title a figure, the title its caption (and no longer a tooltip)', () => {
    expect(english('![A harbour](/images/port.svg "The harbour & its boats")')).toBe(
      '<figure><img src="/images/port.svg" alt="A harbour"><figcaption>The harbour &amp; its boats</figcaption></figure>\n',
    );
  });

  it('leaves an image without caption, or inside a sentence, as it was', () => {
    expect(english('![A harbour](/images/port.svg)')).toBe('<p><img src="/images/port.svg" alt="A harbour"></p>\n');
    expect(english('See ![a harbour](/images/port.svg "Port") *here*')).toBe(
      '<p>See <img src="/images/port.svg" alt="a harbour" title="Port"> <em>here</em></p>\n',
    );
    expect(english('![A harbour](/images/port.svg)\n*caption* and more')).toContain('<p><img');
  });

  it('sets French captions, from a title or an italic line, like the rest of the text', () => {
    expect(french('![Port](/p.svg "Le port : au matin")').html).toContain(`Le port${NBSP}: au matin</figcaption>`);
    expect(french('![Port](/p.svg)\n*Vraiment ?*').html).toContain(`Vraiment${NNBSP}?</figcaption>`);
  });
});

describe('galleries', () => {
  const gallery =
    '::: gallery\n- ![Port](/a.svg) The **harbour**\n- ![Lighthouse](/b.svg "At night")\n- ![Forest](/c.svg)\n:::';

  it('makes a list of images a gallery of figures, captioned by the text after each image or its title', () => {
    expect(english(gallery)).toBe(
      '<ul class="gallery">\n' +
        '<li><figure><img src="/a.svg" alt="Port"><figcaption>The <strong>harbour</strong></figcaption></figure></li>\n' +
        '<li><figure><img src="/b.svg" alt="Lighthouse"><figcaption>At night</figcaption></figure></li>\n' +
        '<li><figure><img src="/c.svg" alt="Forest"></figure></li>\n' +
        '</ul>\n',
    );
  });

  it('takes a number of columns, 2 to 4', () => {
    expect(english(gallery.replace('gallery', 'gallery 2'))).toMatch(/^<ul class="gallery gallery-2">/);
    const { problems } = french(gallery.replace('gallery', 'gallery 5'));
    expect(problems).toEqual([{ line: 1, reason: '"::: gallery" takes a number of columns, 2, 3 or 4, not "5"' }]);
  });

  it('refuses anything but a list of images', () => {
    expect(french('Intro\n\n::: gallery\nJust text\n:::').problems).toEqual([
      { line: 3, reason: '"::: gallery" holds a list of images, one per line: "- ![Alt text](image.png) Caption"' },
    ]);
    expect(french('::: gallery\n- ![A](/a.svg)\n- a word\n:::').problems).toEqual([
      { line: 1, reason: 'each item of a gallery starts with an image, not "- a word"' },
    ]);
  });
});

describe('blocks', () => {
  it('lays out two or three columns separated by +++ lines, Markdown inside each', () => {
    expect(english('::: columns\n**One**\n+++\n- two\n:::')).toBe(
      '<div class="columns-2">\n<div>\n<p><strong>One</strong></p>\n</div>\n<div>\n<ul>\n<li>two</li>\n</ul>\n</div>\n</div>\n',
    );
    expect(english('::: columns\nA\n+++\nB\n+++\nC\n:::')).toMatch(
      /^<div class="columns-3">\n(<div>\n<p>[ABC]<\/p>\n<\/div>\n){3}<\/div>\n$/,
    );
  });

  it('wraps a callout, an alignment or a text alignment in a <div> of that class', () => {
    for (const kind of [
      'callout',
      'align-left',
      'align-right',
      'align-center',
      'align-wide',
      'text-left',
      'text-center',
      'text-right',
    ]) {
      expect(english(`::: ${kind}\nSome *text*\n:::`)).toBe(
        `<div class="${kind}">\n<p>Some <em>text</em></p>\n</div>\n`,
      );
    }
  });

  it('makes a pullquote a blockquote, and details a <details> with its summary', () => {
    expect(english('::: pullquote\nSaid *once*\n:::')).toBe(
      '<blockquote class="pullquote">\n<p>Said <em>once</em></p>\n</blockquote>\n',
    );
    expect(english('::: details Read `more`\nHidden\n:::')).toBe(
      '<details>\n<summary>Read <code>more</code></summary>\n<p>Hidden</p>\n</details>\n',
    );
  });

  it('nests blocks, and cuts a paragraph that runs into one', () => {
    expect(english('::: columns\nText\n::: callout\nInside\n:::\n+++\n::: details More\nX\n:::\n:::')).toBe(
      '<div class="columns-2">\n<div>\n<p>Text</p>\n<div class="callout">\n<p>Inside</p>\n</div>\n</div>\n' +
        '<div>\n<details>\n<summary>More</summary>\n<p>X</p>\n</details>\n</div>\n</div>\n',
    );
  });

  it('leaves ::: and +++ lines inside a code block alone', () => {
    expect(english('::: callout\n```\n:::\n+++\n```\n:::')).toBe(
      '<div class="callout">\n<pre><code>:::\n+++\n</code></pre>\n</div>\n',
    );
  });

  it('sets French typography inside every block', () => {
    const { html } = french(
      '::: columns\nUn : deux\n+++\n::: details Quoi ?\nOui !\n:::\n:::\n\n::: callout\n« Bien »\n:::',
    );
    expect(html).toContain(`Un${NBSP}: deux`);
    expect(html).toContain(`<summary>Quoi${NNBSP}?</summary>`);
    expect(html).toContain(`Oui${NNBSP}!`);
    expect(html).toContain(`«${NBSP}Bien${NBSP}»`);
  });

  it('makes a link followed by {.button} a button', () => {
    expect(english('[Subscribe](/feed.xml){.button} or [read](/a)')).toBe(
      '<p><a class="button" href="/feed.xml">Subscribe</a> or <a href="/a">read</a></p>\n',
    );
  });

  it('reports, with its line, a block it does not know, one never closed, a wrong number of columns', () => {
    expect(french('Text\n\n::: sidebar\nX\n:::').problems).toEqual([
      {
        line: 3,
        reason:
          '"::: sidebar" is not a layout block; the blocks are: align-left, align-right, align-center, align-wide, text-left, text-center, text-right, callout, columns, gallery, details, pullquote',
      },
    ]);
    expect(french('::: callout\nX').problems).toEqual([
      { line: 1, reason: '"::: callout" is never closed: end the block with a ":::" line' },
    ]);
    const twice = '::: columns\nA\n+++\nB\n:::\n\n::: columns\nA\n:::';
    expect(french(twice).problems).toEqual([
      { line: 7, reason: '"::: columns" holds 2 or 3 columns separated by "+++" lines, not 1' },
    ]);
    expect(french('::: callout Title\nX\n:::').problems).toEqual([
      { line: 1, reason: '"::: callout" takes nothing after its name' },
    ]);
    expect(french('::: details\nX\n:::').problems[0]?.reason).toMatch(/needs its summary/);
  });

  it('stops the publish on a layout problem, naming the line of the file', () => {
    const source = '---\ntitle: Test\ndate: 2026-01-01T10:00:00Z\n---\n\nIntro\n\n::: colums\nX\n:::\n';
    let error: unknown;
    try {
      parsePost('content/posts/test.md', source, 'fr');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).line).toBe(8);
    expect((error as PostError).reason).toMatch(/^"::: colums" is not a layout block/);
  });
});

describe('the demo layout article', () => {
  it('shows each layout: figure, gallery of four, two and three columns, alignments, callout, pullquote, button, details', () => {
    const { bodyHtml } = parsePost('content/posts/mettre-en-page-un-billet.md', layoutArticle, 'fr');
    for (const markup of [
      '<figure><img src="../media/mise-en-page/port.svg"',
      '<ul class="gallery">',
      '<div class="columns-2">',
      '<div class="columns-3">',
      '<div class="align-right">',
      '<div class="align-wide">',
      '<div class="callout">',
      '<blockquote class="pullquote">',
      '<a class="button" href="/feed.xml">',
      '<details>\n<summary>',
    ]) {
      expect(bodyHtml).toContain(markup);
    }
    expect(bodyHtml.match(/<li><figure><img [^>]+><figcaption>/g)).toHaveLength(4);
  });
});
