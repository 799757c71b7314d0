// French typography is applied once, at publish time, to prose only: what the
// author wrote in code, URLs and English articles comes out untouched.
import { describe, expect, it } from 'vitest';
import spamArticle from '../../content/posts/lutter-contre-le-spam.md?raw';
import { renderMarkdown } from '../../scripts/lib/markdown.ts';
import { parsePost } from '../../scripts/lib/post.ts';
import { applyFrenchTypography, NBSP, NNBSP } from '../../scripts/lib/typography.ts';

const french = (markdown: string) => renderMarkdown(markdown, 'fr').html;

describe('applyFrenchTypography', () => {
  it('puts a narrow no-break space before ; ! ? and a no-break space before :', () => {
    expect(applyFrenchTypography('Vraiment ? Oui ! Enfin ; bref : voilà')).toBe(
      `Vraiment${NNBSP}? Oui${NNBSP}! Enfin${NNBSP}; bref${NBSP}: voilà`,
    );
  });

  it('turns any run of spaces or tabs, or the wrong no-break space, into the right one', () => {
    expect(applyFrenchTypography('Quoi  ?\tNon\t! Note\u202f: a\u00a0?')).toBe(
      `Quoi${NNBSP}?\tNon${NNBSP}! Note${NBSP}: a${NNBSP}?`,
    );
  });

  it('leaves punctuation glued to a word alone, so times and URLs in prose keep their shape', () => {
    for (const text of ['Rendez-vous à 10:30', 'voir https://exemple.fr/?q=1', 'Bonjour!', 'a;b']) {
      expect(applyFrenchTypography(text)).toBe(text);
    }
  });

  it('puts a no-break space inside « », adding it when missing', () => {
    expect(applyFrenchTypography('«bonjour»')).toBe(`«${NBSP}bonjour${NBSP}»`);
    expect(applyFrenchTypography('« bonjour »')).toBe(`«${NBSP}bonjour${NBSP}»`);
    expect(applyFrenchTypography(`«${NBSP}bonjour${NBSP}»`)).toBe(`«${NBSP}bonjour${NBSP}»`);
  });

  it('makes apostrophes between letters typographic, and ... an ellipsis', () => {
    expect(applyFrenchTypography("L'été, aujourd'hui... peut-être")).toBe('L’été, aujourd’hui… peut-être');
  });

  it("leaves straight quotes that are not apostrophes (e.g. 'cité') alone", () => {
    expect(applyFrenchTypography("un mot 'cité' ici")).toBe("un mot 'cité' ici");
  });

  it('gives the same text when applied twice', () => {
    const once = applyFrenchTypography("«Quoi ?» dit-il : l'été...");
    expect(applyFrenchTypography(once)).toBe(once);
  });
});

describe('French typography in article bodies', () => {
  it('is applied to prose, including around emphasis, in lists, quotes and tables', () => {
    const html = french("« *citation* » !\n\n- l'item ?\n\n> cité : oui\n\n| a | b |\n|---|---|\n| x ? | y |\n");
    expect(html).toContain(`<p>«${NBSP}<em>citation</em>${NBSP}»${NNBSP}!</p>`);
    expect(html).toContain(`<li>l’item${NNBSP}?</li>`);
    expect(html).toContain(`<p>cité${NBSP}: oui</p>`);
    expect(html).toContain(`<td>x${NNBSP}?</td>`);
  });

  it('never touches inline code', () => {
    expect(french("Écrivez `a: b ? c : d;` ou `l'a...` !")).toBe(
      `<p>Écrivez <code>a: b ? c : d;</code> ou <code>l&#39;a...</code>${NNBSP}!</p>\n`,
    );
  });

  it('never touches fenced or indented code blocks', () => {
    const html = french("Le code :\n\n```js\na: b ? c : d;\nconst s = 'l'a...';\n```\n\n    x ? y : z;\n");
    expect(html).toContain(`<p>Le code${NBSP}:</p>`);
    expect(html).toContain(
      '<pre><code class="language-js">a: b ? c : d;\nconst s = &#39;l&#39;a...&#39;;\n</code></pre>',
    );
    expect(html).toContain('<pre><code>x ? y : z;\n</code></pre>');
  });

  it('keeps the code block of "Lutter contre le spam" byte-identical', () => {
    const html = renderMarkdown(spamArticle.replace(/^---[\s\S]*?\n---\n/, ''), 'fr').html;
    expect(html).toContain('\na: b ? c : d;\n');
    expect(html).toContain('const suspect = honeypot !== &#39;&#39; || elapsedMs &lt; 3000;');
  });

  it('never touches link URLs, written or bare', () => {
    const html = french("Voir [la doc](https://exemple.fr/a...b?x=1:2) et <https://exemple.fr/l'x?a=b>.");
    expect(html).toContain('href="https://exemple.fr/a...b?x=1:2"');
    expect(html).toContain('>la doc</a>');
    expect(html).toContain('<a href="https://exemple.fr/l&#39;x?a=b">https://exemple.fr/l&#39;x?a=b</a>');
    const bare = french('Le site https://exemple.fr/a...b est en ligne.');
    expect(bare).toContain('<a href="https://exemple.fr/a...b">https://exemple.fr/a...b</a>');
  });

  it('never touches raw HTML the author wrote', () => {
    expect(french('<span title="a : b">c</span> ?')).toBe(`<p><span title="a : b">c</span>${NNBSP}?</p>\n`);
  });

  it('is kept in the excerpt and the plain text the listings and search show, line breaks collapsed', () => {
    const rendered = renderMarkdown('Un mot : « cité » et\nencore ; vraiment !\n\nSecond paragraphe : fin.', 'fr');
    expect(rendered.excerpt).toBe(`Un mot${NBSP}: «${NBSP}cité${NBSP}» et encore${NNBSP}; vraiment${NNBSP}!`);
    expect(rendered.text).toBe(
      `Un mot${NBSP}: «${NBSP}cité${NBSP}» et encore${NNBSP}; vraiment${NNBSP}! Second paragraphe${NBSP}: fin.`,
    );
  });

  it('is kept in a long excerpt, cut at a plain space only', () => {
    const markdown = `${'mot '.repeat(60)}fin : ${'suite '.repeat(20)}`;
    const { excerpt } = renderMarkdown(markdown, 'fr');
    expect(excerpt).toContain(`fin${NBSP}: suite`);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).not.toMatch(/ {2}|\n/);
  });

  it('is not applied to English articles', () => {
    const markdown = "Really ? Yes : it's « fine »... `a: b`";
    const html = renderMarkdown(markdown, 'en').html;
    expect(html).toBe('<p>Really ? Yes : it&#39;s « fine »... <code>a: b</code></p>\n');
    expect(html).not.toMatch(/[\u00a0\u202f’…]/);
  });
});

describe('French typography in the front matter', () => {
  const post = (language: string) => `---
title: "L'écriture : pourquoi ?"
date: 2026-10-06T09:30:00+02:00
description: "Quelques pistes... à suivre !"
language: ${language}
image: /images/communaute.svg
image_alt: "Des bulles « de dialogue »"
image_credit: "Illustration : Causerie"
---
Corps.
`;

  it('is applied to the title, description, image description and credit of French posts', () => {
    const parsed = parsePost('content/posts/ecrire.md', post('fr'), 'fr');
    expect(parsed.title).toBe(`L’écriture${NBSP}: pourquoi${NNBSP}?`);
    expect(parsed.description).toBe(`Quelques pistes… à suivre${NNBSP}!`);
    expect(parsed.image?.alt).toBe(`Des bulles «${NBSP}de dialogue${NBSP}»`);
    expect(parsed.image?.credit).toBe(`Illustration${NBSP}: Causerie`);
  });

  it('is not applied to English posts, even on a French blog', () => {
    const parsed = parsePost('content/posts/writing.md', post('en'), 'fr');
    expect(parsed.title).toBe("L'écriture : pourquoi ?");
    expect(parsed.description).toBe('Quelques pistes... à suivre !');
    expect(parsed.image?.alt).toBe('Des bulles « de dialogue »');
    expect(parsed.image?.credit).toBe('Illustration : Causerie');
  });
});
