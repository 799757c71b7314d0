// The password login, and the page shown while no way in is configured.
import { html } from '../html';
import { type AdminPageContext, renderAdminLayout, renderAdminMessage } from './layout';

export function renderLoginPage(
  ctx: AdminPageContext,
  view: { next: string; error: string | null; notice: string | null },
): string {
  const { s } = ctx;
  const main = html`<h1>${s.loginTitle}</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.error ? html`<p class="notice notice-error" role="alert" id="login-error">${view.error}</p>` : ''}
<form method="post" action="/admin/login" class="admin-login">
<input type="hidden" name="next" value="${view.next}">
<p class="field"><label for="password">${s.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus${
    view.error ? html` aria-invalid="true" aria-describedby="login-error"` : ''
  }></p>
<p class="form-actions"><button type="submit" class="button button-primary">${s.loginSubmit}</button></p>
</form>`;
  return renderAdminLayout(ctx, { title: s.loginTitle, main });
}

export function renderSetupPage(ctx: AdminPageContext): string {
  const { s } = ctx;
  return renderAdminMessage(ctx, {
    title: s.setupTitle,
    body: html`<p>${s.setupIntro}</p>
<ul>
<li>${s.setupAccess}</li>
<li>${s.setupPassword}
<ol>${s.setupPasswordSteps.map((step) => html`<li>${step}</li>`)}</ol></li>
</ul>`,
  });
}
