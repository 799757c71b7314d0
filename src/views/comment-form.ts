// The comment form: labelled fields, errors tied to their field and read out
// by screen readers, the first problem focused, everything typed kept.
// parent_id comes first: browsers send fields in page order, and a body cut
// off at the server's cap then still says which comment it answers.
import type { CommentField, CommentFormError, CommentFormValues } from '../comments/validate';
import { HONEYPOT_FIELD, LIMITS, NOTIFY_ARTICLE, NOTIFY_FIELD, NOTIFY_REPLIES } from '../comments/validate';
import { html, type SafeHtml } from './html';
import type { FormNotice } from './i18n';
import type { PageContext } from './layout';

export interface CommentFormState {
  values: CommentFormValues;
  errors: Partial<Record<CommentField, CommentFormError>>;
  notice?: FormNotice;
  /** Name of the commenter being replied to, when parentId is set. */
  replyToName?: string;
  /** The text is what arrived of a body cut off at its cap. */
  partial?: boolean;
}

export const EMPTY_FORM: CommentFormState = {
  values: { author: '', email: '', url: '', body: '', parentId: null, notifyReplies: false, notifyArticle: false },
  errors: {},
};

export interface CommentFormOptions {
  action: string;
  open: boolean;
  siteKey: string;
  state: CommentFormState;
}

/**
 * Where the form's script loads Turnstile from: TURNSTILE_SCRIPT_URL (the origin
 * the page's CSP allows), in explicit mode so that the script renders the widget
 * itself once loaded.
 */
function turnstileScriptSrc(ctx: PageContext): string {
  const url = new URL(ctx.settings.comments.turnstileScriptUrl);
  url.searchParams.set('render', 'explicit');
  return url.href;
}

export function renderCommentForm(ctx: PageContext, options: CommentFormOptions): SafeHtml {
  const { t, language } = ctx.locale;
  const f = t.form;
  if (!options.open) {
    return html`<section id="respond" class="respond">
<p class="comments-closed">${f.closed}</p>
</section>`;
  }
  const { values, errors, notice, replyToName, partial } = options.state;
  const firstError = (['author', 'email', 'url', 'body'] as const).find((name) => errors[name]);
  const field = (
    name: CommentField,
    label: string,
    control: (attrs: SafeHtml) => SafeHtml,
    required: boolean,
    hint?: string,
  ) => {
    const id = `comment-${name}`;
    const error = errors[name];
    const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    const attrs = html`id="${id}" name="${name}"${required ? html` required aria-required="true"` : ''}${
      error ? html` aria-invalid="true"` : ''
    }${describedBy ? html` aria-describedby="${describedBy}"` : ''}${firstError === name ? html` autofocus` : ''}`;
    return html`<p class="field${error ? ' has-error' : ''}">
<label for="${id}">${label}${required ? html` <abbr title="${f.required}">*</abbr>` : ''}</label>
${control(attrs)}
${hint ? html`<span id="${id}-hint" class="field-hint">${hint}</span>\n` : ''}${
  error ? html`<span id="${id}-error" class="field-error">${f.errors[name][error]}</span>\n` : ''
}</p>`;
  };
  return html`<section id="respond" class="respond" aria-labelledby="respond-heading">
<h2 id="respond-heading">${t.leaveComment}</h2>
<p id="reply-context" class="reply-context"${values.parentId && replyToName ? '' : html` hidden`}><span id="reply-context-text">${
    values.parentId && replyToName ? f.replyToLabel.replace('%s', replyToName) : ''
  }</span> <button type="button" id="cancel-reply">${f.cancelReply}</button></p>
<form id="comment-form" method="post" action="${options.action}" novalidate data-turnstile-sitekey="${options.siteKey}" data-turnstile-language="${language}" data-reply-label="${f.replyToLabel}" data-turnstile-script="${turnstileScriptSrc(ctx)}">
${
  notice
    ? html`<p id="form-notice" class="form-notice" role="alert" tabindex="-1"${firstError ? '' : html` autofocus`}>${f.notices[notice]}</p>`
    : ''
}
<input type="hidden" name="parent_id" value="${values.parentId ?? ''}">
<p class="form-intro">${f.intro}</p>
${field('author', f.author, (a) => html`<input type="text" ${a} maxlength="${LIMITS.author}" autocomplete="name" value="${values.author}">`, true)}
${field('email', f.email, (a) => html`<input type="email" ${a} maxlength="${LIMITS.email}" autocomplete="email" value="${values.email}">`, true)}
${field('url', f.url, (a) => html`<input type="url" ${a} maxlength="${LIMITS.url}" autocomplete="url" value="${values.url}">`, false)}
${field('body', f.body, (a) => html`<textarea ${a} rows="8"${partial ? html` data-partial` : ''}>${values.body}</textarea>`, true, f.formattingHint)}
${renderBodyCounter(ctx)}
${ctx.settings.comments.offerNotifications ? renderNotifyBoxes(ctx, values) : ''}<p class="hp" aria-hidden="true"><label for="comment-hp">${f.honeypot}</label> <input id="comment-hp" type="text" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off" value=""></p>
<div id="turnstile-widget" class="turnstile-widget" data-action="comment"></div>
<div id="comment-form-status" class="comment-form-status" role="status" tabindex="-1" data-loading="${f.turnstile.loading}" data-failed="${f.turnstile.failed}" data-error="${f.turnstile.error}" data-retry="${f.turnstile.retry}" data-draft-restored="${f.draftRestored}"></div>
<noscript><p class="noscript-notice">${f.noScript}</p></noscript>
<p class="form-submit"><button type="submit">${f.submit}</button></p>
</form>
</section>`;
}

/**
 * The opt-in, unticked unless the reader ticked it before an error. Each box
 * needs the e-mail field: its error says so (see parsePublicCommentForm).
 */
function renderNotifyBoxes(ctx: PageContext, values: CommentFormValues): SafeHtml {
  const f = ctx.locale.t.form;
  // The label wraps its box: named without an id, and the whole line is the target.
  const box = (value: string, checked: boolean, label: string) =>
    html`<p><label><input type="checkbox" name="${NOTIFY_FIELD}" value="${value}"${checked ? html` checked` : ''}> ${label}</label></p>\n`;
  return html`${box(NOTIFY_REPLIES, values.notifyReplies, f.notifyReplies)}${box(NOTIFY_ARTICLE, values.notifyArticle, f.notifyArticle)}`;
}

/**
 * The body's live counter, filled in by the browser script (without it the
 * server's 422 says the text is too long, and keeps it). No maxlength: a
 * browser would cut a long paste without a word. The visible count is not a
 * live region (it would speak at every key); the hidden one next to it is
 * told only when the count nears or passes the limit.
 */
function renderBodyCounter(ctx: PageContext): SafeHtml {
  const { counter, errors } = ctx.locale.t.form;
  return html`<p id="comment-body-counter" class="char-counter" hidden data-max="${LIMITS.body}" data-remaining-one="${counter.remaining.one}" data-remaining-other="${counter.remaining.other}" data-over-one="${counter.over.one}" data-over-other="${counter.over.other}" data-too-long="${errors.body.too_long ?? ''}"></p>
<p id="comment-body-announcer" class="visually-hidden" aria-live="polite"></p>`;
}
