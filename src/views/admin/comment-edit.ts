// Editing a comment: its four fields, errors beside them, every value kept.
import type { CommentField, FieldError } from '../../comments/validate';
import type { EditableComment } from '../../db/moderation-edits';
import { renderCommentBody } from '../comments';
import { html } from '../html';
import { articlePath } from '../layout';
import { type AdminPageContext, type AdminSessionView, renderAdminLayout } from './layout';
import { queuePath } from './queue';

export interface CommentEditValues {
  author: string;
  email: string;
  url: string;
  body: string;
}

export function renderCommentEditPage(
  ctx: AdminPageContext,
  session: AdminSessionView,
  view: { comment: EditableComment; values: CommentEditValues; errors: Partial<Record<CommentField, FieldError>> },
): string {
  const { s } = ctx;
  const { comment, values, errors } = view;
  const hasErrors = Object.keys(errors).length > 0;
  const field = (name: CommentField, control: ReturnType<typeof html>) => {
    const error = errors[name];
    return html`<p class="field${error ? ' field-error' : ''}">
<label for="edit-${name}">${s.fields[name]}</label>
${control}
${error ? html`<span class="error" id="edit-${name}-error">${s.fieldErrors[error]}</span>` : ''}
</p>`;
  };
  const described = (name: CommentField) =>
    errors[name] ? html` aria-invalid="true" aria-describedby="edit-${name}-error"` : '';
  const main = html`<h1>${s.editTitle(comment.id)}</h1>
<p>${s.onArticle} <a href="${articlePath(comment.article_slug)}">${comment.article_title}</a></p>
${hasErrors ? html`<p class="notice notice-error" role="alert">${s.fixErrors}</p>` : ''}
<form method="post" action="/admin/comments/${comment.id}/edit" class="comment-edit" novalidate>
<input type="hidden" name="csrf" value="${session.csrfToken}">
${field('author', html`<input type="text" id="edit-author" name="author" value="${values.author}" maxlength="100" required${described('author')}>`)}
${field('email', html`<input id="edit-email" name="email" type="email" value="${values.email}" maxlength="254"${described('email')}>`)}
${field('url', html`<input id="edit-url" name="url" type="url" value="${values.url}" maxlength="2000"${described('url')}>`)}
${field('body', html`<textarea id="edit-body" name="body" rows="10" maxlength="10000" required${described('body')}>${values.body}</textarea>`)}
<p class="form-actions"><button type="submit" class="button button-primary">${s.save}</button> <a class="button" href="${queuePath(comment.status)}">${s.cancel}</a></p>
</form>`;
  return renderAdminLayout(ctx, { title: s.editTitle(comment.id), main, session, current: 'comments' });
}

/** A reply the desk could not publish (empty), shown again with what was typed. */
export function renderReplyPage(
  ctx: AdminPageContext,
  session: AdminSessionView,
  view: { comment: EditableComment; body: string; error: string | null },
): string {
  const { s } = ctx;
  const { comment } = view;
  const main = html`<h1>${s.reply} – ${comment.author_name}</h1>
<blockquote class="queue-body queue-body-formatted">${renderCommentBody(comment)}</blockquote>
${view.error ? html`<p class="notice notice-error" role="alert" id="reply-error">${view.error}</p>` : ''}
<form method="post" action="/admin/comments/${comment.id}/reply">
<input type="hidden" name="csrf" value="${session.csrfToken}">
<p class="field"><label for="reply-body">${s.replyLabel}</label>
<textarea id="reply-body" name="body" rows="6" required autofocus${view.error ? html` aria-describedby="reply-error"` : ''}>${view.body}</textarea></p>
<p class="form-actions"><button type="submit" class="button button-primary">${s.replySubmit}</button> <a class="button" href="${queuePath(comment.status)}">${s.cancel}</a></p>
</form>`;
  return renderAdminLayout(ctx, { title: s.reply, main, session, current: 'comments' });
}
