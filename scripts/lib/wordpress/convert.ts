// The whole export, checked and converted in memory: nothing is written
// until every post and comment has been read without error.
import { convertComments, type ImportedComment, type ImportedMention } from './comments.ts';
import {
  convertPost,
  exportLanguage,
  IMPORTED_STATUSES,
  type ImportedPost,
  type PostOptions,
  slugOf,
} from './posts.ts';
import { parseWxr, type WxrExport } from './wxr.ts';

export interface ConvertedExport {
  wxr: WxrExport;
  posts: ImportedPost[];
  comments: ImportedComment[];
  mentions: ImportedMention[];
  /** What was left out, e.g. "page" → 3, "comment of type note" → 1. */
  skipped: Map<string, number>;
  /** Lines for the author, each naming its element. */
  notes: string[];
}

export interface ConvertOptions extends PostOptions {
  /** Causerie's BLOG_URL: mentions of a post with no old address point to its new one. */
  blogUrl: string;
}

export function convertExport(xml: string, options: ConvertOptions): ConvertedExport {
  const wxr = parseWxr(xml);
  const language = exportLanguage(wxr, options.defaultLanguage);
  const authorIds = new Set(wxr.authors.values());
  const skipped = new Map<string, number>();
  const skip = (what: string, count = 1) => {
    if (count > 0) skipped.set(what, (skipped.get(what) ?? 0) + count);
  };
  const result: ConvertedExport = { wxr, posts: [], comments: [], mentions: [], skipped, notes: [] };
  const slugs = new Map<string, number>();

  for (const item of wxr.items) {
    if (item.type === 'attachment') continue;
    if (item.type !== 'post') {
      skip(item.type);
      skip(`comment of a ${item.type}`, item.comments.length);
      continue;
    }
    if (!IMPORTED_STATUSES.has(item.status)) {
      skip(`post with status "${item.status}"`);
      continue;
    }
    // Two posts may share a slug (drafts without one, same titles): the later gets its id.
    let slug = slugOf(item);
    if (slugs.has(slug)) {
      const unique = `${slug.slice(0, 180)}-${item.postId}`;
      result.notes.push(`${item.where}: slug "${slug}" is taken by wp:post_id ${slugs.get(slug)}, using "${unique}"`);
      slug = unique;
    }
    slugs.set(slug, item.postId);

    const post = convertPost(item, wxr, slug, options);
    result.posts.push(post);
    result.notes.push(...post.notes.map((note) => `${item.where}: ${note}`));

    const creatorId = wxr.authors.get(item.creator);
    const threads = convertComments(item, {
      articleSlug: slug,
      targetUrl: /^https?:\/\//.test(item.link) ? item.link : new URL(slug, `${options.blogUrl}/`).href,
      authorIds: creatorId === undefined ? authorIds : new Set([...authorIds, creatorId]),
      timeZone: options.timeZone,
      language,
    });
    result.comments.push(...threads.comments);
    result.mentions.push(...threads.mentions);
    result.notes.push(...threads.notes);
    skip('comment of another type (not a comment, pingback or trackback)', threads.skipped);
  }
  return result;
}
