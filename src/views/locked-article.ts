// A password-protected article before its password is given: its title and
// the password form (styled as the comment form's fields), nothing of its
// body, comments or comment form.
import type { Language } from '../config';
import { html } from './html';
import type { PasswordRefusal } from './i18n/protected';
import { type PageContext, renderLayout } from './layout';

export interface LockedArticle {
  title: string;
  language: Language;
  /** Where the article lives (/<slug> or /<parent>/<slug>). */
  path: string;
  /** Where the form is sent: /<slug>/unlock. */
  action: string;
}

export function renderLockedArticlePage(ctx: PageContext, article: LockedArticle, refusal?: PasswordRefusal): string {
  const t = ctx.locale.t.protectedArticle;
  const title = `${t.titlePrefix}${article.title}`;
  return renderLayout(ctx, {
    title,
    canonicalPath: article.path,
    language: article.language,
    // Nothing of it to index: its text is behind the password.
    noindex: true,
    main: html`<article class="post protected">
<header>
<h1>${title}</h1>
</header>
<form class="password-form" method="post" action="${article.action}">
<p>${t.intro}</p>
${refusal ? html`<p id="form-notice" class="form-notice" role="alert">${t.refusals[refusal]}</p>` : ''}
<p class="${refusal === 'wrong' ? 'field has-error' : 'field'}"><label for="post-password">${t.label}</label>
<input type="password" id="post-password" name="password" required autocomplete="current-password"${refusal ? html` aria-describedby="form-notice" autofocus` : ''}></p>
<p class="form-submit"><button type="submit">${t.submit}</button></p>
</form>
</article>`,
  });
}
