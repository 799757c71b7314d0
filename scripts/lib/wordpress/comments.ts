// A post's wp:comment elements → Causerie comments (threaded, parents first)
// and mentions (pingbacks, trackbacks). Each row has a stable source_key,
// "wordpress:<post_id>:<comment_id>", so that importing again adds nothing twice.

import { htmlToCommentMarkdown } from './comment-markdown.ts';
import { wordpressDate } from './dates.ts';
import { htmlToLine, htmlToText, truncate } from './text.ts';
import { WxrError, type WxrItem } from './wxr.ts';

export type ModerationStatus = 'approved' | 'pending' | 'spam' | 'trash';

export interface ImportedComment {
  key: string;
  parentKey: string | null;
  articleSlug: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  status: ModerationStatus;
  createdAt: number;
  isAuthor: boolean;
}

export interface ImportedMention {
  key: string;
  articleSlug: string;
  kind: 'pingback' | 'trackback' | 'webmention';
  sourceUrl: string;
  targetUrl: string;
  status: ModerationStatus;
  authorName: string | null;
  title: string | null;
  excerpt: string | null;
  receivedAt: number;
}

export interface CommentOptions {
  articleSlug: string;
  /** Where the post's mentions pointed: its old address. */
  targetUrl: string;
  /** wp:author_id of the post's author and of every author in the export. */
  authorIds: Set<number>;
  /** wp:author_email of every author in the export, lowercase: their replies keep the badge without ids too. */
  authorEmails?: ReadonlySet<string>;
  timeZone: string;
  language: 'fr' | 'en';
}

const STATUSES: Record<string, ModerationStatus> = {
  '1': 'approved',
  '0': 'pending',
  spam: 'spam',
  trash: 'trash',
  // A comment of a post that was in the trash.
  'post-trashed': 'trash',
};
const MENTION_KINDS = new Set(['pingback', 'trackback', 'webmention']);

export function convertComments(
  item: WxrItem,
  options: CommentOptions,
): { comments: ImportedComment[]; mentions: ImportedMention[]; skipped: number; notes: string[] } {
  const notes: string[] = [];
  const keyOf = (id: number) => `wordpress:${item.postId}:${id}`;
  const byId = new Map(item.comments.map((comment) => [comment.id, comment]));
  const comments: (ImportedComment & { depth: number })[] = [];
  const mentions: ImportedMention[] = [];
  const mentionSources = new Set<string>();
  let skipped = 0;

  for (const comment of item.comments) {
    const fail = (reason: string): never => {
      throw new WxrError(`${comment.where}: ${reason}`);
    };
    const status =
      STATUSES[comment.approved.trim()] ??
      fail(`wp:comment_approved "${comment.approved}" is not one of 1, 0, spam, trash`);
    const date = wordpressDate(comment.dateGmt, comment.date, options.timeZone, {
      gmt: 'wp:comment_date_gmt',
      local: 'wp:comment_date',
    });
    if (!date.ok) return fail(date.reason);
    const type = comment.type.trim();

    if (MENTION_KINDS.has(type)) {
      const mention = convertMention(comment.content, comment.author, comment.url);
      if (!mention) {
        notes.push(`${comment.where}: ${type} without a source address, left out`);
      } else if (mentionSources.has(mention.sourceUrl)) {
        notes.push(`${comment.where}: second ${type} from ${mention.sourceUrl}, left out`);
      } else {
        mentionSources.add(mention.sourceUrl);
        mentions.push({
          ...mention,
          key: keyOf(comment.id),
          articleSlug: options.articleSlug,
          kind: type as ImportedMention['kind'],
          targetUrl: options.targetUrl,
          status,
          receivedAt: date.seconds,
        });
      }
      continue;
    }
    if (type !== '' && type !== 'comment') {
      skipped++;
      continue;
    }

    const depth = depthOf(comment.id, byId, fail);
    const parent = comment.parent === 0 ? undefined : byId.get(comment.parent);
    let parentKey = parent ? keyOf(parent.id) : null;
    if (parent && parent.type.trim() !== '' && parent.type.trim() !== 'comment') {
      notes.push(`${comment.where}: replies to a ${parent.type}, imported as a comment of its own`);
      parentKey = null;
    }

    let authorName = htmlToLine(comment.author);
    if (!authorName) authorName = options.language === 'fr' ? 'Anonyme' : 'Anonymous';
    if ([...authorName].length > 100) {
      authorName = truncate(authorName, 100);
      notes.push(`${comment.where}: author name cut to 100 characters`);
    }
    let authorEmail = comment.email.trim();
    if (authorEmail.length > 254) {
      authorEmail = '';
      notes.push(`${comment.where}: e-mail longer than 254 characters, left out`);
    }
    // What WordPress let commenters format (emphasis, quotes, lists, links, code) stays formatted.
    let body = htmlToCommentMarkdown(comment.content, options.language);
    if (!body) {
      body = '…';
      notes.push(`${comment.where}: empty comment, kept as "…"`);
    }
    if ([...body].length > 10_000) {
      body = truncate(body, 10_000);
      notes.push(`${comment.where}: comment cut to 10,000 characters`);
    }
    comments.push({
      key: keyOf(comment.id),
      parentKey,
      articleSlug: options.articleSlug,
      authorName,
      authorEmail,
      authorUrl: webAddress(comment.url),
      body,
      status,
      createdAt: date.seconds,
      isAuthor:
        (comment.userId > 0 && options.authorIds.has(comment.userId)) ||
        (authorEmail !== '' && (options.authorEmails?.has(authorEmail.toLowerCase()) ?? false)),
      depth: parentKey ? depth : 0,
    });
  }
  // Parents before their replies, whatever the order of the export.
  comments.sort((a, b) => a.depth - b.depth || a.createdAt - b.createdAt || a.key.localeCompare(b.key));
  return { comments: comments.map(({ depth: _, ...comment }) => comment), mentions, skipped, notes };
}

/** How many parents a comment has; a missing parent or a loop is an error. */
function depthOf(id: number, byId: Map<number, { parent: number; where: string }>, fail: (reason: string) => never) {
  const seen = new Set<number>([id]);
  let depth = 0;
  for (let parent = byId.get(id)?.parent ?? 0; parent !== 0; parent = byId.get(parent)?.parent ?? 0) {
    if (!byId.has(parent)) fail(`wp:comment_parent ${parent} is not a comment of this post`);
    if (seen.has(parent)) fail(`wp:comment_parent ${parent} makes a loop of replies`);
    seen.add(parent);
    depth++;
  }
  return depth;
}

/** An http(s) address of at most 2,000 characters, else null. */
function webAddress(value: string): string | null {
  const url = value.trim();
  return /^https?:\/\/[^\s]+$/i.test(url) && url.length <= 2000 ? url : null;
}

/**
 * What WordPress kept of a ping: the source's address (else the first one in
 * the text), its title (the comment's author for a pingback; the <strong>
 * first line of a trackback, whose author is the sending blog's name), an excerpt.
 */
function convertMention(
  content: string,
  author: string,
  url: string,
): Pick<ImportedMention, 'sourceUrl' | 'authorName' | 'title' | 'excerpt'> | null {
  const sourceUrl = webAddress(url) ?? webAddress(/https?:\/\/[^\s"'<>]+/.exec(content)?.[0] ?? '');
  if (!sourceUrl) return null;
  const name = truncate(htmlToLine(author), 300);
  const trackbackTitle = /^\s*<strong>([\s\S]*?)<\/strong>/i.exec(content);
  const title = trackbackTitle ? truncate(htmlToLine(trackbackTitle[1] ?? ''), 300) : name;
  const excerpt = truncate(htmlToText(trackbackTitle ? content.slice(trackbackTitle[0].length) : content), 1000);
  return {
    sourceUrl,
    authorName: trackbackTitle && name ? truncate(name, 200) : null,
    title: title || null,
    excerpt: excerpt || null,
  };
}
