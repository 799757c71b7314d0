// A large WordPress export (WXR 1.2), made up but shaped like a real blog's,
// for the import benchmark (scripts/bench/import.ts): several authors,
// categories and tags, classic and block-editor bodies from a few lines to
// about 90 KB, comment threads up to 10 levels deep (as WordPress's deepest
// setting allows), pending, spam and trashed comments, pingbacks, trackbacks
// and a small tree of pages. The same seed always gives the same file.
// node scripts/bench/wordpress-export.ts out.xml [posts] [comments] [seed]
import { realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ExportSpec {
  posts: number;
  comments: number;
  /** Pingbacks and trackbacks, besides the comments (default: one for every 50 comments). */
  pings?: number;
  pages?: number;
  seed?: number;
}

export const BLOG_URL = 'https://grand-carnet.example';
/** WordPress's deepest threads: 10 levels, the top-level comment included. */
export const MAX_THREAD_DEPTH = 10;

/** mulberry32: small, fast, and the same sequence everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'forum conversation modération accueil communauté lecteur réponse question fil discussion ' +
  'commentaire billet charte échange écoute confiance règle nouveau venu habitude soirée ' +
  'atelier bénévole association quartier bibliothèque café jardin vélo cuisine voyage ' +
  'lumière hiver printemps marché rencontre débat patience humour mémoire archive carnet'
).split(' ');
const NAMES = [
  'Lucien Ferrand',
  'Mathilde Roux',
  'Karim Benali',
  'Sophie Laurent',
  'Jean-Marc Petit',
  'Awa Diallo',
  'Hélène Morel',
  'Tomás García',
  'Inès Fabre',
  'Paul Girard',
  'Nadia Haddad',
  'Yann Le Goff',
];
const AUTHORS = [
  { id: 1, login: 'elise', name: 'Élise Durand' },
  { id: 2, login: 'bruno', name: 'Bruno Marchand' },
  { id: 3, login: 'chloe', name: 'Chloé Vidal' },
];

export function generateWordPressExport(spec: ExportSpec): string {
  const rand = random(spec.seed ?? 16);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = (low: number, high: number) => low + Math.floor(rand() * (high - low + 1));
  const words = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(' ');
  const sentence = () => {
    const text = words(between(6, 18));
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () => {
    const sentences = Array.from({ length: between(1, 5) }, sentence);
    const roll = rand();
    if (roll < 0.15) sentences[0] = `<em>${sentences[0]}</em>`;
    else if (roll < 0.25) sentences.push(`Voir <a href="https://ailleurs.example/${pick(WORDS)}">${words(2)}</a>.`);
    else if (roll < 0.3) sentences.push(`<strong>${words(3)}</strong> &amp; « ${words(2)} » l&#8217;été.`);
    return sentences.join(' ');
  };

  const categories = Array.from({ length: 12 }, (_, i) => ({ slug: `rubrique-${i + 1}`, name: `Rubrique ${i + 1}` }));
  const tags = Array.from({ length: 150 }, (_, i) => ({ slug: `sujet-${i + 1}`, name: `Sujet ${words(1)} ${i + 1}` }));

  // Most posts a few paragraphs, some long, a few near 90 KB (written in parts by content:publish).
  const paragraphCount = () => {
    const roll = rand();
    return roll < 0.01 ? between(250, 320) : roll < 0.1 ? between(20, 60) : between(1, 12);
  };
  const classicBody = () => {
    const parts = Array.from({ length: paragraphCount() }, paragraph);
    if (parts.length > 3) parts.splice(2, 0, '<!--more-->');
    if (rand() < 0.2) parts.push(`<ul>\n<li>${words(3)}</li>\n<li>${words(4)}</li>\n</ul>`);
    if (rand() < 0.1) parts.push(`<blockquote>${sentence()}</blockquote>`);
    return parts.join('\n\n');
  };
  const block = (name: string, html: string, attributes = '') =>
    `<!-- wp:${name}${attributes ? ` ${attributes}` : ''} -->\n${html}\n<!-- /wp:${name} -->`;
  const blockBody = () => {
    const parts = Array.from({ length: paragraphCount() }, () => block('paragraph', `<p>${paragraph()}</p>`));
    if (parts.length > 4) parts.splice(3, 0, block('heading', `<h2 class="wp-block-heading">${words(4)}</h2>`));
    if (rand() < 0.2)
      parts.push(block('list', `<ul class="wp-block-list"><li>${words(3)}</li><li>${words(2)}</li></ul>`));
    if (rand() < 0.1)
      parts.push(block('quote', `<blockquote class="wp-block-quote"><p>${sentence()}</p></blockquote>`));
    return parts.join('\n\n');
  };

  // Comments go mostly to a few posts (a blog's busy threads), none to some.
  const count = (counts: number[], index: number) => {
    counts[index] = (counts[index] ?? 0) + 1;
  };
  const commentsOf = new Array<number>(spec.posts).fill(0);
  for (let i = 0; i < spec.comments; i++) count(commentsOf, Math.floor(spec.posts * rand() ** 2));
  const pingsOf = new Array<number>(spec.posts).fill(0);
  for (let i = 0; i < (spec.pings ?? Math.floor(spec.comments / 50)); i++)
    count(pingsOf, Math.floor(spec.posts * rand()));

  let commentId = 1;
  const start = Date.UTC(2008, 0, 1) / 1000;
  const span = Date.UTC(2024, 0, 1) / 1000 - start;
  const out: string[] = [header(categories, tags)];

  for (let i = 0; i < spec.posts; i++) {
    const postId = 100 + i;
    const published = start + Math.floor((span * i) / spec.posts) + between(0, 3600);
    const slug = `${words(between(2, 5))
      .replaceAll(' ', '-')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')}-${i + 1}`;
    const status = rand() < 0.02 ? 'draft' : 'publish';
    const author = pick(AUTHORS);
    const category = pick(categories);
    const postTags = new Set(Array.from({ length: between(0, 4) }, () => pick(tags)));
    const terms = [
      `<category domain="category" nicename="${category.slug}"><![CDATA[${category.name}]]></category>`,
      ...[...postTags].map(
        (tag) => `<category domain="post_tag" nicename="${tag.slug}"><![CDATA[${tag.name}]]></category>`,
      ),
    ];
    const comments = threadedComments(commentsOf[i] as number, pingsOf[i] as number, published);
    out.push(
      item({
        postId,
        title: `${sentence().slice(0, 60)} (${i + 1})`,
        link: `${BLOG_URL}/${isoDate(published).slice(0, 10).replaceAll('-', '/')}/${slug}/`,
        creator: author.login,
        content: rand() < 0.5 ? classicBody() : blockBody(),
        excerpt: rand() < 0.1 ? sentence() : '',
        published,
        slug,
        status,
        type: 'post',
        parent: 0,
        menuOrder: 0,
        commentStatus: rand() < 0.05 ? 'closed' : 'open',
        sticky: i === spec.posts - 1,
        terms,
        comments,
      }),
    );
  }

  // A small tree of pages: top-level ones, each with a child or two.
  const pageCount = spec.pages ?? 12;
  for (let i = 0; i < pageCount; i++) {
    const postId = 100 + spec.posts + i;
    const parent = i % 3 === 0 ? 0 : 100 + spec.posts + i - (i % 3);
    const slug = `page-${words(2)
      .replaceAll(' ', '-')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')}-${i + 1}`;
    out.push(
      item({
        postId,
        title: `Page ${i + 1}`,
        link: `${BLOG_URL}/${slug}/`,
        creator: AUTHORS[0]?.login ?? '',
        content: blockBody(),
        excerpt: '',
        published: start + between(0, span),
        slug,
        status: 'publish',
        type: 'page',
        parent,
        menuOrder: i,
        commentStatus: i % 2 === 0 ? 'open' : 'closed',
        sticky: false,
        terms: [],
        comments: threadedComments(i % 2 === 0 ? 3 : 0, 0, start),
      }),
    );
  }
  out.push('</channel>\n</rss>\n');
  return out.join('');

  function threadedComments(count: number, pings: number, after: number): string[] {
    const written: string[] = [];
    const depthOf = new Map<number, number>();
    const ids: number[] = [];
    let date = after + between(600, 86_400);
    for (let n = 0; n < count; n++) {
      const id = commentId++;
      // Every busy thread has one chain of replies WordPress's full 10 levels deep.
      let parent = 0;
      if (count >= 20 && n > 0 && n < MAX_THREAD_DEPTH) parent = ids[n - 1] as number;
      else if (ids.length > 0 && rand() < 0.45) parent = pick(ids);
      if (parent && (depthOf.get(parent) as number) >= MAX_THREAD_DEPTH - 1) parent = 0;
      depthOf.set(id, parent ? (depthOf.get(parent) as number) + 1 : 0);
      ids.push(id);
      date += between(60, 40_000);
      const byAuthor = rand() < 0.05 ? pick(AUTHORS) : null;
      const name = byAuthor?.name ?? pick(NAMES);
      const roll = rand();
      const approved = roll < 0.9 ? '1' : roll < 0.95 ? '0' : roll < 0.99 ? 'spam' : 'trash';
      written.push(
        comment({
          id,
          author: name,
          email: `${name
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z]/g, '')}@exemple.fr`,
          url:
            rand() < 0.3
              ? `https://${pick(WORDS)
                  .normalize('NFD')
                  .replace(/[^a-z]/g, '')}.exemple.fr`
              : '',
          date,
          content: commentBody(),
          approved,
          type: rand() < 0.5 ? 'comment' : '',
          parent,
          userId: byAuthor?.id ?? 0,
        }),
      );
    }
    for (let n = 0; n < pings; n++) {
      const trackback = rand() < 0.1;
      const id = commentId++;
      date += between(60, 40_000);
      written.push(
        comment({
          id,
          author: `Blog ${words(2)}`,
          email: '',
          url: `https://blog-${id}.example/${pick(WORDS)
            .normalize('NFD')
            .replace(/[^a-z]/g, '')}/`,
          date,
          content: trackback ? `<strong>${words(4)}</strong>\n\n${sentence()}` : `[…] ${sentence()} […]`,
          approved: '1',
          type: trackback ? 'trackback' : 'pingback',
          parent: 0,
          userId: 0,
        }),
      );
    }
    return written;
  }

  function commentBody(): string {
    const roll = rand();
    const parts = Array.from({ length: roll < 0.02 ? between(12, 30) : between(1, 3) }, () => sentence());
    if (roll > 0.9) parts.push(`<blockquote>${sentence()}</blockquote>`);
    else if (roll > 0.85) parts.push(`Regardez <a href="https://ailleurs.example/${pick(WORDS)}">ce lien</a>.`);
    else if (roll > 0.8) parts[0] = `<em>${parts[0]}</em> <code>${pick(WORDS)}()</code>`;
    return parts.join(rand() < 0.5 ? '\n\n' : ' ');
  }
}

function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

function header(categories: { slug: string; name: string }[], tags: { slug: string; name: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.4.3" (made up for the import benchmark) -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Le grand carnet</title>
	<link>${BLOG_URL}</link>
	<description>Un blog de seize ans</description>
	<language>fr-FR</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>${BLOG_URL}</wp:base_site_url>
	<wp:base_blog_url>${BLOG_URL}</wp:base_blog_url>
${AUTHORS.map(
  (author) =>
    `	<wp:author><wp:author_id>${author.id}</wp:author_id><wp:author_login><![CDATA[${author.login}]]></wp:author_login><wp:author_email><![CDATA[${author.login}@grand-carnet.example]]></wp:author_email><wp:author_display_name><![CDATA[${author.name}]]></wp:author_display_name></wp:author>\n`,
).join('')}${categories
  .map(
    (category, i) =>
      `	<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename><![CDATA[${category.slug}]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[${category.name}]]></wp:cat_name></wp:category>\n`,
  )
  .join('')}${tags
  .map(
    (tag, i) =>
      `	<wp:tag><wp:term_id>${100 + i}</wp:term_id><wp:tag_slug><![CDATA[${tag.slug}]]></wp:tag_slug><wp:tag_name><![CDATA[${tag.name}]]></wp:tag_name></wp:tag>\n`,
  )
  .join('')}`;
}

interface ItemFields {
  postId: number;
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  published: number;
  slug: string;
  status: string;
  type: 'post' | 'page';
  parent: number;
  menuOrder: number;
  commentStatus: 'open' | 'closed';
  sticky: boolean;
  terms: string[];
  comments: string[];
}

function item(fields: ItemFields): string {
  const date = isoDate(fields.published);
  return `	<item>
		<title><![CDATA[${fields.title}]]></title>
		<link>${fields.link}</link>
		<dc:creator><![CDATA[${fields.creator}]]></dc:creator>
		<guid isPermaLink="false">${BLOG_URL}/?p=${fields.postId}</guid>
		<description></description>
		<content:encoded><![CDATA[${fields.content}]]></content:encoded>
		<excerpt:encoded><![CDATA[${fields.excerpt}]]></excerpt:encoded>
		<wp:post_id>${fields.postId}</wp:post_id>
		<wp:post_date><![CDATA[${date}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[${date}]]></wp:post_date_gmt>
		<wp:post_modified><![CDATA[${date}]]></wp:post_modified>
		<wp:post_modified_gmt><![CDATA[${date}]]></wp:post_modified_gmt>
		<wp:comment_status><![CDATA[${fields.commentStatus}]]></wp:comment_status>
		<wp:ping_status><![CDATA[open]]></wp:ping_status>
		<wp:post_name><![CDATA[${fields.slug}]]></wp:post_name>
		<wp:status><![CDATA[${fields.status}]]></wp:status>
		<wp:post_parent>${fields.parent}</wp:post_parent>
		<wp:menu_order>${fields.menuOrder}</wp:menu_order>
		<wp:post_type><![CDATA[${fields.type}]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>${fields.sticky ? 1 : 0}</wp:is_sticky>
${fields.terms.map((term) => `		${term}\n`).join('')}${fields.comments.join('')}	</item>
`;
}

interface CommentFields {
  id: number;
  author: string;
  email: string;
  url: string;
  date: number;
  content: string;
  approved: string;
  type: string;
  parent: number;
  userId: number;
}

function comment(fields: CommentFields): string {
  const date = isoDate(fields.date);
  return `		<wp:comment>
			<wp:comment_id>${fields.id}</wp:comment_id>
			<wp:comment_author><![CDATA[${fields.author}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[${fields.email}]]></wp:comment_author_email>
			<wp:comment_author_url>${fields.url}</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[203.0.113.7]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[${date}]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[${date}]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[${fields.content}]]></wp:comment_content>
			<wp:comment_approved><![CDATA[${fields.approved}]]></wp:comment_approved>
			<wp:comment_type><![CDATA[${fields.type}]]></wp:comment_type>
			<wp:comment_parent>${fields.parent}</wp:comment_parent>
			<wp:comment_user_id>${fields.userId}</wp:comment_user_id>
		</wp:comment>
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const [out, posts = '5000', comments = '50000', seed = '16'] = process.argv.slice(2);
  if (!out) throw new Error('usage: node scripts/bench/wordpress-export.ts out.xml [posts] [comments] [seed]');
  writeFileSync(out, generateWordPressExport({ posts: Number(posts), comments: Number(comments), seed: Number(seed) }));
}
