// The comment formatter: what a commenter's light Markdown becomes, what is
// shown as typed, which links are links, and the hostile corpus
// (test/support/hostile-markdown.ts) read back with HTMLRewriter.
import { describe, expect, it } from 'vitest';
import { allowedHref, formatComment } from '../../src/comments/format';
import { normalizeText } from '../../src/comments/text';
import { commentFragmentProblems } from '../support/comment-markup';
import { HOSTILE_MARKDOWN } from '../support/hostile-markdown';
import { scanElements } from '../support/live-markup';

const rendered = (body: string) => formatComment(body).html;
const A = (href: string, text: string) => `<a href="${href}" rel="nofollow ugc noopener">${text}</a>`;

describe('what becomes formatting', () => {
  it('keeps paragraphs and line breaks as plain comments always had them', () => {
    expect(rendered('Un\ndeux\n\ntrois')).toBe('<p>Un<br>deux</p><p>trois</p>');
  });

  it('writes emphasis, strong, inline code and code blocks', () => {
    expect(rendered('*un* _deux_ **trois** `<b>&</b>`')).toBe(
      '<p><em>un</em> <em>deux</em> <strong>trois</strong> <code>&lt;b&gt;&amp;&lt;/b&gt;</code></p>',
    );
    expect(rendered('```js\nif (a < b) {\n  x();\n}\n```')).toBe('<pre><code>if (a &lt; b) {\n  x();\n}</code></pre>');
  });

  it('writes quotes, nested ones included, and lists with their start number', () => {
    expect(rendered('> cité\n> > encore')).toBe(
      '<blockquote><p>cité</p><blockquote><p>encore</p></blockquote></blockquote>',
    );
    expect(rendered('- un\n- deux')).toBe('<ul><li>un</li><li>deux</li></ul>');
    expect(rendered('3. trois\n4. quatre')).toBe('<ol start="3"><li>trois</li><li>quatre</li></ol>');
    expect(rendered('1. un')).toBe('<ol><li>un</li></ol>');
  });

  it('links http(s) and mailto addresses, bare http(s) ones too, passing no reputation', () => {
    expect(rendered('[le site](https://exemple.fr/a?b=1&c=2)')).toBe(
      `<p>${A('https://exemple.fr/a?b=1&amp;c=2', 'le site')}</p>`,
    );
    expect(rendered('Voir https://exemple.fr/page. Et <mailto:a@exemple.fr>')).toBe(
      `<p>Voir ${A('https://exemple.fr/page', 'https://exemple.fr/page')}. Et ${A('mailto:a@exemple.fr', 'mailto:a@exemple.fr')}</p>`,
    );
  });

  it('leaves www. addresses and bare e-mail addresses as text, as before', () => {
    expect(rendered('www.exemple.fr ou a@exemple.fr')).toBe('<p>www.exemple.fr ou a@exemple.fr</p>');
  });
});

describe('what is shown as typed', () => {
  it('raw HTML, escaped', () => {
    expect(rendered('a <b>gras</b> & <script>alert(1)</script>')).toBe(
      '<p>a &lt;b&gt;gras&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(rendered('<div>\nbloc\n</div>')).toBe('<p>&lt;div&gt;<br>bloc<br>&lt;/div&gt;</p>');
  });

  it('headings, rules, tables, strikethrough and task boxes: their text, as typed', () => {
    expect(rendered('# Titre')).toBe('<p># Titre</p>');
    expect(rendered('Titre\n===')).toBe('<p>Titre<br>===</p>');
    expect(rendered('---')).toBe('<p>---</p>');
    expect(rendered('| a | b |\n|---|---|\n| 1 | 2 |')).toBe('<p>| a | b |<br>|---|---|<br>| 1 | 2 |</p>');
    expect(rendered('~~barré~~')).toBe('<p>~~barré~~</p>');
    expect(rendered('- [ ] à faire')).toBe('<ul><li>[ ] à faire</li></ul>');
  });

  it('an image: a link to it, named by its description; never an <img>', () => {
    expect(rendered('![un chat](https://exemple.fr/chat.png)')).toBe(
      `<p>${A('https://exemple.fr/chat.png', 'un chat')}</p>`,
    );
  });

  it('a link to anything but http(s) or mailto: the text typed', () => {
    expect(rendered('[clic](javascript:alert(1))')).toBe('<p>[clic](javascript:alert(1))</p>');
    expect(rendered('[relatif](/admin)')).toBe('<p>[relatif](/admin)</p>');
  });
});

describe('a link’s address', () => {
  it.each([
    ['https://exemple.fr/', 'https://exemple.fr/'],
    ['HTTP://EXEMPLE.FR', 'http://exemple.fr/'],
    ['mailto:a@exemple.fr', 'mailto:a@exemple.fr'],
    ['  https://exemple.fr/a b', 'https://exemple.fr/a%20b'],
    ['javascript:alert(1)', null],
    [' \u0001java\tscr\nipt:alert(1)', null],
    ['vbscript:x', null],
    ['data:text/html,x', null],
    ['//exemple.fr', null],
    ['/relative', null],
  ])('%j → %j', (href, expected) => {
    expect(allowedHref(href)).toBe(expected);
  });

  it('reads character references as Markdown does before judging the address', () => {
    expect(rendered('[a](&#104;ttps://exemple.fr/)')).toBe(`<p>${A('https://exemple.fr/', 'a')}</p>`);
    expect(rendered('[a](&#x6A;avascript:alert(1))')).toBe('<p>[a](&amp;#x6A;avascript:alert(1))</p>');
  });
});

describe('the plain text (JSON-LD)', () => {
  it('has the words the reader sees, without markup', () => {
    expect(formatComment('> cité\n\n**Gras** et [lien](https://x.example/)\n\n- un\n- deux\n\n2. a').text).toBe(
      'cité\n\nGras et lien\n\n- un\n- deux\n\n2. a',
    );
  });

  it('keeps what is shown as typed, as typed', () => {
    expect(formatComment('<b>x</b> [a](javascript:1)').text).toBe('<b>x</b> [a](javascript:1)');
  });
});

describe('the hostile corpus', () => {
  it.each(HOSTILE_MARKDOWN.map((payload) => [payload.name, payload.value] as const))('%s', async (name, value) => {
    // As the form stores it, then as formatted.
    const formatted = formatComment(normalizeText(value));
    expect(await commentFragmentProblems(formatted.html), name).toEqual([]);
    // Nothing lost: the page shows some of what was typed.
    expect(formatted.html.length).toBeGreaterThan(0);
  });

  it('the corpus is not vacuous: a raw pass-through would be caught', async () => {
    const problems = await commentFragmentProblems('<p><img src=x onerror=alert(1)><a href="javascript:x">a</a></p>');
    expect(problems).toEqual(expect.arrayContaining(['<img> element', '<img src="x">', '<a href="javascript:x">']));
  });

  it('formats a comment at the size cap quickly, whatever it holds', () => {
    for (const { name, value } of HOSTILE_MARKDOWN.filter((payload) => payload.value.length > 4000)) {
      const started = performance.now();
      formatComment(normalizeText(value));
      // Measured at most ~250 ms in Node for the worst of these (10,000 "_a"); far under the Workers CPU limit.
      expect(performance.now() - started, name).toBeLessThan(2000);
    }
  });

  it('shows as plain text a comment too deeply nested for the Markdown reader', async () => {
    const deep = `${'>'.repeat(9_990)} x`;
    const formatted = formatComment(deep);
    const elements = await scanElements(formatted.html);
    expect(elements.map((element) => element.tag)).toEqual(['p']);
    expect(formatted.text).toBe(deep);
  });
});
