// Reading a source page: its links, and what it says about itself
// (microformats first, then <title> and <meta>), as plain capped text.
import { describe, expect, it } from 'vitest';
import { readHtmlSource, readPlainTextSource } from '../../src/webmention/source';

const PAGE = new URL('https://source.example/2026/billet');

describe('readHtmlSource', () => {
  it('reads the first h-entry: its name, author h-card, summary; links resolved against the page', () => {
    const page = readHtmlSource(
      `<html><head><title>Site – Billet</title><meta name="description" content="Meta"></head><body>
<div class="h-feed"><article class="h-entry">
  <h1 class="p-name">Un &laquo;&nbsp;billet&nbsp;&raquo; &amp; ses suites</h1>
  <p>Par <a class="p-author h-card" href="/moi"><img src="a.png" alt=""><span class="p-name">Ana   Silva</span></a></p>
  <div class="e-content"><p>Le contenu, avec <a href="../../autre#x">un lien</a>.</p>
    <blockquote class="h-cite"><p class="p-name">Pas ce nom-là</p></blockquote></div>
</article>
<article class="h-entry"><h1 class="p-name">Second</h1></article></div></body></html>`,
      PAGE,
    );
    expect(page.title).toBe('Un «\u00a0billet\u00a0» & ses suites');
    expect(page.authorName).toBe('Ana Silva');
    expect(page.authorUrl).toBe('https://source.example/moi');
    expect(page.excerpt).toBe('Le contenu, avec un lien. Pas ce nom-là');
    expect(page.links.has('https://source.example/autre')).toBe(true);
  });

  it('falls back to <title> and meta tags, and caps long texts', () => {
    const page = readHtmlSource(
      `<title>Titre de la page</title><meta name="author" content="Bob"><meta name="description" content="${'x'.repeat(2000)}">`,
      PAGE,
    );
    expect(page.title).toBe('Titre de la page');
    expect(page.authorName).toBe('Bob');
    expect(page.excerpt).toHaveLength(1000);
    expect(page.excerpt?.endsWith('…')).toBe(true);
  });

  it('an author given as plain text in the entry counts', () => {
    const page = readHtmlSource('<div class="h-entry"><span class="p-author">Claire</span></div>', PAGE);
    expect(page.authorName).toBe('Claire');
  });

  it('joins inline elements without spaces and separates blocks', () => {
    const page = readHtmlSource('<div class="h-entry"><p class="p-summary">Un <em>b</em>on<br>mot</p></div>', PAGE);
    expect(page.excerpt).toBe('Un bon mot');
  });

  it('keeps the no-break spaces of French typography in the excerpt shown under the article', () => {
    const page = readHtmlSource(
      '<div class="h-entry"><p class="p-summary">Bien vu&nbsp;: «&#160;oui&nbsp;»\n  et\u202f!</p></div>',
      PAGE,
    );
    expect(page.excerpt).toBe('Bien vu\u00a0: «\u00a0oui\u00a0» et\u202f!');
  });

  it('keeps markup out: what comes back is text to be escaped where shown', () => {
    const page = readHtmlSource('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>', PAGE);
    expect(page.title).toBe('<script>alert(1)</script>');
  });

  it('counts links of <a>, <link> and <area>, not of images or text', () => {
    const page = readHtmlSource(
      `<link rel="in-reply-to" href="https://blog.example/a"><img src="https://blog.example/b">
       <p>https://blog.example/c</p><area href="https://blog.example/d"><a href=https://blog.example/e>e</a>`,
      PAGE,
    );
    expect([...page.links].sort()).toEqual([
      'https://blog.example/a',
      'https://blog.example/d',
      'https://blog.example/e',
    ]);
  });
});

describe('readPlainTextSource', () => {
  it('takes the URLs of the text, without trailing punctuation', () => {
    const page = readPlainTextSource('Voir https://blog.example/a, et (https://blog.example/b).', PAGE);
    expect([...page.links]).toEqual(['https://blog.example/a', 'https://blog.example/b']);
  });
});
