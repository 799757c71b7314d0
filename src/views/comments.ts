// The comments section: threaded, the author's replies marked as such,
// a page of threads at a time with links to the other pages.
import { renderPlainCommentText } from '../comments/plain-text';
import type { PublicCommentRow } from '../db/types';
import { isoDate } from './article-list';
import { html, raw, type SafeHtml } from './html';
import type { PageContext } from './layout';

/** A comment as shown: approved, or held and shown only to its own author. */
export interface ShownComment extends PublicCommentRow {
  pending?: boolean;
}

export interface CommentNode {
  comment: ShownComment;
  replies: CommentNode[];
}

/**
 * Builds the reply tree from comments sorted oldest first. A reply whose
 * parent is not shown (held, spam) is listed at the top level rather than lost.
 */
export function buildCommentThreads(comments: ShownComment[]): CommentNode[] {
  const nodes = new Map<number, CommentNode>();
  for (const comment of comments) nodes.set(comment.id, { comment, replies: [] });
  const roots: CommentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parent_id === null ? undefined : nodes.get(node.comment.parent_id);
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}

export interface CommentsSection {
  /** The article's title, for the heading. */
  title: string;
  /** The article's or page's own address (contentPath): the comment pages' links start from it. */
  path: string;
  /** The page's approved comments and the visitor's own held ones, oldest first. */
  comments: ShownComment[];
  /** Approved comments on every page. */
  total: number;
  page: number;
  pageCount: number;
  canReply: boolean;
}

export function renderCommentsSection(ctx: PageContext, section: CommentsSection): SafeHtml {
  const { t, formatNumber } = ctx.locale;
  const threads = buildCommentThreads(section.comments);
  const options = { canReply: section.canReply };
  return html`<section id="comments" class="comments">
<h2>${t.commentsHeading(section.total, formatNumber(section.total), section.title)}</h2>
${threads.length ? renderCommentList(ctx, threads, 'comment-list', options) : ''}
${renderCommentPagination(ctx, section)}
</section>`;
}

/**
 * `?cpage=N` for comments pages after the first; page 1 is the article's own
 * URL. `path` is the article's or page's own address (a child page's
 * /<parent>/<slug>), so no link costs a redirect.
 */
export function commentPagePath(path: string, page: number): string {
  return page <= 1 ? path : `${path}?cpage=${page}`;
}

function renderCommentPagination(ctx: PageContext, { path, page, pageCount }: CommentsSection): SafeHtml {
  if (pageCount <= 1) return html``;
  const { t } = ctx.locale;
  return html`<nav class="comments-pagination" aria-label="${t.commentPages}">
${page > 1 ? html`<a rel="prev" href="${commentPagePath(path, page - 1)}#comments">← ${t.olderComments}</a>` : ''}
<span>${t.pageOf(page, pageCount)}</span>
${page < pageCount ? html`<a rel="next" href="${commentPagePath(path, page + 1)}#comments">${t.newerComments} →</a>` : ''}
</nav>`;
}

interface ListOptions {
  canReply: boolean;
}

// The markup of one comment is repeated up to a few hundred times a page:
// nothing in it that a reader neither sees nor uses. Styles reach the header,
// its date link and the reply paragraph by position (public/style.css), the
// form's script reads the name answered from .comment-author, and white
// space is written only between inline elements (a name and its date stay
// apart without styles too).
function renderCommentList(ctx: PageContext, nodes: CommentNode[], className: string, options: ListOptions): SafeHtml {
  return html`<ol class="${className}">${nodes.map((node) => renderComment(ctx, node, options))}</ol>`;
}

function renderComment(ctx: PageContext, { comment, replies }: CommentNode, options: ListOptions): SafeHtml {
  const { t, formatDate } = ctx.locale;
  const classes = ['comment', comment.is_author ? 'by-author' : '', comment.pending ? 'pending' : '']
    .filter(Boolean)
    .join(' ');
  const anchor = `comment-${comment.id}`;
  const name = comment.author_url
    ? html`<a href="${comment.author_url}" rel="nofollow ugc noopener">${comment.author_name}</a>`
    : html`${comment.author_name}`;
  return html`<li id="${anchor}" class="${classes}"><article><header><span class="comment-author">${name}</span> ${
    comment.is_author ? html`<span class="badge">${t.authorBadge}</span> ` : ''
  }<a href="#${anchor}" title="${t.commentPermalink}"><time datetime="${isoDate(comment.created_at)}">${formatDate(comment.created_at)}</time></a></header>
${comment.pending ? html`<p class="moderation-notice">${t.form.awaitingModeration}</p>` : ''}<div class="comment-body">${renderCommentBody(comment)}</div>${
    options.canReply && !comment.pending
      ? html`<p><a class="reply-link" href="#respond" data-reply-to="${comment.id}" aria-label="${t.form.replyLink.replace('%s', () => comment.author_name)}">${t.form.reply}</a></p>`
      : ''
  }</article>${replies.length ? renderCommentList(ctx, replies, 'comment-replies', options) : ''}</li>
`;
}

/**
 * A comment's text as readers see it: the HTML stored when it was written
 * (every tag built by src/comments/format.ts through escaping: nothing to
 * parse or clean here). Comments written before formatting existed are
 * given the same HTML by `npm run comments -- convert`, which `npm run dev`
 * and deploy run after the migrations. The plain-text rendering stays here
 * only as a safety net for a row still without HTML (a backup from before
 * then restored, a comment too long for one conversion statement, a row
 * written by hand): shown as it always was rather than as nothing.
 */
export function renderCommentBody(comment: Pick<PublicCommentRow, 'body' | 'body_html'>): SafeHtml {
  return comment.body_html === null ? renderPlainCommentText(comment.body ?? '') : raw(comment.body_html);
}

/** The comment as plain text, markup left out (JSON-LD's Comment.text). */
export function commentPlainText(comment: Pick<PublicCommentRow, 'body' | 'body_text'>): string {
  return comment.body_text ?? comment.body ?? '';
}
