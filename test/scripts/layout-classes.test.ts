// Publishing lets only the layout classes through (scripts/lib/layout.ts):
// an author's HTML keeps its markup, but no other class and no style.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keepLayoutClasses, LAYOUT_CLASSES } from '../../scripts/lib/layout.ts';
import { renderMarkdown } from '../../scripts/lib/markdown.ts';

const published = (markdown: string) => renderMarkdown(markdown, 'en').html;

describe('classes in published articles', () => {
  it('keeps every layout class, on any element', () => {
    for (const name of LAYOUT_CLASSES) {
      const html = `<div class="${name}"><p>x</p></div>`;
      expect(keepLayoutClasses(html)).toBe(html);
    }
    expect(keepLayoutClasses('<figure class="align-right gallery-2"><img src="/a.png" alt=""></figure>')).toBe(
      '<figure class="align-right gallery-2"><img src="/a.png" alt=""></figure>',
    );
  });

  it('lets through only classes the blog’s stylesheet styles', () => {
    const css = readFileSync(new URL('../../public/style.css', import.meta.url), 'utf8');
    const unstyled = [...LAYOUT_CLASSES].filter((name) => !new RegExp(`\\.${name}(?![\\w-])`).test(css));
    expect(unstyled).toEqual([]);
  });

  it('removes classes outside the set, and the attribute when none is left', () => {
    expect(published('<div class="wp-block-image align-left alignleft" id="x">\n\n*Hi*\n\n</div>')).toBe(
      '<div class="align-left" id="x"><p><em>Hi</em></p>\n</div>',
    );
    expect(published('A <span class="highlight">word</span> and <a class="button big" href="/b">b</a>.')).toBe(
      '<p>A <span>word</span> and <a class="button" href="/b">b</a>.</p>\n',
    );
    expect(keepLayoutClasses('<p class="">x</p><p CLASS="Callout">y</p>')).toBe('<p>x</p><p>y</p>');
  });

  it('removes every style attribute', () => {
    expect(published('<p style="color: red" class="callout">Styled</p>')).toBe('<p class="callout">Styled</p>');
    expect(keepLayoutClasses(`<img src="/a.png" alt="" style='float:left'/><br style=x>`)).toBe(
      '<img src="/a.png" alt="" /><br>',
    );
  });

  it('keeps the language of a code block, as Markdown fences write it, and only on <code>', () => {
    expect(published('```js\nlet a;\n```')).toBe('<pre><code class="language-js">let a;\n</code></pre>\n');
    expect(keepLayoutClasses('<div class="language-js">x</div>')).toBe('<div>x</div>');
  });

  it('rewrites only the tags it cleans: entities, quotes and other attributes stay as written', () => {
    const html = `<p data-note='a &amp; "b"' class="x callout" title=plain hidden>Tom &amp; Jerry&nbsp;!</p>`;
    expect(keepLayoutClasses(html)).toBe(
      `<p data-note='a &amp; "b"' class="callout" title="plain" hidden>Tom &amp; Jerry&nbsp;!</p>`,
    );
    const untouched = '<p>a<br>b &lt;c&gt;</p>\n<pre><code>&lt;p class="x"&gt;</code></pre>\n';
    expect(keepLayoutClasses(untouched)).toBe(untouched);
  });

  it('leaves a class written inside code alone: it is text, not markup', () => {
    expect(published('`<b class="x">`')).toBe('<p><code>&lt;b class=&quot;x&quot;&gt;</code></p>\n');
  });
});
