// A WordPress export read and converted in memory: posts as front matter,
// comments in their threads, pings as mentions, and every broken element named.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePost } from '../../scripts/lib/post.ts';
import { htmlToCommentMarkdown } from '../../scripts/lib/wordpress/comment-markdown.ts';
import { type ConvertedExport, convertExport } from '../../scripts/lib/wordpress/convert.ts';
import { wordpressDate } from '../../scripts/lib/wordpress/dates.ts';
import { buildCommentStatements } from '../../scripts/lib/wordpress/sql.ts';
import { htmlToText } from '../../scripts/lib/wordpress/text.ts';
import { formatComment } from '../../src/comments/format.ts';
import exportXml from '../data/wordpress/export.xml?raw';

const OPTIONS = { timeZone: 'Europe/Paris', defaultLanguage: 'fr', blogUrl: 'https://causerie.example' } as const;
const convert = (xml = exportXml) => convertExport(xml, OPTIONS);
const seconds = (iso: string) => Date.parse(iso) / 1000;

function frontMatterOf(result: ConvertedExport, slug: string): Record<string, unknown> {
  const post = result.posts.find((candidate) => candidate.slug === slug);
  if (!post) throw new Error(`no post ${slug}`);
  return parse(post.markdown.split('---\n')[1] ?? '') as Record<string, unknown>;
}

function errorOf(xml: string): string {
  try {
    convert(xml);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the export to be refused');
}

/** The test export with one piece replaced (the first occurrence). */
const broken = (from: string, to: string) => {
  expect(exportXml).toContain(from);
  return exportXml.replace(from, to);
};

describe('posts', () => {
  const result = convert();

  it('imports the posts and the page, and counts the menu item it leaves out', () => {
    expect(result.posts.map((post) => post.slug)).toEqual([
      'accueillir-les-nouveaux-venus',
      'moderation-lart-de-dire-non',
      'brouillon-les-trolls-sympathiques',
    ]);
    expect(result.pages).toHaveLength(1);
    expect(Object.fromEntries(result.skipped)).toEqual({ nav_menu_item: 1 });
  });

  it('writes the front matter content:publish reads: dates, tags, excerpt, featured image, old address', () => {
    expect(frontMatterOf(result, 'accueillir-les-nouveaux-venus')).toEqual({
      title: 'Accueillir les nouveaux venus',
      slug: 'accueillir-les-nouveaux-venus',
      date: '2012-03-14T09:15:00Z',
      updated: '2013-01-08T17:30:00Z',
      language: 'fr',
      tags: ['Modération', 'Communauté', 'Accueil'],
      excerpt: 'Les premiers messages décident de tout : comment accueillir ceux qui arrivent.',
      image: 'https://ancien-carnet.example/wp-content/uploads/2012/03/accueil.jpg',
      image_alt: 'Une table de café entourée de chaises dépareillées',
      image_credit: 'Photo : Camille Martin, CC BY-SA',
      wordpress_id: 1312,
      wordpress_path: '/2012/03/14/accueillir-les-nouveaux-venus/',
    });
    const post = parsePost('accueillir-les-nouveaux-venus.md', result.posts[0]?.markdown ?? '', 'fr');
    expect(post.legacy).toEqual({ wordpressId: 1312, path: '/2012/03/14/accueillir-les-nouveaux-venus' });
    expect(post.publishedAt).toBe(seconds('2012-03-14T09:15:00Z'));
    // The author's excerpt is what listings show, in French typography; the meta description falls back to it.
    expect(post.excerpt).toBe('Les premiers messages décident de tout\u00a0: comment accueillir ceux qui arrivent.');
    expect(post.description).toBe('');
  });

  it('leaves out WordPress’s default category', () => {
    expect(frontMatterOf(result, 'moderation-lart-de-dire-non').tags).toEqual(['Modération']);
  });

  it('keeps a draft a draft, slugged from its title, dated from its local time in the blog’s time zone', () => {
    const draft = frontMatterOf(result, 'brouillon-les-trolls-sympathiques');
    expect(draft.draft).toBe(true);
    // 22:15 in Paris in February is 21:15 UTC; a draft has no wp:post_date_gmt.
    expect(draft.date).toBe('2013-02-10T21:15:00Z');
    expect(draft.wordpress_id).toBe(1402);
    // Its link was "/?p=1402": wordpress_id covers it.
    expect(draft.wordpress_path).toBeUndefined();
  });

  it('makes scheduled posts published (shown when their date comes) and pending, private and protected ones drafts', () => {
    const withStatus = (status: string, extra = '') =>
      frontMatterOf(
        convert(
          broken('<wp:status><![CDATA[publish]]></wp:status>', `<wp:status><![CDATA[${status}]]></wp:status>${extra}`),
        ),
        'accueillir-les-nouveaux-venus',
      ).draft;
    expect(withStatus('future')).toBeUndefined();
    expect(withStatus('pending')).toBe(true);
    expect(withStatus('private')).toBe(true);
    const protectedPost = convert(
      broken(
        '<wp:post_password><![CDATA[]]></wp:post_password>',
        '<wp:post_password><![CDATA[secret]]></wp:post_password>',
      ),
    );
    expect(frontMatterOf(protectedPost, 'accueillir-les-nouveaux-venus').draft).toBe(true);
    expect(protectedPost.notes.join('\n')).toContain('password-protected');
  });

  it('decodes a percent-encoded slug and makes it valid', () => {
    const result = convert(
      broken(
        '<wp:post_name><![CDATA[accueillir-les-nouveaux-venus]]></wp:post_name>',
        '<wp:post_name><![CDATA[bient%c3%b4t-l%e2%80%99%c3%a9t%c3%a9]]></wp:post_name>',
      ),
    );
    expect(result.posts[0]?.slug).toBe('bientot-l-ete');
  });

  it('gives the later of two posts with the same slug its WordPress id', () => {
    const twin = /<item>\s*<title><!\[CDATA\[Modération[\s\S]*?<\/item>/.exec(exportXml)?.[0] ?? '';
    const copy = twin.replaceAll('1350', '1351').replace(/<wp:comment>[\s\S]*<\/wp:comment>/, '');
    const result = convert(exportXml.replace('</channel>', `${copy}</channel>`));
    expect(result.posts.map((post) => post.slug)).toContain('moderation-lart-de-dire-non-1351');
  });

  it('comes out clean of the script, handlers and javascript: links of the export', () => {
    const markdown = result.posts[1]?.markdown ?? '';
    expect(markdown).not.toMatch(/<script|onclick|onerror|javascript|alert|<style|<iframe|data:image/i);
    expect(markdown).toContain('<p>Un paragraphe qui voulait réagir au clic.</p>');
    expect(markdown).not.toContain('<!-- wp:');
  });
});

describe('comments and mentions', () => {
  const result = convert();
  const comment = (id: number) => result.comments.find((row) => row.key === `wordpress:1312:${id}`);

  it('keeps every reply in its thread, four levels deep, parents first whatever the export’s order', () => {
    expect([501, 502, 503, 504].map((id) => comment(id)?.parentKey ?? null)).toEqual([
      null,
      'wordpress:1312:501',
      'wordpress:1312:502',
      'wordpress:1312:503',
    ]);
    const order = result.comments.map((row) => row.key);
    for (const row of result.comments) {
      if (row.parentKey) expect(order.indexOf(row.parentKey)).toBeLessThan(order.indexOf(row.key));
    }
  });

  it('maps WordPress statuses: 1 approved, 0 pending, spam stays spam, trash', () => {
    expect(Object.fromEntries(result.comments.map((row) => [row.key, row.status]))).toEqual({
      'wordpress:1312:501': 'approved',
      'wordpress:1312:502': 'approved',
      'wordpress:1312:503': 'approved',
      'wordpress:1312:504': 'approved',
      'wordpress:1312:507': 'spam',
      'wordpress:1312:508': 'pending',
      'wordpress:1350:601': 'approved',
      'wordpress:1350:602': 'trash',
    });
  });

  it('marks the blog author’s replies, and keeps authors, addresses and UTC dates', () => {
    expect(comment(502)).toMatchObject({ authorName: 'Élise Durand', isAuthor: true });
    expect(comment(501)).toMatchObject({
      authorName: 'Lucien Ferrand',
      authorEmail: 'lucien@exemple.fr',
      authorUrl: 'https://lucien.exemple.fr',
      isAuthor: false,
      createdAt: seconds('2012-03-14T10:02:00Z'),
    });
  });

  it('stores comment HTML as the light Markdown comments are written in: paragraphs, links, entities decoded', () => {
    expect(comment(501)?.body).toBe(
      'Très juste ! Sur notre forum, c’est la « charte » qui faisait fuir les nouveaux.\n\nJe l’ai raccourcie : [la voici](<https://forum.exemple.fr/charte>) & c’est mieux.',
    );
    expect(
      htmlToText(
        '<p>Un</p><p>Deux<br>trois &eacute;t&eacute;</p><blockquote>cité</blockquote><a href="https://a.example/">https://a.example/</a>',
      ),
    ).toBe('Un\n\nDeux\ntrois été\n\n> cité\n\nhttps://a.example/');
  });

  it('makes pingbacks and trackbacks verified mentions with the approval they had', () => {
    expect(result.mentions).toEqual([
      {
        key: 'wordpress:1312:505',
        articleSlug: 'accueillir-les-nouveaux-venus',
        kind: 'pingback',
        sourceUrl: 'https://samia.exemple.org/2012/03/16/bien-accueillir/',
        targetUrl: 'https://ancien-carnet.example/2012/03/14/accueillir-les-nouveaux-venus/',
        status: 'approved',
        authorName: null,
        title: 'Le blog de Samia',
        excerpt: '[…] Élise rappelle que les premiers messages décident de tout […]',
        receivedAt: seconds('2012-03-16T17:00:00Z'),
      },
      {
        key: 'wordpress:1312:506',
        articleSlug: 'accueillir-les-nouveaux-venus',
        kind: 'trackback',
        sourceUrl: 'https://jules.exemple.net/trackback-accueil',
        targetUrl: 'https://ancien-carnet.example/2012/03/14/accueillir-les-nouveaux-venus/',
        status: 'pending',
        authorName: 'Carnet de Jules',
        title: 'L’accueil, encore',
        excerpt: 'Je reprends l’idée d’Élise sur mon carnet.',
        receivedAt: seconds('2012-03-17T08:30:00Z'),
      },
    ]);
  });

  it('cuts what the schema cannot hold, with a note, instead of failing', () => {
    const long = broken('<![CDATA[Mathilde Roux]]>', `<![CDATA[${'M'.repeat(150)}]]>`)
      .replace('<![CDATA[Et quand la charte', `<![CDATA[${'é'.repeat(12_000)} Et quand la charte`)
      .replace('<![CDATA[mathilde@exemple.fr]]>', `<![CDATA[${'m'.repeat(250)}@exemple.fr]]>`);
    const result = convert(long);
    const row = result.comments.find((candidate) => candidate.key === 'wordpress:1312:503');
    expect([...(row?.authorName ?? '')].length).toBe(100);
    expect([...(row?.body ?? '')].length).toBe(10_000);
    expect(row?.authorEmail).toBe('');
    expect(result.notes.filter((note) => note.includes('wp:comment_id 503'))).toHaveLength(3);
  });
});

describe('formatting in imported comments', () => {
  it('keeps what WordPress let commenters format, as the light Markdown comments are written in', () => {
    const markdown = htmlToCommentMarkdown(
      'Un <em>peu</em>, <b>beaucoup</b>, <code>a &lt; b</code> et <a href="https://exemple.fr/">un lien</a>.' +
        '<blockquote>Cité <i>ici</i></blockquote><ol><li>un</li><li>deux</li></ol><ul><li>trois</li></ul>' +
        '<pre><code>if (a &lt; b) {\n  x();\n}</code></pre>',
    );
    expect(markdown).toBe(
      'Un *peu*, **beaucoup**, `a < b` et [un lien](<https://exemple.fr/>).\n\n> Cité *ici*\n\n1. un\n2. deux\n\n- trois\n\n```\nif (a < b) {\n  x();\n}\n```',
    );
    expect(formatComment(markdown).html).toBe(
      '<p>Un <em>peu</em>, <strong>beaucoup</strong>, <code>a &lt; b</code> et <a href="https://exemple.fr/" rel="nofollow ugc noopener">un lien</a>.</p>' +
        '<blockquote><p>Cité <em>ici</em></p></blockquote><ol><li>un</li><li>deux</li></ol><ul><li>trois</li></ul>' +
        '<pre><code>if (a &lt; b) {\n  x();\n}</code></pre>',
    );
  });

  it('keeps the text of what it does not format, and escapes what Markdown would read in it', () => {
    const markdown = htmlToCommentMarkdown(
      '5 * 3 = [15] et snake_case\n- pas une liste\n> pas une citation\n<span>Texte</span> <script>alert(1)</script>' +
        '<a href="javascript:alert(1)">clic</a> https://exemple.fr/a_b_c',
    );
    expect(formatComment(markdown).text).toBe(
      '5 * 3 = [15] et snake_case\n- pas une liste\n> pas une citation\nTexte clic https://exemple.fr/a_b_c',
    );
    expect(formatComment(markdown).html).not.toMatch(/<(?:ul|blockquote|em|script|span)\b|javascript:/);
  });

  it('stores each comment with its HTML, formatted as the comment form formats', () => {
    const [statement] = buildCommentStatements([
      {
        key: 'wordpress:1:2',
        parentKey: null,
        articleSlug: 'billet',
        authorName: 'A',
        authorEmail: '',
        authorUrl: null,
        body: '> cité',
        status: 'approved',
        createdAt: 0,
        isAuthor: false,
      },
    ]);
    expect(statement).toContain('body_html, body_text)');
    expect(statement).toContain("'<blockquote><p>cité</p></blockquote>', 'cité'");
  });
});

describe('a broken export', () => {
  it('is refused when it is not XML, or not a WordPress export', () => {
    expect(errorOf('Ceci n’est pas du XML')).toMatch(/^the file is not valid XML/);
    expect(errorOf(exportXml.replace('</channel>', ''))).toMatch(/^the file is not valid XML \(line \d+/);
    expect(errorOf('<?xml version="1.0"?><rss version="2.0"><channel><title>Flux</title></channel></rss>')).toContain(
      'this is not a WordPress export (WXR)',
    );
  });

  it('names the item without a wp:post_id', () => {
    expect(errorOf(broken('<wp:post_id>1350</wp:post_id>', ''))).toBe('item #3: <wp:post_id> is missing');
  });

  it('names the comment with a bad date', () => {
    expect(
      errorOf(
        broken(
          '<![CDATA[2012-03-14 13:40:00]]></wp:comment_date_gmt>',
          '<![CDATA[2012-13-45 10:00:00]]></wp:comment_date_gmt>',
        ),
      ),
    ).toBe(
      'item #1 (wp:post_id 1312) > wp:comment #2 (wp:comment_id 503): wp:comment_date_gmt "2012-13-45 10:00:00" is not a date',
    );
  });

  it('names the comment whose parent is missing, and a status it does not know', () => {
    expect(
      errorOf(broken('<wp:comment_parent>502</wp:comment_parent>', '<wp:comment_parent>999</wp:comment_parent>')),
    ).toBe(
      'item #1 (wp:post_id 1312) > wp:comment #2 (wp:comment_id 503): wp:comment_parent 999 is not a comment of this post',
    );
    expect(errorOf(broken('<![CDATA[spam]]>', '<![CDATA[peut-être]]>'))).toContain(
      'wp:comment #7 (wp:comment_id 507): wp:comment_approved "peut-être" is not one of 1, 0, spam, trash',
    );
  });

  it('names the post with a bad date', () => {
    expect(
      errorOf(broken('<![CDATA[2012-05-02 07:00:00]]></wp:post_date_gmt>', '<![CDATA[hier]]></wp:post_date_gmt>')),
    ).toBe('item #3 (wp:post_id 1350): wp:post_date_gmt "hier" is not a date');
  });
});

describe('dates', () => {
  const names = { gmt: 'gmt', local: 'local' };
  it('reads local time across a daylight-saving change', () => {
    expect(wordpressDate('0000-00-00 00:00:00', '2012-07-01 12:00:00', 'Europe/Paris', names)).toEqual({
      ok: true,
      seconds: seconds('2012-07-01T10:00:00Z'),
    });
    expect(wordpressDate('', '2012-12-01 12:00:00', 'Europe/Paris', names)).toEqual({
      ok: true,
      seconds: seconds('2012-12-01T11:00:00Z'),
    });
  });

  it('refuses days that do not exist', () => {
    expect(wordpressDate('2013-02-29 10:00:00', '', 'UTC', names)).toEqual({
      ok: false,
      reason: 'gmt "2013-02-29 10:00:00" is not a date',
    });
  });
});
