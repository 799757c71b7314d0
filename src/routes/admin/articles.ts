// Articles in the desk: their comment counts, and closing or reopening comments.
import { listArticlesForDesk, setArticleCommentsOpen } from '../../db/moderation-edits';
import { renderDeskArticles } from '../../views/admin/articles';
import { parsePage } from './bulk';
import type { AdminCall } from './guard';
import { purgeTouchedArticles } from './purge';
import { adminHtml, adminMessage, adminRedirect } from './respond';

const PAGE_SIZE = 30;

export async function deskArticlesRoute({ request, env, page, session, now }: AdminCall): Promise<Response> {
  const url = new URL(request.url);
  const pageNumber = parsePage(url.searchParams.get('page'));
  if (!pageNumber) return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText, session);
  const articles = await listArticlesForDesk(env.DB, { page: pageNumber, pageSize: PAGE_SIZE });
  if (pageNumber > articles.pageCount)
    return adminMessage(page, 404, page.s.notFoundTitle, page.s.notFoundText, session);
  const done = url.searchParams.get('done');
  const notice = done === 'closed' ? page.s.commentsClosedDone : done === 'opened' ? page.s.commentsOpenedDone : null;
  return adminHtml(renderDeskArticles(page, session, { articles, now, notice }));
}

export async function commentsOpenRoute({ request, env, ctx, page, session, form }: AdminCall): Promise<Response> {
  const id = request.params.id ?? '';
  const choice = form?.get('comments');
  if (!/^[1-9][0-9]{0,15}$/.test(id) || (choice !== 'open' && choice !== 'close')) {
    return adminMessage(page, 400, page.locale.t.badRequestTitle, page.locale.t.badRequestText, session);
  }
  const touched = await setArticleCommentsOpen(env.DB, Number(id), choice === 'open');
  if (!touched) return adminMessage(page, 404, page.s.notFoundTitle, page.s.notFoundText, session);
  await purgeTouchedArticles(env, ctx, [touched]);
  const backPage = parsePage(typeof form?.get('page') === 'string' ? (form.get('page') as string) : null) ?? 1;
  const query = new URLSearchParams({ done: choice === 'open' ? 'opened' : 'closed' });
  if (backPage > 1) query.set('page', String(backPage));
  return adminRedirect(`/admin/articles?${query}#article-${id}`);
}
