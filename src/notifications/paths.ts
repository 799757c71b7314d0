// Where the links of notification e-mails lead. The routes behind them
// (GET: a page with one button; POST: one-click, RFC 8058) are the
// unsubscribe and confirmation handlers'.
export const CONFIRM_PATH = '/_causerie/email/confirm';
export const UNSUBSCRIBE_PATH = '/_causerie/email/unsubscribe';

export function tokenUrl(baseUrl: string, path: string, token: string): string {
  return `${baseUrl}${path}?token=${encodeURIComponent(token)}`;
}
