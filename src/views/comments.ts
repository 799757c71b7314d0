// The comments section: threaded, the author's replies marked as such.
import type { PublicCommentRow } from '../db/types';
import { isoDate } from './article-list';
import { html, type SafeHtml } from './html';
import type { PageContext } from './layout';

export interface CommentNode {
  comment: PublicCommentRow;
  replies: CommentNode[];
}

/**
 * Builds the reply tree from comments sorted oldest first. A reply whose
 * parent is not shown (held, spam) is listed at the top level rather than lost.
 */
export function buildCommentThreads(comments: PublicCommentRow[]): CommentNode[] {
  const nodes = new Map<number, CommentNode>();
  for (const comment of comments) nodes.set(comment.id, { comment, replies: [] });
  const roots: CommentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parent_id === null ? undefined : nodes.get(node.comment.parent_id);
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}

export function renderCommentsSection(ctx: PageContext, title: string, comments: PublicCommentRow[]): SafeHtml {
  const { t, formatNumber } = ctx.locale;
  const threads = buildCommentThreads(comments);
  return html`<section id="comments" class="comments">
<h2>${t.commentsHeading(comments.length, formatNumber(comments.length), title)}</h2>
${threads.length ? renderCommentList(ctx, threads, 'comment-list') : ''}
</section>`;
}

function renderCommentList(ctx: PageContext, nodes: CommentNode[], className: string): SafeHtml {
  return html`<ol class="${className}">
${nodes.map((node) => renderComment(ctx, node))}
</ol>`;
}

function renderComment(ctx: PageContext, { comment, replies }: CommentNode): SafeHtml {
  const { t, formatDate } = ctx.locale;
  const anchor = `comment-${comment.id}`;
  const name = comment.author_url
    ? html`<a href="${comment.author_url}" rel="nofollow ugc noopener">${comment.author_name}</a>`
    : html`${comment.author_name}`;
  return html`<li id="${anchor}" class="${comment.is_author ? 'comment by-author' : 'comment'}">
<article>
<header class="comment-meta">
<span class="comment-author">${name}</span>
${comment.is_author ? html`<span class="badge">${t.authorBadge}</span>` : ''}
<a class="comment-date" href="#${anchor}" title="${t.commentPermalink}"><time datetime="${isoDate(comment.created_at)}">${formatDate(comment.created_at)}</time></a>
</header>
<div class="comment-body">${renderCommentText(comment.body)}</div>
</article>
${replies.length ? renderCommentList(ctx, replies, 'comment-replies') : ''}
</li>`;
}

/** Plain text to paragraphs: blank lines split paragraphs, newlines become <br>. */
export function renderCommentText(text: string): SafeHtml {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return html`${paragraphs.map(
    (paragraph) =>
      html`<p>${paragraph.split('\n').map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))}</p>`,
  )}`;
}
