// The password login (Access deployments never see it) and logging out.
// Failed attempts count per salted IP hash: past the limit, 429 until the
// window passes, whatever the password.
import type { IRequest } from 'itty-router';
import { verifyAdminPassword } from '../../admin/auth/password';
import { endAdminSession, readAdminSession, startAdminSession } from '../../admin/session';
import { readAdminSettings } from '../../admin/settings';
import { clientIp, hashIp } from '../../comments/ip';
import { clearLoginFailures, countLoginFailures, recordLoginFailure } from '../../db/admin-sessions';
import { clientGroup } from '../../security/ip';
import { renderLoginPage } from '../../views/admin/login';
import { readFormBody } from '../form-body';
import { nowSeconds } from '../respond';
import { type AdminCall, formBodyError, isSameOrigin } from './guard';
import {
  adminHtml,
  adminMessage,
  adminPageContext,
  adminRedirect,
  malformedNext,
  nextDeskPath,
  setupRequired,
} from './respond';

export async function loginPageRoute(request: IRequest, env: Env): Promise<Response> {
  const page = adminPageContext(env);
  const settings = readAdminSettings(env);
  if (settings.auth.kind === 'unconfigured') return setupRequired(page);
  const url = new URL(request.url);
  const next = nextDeskPath(url.searchParams.get('next'));
  if (next === null) return malformedNext(page);
  // Behind Access, Access itself is the login page.
  if (settings.auth.kind === 'access') return adminRedirect(next);
  if (await readAdminSession(request, env.DB, settings, nowSeconds())) return adminRedirect(next);
  const notice = url.searchParams.has('out') ? page.s.loggedOut : null;
  return adminHtml(renderLoginPage(page, { next, error: null, notice }));
}

export async function loginRoute(request: IRequest, env: Env): Promise<Response> {
  const page = adminPageContext(env);
  const settings = readAdminSettings(env);
  const { auth } = settings;
  if (auth.kind === 'unconfigured') return setupRequired(page);
  if (auth.kind === 'access') return adminRedirect('/admin');
  if (!isSameOrigin(request)) return adminMessage(page, 403, page.s.csrfTitle, page.s.csrfText);
  const body = await readFormBody(request);
  if ('error' in body) return formBodyError(page, body.error);
  const next = nextDeskPath(body.form.get('next'));
  if (next === null) return malformedNext(page);
  const password = body.form.get('password');

  const now = nowSeconds();
  // Counted like the other limits: an IPv6 client by its /64, whose last 64 bits are its own to change.
  const ipHash = await hashIp(clientGroup(clientIp(request) ?? 'unknown'), env.IP_HASH_SALT ?? '');
  const since = now - settings.loginWindowSeconds;
  if ((await countLoginFailures(env.DB, ipHash, since)) >= settings.loginMaxFailures) {
    const minutes = Math.ceil(settings.loginWindowSeconds / 60);
    return adminHtml(renderLoginPage(page, { next, error: page.s.tooManyAttempts(minutes), notice: null }), 429, {
      'retry-after': String(settings.loginWindowSeconds),
    });
  }
  if (typeof password !== 'string' || !(await verifyAdminPassword(password, auth.passwordHash))) {
    await recordLoginFailure(env.DB, ipHash, now, settings.loginWindowSeconds);
    return adminHtml(renderLoginPage(page, { next, error: page.s.wrongPassword, notice: null }), 401);
  }
  await clearLoginFailures(env.DB, ipHash);
  const { setCookie } = await startAdminSession(env.DB, settings, now);
  return adminRedirect(next, { 'set-cookie': setCookie });
}

export async function logoutRoute({ env, passwordSession }: AdminCall): Promise<Response> {
  if (!passwordSession) return adminRedirect('/cdn-cgi/access/logout');
  const clear = await endAdminSession(env.DB, passwordSession);
  return adminRedirect('/admin/login?out=1', { 'set-cookie': clear });
}
