// The pages behind the links of notification e-mails, pure. A page reached by
// GET only shows buttons: each is a form POSTing to a link of the same kind
// (its signed token in the address), so a link scanner that follows an
// e-mail's links confirms and unsubscribes no one.
import type { UnsubscribeScope } from '../notifications/tokens';
import { html, type SafeHtml } from './html';
import { EMAIL_LINK_STRINGS, type EmailLinkStrings, type LinkPurpose, type LinkRefusal } from './i18n/email-links';
import { type PageContext, renderLayout } from './layout';

function strings(ctx: PageContext): EmailLinkStrings {
  return EMAIL_LINK_STRINGS[ctx.locale.language];
}

function page(ctx: PageContext, title: string, body: SafeHtml): string {
  return renderLayout(ctx, {
    title,
    noindex: true,
    main: html`<section class="email-link">
<h1>${title}</h1>
${body}
</section>`,
  });
}

function button(action: string, label: string): SafeHtml {
  return html`<form method="post" action="${action}">
<p class="form-submit"><button type="submit">${label}</button></p>
</form>`;
}

export function renderConfirmAsk(ctx: PageContext, ask: { email: string; title: string; action: string }): string {
  const t = strings(ctx);
  return page(
    ctx,
    t.confirmTitle,
    html`<p>${t.confirmAsk(ask.email, ask.title)}</p>
${button(ask.action, t.confirmButton)}`,
  );
}

export interface Confirmed {
  email: string;
  title: string;
  /** False when the address was confirmed before this request. */
  now: boolean;
  followsThread: boolean;
  followsArticle: boolean;
  /** An unsubscribe link for everything, to stop at once. */
  stopAction: string;
}

export function renderConfirmed(ctx: PageContext, confirmed: Confirmed): string {
  const t = strings(ctx);
  const receives = [
    confirmed.followsThread ? t.willReceiveReplies(confirmed.title) : null,
    confirmed.followsArticle ? t.willReceiveComments(confirmed.title) : null,
  ].filter((line) => line !== null);
  return page(
    ctx,
    confirmed.now ? t.confirmedTitle : t.alreadyConfirmedTitle,
    html`<p>${confirmed.now ? t.confirmed(confirmed.email) : t.alreadyConfirmed(confirmed.email)}</p>
${(receives.length > 0 ? receives : [t.willReceiveAsked]).map((line) => html`<p>${line}</p>\n`)}<p>${t.howToStop}</p>
${button(confirmed.stopAction, t.stopNow)}`,
  );
}

/** A confirmation link whose comment or subscriptions are gone. */
export function renderConfirmGone(ctx: PageContext): string {
  const t = strings(ctx);
  return page(
    ctx,
    t.goneTitle,
    html`<p>${t.goneText}</p>
<p><a href="/">${ctx.locale.t.backHome}</a></p>`,
  );
}

export interface UnsubscribeChoice {
  scope: UnsubscribeScope;
  /** Where its button POSTs: an unsubscribe link of that scope. */
  action: string;
}

export function renderUnsubscribeAsk(
  ctx: PageContext,
  ask: { email: string; articleTitle: string | null; choices: UnsubscribeChoice[] },
): string {
  const t = strings(ctx);
  const label = (scope: UnsubscribeScope) =>
    scope === 'thread' ? t.stop.thread : scope === 'article' ? t.stop.article(ask.articleTitle ?? '') : t.stop.all;
  return page(
    ctx,
    t.unsubscribeTitle,
    html`<p>${t.unsubscribeAsk(ask.email)}</p>
${ask.choices.map((choice) => button(choice.action, label(choice.scope)))}`,
  );
}

export function renderUnsubscribed(
  ctx: PageContext,
  done: { scope: UnsubscribeScope; articleTitle: string | null },
): string {
  const t = strings(ctx);
  const said =
    done.scope === 'thread'
      ? t.unsubscribed.thread
      : done.scope === 'all'
        ? t.unsubscribed.all
        : done.articleTitle === null
          ? t.unsubscribed.articleGone
          : t.unsubscribed.article(done.articleTitle);
  return page(
    ctx,
    t.unsubscribedTitle,
    html`<p>${said}</p>
${done.scope === 'all' ? html`<p>${t.keptConfirmation}</p>\n` : ''}<p><a href="/">${ctx.locale.t.backHome}</a></p>`,
  );
}

/** Why a link is refused, and what to do instead. */
export function renderLinkRefused(ctx: PageContext, refusal: { reason: LinkRefusal; purpose: LinkPurpose }): string {
  const t = strings(ctx);
  return page(
    ctx,
    t.refusalTitle[refusal.reason],
    html`<p>${t.refusalCause(refusal.reason, refusal.purpose)}</p>
<p>${t.refusalRemedy(refusal.reason, refusal.purpose, ctx.settings.authorName)}</p>
<p><a href="/">${ctx.locale.t.backHome}</a></p>`,
  );
}
