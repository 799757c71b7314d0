// Every route of the desk, in one table. Only the login is public; every
// other handler is wrapped in protectAdmin when the router is built, so a
// route added here cannot forget its protection (test/routes/admin/protection
// lists them all and fails on one it does not know).
import type { IRequest } from 'itty-router';
import { commentsOpenRoute, deskArticlesRoute } from './articles';
import { editPageRoute, editRoute, replyPageRoute, replyRoute } from './comment-edit';
import { type AdminHandler, protectAdmin } from './guard';
import { loginPageRoute, loginRoute, logoutRoute } from './login';
import { mentionQueueRoute, moderateMentionsRoute } from './mentions';
import { articleSubscribersRoute, notificationLogRoute, removeSubscriberRoute } from './notifications';
import { moderateRoute, queueRoute } from './queue';
import { adminRedirect } from './respond';

type RouteHandler = (request: IRequest, env: Env, ctx: ExecutionContext) => Promise<Response>;

export interface AdminRoute {
  method: 'GET' | 'POST';
  path: string;
  handler: RouteHandler;
}

const deskHome: AdminHandler = async () => adminRedirect('/admin/comments');

const protectedRoutes: [AdminRoute['method'], string, AdminHandler][] = [
  ['GET', '/admin', deskHome],
  ['POST', '/admin/logout', logoutRoute],
  ['GET', '/admin/comments', queueRoute],
  ['POST', '/admin/comments', moderateRoute],
  ['GET', '/admin/comments/:id/edit', editPageRoute],
  ['POST', '/admin/comments/:id/edit', editRoute],
  ['GET', '/admin/comments/:id/reply', replyPageRoute],
  ['POST', '/admin/comments/:id/reply', replyRoute],
  ['GET', '/admin/mentions', mentionQueueRoute],
  ['POST', '/admin/mentions', moderateMentionsRoute],
  ['GET', '/admin/articles', deskArticlesRoute],
  ['POST', '/admin/articles/:id/comments', commentsOpenRoute],
  ['GET', '/admin/articles/:id/subscribers', articleSubscribersRoute],
  ['POST', '/admin/articles/:id/subscribers', removeSubscriberRoute],
  ['GET', '/admin/notifications', notificationLogRoute],
];

export const ADMIN_ROUTES: readonly AdminRoute[] = [
  { method: 'GET', path: '/admin/login', handler: loginPageRoute },
  { method: 'POST', path: '/admin/login', handler: loginRoute },
  ...protectedRoutes.map(([method, path, handler]) => ({ method, path, handler: protectAdmin(handler) })),
];

/** The only routes anyone may reach without being signed in. */
export const PUBLIC_ADMIN_ROUTES: readonly string[] = ['GET /admin/login', 'POST /admin/login'];

export function isAdminPath(pathname: string): boolean {
  return pathname === '/admin' || pathname.startsWith('/admin/');
}
