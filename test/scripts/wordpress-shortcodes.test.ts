// WordPress's media shortcodes and players as an imported post shows them:
// galleries like the ones authors write, players for sounds and videos with
// the copied files, and a note for everything the blog could not show.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../scripts/lib/markdown.ts';
import { type BodyContext, convertBody } from '../../scripts/lib/wordpress/body.ts';
import type { WxrItem } from '../../scripts/lib/wordpress/wxr.ts';

const BASE = 'https://ancien.example';
const POST_ID = 10;

function attachment(
  postId: number,
  file: string,
  fields: {
    parent?: number;
    title?: string;
    caption?: string;
    alt?: string;
    menuOrder?: number;
    metadata?: string;
  } = {},
): WxrItem {
  const meta = new Map<string, string>();
  if (fields.alt !== undefined) meta.set('_wp_attachment_image_alt', fields.alt);
  if (fields.metadata !== undefined) meta.set('_wp_attachment_metadata', fields.metadata);
  return {
    where: `item #${postId} (wp:post_id ${postId})`,
    postId,
    type: 'attachment',
    status: 'inherit',
    title: fields.title ?? file,
    link: `${BASE}/?attachment_id=${postId}`,
    creator: 'admin',
    content: '',
    excerpt: fields.caption ?? '',
    postName: file,
    password: '',
    sticky: false,
    commentStatus: 'open',
    pageFields: { parent: fields.parent ?? 0, menuOrder: fields.menuOrder ?? 0, commentsOpen: true },
    date: '2020-01-01 00:00:00',
    dateGmt: '2020-01-01 00:00:00',
    modified: '',
    modifiedGmt: '',
    categories: [],
    meta,
    attachmentUrl: `http://ancien.example/wp-content/uploads/2020/01/${file}`,
    comments: [],
  };
}

const ATTACHMENTS = [
  attachment(21, 'port.jpg', {
    parent: POST_ID,
    alt: 'Un port au crépuscule',
    caption: 'Le <em>port</em>',
    menuOrder: 2,
  }),
  attachment(22, 'phare.jpg', { parent: POST_ID, alt: 'Un phare', menuOrder: 1 }),
  attachment(23, 'foret.png', { parent: 99, alt: 'Trois sapins', caption: 'La forêt' }),
  attachment(24, 'chanson.mp3', { parent: POST_ID, title: 'La chanson' }),
  attachment(25, 'refrain.ogg', { parent: 99, title: 'Le refrain' }),
  attachment(26, 'film.mp4', { parent: POST_ID, title: 'Le film' }),
  // As WordPress records an image's sizes (PHP's serialize(), string lengths in bytes).
  attachment(27, 'été.jpg', {
    metadata:
      'a:5:{s:5:"width";i:1200;s:6:"height";i:800;s:4:"file";s:17:"2020/01/été.jpg";s:5:"sizes";a:1:{s:9:"thumbnail";a:3:{s:4:"file";s:17:"été-150x150.jpg";s:5:"width";i:150;s:6:"height";i:150;}}s:10:"image_meta";a:0:{}}',
  }),
  attachment(28, 'cassé.jpg', { metadata: 'a:2:{s:5:"width";i:1200;s:6:"height"' }),
];

/**
 * A context whose files under /wp-content/uploads/ were copied into
 * content/media/wordpress/ (addresses come as the URL standard writes them: "%C3%A9" for "é").
 */
const context: BodyContext = {
  baseUrl: BASE,
  attachments: new Map(ATTACHMENTS.map((item) => [item.postId, item])),
  mediaPath: (url) => {
    const path = /^https:\/\/ancien\.example\/wp-content\/uploads\/(.+)$/.exec(url)?.[1];
    return path ? `../media/wordpress/${decodeURIComponent(path)}` : null;
  },
};
const converted = (content: string, postId = POST_ID) => convertBody(content, context, postId);
const body = (content: string, postId = POST_ID) => converted(content, postId).html;
const media = (path: string) => `../media/wordpress/2020/01/${path}`;
/** A body that starts with a player is wrapped, so that Markdown leaves it as HTML. */
const wrapped = (html: string) => `<div>\n${html}\n</div>`;

describe('[gallery]', () => {
  it('shows the listed images as the blog’s gallery, each with its alt text and caption, linked to its file', () => {
    expect(body('[gallery ids="23,21"]')).toBe(
      [
        '<ul class="gallery gallery-3">',
        `<li><figure><a href="${media('foret.png')}"><img src="${media('foret.png')}" alt="Trois sapins" /></a><figcaption>La forêt</figcaption></figure></li>`,
        `<li><figure><a href="${media('port.jpg')}"><img src="${media('port.jpg')}" alt="Un port au crépuscule" /></a><figcaption>Le <em>port</em></figcaption></figure></li>`,
        '</ul>',
      ].join('\n'),
    );
  });

  it('without ids, shows the images attached to the post, in WordPress’s order (menu order, then id)', () => {
    const html = body('<p>Avant</p>\n\n[gallery]\n\n<p>Après</p>');
    expect([...html.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1])).toEqual([
      media('phare.jpg'),
      media('port.jpg'),
    ]);
    expect(html).not.toContain('<p><ul');
    expect(body('[gallery]', 99)).toContain(media('foret.png'));
    expect(body('[gallery exclude="22"]')).not.toContain('phare');
    expect(body('[gallery id="99"]')).toContain(media('foret.png'));
  });

  it('keeps the columns the blog has: one under the other, 2, 3 or 4 side by side, and says when there were more', () => {
    expect(body('[gallery columns="2"]')).toMatch(/^<ul class="gallery gallery-2">/);
    expect(body('[gallery columns=4]')).toMatch(/^<ul class="gallery gallery-4">/);
    expect(body('[gallery columns="1"]')).toMatch(/^<figure><a [^>]+><img [^>]+><\/a><\/figure>\n<figure>/);
    const wide = converted('[gallery columns="7"]');
    expect(wide.html).toMatch(/^<ul class="gallery gallery-4">/);
    expect(wide.notes).toEqual(['[gallery columns="7"]: shown in 4 columns, the most the blog\'s galleries have']);
  });

  it('links each image to its file unless link="none", and follows orderby and order', () => {
    expect(body('[gallery ids="21" link="none"]')).not.toContain('<a ');
    expect(body('[gallery ids="21" link="file"]')).toContain(`<a href="${media('port.jpg')}">`);
    const order = (shortcode: string) => [...body(shortcode).matchAll(/<img src="[^"]*\/([^/"]+)"/g)].map((m) => m[1]);
    expect(order('[gallery ids="23,22,21" orderby="ID"]')).toEqual(['port.jpg', 'phare.jpg', 'foret.png']);
    expect(order('[gallery ids="21,22,23" order="DESC"]')).toEqual(['foret.png', 'phare.jpg', 'port.jpg']);
    expect(order('[gallery ids="21,22,23" orderby="title"]')).toEqual(['foret.png', 'phare.jpg', 'port.jpg']);
  });

  it('keeps images of another host where they are, and names the attachments the export lacks', () => {
    const result = converted('[gallery ids="21,404"]');
    expect(result.html).toContain(media('port.jpg'));
    expect(result.notes).toEqual(['[gallery]: attachment 404 not in the export, left out']);
    const elsewhere = convertBody('[gallery ids="21"]', { ...context, mediaPath: () => null }, POST_ID).html;
    expect(elsewhere).toContain('src="https://ancien.example/wp-content/uploads/2020/01/port.jpg"');
  });

  it('gives each image the size WordPress recorded for it, when the export has it', () => {
    expect(body('[gallery ids="27,28"]')).toContain(
      `<img src="${media('été.jpg')}" alt="" width="1200" height="800" /></a></figure></li>\n<li><figure><a href="${media('cassé.jpg')}"><img src="${media('cassé.jpg')}" alt="" /></a>`,
    );
  });

  it('stays text, and says why, when there is no image to show', () => {
    expect(converted('[gallery]', 1234)).toEqual({
      html: '<p>[gallery]</p>',
      notes: ['[gallery]: no image attached to the post', 'shortcode [gallery] left as text'],
    });
  });

  it('is published as an author’s gallery is: its classes kept, its HTML unchanged', () => {
    const html = body('[gallery ids="21,22" columns="2"]');
    expect(renderMarkdown(html, 'fr').html.trim()).toBe(html);
  });
});

describe('[audio], [video] and [playlist]', () => {
  it('make players of the copied file, with a link to it for browsers without one', () => {
    const player = `<audio controls preload="metadata" src="${media('chanson.mp3')}"><a href="${media('chanson.mp3')}">chanson.mp3</a></audio>`;
    expect(body('[audio src="http://ancien.example/wp-content/uploads/2020/01/chanson.mp3"]')).toBe(wrapped(player));
    expect(
      body('<p>Écoutez :</p>\n\n[audio mp3="/wp-content/uploads/2020/01/chanson.mp3" autoplay="on" loop="on"]'),
    ).toBe(`<p>Écoutez :</p>\n${player}`);
    expect(body('[audio https://ailleurs.example/son.mp3]')).toContain('src="https://ailleurs.example/son.mp3"');
    expect(
      body(
        '[video width="640" height="360" poster="/wp-content/uploads/2020/01/affiche.jpg" src="/wp-content/uploads/2020/01/film.mp4"]',
      ),
    ).toBe(
      wrapped(
        `<video controls preload="metadata" width="640" height="360" poster="${media('affiche.jpg')}" src="${media('film.mp4')}"><a href="${media('film.mp4')}">film.mp4</a></video>`,
      ),
    );
  });

  it('give every format WordPress offered to the browser, as sources', () => {
    expect(
      body('[video mp4="/wp-content/uploads/2020/01/film.mp4" webm="/wp-content/uploads/2020/01/film.webm"][/video]'),
    ).toBe(
      wrapped(
        `<video controls preload="metadata"><source src="${media('film.mp4')}" /><source src="${media('film.webm')}" /></video>`,
      ),
    );
  });

  it('without a file, play the first sound or video attached to the post, as WordPress does', () => {
    expect(body('[audio]')).toContain(`src="${media('chanson.mp3')}"`);
    expect(body('[video]')).toContain(`src="${media('film.mp4')}"`);
    expect(converted('[video]', 99)).toEqual({
      html: '<p>[video]</p>',
      notes: ['[video]: no file to play', 'shortcode [video] left as text'],
    });
  });

  it('[playlist] lists its tracks, each a player with its title', () => {
    expect(body('[playlist ids="25,24"]')).toBe(
      [
        '<ol>',
        `<li><figure><audio controls preload="metadata" src="${media('refrain.ogg')}"><a href="${media('refrain.ogg')}">refrain.ogg</a></audio><figcaption>Le refrain</figcaption></figure></li>`,
        `<li><figure><audio controls preload="metadata" src="${media('chanson.mp3')}"><a href="${media('chanson.mp3')}">chanson.mp3</a></audio><figcaption>La chanson</figcaption></figure></li>`,
        '</ol>',
      ].join('\n'),
    );
    expect(body('[playlist type="video"]')).toContain(`<video controls preload="metadata" src="${media('film.mp4')}">`);
  });

  it('are published as they are: the Markdown renderer leaves players and playlists unchanged', () => {
    for (const shortcode of [
      '[audio]',
      '[video poster="/wp-content/uploads/2020/01/affiche.jpg"]',
      '[playlist ids="24,25"]',
    ]) {
      const html = body(`<p>Avant</p>\n\n${shortcode}`);
      expect(renderMarkdown(html, 'fr').html.trim()).toBe(html);
    }
  });

  it('leave an escaped shortcode ([[audio]]) as WordPress shows it, and other shortcodes as text, named', () => {
    expect(body('[[audio]]')).toBe('<p>[[audio]]</p>');
    const result = converted('[videopress OcobLTqC]\n\n[code lang="js"]x[/code]\n\nHe sailed a coracle [simple boat].');
    expect(result.notes).toEqual(['shortcode [videopress] left as text', 'shortcode [code] left as text']);
  });
});

describe('players already in the HTML', () => {
  it('are kept with controls, their files through the media mapping, without autoplay or loop', () => {
    expect(
      body(
        '<!-- wp:video --><figure class="wp-block-video"><video autoplay loop muted playsinline poster="/wp-content/uploads/2020/01/affiche.jpg" src="/wp-content/uploads/2020/01/film.mp4"></video><figcaption>Le film</figcaption></figure><!-- /wp:video -->',
      ),
    ).toBe(
      `<figure><video controls preload="metadata" poster="${media('affiche.jpg')}" src="${media('film.mp4')}"><a href="${media('film.mp4')}">film.mp4</a></video><figcaption>Le film</figcaption></figure>`,
    );
  });

  it('keep their sources and subtitles, and nothing that runs', () => {
    const html = body(
      '<p>Voir :</p><video onplay="alert(1)" controls><source src="javascript:alert(2)"><source src="/wp-content/uploads/2020/01/film.webm" type="video/webm"><track kind="subtitles" srclang="fr" label="Français" src="/wp-content/uploads/2020/01/film.vtt"></video>',
    );
    expect(html).toBe(
      `<p>Voir :</p>\n<p><video controls preload="metadata"><source type="video/webm" src="${media('film.webm')}" /><track kind="subtitles" srclang="fr" label="Français" src="${media('film.vtt')}" /></video></p>`,
    );
  });

  it('keep the players WordPress printed for [audio] and [video], with their own links', () => {
    const file = 'http://ancien.example/wp-content/uploads/2020/01/chanson.mp3';
    const html = body(
      `<audio class="wp-audio-shortcode" id="audio-1-1" preload="none" style="width: 100%;" controls="controls"><source type="audio/mpeg" src="${file}?_=1" /><a href="${file}">${file}</a></audio>`,
    );
    expect(html).toBe(
      `<p><audio controls preload="metadata"><source type="audio/mpeg" src="${media('chanson.mp3')}" /><a href="${media('chanson.mp3')}">${file}</a></audio></p>`,
    );
  });

  it('are named in the notes, with their address, when it cannot be used', () => {
    const result = converted(
      '<!-- wp:video --><figure><video controls src="ttps://ancien.example/film.mov"></video><figcaption>Vu</figcaption></figure><!-- /wp:video -->',
    );
    expect(result.html).toBe('<figure><figcaption>Vu</figcaption></figure>');
    expect(result.notes).toEqual(['<video> with an unusable address "ttps://ancien.example/film.mov": left out']);
  });
});

describe('what the blog cannot show', () => {
  it('is named in the notes: frames and plug-ins with their address, scripts, styles and forms', () => {
    const result = converted(
      [
        '<p>Carte :</p><iframe src="https://maps.example/embed?x=1"></iframe>',
        '<object data="https://ancien.example/anim.swf"><param name="movie" value="anim.swf"><embed src="https://ancien.example/anim.swf"></object>',
        '<script>track()</script><style>p { color: red }</style>',
        '<form action="/contact"><input name="nom"><button>Envoyer</button></form>',
        '<p><font color="red">Rouge</font> et <font>encore</font></p>',
      ].join('\n\n'),
    );
    expect(result.html).not.toMatch(/iframe|object|embed|script|style|form|input|button|font/);
    expect(result.html).toContain('Envoyer');
    expect(result.html).toContain('Rouge');
    expect(result.notes).toEqual([
      'left out: <iframe> (https://maps.example/embed?x=1), <input>, <object> (https://ancien.example/anim.swf), <script>, <style>',
      'markup removed, text kept: <button>, <font> ×2, <form>',
    ]);
  });

  it('says nothing of what is shown another way: YouTube frames as links, old tags as their modern names', () => {
    const result = converted(
      '<p><b>Gras</b> <i>penché</i> <strike>barré</strike> <acronym title="Objet volant">OVNI</acronym> <tt>code</tt></p>\n<iframe src="https://www.youtube.com/embed/abc123"></iframe>',
    );
    expect(result.notes).toEqual([]);
    expect(result.html).toContain('<a href="https://www.youtube.com/watch?v=abc123">');
    expect(result.html).toContain('<abbr title="Objet volant">OVNI</abbr> <code>code</code>');
  });
});
