// A rejected comment comes back as the article page with the form filled in,
// the problem explained and focused. If D1 itself is failing, the form is
// shown on its own page so that nothing typed is lost.
import type { CommentField, CommentFormError, CommentFormValues } from '../comments/validate';
import { readSettings } from '../config';
import { getPublishedArticlePage } from '../db/articles';
import { findCommentPage } from '../db/comments';
import { commentFormPageCsp } from '../security/headers';
import { renderArticlePage } from '../views/article';
import { renderStandaloneCommentForm } from '../views/comment-form-page';
import type { FormNotice } from '../views/i18n';
import { articlePath } from '../views/layout';
import { renderStandalonePage } from '../views/page';
import { htmlResponse, nowSeconds, pageContext } from './respond';

export interface FormRejection {
  status: 403 | 409 | 413 | 422 | 429 | 503;
  notice: FormNotice;
  headers?: Record<string, string>;
  /** The text was cut where the body passed its cap: the browser script puts back its own copy. */
  partial?: boolean;
  /** Forget the parent (it is gone): the text will be posted as a new comment. */
  dropParent?: boolean;
}

export async function rejectCommentForm(
  env: Env,
  slug: string,
  values: CommentFormValues,
  errors: Partial<Record<CommentField, CommentFormError>>,
  rejection: FormRejection,
): Promise<Response> {
  const form = {
    values: rejection.dropParent ? { ...values, parentId: null } : values,
    errors,
    notice: rejection.notice,
    partial: rejection.partial,
  };
  const headers = {
    'cache-control': 'no-store',
    'content-security-policy': commentFormPageCsp(readSettings(env).comments.turnstileScriptUrl),
    ...rejection.headers,
  };
  try {
    // A reply comes back on the comments page of the comment it answers.
    const perPage = readSettings(env).comments.perPage;
    const parentId = form.values.parentId;
    const page = parentId === null ? 1 : await findCommentPage(env.DB, { slug, commentId: parentId, perPage });
    const data = await getPublishedArticlePage(env.DB, slug, nowSeconds(), { page, perPage });
    // A protected article's page is shown to its readers alone: the form comes back on its own.
    if (data && !data.article.password_hash) {
      const replyToName = data.comments.find((comment) => comment.id === form.values.parentId)?.author_name;
      const ctx = pageContext(env, data.article.language);
      const render = data.article.kind === 'page' ? renderStandalonePage : renderArticlePage;
      return htmlResponse(render(ctx, data, { form: { ...form, replyToName } }), rejection.status, headers);
    }
  } catch (error) {
    console.error('comment form: could not load the article to show the form again', error);
  }
  const ctx = pageContext(env);
  return htmlResponse(
    renderStandaloneCommentForm(ctx, { action: `${articlePath(slug)}/comments`, state: form }),
    rejection.status,
    headers,
  );
}
