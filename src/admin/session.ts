// Password sessions: a random id in a signed cookie, its hash in D1 with an
// expiry. The signature turns away forged or tampered cookies without a
// query; the row lets logging out end the session everywhere.
import { readCookie } from '../cookies';
import { adminSessionExists, deleteAdminSession, insertAdminSession } from '../db/admin-sessions';
import type { Db } from '../db/session';
import { randomToken, sha256Hex, signText, verifyTextSignature } from '../signing';
import type { AdminSettings } from './settings';

export const ADMIN_COOKIE = 'causerie_admin';
// The desk's pages only: public pages never see (or vary on) the cookie.
const COOKIE_PATH = '/admin';

export interface AdminSession {
  id: string;
  expiresAt: number;
}

export async function startAdminSession(
  db: Db,
  settings: AdminSettings,
  now: number,
): Promise<{ session: AdminSession; setCookie: string }> {
  const session = { id: randomToken(), expiresAt: now + settings.sessionSeconds };
  await insertAdminSession(db, { idHash: await sha256Hex(session.id), createdAt: now, expiresAt: session.expiresAt });
  const value = `${session.id}.${session.expiresAt}`;
  const signature = await signText(`session:${value}`, settings.sessionKey);
  return { session, setCookie: cookie(`${value}.${signature}`, settings.sessionSeconds) };
}

/** The live session the request's cookie names, or null (absent, forged, expired, logged out). */
export async function readAdminSession(
  request: Request,
  db: Db,
  settings: AdminSettings,
  now: number,
): Promise<AdminSession | null> {
  const raw = readCookie(request, ADMIN_COOKIE);
  const match = raw ? /^([A-Za-z0-9_-]{20,100})\.(\d{1,12})\.([A-Za-z0-9_-]{20,100})$/.exec(raw) : null;
  if (!match) return null;
  const [, id, expires, signature] = match as unknown as [string, string, string, string];
  if (!(await verifyTextSignature(`session:${id}.${expires}`, signature, settings.sessionKey))) return null;
  const expiresAt = Number(expires);
  if (expiresAt <= now) return null;
  if (!(await adminSessionExists(db, await sha256Hex(id), now))) return null;
  return { id, expiresAt };
}

export async function endAdminSession(db: Db, session: AdminSession): Promise<string> {
  await deleteAdminSession(db, await sha256Hex(session.id));
  return cookie('', 0);
}

function cookie(value: string, maxAge: number): string {
  return `${ADMIN_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
}
