// Reading a source page: its links, and what it says about itself
// (microformats first, then <title> and <meta>), as plain capped text.
import { describe, expect, it } from 'vitest';
import { readHtmlSource, readPlainTextSource } from '../../src/webmention/source';

const PAGE = new URL('https://source.example/2026/billet');

describe('readHtmlSource', () => {
  it('reads the first h-entry: its name, author h-card, summary; links resolved against the page', async () => {
    const page = await readHtmlSource(
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

  it('falls back to <title> and meta tags, and caps long texts', async () => {
    const page = await readHtmlSource(
      `<title>Titre de la page</title><meta name="author" content="Bob"><meta name="description" content="${'x'.repeat(2000)}">`,
      PAGE,
    );
    expect(page.title).toBe('Titre de la page');
    expect(page.authorName).toBe('Bob');
    expect(page.excerpt).toHaveLength(1000);
    expect(page.excerpt?.endsWith('…')).toBe(true);
  });

  it('an author given as plain text in the entry counts', async () => {
    const page = await readHtmlSource('<div class="h-entry"><span class="p-author">Claire</span></div>', PAGE);
    expect(page.authorName).toBe('Claire');
  });

  it('joins inline elements without spaces and separates blocks', async () => {
    const page = await readHtmlSource(
      '<div class="h-entry"><p class="p-summary">Un <em>b</em>on<br>mot</p></div>',
      PAGE,
    );
    expect(page.excerpt).toBe('Un bon mot');
  });

  it('keeps the no-break spaces of French typography in the excerpt shown under the article', async () => {
    const page = await readHtmlSource(
      '<div class="h-entry"><p class="p-summary">Bien vu&nbsp;: «&#160;oui&nbsp;»\n  et\u202f!</p></div>',
      PAGE,
    );
    expect(page.excerpt).toBe('Bien vu\u00a0: «\u00a0oui\u00a0» et\u202f!');
  });

  it('keeps markup out: what comes back is text to be escaped where shown', async () => {
    const page = await readHtmlSource('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>', PAGE);
    expect(page.title).toBe('<script>alert(1)</script>');
  });

  it('counts links of <a>, <link> and <area>, not of images or text', async () => {
    const page = await readHtmlSource(
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
  it('takes the URLs of the text, without trailing punctuation', async () => {
    const page = readPlainTextSource('Voir https://blog.example/a, et (https://blog.example/b).', PAGE);
    expect([...page.links]).toEqual(['https://blog.example/a', 'https://blog.example/b']);
  });
});

describe('readHtmlSource on microformats2 as published sites write it', () => {
  it('a nested h-card in p-author gives the author name and url; the card’s own photo and note are not its name', async () => {
    const page = await readHtmlSource(
      `<article class="h-entry">
  <div class="p-author h-card"><img class="u-photo" src="/me.jpg" alt="">
    <a class="p-name u-url" href="https://ana.example/">Ana Silva</a><p class="p-note">Écrit sur le web.</p></div>
  <div class="e-content"><p>Réponse.</p></div></article>`,
      PAGE,
    );
    expect(page.authorName).toBe('Ana Silva');
    expect(page.authorUrl).toBe('https://ana.example/');
    expect(page.excerpt).toBe('Réponse.');
  });

  it('an h-card without p-name has its text as implied name', async () => {
    const page = await readHtmlSource(
      '<div class="h-entry"><a class="p-author h-card" href="/bob">Bob Martin</a><p class="e-content">Oui.</p></div>',
      PAGE,
    );
    expect(page.authorName).toBe('Bob Martin');
    expect(page.authorUrl).toBe('https://source.example/bob');
  });

  it('e-content with markup, entities split across text and a dt-published <time> reads as text', async () => {
    const page = await readHtmlSource(
      `<main><article class="h-entry"><time class="dt-published" datetime="2026-03-01T10:00:00+01:00">1er mars</time>
<div class="e-content"><h2>Titre&nbsp;interne</h2><ul><li>un</li><li>deux &amp; trois</li></ul><pre><code>a &lt; b</code></pre>
<script>var x = "<b>pas ça</b>";</script><style>p { color: red }</style><p>Fin<sup>1</sup>.</p></div></article></main>`,
      PAGE,
    );
    expect(page.excerpt).toBe('Titre\u00a0interne un deux & trois a < b Fin1.');
    expect(page.title).toBeNull();
  });

  it('only the first h-entry counts, and a nested h-cite keeps its own name', async () => {
    const page = await readHtmlSource(
      `<div class="h-feed"><p class="p-name">Le fil</p>
<article class="h-entry"><div class="p-in-reply-to h-cite"><a class="u-url p-name" href="https://blog.example/a">Leur billet</a></div>
<p class="p-name">Ma réponse</p></article><article class="h-entry"><p class="p-name">Autre</p></article></div>`,
      PAGE,
    );
    expect(page.title).toBe('Ma réponse');
    expect(page.links.has('https://blog.example/a')).toBe(true);
  });

  it('unclosed paragraphs and list items, attributes without quotes or in capitals, still read', async () => {
    const page = await readHtmlSource(
      '<DIV CLASS=h-entry><P CLASS="p-summary">Un<p>Deux<ul><li>trois<li>quatre</ul></DIV><A HREF=https://blog.example/b>b</A>',
      PAGE,
    );
    expect(page.excerpt).toBe('Un');
    expect(page.links.has('https://blog.example/b')).toBe(true);
  });
});
