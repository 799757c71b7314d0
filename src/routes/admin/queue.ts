// The queue (GET /admin/comments) and its decisions (POST /admin/comments):
// one comment through its row's button, or the ticked ones through the bulk action.
import {
  deleteCommentsForGood,
  listCommentsForModeration,
  MODERATION_STATUSES,
  type ModerationStatus,
  setCommentsStatus,
} from '../../db/moderation';
import { queuePath, renderModerationQueue } from '../../views/admin/queue';
import type { ModerationAction } from '../../views/admin/strings';
import type { AdminCall } from './guard';
import { purgeTouchedArticles } from './purge';
import { adminHtml, adminMessage, adminRedirect } from './respond';

const PAGE_SIZE = 20;
const MAX_IDS = 200;
const ACTIONS: readonly ModerationAction[] = ['approve', 'unapprove', 'spam', 'trash', 'delete'];
const STATUS_AFTER: Record<Exclude<ModerationAction, 'delete'>, ModerationStatus> = {
  approve: 'approved',
  unapprove: 'pending',
  spam: 'spam',
  trash: 'trash',
};

export async function queueRoute({ request, env, page, session, counts }: AdminCall): Promise<Response> {
  const url = new URL(request.url);
  const status = parseStatus(url.searchParams.get('status') ?? 'pending');
  const pageNumber = parsePage(url.searchParams.get('page'));
  if (!status || !pageNumber)
    return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText, session);
  if (!counts) throw new Error('the queue is a GET page: the guard reads the counts');
  const total = counts[status];
  const comments = await listCommentsForModeration(env.DB, { status, page: pageNumber, pageSize: PAGE_SIZE, total });
  if (pageNumber > comments.pageCount) {
    return adminMessage(page, 404, page.s.notFoundTitle, page.s.notFoundText, session);
  }
  return adminHtml(renderModerationQueue(page, session, { status, counts, comments, notice: noticeFrom(url, page) }));
}

export async function moderateRoute({ env, ctx, page, session, form }: AdminCall): Promise<Response> {
  const field = (name: string) => (typeof form?.get(name) === 'string' ? (form.get(name) as string) : '');
  const backTo = parseStatus(field('status')) ?? 'pending';
  const backPage = parsePage(field('page')) ?? 1;
  // A row's own button names its action and comment; otherwise the bulk action applies to the ticked rows.
  const one = /^([a-z]+):([1-9][0-9]{0,15})$/.exec(field('one'));
  const action = (one ? one[1] : field('action')) as ModerationAction;
  const rawIds = one ? [one[2] as string] : (form?.getAll('id') ?? []).map(String);
  if (!ACTIONS.includes(action) || rawIds.some((id) => !/^[1-9][0-9]{0,15}$/.test(id)) || rawIds.length > MAX_IDS) {
    return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText, session);
  }
  const ids = [...new Set(rawIds.map(Number))];
  const back = queuePath(backTo, backPage);
  if (ids.length === 0) return adminRedirect(`${back}&error=none`);
  const result =
    action === 'delete'
      ? await deleteCommentsForGood(env.DB, ids)
      : await setCommentsStatus(env.DB, ids, STATUS_AFTER[action]);
  await purgeTouchedArticles(env, ctx, result.articles);
  return adminRedirect(`${back}&done=${action}&n=${result.changed}`);
}

function parseStatus(value: string): ModerationStatus | null {
  return (MODERATION_STATUSES as readonly string[]).includes(value) ? (value as ModerationStatus) : null;
}

export function parsePage(value: string | null): number | null {
  if (value === null || value === '') return 1;
  return /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : null;
}

/** The message after a redirect, from parameters the desk itself set. */
function noticeFrom(url: URL, page: AdminCall['page']): string | null {
  const { s } = page;
  if (url.searchParams.get('error') === 'none') return s.nothingSelected;
  const done = url.searchParams.get('done');
  if (done === 'reply') return s.replyPosted;
  if (done === 'edit') return s.editSaved;
  const count = Number(url.searchParams.get('n'));
  if (ACTIONS.includes(done as ModerationAction) && Number.isInteger(count) && count >= 0) {
    return s.actionDone(done as ModerationAction, count, page.locale.formatNumber(count));
  }
  return null;
}
