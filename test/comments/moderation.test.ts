import { describe, expect, it } from 'vitest';
import { decideModeration, type ModerationFacts } from '../../src/comments/moderation';
import type { CommentSettings } from '../../src/config';

const settings: CommentSettings = {
  turnstileSiteKey: 'key',
  turnstileScriptUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
  siteverifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  siteverifyTimeoutMs: 3000,
  moderation: 'trust-returning',
  maxDepth: 3,
  maxLinks: 2,
  perPage: 50,
  blocklist: { words: ['casino', 'Crédit rapide'], emails: ['bad@example.org'], ips: ['192.0.2.66'] },
  ipHashRetentionDays: 90,
  offerNotifications: false,
};

const facts: ModerationFacts = {
  author: 'Camille',
  email: 'camille@example.org',
  url: '',
  body: 'Merci pour ce billet.',
  ip: '203.0.113.1',
  turnstileVerified: true,
  knownCommenter: true,
};

describe('moderation policy', () => {
  it('publishes a verified comment from a returning commenter at once', () => {
    expect(decideModeration(facts, settings)).toEqual({ status: 'approved', heldReason: null });
  });

  it('holds a first comment', () => {
    expect(decideModeration({ ...facts, knownCommenter: false }, settings)).toEqual({
      status: 'pending',
      heldReason: 'first_comment',
    });
  });

  it('holds everything under the hold-all policy', () => {
    expect(decideModeration(facts, { ...settings, moderation: 'hold-all' })).toEqual({
      status: 'pending',
      heldReason: 'hold_all',
    });
  });

  it('holds what Turnstile could not verify, whoever wrote it', () => {
    expect(decideModeration({ ...facts, turnstileVerified: false }, settings)).toEqual({
      status: 'pending',
      heldReason: 'unverified',
    });
  });

  it('holds comments with more links than allowed, and not at the limit', () => {
    const two = 'https://a.example et https://b.example';
    expect(decideModeration({ ...facts, body: two }, settings).status).toBe('approved');
    expect(decideModeration({ ...facts, body: `${two} https://c.example` }, settings)).toEqual({
      status: 'pending',
      heldReason: 'too_many_links',
    });
  });

  it.each([
    ['a word in the text, whatever its case and accents', { body: 'Le meilleur CASÍNO' }],
    ['a word in the name', { author: 'Casino Royal' }],
    ['a multi-word phrase without accents', { body: 'credit RAPIDE sans frais' }],
    ['a word in another script’s look-alike letters', { body: 'Le meilleur c\u0430sino' }],
    ['a word spaced out', { body: 'Le meilleur c a s i n o' }],
    ['an e-mail address', { email: 'BAD@example.org' }],
    ['an IP address', { ip: '192.0.2.66' }],
  ])('sends to spam on %s, before any other rule', (_label, change) => {
    expect(decideModeration({ ...facts, turnstileVerified: false, ...change }, settings)).toEqual({
      status: 'spam',
      heldReason: 'blocklist',
    });
  });
});
