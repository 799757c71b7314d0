// What the desk's two queues (comments, mentions) share: their page size,
// how ?status= and ?page= are read, and the whole of their POST, a decision
// on one row (its own button) or on the ticked rows (the bulk action). The
// queue passes in its address and its own reads and writes. Deleting for good
// is asked first: the decision leads to a confirmation page whose form posts
// it again with confirmed=yes.
import type { DeletionCandidate, ModerationResult, ModerationStatus } from '../../db/moderation';
import { MODERATION_STATUSES } from '../../db/moderation';
import type { Db } from '../../db/session';
import { renderDeleteConfirmation } from '../../views/admin/confirm-delete';
import type { ModerationAction } from '../../views/admin/strings';
import type { AdminCall } from './guard';
import { purgeTouchedArticles } from './purge';
import { adminHtml, adminMessage, adminRedirect } from './respond';

export const QUEUE_PAGE_SIZE = 20;
/** The most ids one decision may carry. */
const MAX_IDS = 200;
export const MODERATION_ACTIONS: readonly ModerationAction[] = ['approve', 'unapprove', 'spam', 'trash', 'delete'];
const STATUS_AFTER: Record<Exclude<ModerationAction, 'delete'>, ModerationStatus> = {
  approve: 'approved',
  unapprove: 'pending',
  spam: 'spam',
  trash: 'trash',
};
const ID = /^[1-9][0-9]{0,15}$/;

export function parseStatus(value: string): ModerationStatus | null {
  return (MODERATION_STATUSES as readonly string[]).includes(value) ? (value as ModerationStatus) : null;
}

/** A desk page number (?page=, or the page field posted back): absent is 1, anything but 1–999999 is null. */
export function parsePage(value: string | null): number | null {
  if (value === null || value === '') return 1;
  return /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : null;
}

export interface ModerationQueue {
  /** Which queue: its address under /admin/, its navigation link and its strings. */
  name: 'comments' | 'mentions';
  /** The queue's address at a status and page: where a decision sends the author back. */
  path: (status: ModerationStatus, page: number) => string;
  setStatus: (db: Db, ids: number[], status: ModerationStatus) => Promise<ModerationResult>;
  deleteForGood: (db: Db, ids: number[]) => Promise<ModerationResult>;
  /** What a deletion would remove, shown on the confirmation page. */
  listForDeletion: (db: Db, ids: number[]) => Promise<DeletionCandidate[]>;
}

/** A queue's POST: applies the decision, purges the articles it touched and redirects back with what was done. */
export async function moderateQueue(
  { env, ctx, page: desk, session, form }: AdminCall,
  queue: ModerationQueue,
): Promise<Response> {
  const field = (name: string) => (typeof form?.get(name) === 'string' ? (form.get(name) as string) : '');
  const status = parseStatus(field('status')) ?? 'pending';
  const page = parsePage(field('page')) ?? 1;
  const back = queue.path(status, page);
  // A row's own button names its action and item; otherwise the bulk action applies to the ticked rows.
  const one = /^([a-z]+):([1-9][0-9]{0,15})$/.exec(field('one'));
  const action = (one ? one[1] : field('action')) as ModerationAction;
  const rawIds = one ? [one[2] as string] : (form?.getAll('id') ?? []).map(String);
  if (!MODERATION_ACTIONS.includes(action) || rawIds.some((id) => !ID.test(id)) || rawIds.length > MAX_IDS) {
    return adminMessage(desk, 400, desk.locale.t.badRequestTitle, desk.locale.t.badRequestText, session);
  }
  const ids = [...new Set(rawIds.map(Number))];
  if (ids.length === 0) return adminRedirect(`${back}&error=none`);
  if (action === 'delete' && field('confirmed') !== 'yes') {
    const items = await queue.listForDeletion(env.DB, ids);
    if (items.length === 0) return adminRedirect(`${back}&done=delete&n=0`);
    return adminHtml(renderDeleteConfirmation(desk, session, { queue: queue.name, items, status, page, back }));
  }
  const result =
    action === 'delete'
      ? await queue.deleteForGood(env.DB, ids)
      : await queue.setStatus(env.DB, ids, STATUS_AFTER[action]);
  await purgeTouchedArticles(env, ctx, result.articles);
  return adminRedirect(`${back}&done=${action}&n=${result.changed}`);
}
