// The queue (GET /admin/comments) and its decisions (POST /admin/comments):
// one comment through its row's button, or the ticked ones through the bulk action.
import {
  deleteCommentsForGood,
  listCommentsForDeletion,
  listCommentsForModeration,
  setCommentsStatus,
} from '../../db/moderation';
import { handOverLater } from '../../notifications/hand-over';
import { queuePath, renderModerationQueue } from '../../views/admin/queue';
import type { ModerationAction } from '../../views/admin/strings';
import { MODERATION_ACTIONS, moderateQueue, parsePage, parseStatus, QUEUE_PAGE_SIZE } from './bulk';
import type { AdminCall } from './guard';
import { adminHtml, adminMessage } from './respond';

export async function queueRoute({ request, env, page, session, counts }: AdminCall): Promise<Response> {
  const url = new URL(request.url);
  const status = parseStatus(url.searchParams.get('status') ?? 'pending');
  const pageNumber = parsePage(url.searchParams.get('page'));
  if (!status || !pageNumber)
    return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText, session);
  if (!counts) throw new Error('the queue is a GET page: the guard reads the counts');
  const total = counts[status];
  const comments = await listCommentsForModeration(env.DB, {
    status,
    page: pageNumber,
    pageSize: QUEUE_PAGE_SIZE,
    total,
  });
  if (pageNumber > comments.pageCount) {
    return adminMessage(page, 404, page.s.notFoundTitle, page.s.notFoundText, session);
  }
  return adminHtml(renderModerationQueue(page, session, { status, counts, comments, notice: noticeFrom(url, page) }));
}

export function moderateRoute(call: AdminCall): Promise<Response> {
  return moderateQueue(call, {
    name: 'comments',
    path: queuePath,
    // Comments that became public: their notifications are handed to the queue after the response.
    setStatus: async (db, ids, status) => {
      const result = await setCommentsStatus(db, ids, status, call.now);
      handOverLater(call.env, call.ctx, db, result.published);
      return result;
    },
    deleteForGood: deleteCommentsForGood,
    listForDeletion: listCommentsForDeletion,
  });
}

/** The message after a redirect, from parameters the desk itself set. */
function noticeFrom(url: URL, page: AdminCall['page']): string | null {
  const { s } = page;
  if (url.searchParams.get('error') === 'none') return s.nothingSelected;
  const done = url.searchParams.get('done');
  if (done === 'reply') return s.replyPosted;
  if (done === 'edit') return s.editSaved;
  const count = Number(url.searchParams.get('n'));
  if (MODERATION_ACTIONS.includes(done as ModerationAction) && Number.isInteger(count) && count >= 0) {
    return s.actionDone(done as ModerationAction, count, page.locale.formatNumber(count));
  }
  return null;
}
