// The blog settings every Worker test runs with: the [vars] wrangler.toml ships
// with (the demo blog). An author who makes wrangler.toml theirs (BLOG_URL,
// BLOG_TITLE, a real Turnstile site key…) must still see the suite pass, so the
// tests do not take these values from the file; test/support/hermetic-bindings.ts
// refuses a [vars] name of wrangler.toml that has no value here.
export const TEST_SETTINGS: Readonly<Record<string, unknown>> = {
  BLOG_TITLE: 'Causerie',
  BLOG_DESCRIPTION: 'Un carnet sur l’art d’animer une conversation en ligne.',
  BLOG_URL: 'http://localhost:8787',
  BLOG_LANGUAGE: 'fr',
  BLOG_TIMEZONE: 'Europe/Paris',
  AUTHOR_NAME: 'Élise Durand',
  PAGE_SIZE: 10,
  FEED_CONTENT: 'full',
  NOINDEX_PAGINATION: false,
  IMAGE_TRANSFORMATIONS: false,
  SOCIAL_LINKS: [
    { label: 'Mastodon', url: 'https://mastodon.example/@elise' },
    { label: 'GitHub', url: 'https://github.com/example' },
  ],
  MENU_LINKS: [{ label: 'Archives', url: '/archives' }],
  TURNSTILE_SITE_KEY: '1x00000000000000000000AA',
  TURNSTILE_SCRIPT_URL: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
  TURNSTILE_SITEVERIFY_URL: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  TURNSTILE_TIMEOUT_MS: 3000,
  COMMENT_MODERATION: 'trust-returning',
  COMMENT_MAX_DEPTH: 3,
  COMMENT_MAX_LINKS: 2,
  COMMENTS_PER_PAGE: 50,
  COMMENT_BLOCKLIST: { words: [], emails: [], ips: [] },
  IP_HASH_RETENTION_DAYS: 90,
  EDGE_CACHE: 'cache-api',
  CACHE_TTL_SECONDS: 86400,
  CACHE_VERSION_BOUND_SECONDS: 60,
  SERVER_TIMING: 'off',
  ACCESS_TEAM_DOMAIN: '',
  ACCESS_AUD: '',
  ADMIN_SESSION_HOURS: 12,
  ADMIN_LOGIN_MAX_FAILURES: 5,
  ADMIN_LOGIN_WINDOW_SECONDS: 900,
  WEBMENTION_TIMEOUT_MS: 5000,
  WEBMENTION_MAX_BYTES: 1048576,
  WEBMENTION_DOH_URL: 'https://cloudflare-dns.com/dns-query',
  WEBMENTION_SEND: true,
  // On in the suite (wrangler.toml ships it empty, off): test/notifications/ turns it off where that is the subject.
  MAIL_FROM: 'causerie@example.org',
  // Empty as wrangler.toml ships it, so that no comment posted by another test
  // leaves the author's e-mail work behind it; test/notifications/author-digest.test.ts sets an address.
  NOTIFY_AUTHOR: 'held',
  AUTHOR_EMAIL: '',
  AUTHOR_DIGEST_MINUTES: 10,
};
