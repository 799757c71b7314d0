// Editing a comment, and the author's reply (inline in the queue, or on its
// own page when it needs saying again).

import { formatComment } from '../../comments/format';
import { characterCount, hasVisibleText, normalizeText } from '../../comments/text';
import { attachmentPoint } from '../../comments/threads';
import { LIMITS, parseCommentForm } from '../../comments/validate';
import { readSettings } from '../../config';
import { getCommentForEdit, getReplyTarget, insertAuthorReply, updateComment } from '../../db/moderation-edits';
import { handOverLater } from '../../notifications/hand-over';
import { renderCommentEditPage, renderReplyPage } from '../../views/admin/comment-edit';
import { queuePath } from '../../views/admin/queue';
import type { AdminCall } from './guard';
import { purgeTouchedArticles } from './purge';
import { adminHtml, adminMessage, adminRedirect } from './respond';

function commentId(call: AdminCall): number | null {
  const id = call.request.params.id ?? '';
  return /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : null;
}

function notFound(call: AdminCall): Response {
  return adminMessage(call.page, 404, call.page.s.notFoundTitle, call.page.s.notFoundText, call.session);
}

export async function editPageRoute(call: AdminCall): Promise<Response> {
  const id = commentId(call);
  const comment = id === null ? null : await getCommentForEdit(call.env.DB, id);
  if (!comment) return notFound(call);
  const values = {
    author: comment.author_name,
    email: comment.author_email,
    url: comment.author_url ?? '',
    body: comment.body,
  };
  return adminHtml(renderCommentEditPage(call.page, call.session, { comment, values, errors: {} }));
}

export async function editRoute(call: AdminCall): Promise<Response> {
  const id = commentId(call);
  const comment = id === null ? null : await getCommentForEdit(call.env.DB, id);
  if (!comment || !call.form) return notFound(call);
  // The same rules as the public form, except that the author's own replies carry no e-mail.
  const { values, errors } = parseCommentForm(call.form);
  if (values.email === '') delete errors.email;
  if (Object.keys(errors).length > 0) {
    const shown = { author: values.author, email: values.email, url: values.url, body: values.body };
    return adminHtml(renderCommentEditPage(call.page, call.session, { comment, values: shown, errors }), 422);
  }
  const touched = await updateComment(call.env.DB, comment.id, {
    author: values.author,
    email: values.email,
    url: values.url || null,
    body: values.body,
    formatted: formatComment(values.body),
  });
  if (touched) await purgeTouchedArticles(call.env, call.ctx, [touched]);
  return adminRedirect(`${queuePath(comment.status)}&done=edit#comment-${comment.id}`);
}

export async function replyPageRoute(call: AdminCall): Promise<Response> {
  const id = commentId(call);
  const comment = id === null ? null : await getCommentForEdit(call.env.DB, id);
  if (!comment) return notFound(call);
  return adminHtml(renderReplyPage(call.page, call.session, { comment, body: '', error: null }));
}

export async function replyRoute(call: AdminCall): Promise<Response> {
  const id = commentId(call);
  const [comment, target] =
    id === null
      ? [null, null]
      : await Promise.all([getCommentForEdit(call.env.DB, id), getReplyTarget(call.env.DB, id)]);
  if (!comment || !target || !call.form) return notFound(call);
  const raw = call.form.get('body');
  const body = normalizeText(typeof raw === 'string' ? raw : '');
  const error = !hasVisibleText(body)
    ? call.page.s.replyEmpty
    : characterCount(body) > LIMITS.body
      ? call.page.s.fieldErrors.too_long
      : null;
  if (error) return adminHtml(renderReplyPage(call.page, call.session, { comment, body, error }), 422);
  const settings = readSettings(call.env);
  const { published } = await insertAuthorReply(call.env.DB, {
    replyTo: comment.id,
    // Threads stop nesting at COMMENT_MAX_DEPTH, for the author too.
    parentId: attachmentPoint(target.chain, settings.comments.maxDepth),
    author: settings.authorName,
    body,
    formatted: formatComment(body),
    now: call.now,
  });
  await purgeTouchedArticles(call.env, call.ctx, [target]);
  handOverLater(call.env, call.ctx, call.env.DB, published);
  return adminRedirect(`${queuePath(comment.status)}&done=reply#comment-${comment.id}`);
}
