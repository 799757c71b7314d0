// D1 read replication: page reads go through a Sessions API session, so a
// nearby read replica can answer them. A write hands its bookmark to the
// browser in a short-lived cookie, and that browser's next reads start from
// it: the commenter sees their own comment even if a replica lags.
const BOOKMARK_COOKIE = 'causerie_d1';
const BOOKMARK_SECONDS = 60;

/** What db/ functions need: a database or a session, both can prepare and batch. */
export type Db = Pick<D1Database, 'prepare' | 'batch'>;

export function readSession(env: Env, request: Request): D1DatabaseSession {
  return env.DB.withSession(bookmarkFrom(request) ?? 'first-unconstrained');
}

/** For a request that writes: start from the primary, then hand back the bookmark. */
export function writeSession(env: Env): D1DatabaseSession {
  return env.DB.withSession('first-primary');
}

export function bookmarkCookie(session: D1DatabaseSession, secure: boolean): string | null {
  const bookmark = session.getBookmark();
  if (!bookmark) return null;
  return [
    `${BOOKMARK_COOKIE}=${bookmark}`,
    'Path=/',
    `Max-Age=${BOOKMARK_SECONDS}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function bookmarkFrom(request: Request): string | null {
  const cookies = request.headers.get('cookie') ?? '';
  const value = new RegExp(`(?:^|;\\s*)${BOOKMARK_COOKIE}=([0-9a-f-]{1,200})(?:;|$)`).exec(cookies)?.[1];
  return value ?? null;
}
