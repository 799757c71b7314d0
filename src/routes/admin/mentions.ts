// The mention queue (GET /admin/mentions) and its decisions (POST
// /admin/mentions), with the comment queue's actions, CSRF check (the guard)
// and purges: one mention through its row's button, or the ticked ones.
import {
  countMentionsByStatus,
  deleteMentionsForGood,
  listMentionsForDeletion,
  listMentionsForModeration,
  setMentionsStatus,
} from '../../db/mention-moderation';
import { mentionQueuePath, renderMentionQueue } from '../../views/admin/mentions';
import type { ModerationAction } from '../../views/admin/strings';
import { MODERATION_ACTIONS, moderateQueue, parsePage, parseStatus, QUEUE_PAGE_SIZE } from './bulk';
import type { AdminCall } from './guard';
import { adminHtml, adminMessage } from './respond';

export async function mentionQueueRoute({ request, env, page, session }: AdminCall): Promise<Response> {
  const url = new URL(request.url);
  const status = parseStatus(url.searchParams.get('status') ?? 'pending');
  const pageNumber = parsePage(url.searchParams.get('page'));
  if (!status || !pageNumber)
    return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText, session);
  const counts = await countMentionsByStatus(env.DB);
  const mentions = await listMentionsForModeration(env.DB, {
    status,
    page: pageNumber,
    pageSize: QUEUE_PAGE_SIZE,
    total: counts[status],
  });
  if (pageNumber > mentions.pageCount)
    return adminMessage(page, 404, page.s.notFoundTitle, page.s.notFoundText, session);
  return adminHtml(renderMentionQueue(page, session, { status, counts, mentions, notice: noticeFrom(url, page) }));
}

export function moderateMentionsRoute(call: AdminCall): Promise<Response> {
  return moderateQueue(call, {
    name: 'mentions',
    path: mentionQueuePath,
    setStatus: setMentionsStatus,
    deleteForGood: deleteMentionsForGood,
    listForDeletion: listMentionsForDeletion,
  });
}

function noticeFrom(url: URL, page: AdminCall['page']): string | null {
  const m = page.s.mentions;
  if (url.searchParams.get('error') === 'none') return m.nothingSelected;
  const done = url.searchParams.get('done') as ModerationAction;
  const count = Number(url.searchParams.get('n'));
  if (MODERATION_ACTIONS.includes(done) && Number.isInteger(count) && count >= 0) {
    return m.actionDone(done, count, page.locale.formatNumber(count));
  }
  return null;
}
