import { html } from './html';
import { type PageContext, renderLayout } from './layout';

export type ErrorStatus = 400 | 403 | 404 | 405 | 413 | 415 | 500 | 503;

/** `text` replaces the status's usual explanation where the route knows better (a malformed form, not a malformed address). */
export function renderErrorPage(ctx: PageContext, status: ErrorStatus, text?: string): string {
  const { t } = ctx.locale;
  const [title, usualText] = {
    400: [t.badRequestTitle, t.badRequestText],
    403: [t.forbiddenTitle, t.forbiddenText],
    413: [t.tooLargeTitle, t.tooLargeText],
    415: [t.unsupportedTitle, t.unsupportedText],
    404: [t.notFoundTitle, t.notFoundText],
    405: [t.methodNotAllowedTitle, t.methodNotAllowedText],
    500: [t.serverErrorTitle, t.serverErrorText],
    503: [t.unavailableTitle, t.unavailableText],
  }[status];
  return renderLayout(ctx, {
    title,
    noindex: true,
    main: html`<section class="error-page">
<h1>${title}</h1>
<p>${text ?? usualText}</p>
<p><a href="/">${t.backHome}</a></p>
</section>`,
  });
}
