// WordPress blocks as a reader of the old blog expects them, laid out by the
// blog's own classes (scripts/lib/wordpress/blocks.ts): first on snippets as
// the block editor writes them, then over WordPress's block test export,
// where every core block appears.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../scripts/lib/markdown.ts';
import { bodyContext, convertBody } from '../../scripts/lib/wordpress/body.ts';
import { convertExport } from '../../scripts/lib/wordpress/convert.ts';
import blockExportXml from '../data/wordpress/64-block-test-data.xml?raw';
import themeUnitTestXml from '../data/wordpress/themeunittestdata.wordpress.xml?raw';

const BASE = 'https://ancien.example';
const IMAGE = 'https://ancien.example/wp-content/uploads/phare.jpg';
const convert = (content: string, footnotes = '') => convertBody(content, bodyContext(BASE), 0, footnotes);
const body = (content: string, footnotes = '') => convert(content, footnotes).html;
/** What readers get: the body through the publish step (Markdown renderer, then the layout-class filter). */
const published = (html: string) => renderMarkdown(html, 'en').html.trim();
const block = (name: string, html: string, attributes = '') =>
  `<!-- wp:${name}${attributes ? ` ${attributes}` : ''} -->\n${html}\n<!-- /wp:${name} -->`;

describe('WordPress classes made into the blog’s layout classes', () => {
  it('keeps alignment of images, figures and text, in block and classic posts, and drops every other class', () => {
    expect(
      body(
        block(
          'image',
          `<figure class="wp-block-image alignleft size-large"><img src="${IMAGE}" alt="Le phare" class="wp-image-7"/><figcaption class="wp-element-caption">Le phare</figcaption></figure>`,
        ),
      ),
    ).toBe(
      `<figure class="align-left"><img src="${IMAGE}" alt="Le phare" /><figcaption>Le phare</figcaption></figure>`,
    );
    expect(body(`Texte <img class="alignright size-medium wp-image-3" src="${IMAGE}" alt="">`)).toBe(
      `<p>Texte <img class="align-right" src="${IMAGE}" alt="" /></p>`,
    );
    expect(
      body(
        '<!-- wp:paragraph --><p class="has-text-align-center has-large-font-size">Centré</p><!-- /wp:paragraph -->',
      ),
    ).toBe('<p class="text-center">Centré</p>');
    expect(
      body(
        '<!-- wp:group --><div class="wp-block-group alignfull has-background" style="color:red"><p>G</p></div><!-- /wp:group -->',
      ),
    ).toBe('<div class="align-wide"><p>G</p></div>');
  });

  it('lays columns side by side: columns-2, columns-3, and columns-4 for four or more; one column is a plain section', () => {
    const columns = (count: number) =>
      block(
        'columns',
        `<div class="wp-block-columns">${Array.from({ length: count }, (_, index) => `<div class="wp-block-column" style="flex-basis:33%"><p>C${index + 1}</p></div>`).join('')}</div>`,
      );
    expect(body(columns(2))).toBe('<div class="columns-2"><div><p>C1</p></div><div><p>C2</p></div></div>');
    expect(body(columns(3))).toMatch(/^<div class="columns-3">(<div><p>C\d<\/p><\/div>){3}<\/div>$/);
    expect(body(columns(6))).toMatch(/^<div class="columns-4">(<div><p>C\d<\/p><\/div>){6}<\/div>$/);
    expect(body(columns(1))).toBe('<div><div><p>C1</p></div></div>');
  });

  it('puts media and text side by side, the media first or, when it was on the right, second', () => {
    const mediaText = (classes: string) =>
      `<div class="wp-block-media-text ${classes}"><figure class="wp-block-media-text__media"><img src="${IMAGE}" alt="Le phare"/></figure><div class="wp-block-media-text__content"><p>Texte</p></div></div>`;
    expect(body(block('media-text', mediaText('is-stacked-on-mobile')))).toBe(
      `<div class="columns-2"><figure><img src="${IMAGE}" alt="Le phare" /></figure><div><p>Texte</p></div></div>`,
    );
    expect(body(block('media-text', mediaText('has-media-on-the-right')))).toBe(
      `<div class="columns-2"><div><p>Texte</p></div><figure><img src="${IMAGE}" alt="Le phare" /></figure></div>`,
    );
  });

  it('keeps a cover’s image, as an <img> or from its background-image style, with the text after it', () => {
    const inner = '<div class="wp-block-cover__inner-container"><p class="has-text-align-center">Titre</p></div>';
    expect(
      body(
        block(
          'cover',
          `<div class="wp-block-cover alignwide"><span aria-hidden="true" class="wp-block-cover__background has-background-dim"></span><img class="wp-block-cover__image-background wp-image-9" alt="" src="${IMAGE}" data-object-fit="cover"/>${inner}</div>`,
        ),
      ),
    ).toBe(
      // WordPress's empty overlay stays, showing nothing.
      `<div class="cover align-wide"><img alt="" src="${IMAGE}" /><span></span><div><p class="text-center">Titre</p></div></div>`,
    );
    expect(
      body(
        block(
          'cover',
          `<div class="wp-block-cover has-background-dim" style="background-image:url(&quot;${IMAGE}&quot;);background-position:50% 50%">${inner}</div>`,
        ),
      ),
    ).toBe(`<div class="cover"><img src="${IMAGE}" alt="" /><div><p class="text-center">Titre</p></div></div>`);
    expect(
      body(
        `<div class="wp-block-cover-image" style="background-image:url(${IMAGE})"><div class="wp-block-cover-image-text">T</div></div>`,
      ),
    ).toBe(`<div class="cover"><img src="${IMAGE}" alt="" />\n<div>T</div>\n</div>`);
  });

  it('makes a pullquote’s quotation a blockquote set large, its citation kept; a quote keeps its citation', () => {
    expect(
      body(
        block(
          'pullquote',
          '<figure class="wp-block-pullquote has-text-align-left"><blockquote><p>Dit</p><cite>Elle</cite></blockquote></figure>',
        ),
      ),
    ).toBe('<figure><blockquote class="pullquote text-left"><p>Dit</p><cite>Elle</cite></blockquote></figure>');
    expect(body(block('quote', '<blockquote class="wp-block-quote"><p>Dit</p><cite>Lui</cite></blockquote>'))).toBe(
      '<blockquote><p>Dit</p><cite>Lui</cite></blockquote>',
    );
  });

  it('keeps a verse’s line breaks and indentation, in a pre the stylesheet sets in the text’s font', () => {
    const html = body(block('verse', '<pre class="wp-block-verse">Premier vers\n  second vers\n\ntroisième</pre>'));
    expect(html).toBe('<div>\n<pre class="verse">Premier vers\n  second vers&#10;\ntroisième</pre>\n</div>');
    expect(published(html)).toContain('<pre class="verse">Premier vers\n  second vers&#10;\ntroisième</pre>');
  });

  it('keeps a striped table striped, and a code block as code', () => {
    expect(
      body(
        block(
          'table',
          '<figure class="wp-block-table is-style-stripes"><table class="has-fixed-layout"><tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table><figcaption class="wp-element-caption">Chiffres</figcaption></figure>',
        ),
      ),
    ).toBe(
      '<figure class="stripes"><table><tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table><figcaption>Chiffres</figcaption></figure>',
    );
    expect(body(block('code', '<pre class="wp-block-code"><code>let a = 1;</code></pre>'))).toBe(
      '<div>\n<pre><code>let a = 1;</code></pre>\n</div>',
    );
  });

  it('keeps an embed a link to what it showed, with its caption and alignment', () => {
    expect(
      body(
        block(
          'embed',
          '<figure class="wp-block-embed alignwide is-type-video is-provider-youtube"><div class="wp-block-embed__wrapper">\nhttps://youtu.be/ex8fMxXJDJw\n</div><figcaption class="wp-element-caption">YouTube</figcaption></figure>',
          '{"url":"https://youtu.be/ex8fMxXJDJw","type":"video","providerNameSlug":"youtube"}',
        ),
      ),
    ).toBe(
      '<figure class="align-wide"><p><a href="https://youtu.be/ex8fMxXJDJw">https://youtu.be/ex8fMxXJDJw</a></p><figcaption>YouTube</figcaption></figure>',
    );
  });

  it('makes buttons button-looking links, several side by side in one block', () => {
    expect(
      body(
        block(
          'buttons',
          '<div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link wp-element-button" href="https://exemple.fr/a">Un</a></div><div class="wp-block-button is-style-outline"><a class="wp-block-button__link" href="/b">Deux</a></div></div>',
        ),
      ),
    ).toBe(
      '<div class="buttons"><div><a class="button" href="https://exemple.fr/a">Un</a></div><div><a class="button" href="/b">Deux</a></div></div>',
    );
  });

  it('makes a file block a link named after the file and a download button; its preview frame goes, named', () => {
    const file = `${BASE}/wp-content/uploads/rapport%20annuel.pdf`;
    expect(
      body(
        block(
          'file',
          `<div class="wp-block-file"><object class="wp-block-file__embed" data="${file}" type="application/pdf"></object><a id="wp-block-file--media-1" href="${file}">Rapport annuel</a><a href="${file}" class="wp-block-file__button wp-element-button" download aria-describedby="wp-block-file--media-1">Télécharger</a></div>`,
        ),
      ),
    ).toBe(
      `<div><p><a href="${file}">Rapport annuel</a> <a href="${file}" class="button" download="rapport annuel.pdf">Télécharger</a></p></div>`,
    );
    const named = convert(`<div class="wp-block-file"><object data="${file}"></object><a href="${file}"></a></div>`);
    expect(named.html).toBe(`<div><p><a href="${file}">rapport annuel.pdf</a></p></div>`);
    expect(named.notes).toEqual([expect.stringMatching(/<object>/)]);
  });

  it('keeps details that fold, open when they were', () => {
    const html = body(
      block(
        'details',
        '<details class="wp-block-details" open><summary>Plus</summary><p>Caché</p></details>',
        '{"showContent":true}',
      ),
    );
    expect(html).toBe('<details open><summary>Plus</summary><p>Caché</p></details>');
    expect(published(html)).toBe(html);
  });

  it('makes a gallery block the blog’s gallery, its caption and alignment on a figure around it', () => {
    const image = (n: number) =>
      `<figure class="wp-block-image size-large"><img src="${BASE}/${n}.jpg" alt="" class="wp-image-${n}"/><figcaption class="wp-element-caption">Image ${n}</figcaption></figure>`;
    expect(
      body(
        block(
          'gallery',
          `<figure class="wp-block-gallery has-nested-images columns-3 is-cropped">${image(1)}${image(2)}</figure>`,
        ),
      ),
    ).toBe(
      `<figure><ul class="gallery gallery-3"><li><figure><img src="${BASE}/1.jpg" alt="" /><figcaption>Image 1</figcaption></figure></li><li><figure><img src="${BASE}/2.jpg" alt="" /><figcaption>Image 2</figcaption></figure></li></ul></figure>`,
    );
    expect(
      body(
        block(
          'gallery',
          `<figure class="wp-block-gallery alignwide columns-default">${image(1)}<figcaption class="blocks-gallery-caption wp-element-caption">Deux images</figcaption></figure>`,
        ),
      ),
    ).toBe(
      `<figure class="align-wide"><ul class="gallery"><li><figure><img src="${BASE}/1.jpg" alt="" /><figcaption>Image 1</figcaption></figure></li></ul><figcaption>Deux images</figcaption></figure>`,
    );
  });

  it('says what it leaves out: spacers, and blocks WordPress drew when the page was shown', () => {
    const converted = convert(
      '<!-- wp:spacer --><div style="height:100px" aria-hidden="true" class="wp-block-spacer"></div><!-- /wp:spacer -->' +
        '<p>Texte</p><!-- wp:latest-posts /--><!-- wp:archives {"displayAsDropdown":true} /--><!-- wp:archives /-->' +
        '<ul class="wp-block-social-links"><!-- wp:social-link {"url":"https://mastodon.example/@moi","service":"mastodon"} /--><!-- wp:social-link {"url":"#","service":"x"} /--></ul>',
    );
    expect(converted.html).toBe('<p>Texte</p><ul><li><a href="https://mastodon.example/@moi">mastodon</a></li></ul>');
    expect(converted.notes).toEqual([
      'blocks left out, WordPress made them when the page was shown (the export has only their name): latest-posts, archives ×2, social-link',
      'spacer block (an empty <div>) left out: the blog spaces paragraphs itself',
    ]);
  });

  it('keeps only the ids it writes, and only the layout classes, whatever the post had; says when a link lost its target', () => {
    expect(body('<h2 id="comments" class="callout wp-block-heading">T</h2><p id="page-9x" class="evil">x</p>')).toBe(
      '<h2 class="callout">T</h2>\n<p>x</p>',
    );
    const converted = convert(
      '<p><a href="#plan">Plan</a> <a href="#">Haut</a></p><h2 id="plan">Plan</h2><span id="more-12"></span>',
    );
    expect(converted.html).toBe(
      '<p><a href="#plan">Plan</a> <a href="#">Haut</a></p>\n<h2>Plan</h2>\n<p><span></span></p>',
    );
    expect(converted.notes).toEqual(['in-page anchors left out, the links to them now lead to the top: #plan']);
  });
});

describe('footnotes', () => {
  const FN_A = 'aa484441-9ea2-470c-a0a3-218ede0c6b05';
  const FN_B = 'f51b5ea0-388d-4673-ae03-1fc47853970f';
  const reference = (id: string, number: number) =>
    `<sup data-fn="${id}" class="fn"><a href="#${id}" id="${id}-link">${number}</a></sup>`;
  const content = `<!-- wp:paragraph --><p>Un${reference(FN_A, 1)} et deux${reference(FN_B, 2)}.</p><!-- /wp:paragraph --><!-- wp:footnotes /--><!-- wp:paragraph --><p>Après</p><!-- /wp:paragraph -->`;
  const meta = JSON.stringify([
    { id: FN_B, content: 'Note <strong>deux</strong>' },
    { id: FN_A, content: 'Note <a href="https://exemple.fr/">un</a><script>x</script>' },
  ]);

  it('numbers the references in order and lists the texts where the footnotes block was, with links both ways', () => {
    const html = body(content, meta);
    expect(html).toBe(
      '<p>Un<sup><a href="#fn-1" id="fn-1-ref">1</a></sup> et deux<sup><a href="#fn-2" id="fn-2-ref">2</a></sup>.</p>' +
        '<ol class="footnotes"><li id="fn-1">Note <a href="https://exemple.fr/">un</a> <a href="#fn-1-ref">↩︎</a></li>' +
        '<li id="fn-2">Note <strong>deux</strong> <a href="#fn-2-ref">↩︎</a></li></ol><p>Après</p>',
    );
    // Publishing keeps the ids and the class: the anchors still work on the blog.
    const page = published(html);
    for (const anchor of ['id="fn-1"', 'id="fn-1-ref"', 'href="#fn-2"', 'href="#fn-2-ref"', 'class="footnotes"'])
      expect(page).toContain(anchor);
  });

  it('lists them at the end when the post has no footnotes block, and says when a text is missing', () => {
    const converted = convert(`<p>Un${reference(FN_A, 1)}</p><p>Deux${reference('inconnu', 2)}</p>`, meta);
    expect(converted.html).toMatch(
      /<p>Deux<sup><a href="#fn-2" id="fn-2-ref">2<\/a><\/sup><\/p>\n<ol class="footnotes"><li id="fn-1">/,
    );
    expect(converted.html).toContain('<li>Note <strong>deux</strong></li>');
    // Footnote texts are HTML like the body, sanitized like it.
    expect(converted.notes).toEqual(['footnote 2 has no text in the footnotes meta', 'left out: <script>']);
    expect(convert(`<p>Un${reference(FN_A, 1)}</p>`, '{oops').notes).toEqual([
      'the footnotes meta is not a list of footnotes: footnote texts left out',
      'footnote 1 has no text in the footnotes meta',
    ]);
  });
});

describe('<!--nextpage-->', () => {
  it('keeps the parts on one page, each after the first behind a rule with the id page-N', () => {
    const html = body(
      '<!-- wp:paragraph --><p>Un</p><!-- /wp:paragraph --><!-- wp:nextpage --><!--nextpage--><!-- /wp:nextpage --><!-- wp:paragraph --><p>Deux</p><!-- /wp:paragraph --><!-- wp:nextpage --><!--nextpage--><!-- /wp:nextpage --><p>Trois</p>',
    );
    expect(html).toBe('<p>Un</p>\n<hr id="page-2" />\n<p>Deux</p>\n<hr id="page-3" />\n<p>Trois</p>');
    expect(published(html)).toContain('<hr id="page-3" />');
  });

  it('does so in classic posts, and drops a break before any content as WordPress does', () => {
    expect(body('<!--nextpage-->Un\n<!--nextpage-->\nDeux')).toBe('<p>Un</p>\n<hr id="page-2" />\n<p>Deux</p>');
  });
});

describe('the block test export (every core block)', () => {
  const result = convertExport(blockExportXml, {
    timeZone: 'UTC',
    defaultLanguage: 'en',
    blogUrl: 'https://b.example',
  });
  const bodyOf = (slug: string) => {
    const post = result.posts.find((candidate) => candidate.slug === slug);
    if (!post) throw new Error(`no post ${slug}`);
    return published(post.markdown.replace(/^---\n[\s\S]*?\n---\n/, ''));
  };
  const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, 'g'))?.length ?? 0;

  it('lays columns out as columns-N sections, media & text as two columns', () => {
    const columns = bodyOf('columns');
    expect(count(columns, /<div class="columns-2">/)).toBeGreaterThanOrEqual(3);
    expect(count(columns, /<div class="columns-3">/)).toBeGreaterThanOrEqual(3);
    expect(columns).toMatch(/<div class="columns-4">(\s*<div>\s*<p>(One|Two|Three|Four|Five|Six)<\/p>\s*<\/div>){6}/);
    expect(columns).not.toMatch(/wp-block|style=/);
    expect(count(bodyOf('media-text'), /<div class="(align-wide )?columns-2"><figure>/)).toBeGreaterThanOrEqual(10);
  });

  it('gives every cover its image and its text', () => {
    const cover = bodyOf('cover');
    const covers = cover.match(/<div class="cover[^"]*">[\s\S]*?<\/div><\/div>/g) ?? [];
    expect(covers.length).toBeGreaterThanOrEqual(40);
    const withImage = covers.filter((html) =>
      /^<div class="cover[^"]*"><img [^>]*src="https:\/\/wpthemetestdata/.test(html),
    );
    expect(withImage.length).toBeGreaterThanOrEqual(45);
    // A fixed (parallax) background is a CSS background on WordPress: an image here.
    expect(cover).toContain(
      '<h2>Fixed background:</h2>\n<div class="cover"><img src="https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050102_192118_51.jpg" alt="" /><span></span><div></div><div>\n<p class="text-center">Content</p>',
    );
  });

  it('lists the footnotes with their texts and anchors both ways', () => {
    expect(bodyOf('footnotes')).toContain(
      '<p>A paragraph<sup><a href="#fn-1" id="fn-1-ref">1</a></sup></p>\n<p>Another paragraph<sup><a href="#fn-2" id="fn-2-ref">2</a></sup></p>\n' +
        '<ol class="footnotes"><li id="fn-1">A note <a href="#fn-1-ref">↩︎</a></li><li id="fn-2">Another note <a href="#fn-2-ref">↩︎</a></li></ol>',
    );
  });

  it('keeps stripes, buttons, file links with their names, details, verse and pullquotes', () => {
    expect(bodyOf('table')).toContain('<figure class="stripes"><table>');
    const buttons = bodyOf('buttons');
    expect(buttons).toContain(
      '<div class="buttons">\n<div><a class="button" href="#">Fill, linked</a></div>\n<div><a class="button" href="#">Outline, linked</a></div>\n</div>',
    );
    expect(bodyOf('file')).toContain(
      '<p><a href="https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050102_192118_51.jpg">Wind Farm</a> <a href="https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050102_192118_51.jpg" class="button" download="dsc20050102_192118_51.jpg">Download</a></p>',
    );
    const details = bodyOf('details');
    expect(details).toContain('<details><summary>Summary</summary>');
    expect(details).toContain('<details open><summary>Open by default</summary>');
    expect(bodyOf('verse')).toContain('<pre class="verse">Write a verse without alignment\nCode is poetry</pre>');
    expect(bodyOf('pullquote')).toContain(
      '<blockquote class="pullquote"><p>Pullquote, no alignment</p><cite>Citation</cite></blockquote>',
    );
  });

  it('keeps the parts of a paginated post on one page, the second behind #page-2', () => {
    expect(bodyOf('page-break')).toContain(
      '<p>Content before the page break.</p>\n<hr id="page-2" />\n<p>Content after the page break.</p>',
    );
  });

  it('names, post by post, the blocks that come over as nothing', () => {
    expect(result.notes.filter((note) => note.includes('latest-posts'))).toHaveLength(1);
    expect(
      result.notes.some((note) => / \(wp:post_id \d+\): spacer block \(an empty <div>\) left out ×\d+/.test(note)),
    ).toBe(true);
  });
});

describe('the theme unit test export (classic posts)', () => {
  const result = convertExport(themeUnitTestXml, {
    timeZone: 'UTC',
    defaultLanguage: 'en',
    blogUrl: 'https://b.example',
  });
  const markdownOf = (title: string) =>
    result.posts.find((post) => post.markdown.includes(`title: ${title}`))?.markdown;

  it('keeps image alignment and captions’ alignment, and the pages of a paginated post', () => {
    const alignment = markdownOf('"Markup: Image Alignment"') ?? markdownOf("'Markup: Image Alignment'") ?? '';
    expect(alignment).toContain('<img class="align-center" title="Image Alignment 580x300"');
    expect(alignment).toContain('<img class="align-left" title="Image Alignment 150x150"');
    expect(alignment).toMatch(/<figure class="align-right"><img title="Image Alignment 300x200"/);
    const paginated = markdownOf('"Template: Paginated"') ?? markdownOf("'Template: Paginated'") ?? '';
    expect(paginated).toContain('<p>Post Page 1</p>\n<hr id="page-2" />\n<p>Post Page 2</p>\n<hr id="page-3" />');
  });
});
