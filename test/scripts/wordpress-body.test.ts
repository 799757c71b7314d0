// A WordPress post body as it lands in an imported Markdown file: what the old
// blog showed, nothing that runs, and nothing the Markdown renderer would change.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../scripts/lib/markdown.ts';
import { autop } from '../../scripts/lib/wordpress/autop.ts';
import { bodyContext, convertBody } from '../../scripts/lib/wordpress/body.ts';

const BASE = 'https://ancien.example';
const body = (content: string) => convertBody(content, bodyContext(BASE)).html;
/** What readers get: the body through the publish step's Markdown renderer. */
const published = (content: string) => renderMarkdown(body(content), 'fr').html.trim();

describe('auto-paragraphs (wpautop)', () => {
  it('makes paragraphs of blank lines and <br> of single line breaks', () => {
    expect(autop('Première ligne\nseconde ligne\n\nNouveau paragraphe')).toBe(
      '<p>Première ligne<br />\nseconde ligne</p>\n<p>Nouveau paragraphe</p>\n',
    );
  });

  it('leaves block-level tags alone and wraps the text between them', () => {
    expect(autop('<h2>Titre</h2>\nTexte\n\n<ul>\n<li>un</li>\n</ul>')).toBe(
      '<h2>Titre</h2>\n<p>Texte</p>\n<ul>\n<li>un</li>\n</ul>\n',
    );
  });

  it('keeps the line breaks of <pre> exactly', () => {
    expect(autop('Avant\n\n<pre>a\n\n  b</pre>')).toBe('<p>Avant</p>\n<pre>a\n\n  b</pre>\n');
  });
});

describe('a post body', () => {
  it('comes out of a classic-editor post with paragraphs, as WordPress showed it', () => {
    expect(published('Bonjour,\nça va ?\n\nDeuxième paragraphe.')).toBe(
      '<p>Bonjour,<br />\nça va ?</p>\n<p>Deuxième paragraphe.</p>',
    );
  });

  it('loses the Gutenberg block comments and is not re-paragraphed', () => {
    const html = body(
      '<!-- wp:paragraph -->\n<p>Un.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:separator /-->\n<p>Deux.</p>',
    );
    expect(html).toBe('<p>Un.</p>\n<p>Deux.</p>');
  });

  it('turns a [caption] shortcode into a figure with its caption and alignment, in both of its forms', () => {
    const img = '<img src="https://ancien.example/a.jpg" alt="Un café" width="640" height="427" />';
    expect(
      body(`[caption id="attachment_12" align="aligncenter" width="640"]<a href="/a.jpg">${img}</a> Le café[/caption]`),
    ).toBe(`<figure class="align-center"><a href="/a.jpg">${img}</a><figcaption>Le café</figcaption></figure>`);
    expect(body(`Avant\n\n[caption id="" caption="L’ancien style" width="300"]${img}[/caption]`)).toBe(
      `<p>Avant</p>\n<figure>${img}<figcaption>L’ancien style</figcaption></figure>`,
    );
  });

  it('has no scripts, styles, event handlers or frames left', () => {
    const html = body(
      '<script>alert(1)</script><style>p{}</style><p onclick="alert(2)" style="color:red" class="x">Texte</p>' +
        '<img src=x onerror="alert(3)"><iframe src="https://evil.example/"></iframe><svg onload="alert(4)"></svg>',
    );
    expect(html).not.toMatch(/script|style|alert|onclick|onerror|onload|iframe|svg|class=/i);
    expect(html).toContain('<p>Texte</p>');
  });

  it('keeps no javascript:, data: or vbscript: address, however it is written', () => {
    const links = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '&#106;avascript&#58;alert(1)',
      '&#x6A;&#x61;vascript:alert(1)',
      ' java\tscript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
    ];
    for (const href of links) {
      const html = body(`<p><a href="${href}">lien</a> <img src="${href}" alt="i"></p>`);
      expect(html, href).toBe('<p><a>lien</a> </p>');
    }
  });

  it('keeps ordinary links and https images, resolving old relative image addresses and upgrading http', () => {
    expect(body('<p><a href="https://exemple.fr/">ici</a> <img src="/wp-content/uploads/a.jpg" alt="a"></p>')).toBe(
      '<p><a href="https://exemple.fr/">ici</a> <img src="https://ancien.example/wp-content/uploads/a.jpg" alt="a" /></p>',
    );
    expect(body('<p><img src="http://cdn.example/b.png" alt="b"></p>')).toBe(
      '<p><img src="https://cdn.example/b.png" alt="b" /></p>',
    );
  });

  it('makes video players links to the video (the page allows no third-party frames)', () => {
    expect(body('<p><iframe src="https://www.youtube.com/embed/abc_123" width="560"></iframe></p>')).toBe(
      '<p><a href="https://www.youtube.com/watch?v=abc_123">https://www.youtube.com/watch?v=abc_123</a></p>',
    );
    expect(body('https://vimeo.com/42\n\nTexte')).toContain(
      '<p><a href="https://vimeo.com/42">https://vimeo.com/42</a></p>',
    );
  });

  it('passes through the Markdown renderer untouched: no code block from indentation, no Markdown in text', () => {
    const html = body('<div>\n    <p>Indenté *pas en italique* 1. pas une liste</p>\n\n    <p>Suite</p>\n</div>');
    expect(published('<div>\n    <p>Indenté *pas en italique*</p>\n\n    <p>Suite</p>\n</div>')).not.toContain(
      '<code>',
    );
    expect(renderMarkdown(html, 'fr').html.trim()).toBe(html);
    expect(html).toContain('*pas en italique* 1. pas une liste');
  });

  it('keeps the blank lines of a code block without ending the HTML (a <pre> first is wrapped: it would end its own block)', () => {
    const html = body(
      '<!-- wp:code -->\n<pre class="wp-block-code"><code>a\n\n  b</code></pre>\n<!-- /wp:code -->\n<p>Fin</p>',
    );
    expect(html).toBe('<div>\n<pre><code>a&#10;\n  b</code></pre><p>Fin</p>\n</div>');
    expect(renderMarkdown(html, 'fr').html.trim()).toBe(html);
  });

  it('wraps a body that starts with inline HTML, so that it stays HTML', () => {
    const html = body('<!-- wp:html --><strong>Gras</strong> *étoiles*<!-- /wp:html -->');
    expect(html).toBe('<div>\n<strong>Gras</strong> *étoiles*\n</div>');
    expect(renderMarkdown(html, 'fr').html.trim()).toBe(html);
  });

  it('notes the shortcodes it cannot convert', () => {
    expect(convertBody('[gallery ids="1,2"]\n\nTexte', bodyContext(BASE)).notes).toEqual([
      '[gallery]: attachments 1, 2 not in the export, left out',
      'shortcode [gallery] left as text',
    ]);
  });
});
