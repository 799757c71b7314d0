// Notifications are on only with the `send_email` binding EMAIL and a sender
// address (MAIL_FROM); otherwise the form offers none and nothing is queued.
import { isMailAddress } from '../mail-address';

export function notificationsEnabled(env: Env): boolean {
  const binding = (env as { EMAIL?: SendEmail }).EMAIL;
  const from = (env.MAIL_FROM ?? '').trim();
  return Boolean(binding) && from !== '' && isMailAddress(from);
}
