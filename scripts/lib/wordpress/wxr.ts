// Reads a WordPress eXtended RSS export (WXR 1.1/1.2) into plain records.
// Only the shape is checked here (numbers are numbers, required elements are
// there); what the values mean is decided by posts.ts and comments.ts. Every
// error names the element, e.g. "item #3 (wp:post_id 42) > wp:comment #2: …".
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface WxrExport {
  title: string;
  /** The old blog's address (wp:base_blog_url, else the channel's link). */
  baseUrl: string;
  /** The channel's <language>, e.g. "fr-FR"; '' when missing. */
  language: string;
  /** wp:author_login → wp:author_id; null when the export leaves the id out (WordPress.com does). */
  authors: Map<string, number | null>;
  /** wp:author_login → the author's display name and e-mail ('' when missing). */
  authorProfiles: Map<string, WxrAuthorProfile>;
  items: WxrItem[];
  /** The blog's categories and tags (wp:category, wp:tag): their WordPress slugs, names and ids. */
  terms: WxrTerm[];
  /** Broken items and comments, each naming its element; the items are left out of `items`. */
  problems: string[];
}

export interface WxrAuthorProfile {
  displayName: string;
  email: string;
}

export interface WxrItem {
  /** "item #3 (wp:post_id 42)", for messages. */
  where: string;
  postId: number;
  type: string;
  status: string;
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  postName: string;
  password: string;
  /** wp:is_sticky is "1": first on the blog's home page. */
  sticky: boolean;
  /** wp:comment_status: "open", "closed" ('' when absent). */
  commentStatus: string;
  /** What a page (wp:post_type page) keeps of its place: read for every item, used for pages. */
  pageFields: { parent: number; menuOrder: number; commentsOpen: boolean };
  date: string;
  dateGmt: string;
  modified: string;
  modifiedGmt: string;
  categories: { domain: string; nicename: string; name: string }[];
  meta: Map<string, string>;
  attachmentUrl: string;
  comments: WxrComment[];
}

export interface WxrTerm {
  taxonomy: 'category' | 'post_tag';
  /** wp:term_id, the number of "?cat=12"; 0 when the export leaves it out. */
  id: number;
  /** wp:category_nicename or wp:tag_slug, as written (percent-encoded when it has accents). */
  slug: string;
  /** The parent category's slug ('' for a top-level one and for tags). */
  parent: string;
  name: string;
}

export interface WxrComment {
  /** "item #3 (wp:post_id 42) > wp:comment #2 (wp:comment_id 7)", for messages. */
  where: string;
  id: number;
  author: string;
  email: string;
  url: string;
  date: string;
  dateGmt: string;
  content: string;
  approved: string;
  type: string;
  parent: number;
  userId: number;
}

export class WxrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WxrError';
  }
}

type Node = Record<string, unknown>;

const LISTS = new Set(['item', 'wp:comment', 'wp:postmeta', 'category', 'wp:author', 'wp:category', 'wp:tag']);

export function parseWxr(xml: string): WxrExport {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new WxrError(`the file is not valid XML (line ${line}, column ${col}): ${msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    // Character references (&#039;) are XML; CDATA sections are left as written.
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => LISTS.has(name),
  });
  const root = parser.parse(xml) as Node;
  const rss = root.rss as Node | undefined;
  const channel = rss?.channel as Node | undefined;
  const namespace = rss ? text(rss, '@xmlns:wp') : '';
  if (!channel || !/^https?:\/\/wordpress\.org\/export\/1\.[0-9]+\/?$/.test(namespace))
    throw new WxrError(
      'this is not a WordPress export (WXR): expected <rss> with the wp: namespace (http://wordpress.org/export/1.2/) and a <channel>; export one from Tools → Export in WordPress',
    );

  const problems: string[] = [];
  const collect = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof WxrError)) throw error;
      problems.push(error.message);
      return null;
    }
  };
  // Authors are matched by login (dc:creator); WordPress.com exports give no wp:author_id.
  const authors = new Map<string, number | null>();
  const authorProfiles = new Map<string, WxrAuthorProfile>();
  list(channel, 'wp:author').forEach((author, index) => {
    const where = `wp:author #${index + 1}`;
    const id = collect(() => integer(author, 'wp:author_id', where, false)) ?? 0;
    const login = text(author, 'wp:author_login');
    authors.set(login, id === 0 ? null : id);
    authorProfiles.set(login, {
      displayName: text(author, 'wp:author_display_name'),
      email: text(author, 'wp:author_email').trim(),
    });
  });

  const items: WxrItem[] = [];
  list(channel, 'item').forEach((item, index) => {
    const parsed = collect(() => readItem(item, index + 1));
    if (parsed) items.push(parsed);
  });
  return {
    title: text(channel, 'title'),
    baseUrl: text(channel, 'wp:base_blog_url') || text(channel, 'link'),
    language: text(channel, 'language'),
    authors,
    authorProfiles,
    items,
    terms: readTerms(channel),
    problems,
  };
}

function readTerms(channel: Node): WxrTerm[] {
  const id = (node: Node) => {
    const raw = text(node, 'wp:term_id').trim();
    return /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  };
  return [
    ...list(channel, 'wp:category').map((node) => ({
      taxonomy: 'category' as const,
      id: id(node),
      slug: text(node, 'wp:category_nicename').trim(),
      parent: text(node, 'wp:category_parent').trim(),
      name: text(node, 'wp:cat_name'),
    })),
    ...list(channel, 'wp:tag').map((node) => ({
      taxonomy: 'post_tag' as const,
      id: id(node),
      slug: text(node, 'wp:tag_slug').trim(),
      parent: '',
      name: text(node, 'wp:tag_name'),
    })),
  ].filter((term) => term.slug !== '');
}

function readItem(item: Node, number: number): WxrItem {
  const at = `item #${number}`;
  const postId = integer(item, 'wp:post_id', at, true);
  const where = `${at} (wp:post_id ${postId})`;
  const meta = new Map<string, string>();
  for (const entry of list(item, 'wp:postmeta')) meta.set(text(entry, 'wp:meta_key'), text(entry, 'wp:meta_value'));
  const ids = new Map<number, string>();
  const problems: string[] = [];
  const comments = list(item, 'wp:comment').flatMap((comment, index) => {
    try {
      const parsed = readComment(comment, `${where} > wp:comment #${index + 1}`);
      const other = ids.get(parsed.id);
      if (other) throw new WxrError(`${parsed.where}: wp:comment_id ${parsed.id} is also used by ${other}`);
      ids.set(parsed.id, parsed.where);
      return [parsed];
    } catch (error) {
      if (!(error instanceof WxrError)) throw error;
      problems.push(error.message);
      return [];
    }
  });
  if (problems.length > 0) throw new WxrError(problems.join('\n'));
  return {
    where,
    postId,
    type: text(item, 'wp:post_type') || 'post',
    status: text(item, 'wp:status'),
    title: text(item, 'title'),
    link: text(item, 'link'),
    creator: text(item, 'dc:creator'),
    content: text(item, 'content:encoded'),
    excerpt: text(item, 'excerpt:encoded'),
    postName: text(item, 'wp:post_name'),
    password: text(item, 'wp:post_password'),
    sticky: text(item, 'wp:is_sticky').trim() === '1',
    commentStatus: text(item, 'wp:comment_status').trim(),
    pageFields: {
      parent: Number.parseInt(text(item, 'wp:post_parent'), 10) || 0,
      menuOrder: Number.parseInt(text(item, 'wp:menu_order'), 10) || 0,
      commentsOpen: text(item, 'wp:comment_status') === 'open',
    },
    date: text(item, 'wp:post_date'),
    dateGmt: text(item, 'wp:post_date_gmt'),
    modified: text(item, 'wp:post_modified'),
    modifiedGmt: text(item, 'wp:post_modified_gmt'),
    categories: list(item, 'category').map((category) => ({
      domain: text(category, '@domain'),
      nicename: text(category, '@nicename'),
      name: text(category, '#text'),
    })),
    meta,
    attachmentUrl: text(item, 'wp:attachment_url'),
    comments,
  };
}

function readComment(comment: Node, at: string): WxrComment {
  const id = integer(comment, 'wp:comment_id', at, true);
  const where = at.replace(/(#\d+)$/, `$1 (wp:comment_id ${id})`);
  return {
    where,
    id,
    author: text(comment, 'wp:comment_author'),
    email: text(comment, 'wp:comment_author_email'),
    url: text(comment, 'wp:comment_author_url'),
    date: text(comment, 'wp:comment_date'),
    dateGmt: text(comment, 'wp:comment_date_gmt'),
    content: text(comment, 'wp:comment_content'),
    approved: text(comment, 'wp:comment_approved'),
    type: text(comment, 'wp:comment_type'),
    parent: integer(comment, 'wp:comment_parent', where, false),
    userId: integer(comment, 'wp:comment_user_id', where, false),
  };
}

function list(node: Node, name: string): Node[] {
  const value = node[name];
  if (!Array.isArray(value)) return [];
  // An empty element (<category/>) parses as '', not as an object.
  return value.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as Node) : { '#text': entry }));
}

/** The text of a child element (or attribute); '' when it is absent or empty. */
function text(node: Node, name: string): string {
  const value = node[name];
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return text(value as Node, '#text');
  return String(value);
}

/** A whole number ≥ 0; a required one must be ≥ 1 (WordPress ids start at 1). */
function integer(node: Node, name: string, where: string, required: boolean): number {
  const raw = text(node, name).trim();
  if (raw === '' && !required) return 0;
  if (raw === '') throw new WxrError(`${where}: <${name}> is missing`);
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(value) || (required && value < 1))
    throw new WxrError(`${where}: ${name} "${raw}" is not a ${required ? 'positive ' : ''}whole number`);
  return value;
}
