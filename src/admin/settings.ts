// How the desk lets its author in, read from wrangler.toml and the secrets.
// In order of preference: Cloudflare Access when its team and AUD are set,
// else a password login when a hash is set; with neither, nobody gets in.
import { ConfigError, wholeNumber } from '../config';
import { isAdminPasswordHash } from './auth/password';

export type AdminAuthMode =
  | { kind: 'access'; teamDomain: string; audience: string }
  | { kind: 'password'; passwordHash: string }
  | { kind: 'unconfigured' };

export interface AdminSettings {
  auth: AdminAuthMode;
  /** Signs session cookies and CSRF tokens. */
  sessionKey: string;
  sessionSeconds: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
}

export function readAdminSettings(env: Env): AdminSettings {
  const sessionKey = env.ADMIN_SESSION_KEY ?? '';
  const teamDomain = (env.ACCESS_TEAM_DOMAIN ?? '').trim();
  const audience = (env.ACCESS_AUD ?? '').trim();
  if (Boolean(teamDomain) !== Boolean(audience)) {
    throw new ConfigError('ACCESS_TEAM_DOMAIN and ACCESS_AUD go together: set both, or neither');
  }
  const passwordHash = (env.ADMIN_PASSWORD_HASH ?? '').trim();
  let auth: AdminAuthMode = { kind: 'unconfigured' };
  // Without a key there is nothing to sign sessions and CSRF tokens with.
  if (sessionKey && teamDomain) auth = { kind: 'access', teamDomain, audience };
  // "off" (behind Access) or anything else that is not a hash: no password login.
  else if (sessionKey && isAdminPasswordHash(passwordHash)) auth = { kind: 'password', passwordHash };
  return {
    auth,
    sessionKey,
    sessionSeconds: wholeNumber(env.ADMIN_SESSION_HOURS ?? 12, 'ADMIN_SESSION_HOURS', 1, 24 * 30) * 3600,
    loginMaxFailures: wholeNumber(env.ADMIN_LOGIN_MAX_FAILURES ?? 5, 'ADMIN_LOGIN_MAX_FAILURES', 1, 100),
    loginWindowSeconds: wholeNumber(env.ADMIN_LOGIN_WINDOW_SECONDS ?? 900, 'ADMIN_LOGIN_WINDOW_SECONDS', 60, 86_400),
  };
}
