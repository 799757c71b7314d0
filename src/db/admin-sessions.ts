// The desk's password sessions and failed logins. Sessions are stored by the
// hash of their id; failures by salted IP hash, never the address.
import type { Db } from './session';

export async function insertAdminSession(
  db: Db,
  session: { idHash: string; createdAt: number; expiresAt: number },
): Promise<void> {
  // Expired sessions are swept at each login: no cron needed for a table this small.
  await db.batch([
    db.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?1').bind(session.createdAt),
    db
      .prepare('INSERT INTO admin_sessions (id_hash, created_at, expires_at) VALUES (?1, ?2, ?3)')
      .bind(session.idHash, session.createdAt, session.expiresAt),
  ]);
}

export async function adminSessionExists(db: Db, idHash: string, now: number): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS live FROM admin_sessions WHERE id_hash = ?1 AND expires_at > ?2')
    .bind(idHash, now)
    .first<{ live: number }>();
  return row !== null;
}

export async function deleteAdminSession(db: Db, idHash: string): Promise<void> {
  await db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?1').bind(idHash).run();
}

/** Failed logins from this IP hash since `since`. */
export async function countLoginFailures(db: Db, ipHash: string, since: number): Promise<number> {
  const row = await db
    .prepare('SELECT count(*) AS failures FROM admin_login_failures WHERE ip_hash = ?1 AND failed_at > ?2')
    .bind(ipHash, since)
    .first<{ failures: number }>();
  return row?.failures ?? 0;
}

export async function recordLoginFailure(db: Db, ipHash: string, now: number, windowSeconds: number): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM admin_login_failures WHERE failed_at <= ?1').bind(now - windowSeconds),
    db.prepare('INSERT INTO admin_login_failures (ip_hash, failed_at) VALUES (?1, ?2)').bind(ipHash, now),
  ]);
}

/** A successful login forgives that IP's earlier mistakes. */
export async function clearLoginFailures(db: Db, ipHash: string): Promise<void> {
  await db.prepare('DELETE FROM admin_login_failures WHERE ip_hash = ?1').bind(ipHash).run();
}
