// E-mail notifications on the desk: the log (GET /admin/notifications), an
// article's subscribers (GET /admin/articles/:id/subscribers) and removing
// one (POST there: asked first, then done with confirmed=yes; CSRF by the guard).
import {
  type LogCursor,
  listArticleSubscriptions,
  listNotificationLog,
  listSubscriberOnArticle,
  removeArticleSubscriber,
} from '../../db/notification-log';
import { notificationsEnabled } from '../../notifications/enabled';
import { renderNotificationLog } from '../../views/admin/notifications';
import {
  renderArticleSubscribers,
  renderRemoveSubscriberConfirmation,
  subscribersPath,
} from '../../views/admin/subscribers';
import type { AdminCall } from './guard';
import { adminHtml, adminMessage, adminRedirect } from './respond';

export const NOTIFICATION_LOG_PAGE_SIZE = 50;
const ID = /^[1-9][0-9]{0,15}$/;

/** ?before= / ?after=: "<created_at>-<id>"; absent is null, malformed is 'bad'. */
function parseCursor(value: string | null): LogCursor | null | 'bad' {
  if (value === null) return null;
  const match = /^([0-9]{1,15})-([1-9][0-9]{0,15})$/.exec(value);
  return match ? { createdAt: Number(match[1]), id: Number(match[2]) } : 'bad';
}

export async function notificationLogRoute({ request, env, page, session }: AdminCall): Promise<Response> {
  const url = new URL(request.url);
  const before = parseCursor(url.searchParams.get('before'));
  const after = parseCursor(url.searchParams.get('after'));
  if (before === 'bad' || after === 'bad' || (before && after))
    return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText, session);
  const log = await listNotificationLog(env.DB, {
    pageSize: NOTIFICATION_LOG_PAGE_SIZE,
    before: before ?? undefined,
    after: after ?? undefined,
  });
  return adminHtml(renderNotificationLog(page, session, { enabled: notificationsEnabled(env), log }));
}

export async function articleSubscribersRoute({ request, env, page, session }: AdminCall): Promise<Response> {
  const id = request.params.id ?? '';
  if (!ID.test(id)) return adminMessage(page, 404, page.s.notFoundTitle, page.s.notFoundText, session);
  const found = await listArticleSubscriptions(env.DB, Number(id));
  if (!found) return adminMessage(page, 404, page.s.notFoundTitle, page.s.notFoundText, session);
  const url = new URL(request.url);
  const sub = page.s.notifications.subscribers;
  const count = Number(url.searchParams.get('n'));
  const notice =
    url.searchParams.get('done') === 'removed' && Number.isInteger(count) && count >= 0
      ? count === 0
        ? sub.nothingRemoved
        : sub.removed(count, page.locale.formatNumber(count))
      : null;
  return adminHtml(renderArticleSubscribers(page, session, { ...found, notice }));
}

export async function removeSubscriberRoute({ request, env, page, session, form }: AdminCall): Promise<Response> {
  const id = request.params.id ?? '';
  const subscription = form?.get('subscription');
  if (!ID.test(id) || typeof subscription !== 'string' || !ID.test(subscription))
    return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText, session);
  const articleId = Number(id);
  if (form?.get('confirmed') === 'yes') {
    const removed = await removeArticleSubscriber(env.DB, articleId, Number(subscription));
    return adminRedirect(`${subscribersPath(articleId)}?done=removed&n=${removed}`);
  }
  const found = await listSubscriberOnArticle(env.DB, articleId, Number(subscription));
  if (!found) return adminMessage(page, 404, page.s.notFoundTitle, page.s.notFoundText, session);
  // Already gone (removed in another tab): back to the list, which says so.
  if (found.subscriptions.length === 0) return adminRedirect(`${subscribersPath(articleId)}?done=removed&n=0`);
  return adminHtml(renderRemoveSubscriberConfirmation(page, session, found));
}
