// The comment form on a page of its own, for when the article itself cannot
// be loaded (D1 failing): the commenter keeps what they wrote.
import { type CommentFormState, renderCommentForm } from './comment-form';
import { html } from './html';
import { type PageContext, renderLayout } from './layout';

export function renderStandaloneCommentForm(
  ctx: PageContext,
  options: { action: string; state: CommentFormState },
): string {
  return renderLayout(ctx, {
    title: ctx.locale.t.leaveComment,
    noindex: true,
    scripts: ['/js/comment-form.js'],
    main: html`${renderCommentForm(ctx, {
      action: options.action,
      open: true,
      siteKey: ctx.settings.comments.turnstileSiteKey,
      state: options.state,
    })}`,
  });
}
