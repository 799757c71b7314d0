import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ConfigError, readSettings } from '../src/config';
import type { HermeticEnv } from './support/hermetic-bindings';

const withVars = (vars: Partial<Record<keyof Env, unknown>>) => ({ ...env, ...vars }) as Env;

describe('blog settings', () => {
  it('reads the [vars] the Worker is given', () => {
    const settings = readSettings(env);
    expect(settings).toMatchObject({
      title: 'Causerie',
      baseUrl: 'http://localhost:8787',
      language: 'fr',
      timeZone: 'Europe/Paris',
      pageSize: 10,
      imageTransformations: false,
    });
    expect(settings.comments.perPage).toBe(50);
    expect(settings.comments.turnstileScriptUrl).toBe('https://challenges.cloudflare.com/turnstile/v0/api.js');
    expect(settings.socialLinks[0]).toEqual({ label: 'Mastodon', url: 'https://mastodon.example/@elise' });
  });

  it('reads the author’s e-mail settings: held comments, every 10 minutes, no address unless given', () => {
    expect(
      readSettings(withVars({ NOTIFY_AUTHOR: undefined, AUTHOR_EMAIL: undefined, AUTHOR_DIGEST_MINUTES: undefined }))
        .authorNotifications,
    ).toEqual({
      mode: 'held',
      email: null,
      digestMinutes: 10,
    });
    expect(
      readSettings(withVars({ NOTIFY_AUTHOR: 'all', AUTHOR_EMAIL: ' Elise@Example.org ', AUTHOR_DIGEST_MINUTES: 30 }))
        .authorNotifications,
    ).toEqual({ mode: 'all', email: 'elise@example.org', digestMinutes: 30 });
    expect(readSettings(withVars({ NOTIFY_AUTHOR: 'off', AUTHOR_EMAIL: '' })).authorNotifications.mode).toBe('off');
  });

  it('drops a trailing slash from the base URL', () => {
    expect(readSettings(withVars({ BLOG_URL: 'https://blog.example/' })).baseUrl).toBe('https://blog.example');
  });

  it.each([
    [{ BLOG_LANGUAGE: 'de' }, /BLOG_LANGUAGE/],
    [{ BLOG_URL: 'not a url' }, /BLOG_URL/],
    [{ BLOG_URL: 'ftp://x.example' }, /BLOG_URL/],
    [{ PAGE_SIZE: 0 }, /PAGE_SIZE/],
    [{ COMMENTS_PER_PAGE: 4 }, /COMMENTS_PER_PAGE/],
    [{ COMMENTS_PER_PAGE: 501 }, /COMMENTS_PER_PAGE/],
    [{ BLOG_TIMEZONE: 'Mars/Olympus' }, /BLOG_TIMEZONE/],
    [{ BLOG_TITLE: ' ' }, /BLOG_TITLE/],
    [{ SOCIAL_LINKS: [{ label: 'x', url: 'javascript:alert(1)' }] }, /SOCIAL_LINKS\[0\]/],
    [{ MENU_LINKS: [{ label: 'x', url: 'javascript:alert(1)' }] }, /MENU_LINKS\[0\]/],
    // "//host" would leave the blog while looking like one of its paths.
    [
      {
        MENU_LINKS: [
          { label: 'ok', url: '/archives' },
          { label: 'x', url: '//evil.example' },
        ],
      },
      /MENU_LINKS\[1\]/,
    ],
    [{ MENU_LINKS: [{ label: 'x', url: '/a', language: 'de' }] }, /MENU_LINKS\[0\]\.language/],
    [{ MENU_LINKS: { label: 'x', url: '/a' } }, /MENU_LINKS must be a list/],
    [{ TURNSTILE_SCRIPT_URL: 'api.js' }, /TURNSTILE_SCRIPT_URL/],
    [{ TURNSTILE_SCRIPT_URL: 'javascript:alert(1)' }, /TURNSTILE_SCRIPT_URL/],
    [{ TURNSTILE_SITEVERIFY_URL: 'file:///etc/passwd' }, /TURNSTILE_SITEVERIFY_URL/],
    [{ IMAGE_TRANSFORMATIONS: 'yes' }, /IMAGE_TRANSFORMATIONS must be true or false/],
    [{ NOTIFY_AUTHOR: 'sometimes' }, /NOTIFY_AUTHOR must be "held", "all" or "off"/],
    [{ NOTIFY_AUTHOR: true }, /NOTIFY_AUTHOR/],
    [{ AUTHOR_EMAIL: 'elise' }, /AUTHOR_EMAIL must be one e-mail address/],
    [{ AUTHOR_EMAIL: 'elise@example.org, eve@example.org' }, /AUTHOR_EMAIL/],
    [{ AUTHOR_EMAIL: 'elise@example.org\r\nBcc: eve@example.org' }, /AUTHOR_EMAIL/],
    [{ AUTHOR_EMAIL: 42 }, /AUTHOR_EMAIL/],
    [{ AUTHOR_DIGEST_MINUTES: 0 }, /AUTHOR_DIGEST_MINUTES must be a whole number from 1 to 1440/],
    [{ AUTHOR_DIGEST_MINUTES: 1441 }, /AUTHOR_DIGEST_MINUTES/],
    [{ AUTHOR_DIGEST_MINUTES: 'ten' }, /AUTHOR_DIGEST_MINUTES/],
    [{ SERVER_TIMING: true }, /SERVER_TIMING must be "off" or "on"/],
    [{ SERVER_TIMING: 'yes' }, /SERVER_TIMING must be "off" or "on"/],
  ])('refuses %o with a message naming the setting', (vars, message) => {
    expect(() => readSettings(withVars(vars))).toThrow(ConfigError);
    expect(() => readSettings(withVars(vars))).toThrow(message);
  });
});

describe('wrangler.toml as it stands', () => {
  // The suite runs with the demo blog's settings (test/support/test-settings.ts),
  // so an author's own values are checked here: a typo fails npm test, not the deploy.
  const { configVars } = JSON.parse(env.TEST_HERMETIC_ENV) as HermeticEnv;

  it('holds settings the Worker accepts', () => {
    const settings = readSettings(withVars(configVars));
    expect(settings.baseUrl).toBe(String(configVars.BLOG_URL).replace(/\/$/, ''));
    expect(settings.title).toBe(configVars.BLOG_TITLE);
  });
});
