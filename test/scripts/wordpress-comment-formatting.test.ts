// Every tag WordPress lets commenters use (wp_kses's $allowedtags, with the
// paragraphs and lists its comment filters make) arrives formatted in the
// stored comment: as the light Markdown comments are written in, then as the
// HTML pages show. What that Markdown has no markup for is written as readers
// of plain text write it; other tags keep their text.
import { describe, expect, it } from 'vitest';
import { htmlToCommentMarkdown } from '../../scripts/lib/wordpress/comment-markdown.ts';
import { formatComment } from '../../src/comments/format.ts';

const REL = 'rel="nofollow ugc noopener"';
const stored = (html: string, language: 'fr' | 'en' = 'en') => {
  const markdown = htmlToCommentMarkdown(html, language);
  return { markdown, html: formatComment(markdown).html };
};

describe('the tags WordPress allows in comments', () => {
  it.each([
    ['p and br', '<p>Un<br>deux</p><p>trois</p>', 'Un\ndeux\n\ntrois', '<p>Un<br>deux</p><p>trois</p>'],
    [
      'a',
      '<a href="https://exemple.fr/" title="Le site">le site</a>',
      '[le site](<https://exemple.fr/>)',
      `<p><a href="https://exemple.fr/" ${REL}>le site</a></p>`,
    ],
    [
      'b and strong',
      '<b>gras</b> <strong>fort</strong>',
      '**gras** **fort**',
      '<p><strong>gras</strong> <strong>fort</strong></p>',
    ],
    ['i and em', '<i>penché</i> <em>appuyé</em>', '*penché* *appuyé*', '<p><em>penché</em> <em>appuyé</em></p>'],
    ['cite, in italics', '<cite>Les Misérables</cite>', '*Les Misérables*', '<p><em>Les Misérables</em></p>'],
    ['code', '<code>a &lt; b</code>', '`a < b`', '<p><code>a &lt; b</code></p>'],
    [
      'blockquote',
      '<blockquote cite="https://x.example/">Cité<blockquote>dedans</blockquote></blockquote>',
      '> Cité\n>\n> > dedans',
      '<blockquote><p>Cité</p><blockquote><p>dedans</p></blockquote></blockquote>',
    ],
    [
      'ul, ol and li',
      '<ul><li>un</li><li>deux</li></ul><ol><li>trois</li></ol>',
      '- un\n- deux\n\n1. trois',
      '<ul><li>un</li><li>deux</li></ul><ol><li>trois</li></ol>',
    ],
    ['q, in quotation marks', 'Il a dit <q>bonjour</q>.', 'Il a dit “bonjour”.', '<p>Il a dit “bonjour”.</p>'],
    [
      'abbr and acronym, with their expansion',
      '<abbr title="HyperText Markup Language">HTML</abbr> et <acronym title="Objet volant non identifié">OVNI</acronym>, <abbr>CSS</abbr>',
      'HTML (HyperText Markup Language) et OVNI (Objet volant non identifié), CSS',
      '<p>HTML (HyperText Markup Language) et OVNI (Objet volant non identifié), CSS</p>',
    ],
    [
      'del, s and strike, between ~~ (shown as typed: a struck word is not read as a kept one)',
      'J’ai <del>détesté</del> <s>boudé</s> <strike>fui</strike> adoré.',
      'J’ai ~~détesté~~ ~~boudé~~ ~~fui~~ adoré.',
      '<p>J’ai ~~détesté~~ ~~boudé~~ ~~fui~~ adoré.</p>',
    ],
  ])('%s', (_, html, markdown, shown) => {
    expect(stored(html)).toEqual({ markdown, html: shown });
  });

  it('quotes a short quotation as the comment’s language does', () => {
    expect(stored('Il a dit <q>bonjour</q>.', 'fr').markdown).toBe('Il a dit «\u00a0bonjour\u00a0».');
  });

  it('keeps Markdown in an expansion or in the text from becoming formatting', () => {
    expect(stored('<abbr title="snake_case *ici*">SC</abbr> et ~~pas barré~~').html).toBe(
      '<p>SC (snake_case *ici*) et ~~pas barré~~</p>',
    );
    expect(formatComment(stored('~~pas barré~~').markdown).text).toBe('~~pas barré~~');
  });
});

describe('other tags in comments', () => {
  it('lose their markup and keep their text', () => {
    expect(stored('<h1>Titre</h1><span style="color:red">rouge</span> <font>vieux</font> <u>souligné</u>')).toEqual({
      markdown: 'Titre\n\nrouge vieux souligné',
      html: '<p>Titre</p><p>rouge vieux souligné</p>',
    });
  });
});
