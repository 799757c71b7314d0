// A commenter who just posted sees their held comment on the article or page;
// only they hold the signed cookie, and that personal page is never stored anywhere.
import { pendingCookieFromRequest, readPendingClaim } from '../comments/pending-token';
import { listPendingCommentsByIds } from '../db/comments';
import type { Db } from '../db/session';
import type { PublicCommentRow } from '../db/types';

export async function ownPendingComments(
  request: Request,
  env: Env,
  db: Db,
  articleId: number,
  now: number,
): Promise<{ claimed: boolean; comments: PublicCommentRow[] }> {
  const ids = await readPendingClaim(pendingCookieFromRequest(request), articleId, env.COMMENT_TOKEN_KEY ?? '', now);
  // A claim makes the page personal even once its comments are no longer held.
  return { claimed: ids.length > 0, comments: await listPendingCommentsByIds(db, articleId, ids) };
}
