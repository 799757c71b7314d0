// Webmention settings from wrangler.toml [vars], validated like the blog's own.
import { ConfigError, wholeNumber } from '../config';

export interface WebmentionSettings {
  /** Whole budget of one fetch of someone else's page, redirects and body included. */
  timeoutMs: number;
  /** Bytes of a page read at most; a larger page fails. */
  maxBytes: number;
  /** DNS-over-HTTPS JSON endpoint asked before each fetch; null: no DNS check. */
  dohUrl: string | null;
  /** Notify the pages articles link to. */
  send: boolean;
}

export function readWebmentionSettings(env: Env): WebmentionSettings {
  const dohUrl = (env.WEBMENTION_DOH_URL ?? '').trim();
  if (dohUrl && !(/^https:\/\//.test(dohUrl) && URL.canParse(dohUrl)))
    throw new ConfigError('WEBMENTION_DOH_URL must be an https URL or empty');
  const send = env.WEBMENTION_SEND ?? true;
  if (typeof send !== 'boolean') throw new ConfigError('WEBMENTION_SEND must be true or false');
  return {
    timeoutMs: wholeNumber(env.WEBMENTION_TIMEOUT_MS ?? 5000, 'WEBMENTION_TIMEOUT_MS', 100, 30_000),
    maxBytes: wholeNumber(env.WEBMENTION_MAX_BYTES ?? 1_048_576, 'WEBMENTION_MAX_BYTES', 1024, 10_485_760),
    dohUrl: dohUrl || null,
    send,
  };
}
