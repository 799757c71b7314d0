// The mention queue (GET /admin/mentions) and its decisions (POST
// /admin/mentions), with the comment queue's actions, CSRF check (the guard)
// and purges: one mention through its row's button, or the ticked ones.
import {
  countMentionsByStatus,
  deleteMentionsForGood,
  listMentionsForModeration,
  setMentionsStatus,
} from '../../db/mention-moderation';
import { MODERATION_STATUSES, type ModerationStatus } from '../../db/moderation';
import { mentionQueuePath, renderMentionQueue } from '../../views/admin/mentions';
import type { ModerationAction } from '../../views/admin/strings';
import type { AdminCall } from './guard';
import { purgeTouchedArticles } from './purge';
import { parsePage } from './queue';
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
const ID = /^[1-9][0-9]{0,15}$/;

export async function mentionQueueRoute({ request, env, page, session }: AdminCall): Promise<Response> {
  const url = new URL(request.url);
  const status = parseStatus(url.searchParams.get('status') ?? 'pending');
  const pageNumber = parsePage(url.searchParams.get('page'));
  if (!status || !pageNumber) return badRequest(page, session);
  const counts = await countMentionsByStatus(env.DB);
  const mentions = await listMentionsForModeration(env.DB, {
    status,
    page: pageNumber,
    pageSize: PAGE_SIZE,
    total: counts[status],
  });
  if (pageNumber > mentions.pageCount)
    return adminMessage(page, 404, page.s.notFoundTitle, page.s.notFoundText, session);
  return adminHtml(renderMentionQueue(page, session, { status, counts, mentions, notice: noticeFrom(url, page) }));
}

export async function moderateMentionsRoute({ env, ctx, page, session, form }: AdminCall): Promise<Response> {
  const field = (name: string) => (typeof form?.get(name) === 'string' ? (form.get(name) as string) : '');
  const back = mentionQueuePath(parseStatus(field('status')) ?? 'pending', parsePage(field('page')) ?? 1);
  const one = /^([a-z]+):([1-9][0-9]{0,15})$/.exec(field('one'));
  const action = (one ? one[1] : field('action')) as ModerationAction;
  const rawIds = one ? [one[2] as string] : (form?.getAll('id') ?? []).map(String);
  if (!ACTIONS.includes(action) || rawIds.some((id) => !ID.test(id)) || rawIds.length > MAX_IDS) {
    return badRequest(page, session);
  }
  const ids = [...new Set(rawIds.map(Number))];
  if (ids.length === 0) return adminRedirect(`${back}&error=none`);
  const result =
    action === 'delete'
      ? await deleteMentionsForGood(env.DB, ids)
      : await setMentionsStatus(env.DB, ids, STATUS_AFTER[action]);
  await purgeTouchedArticles(env, ctx, result.articles);
  return adminRedirect(`${back}&done=${action}&n=${result.changed}`);
}

function parseStatus(value: string): ModerationStatus | null {
  return (MODERATION_STATUSES as readonly string[]).includes(value) ? (value as ModerationStatus) : null;
}

function badRequest(page: AdminCall['page'], session: AdminCall['session']): Response {
  return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText, session);
}

function noticeFrom(url: URL, page: AdminCall['page']): string | null {
  const m = page.s.mentions;
  if (url.searchParams.get('error') === 'none') return m.nothingSelected;
  const done = url.searchParams.get('done') as ModerationAction;
  const count = Number(url.searchParams.get('n'));
  if (ACTIONS.includes(done) && Number.isInteger(count) && count >= 0) {
    return m.actionDone(done, count, page.locale.formatNumber(count));
  }
  return null;
}
