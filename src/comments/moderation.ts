// What happens to a comment once it has passed validation and Turnstile,
// in WordPress's order: filters first, then the moderation policy.
import type { CommentSettings } from '../config';
import { containsAnyWord } from './fold';
import { countLinks } from './text';

export type CommentStatus = 'approved' | 'pending' | 'spam';
export type HeldReason = 'first_comment' | 'hold_all' | 'unverified' | 'too_many_links' | 'blocklist';

export interface ModerationFacts {
  author: string;
  email: string;
  url: string;
  body: string;
  ip: string | null;
  turnstileVerified: boolean;
  /** The same name and e-mail together already have an approved comment on this blog. */
  knownCommenter: boolean;
}

export function decideModeration(
  facts: ModerationFacts,
  settings: CommentSettings,
): { status: CommentStatus; heldReason: HeldReason | null } {
  if (isBlocklisted(facts, settings.blocklist)) return { status: 'spam', heldReason: 'blocklist' };
  if (!facts.turnstileVerified) return { status: 'pending', heldReason: 'unverified' };
  if (countLinks(facts.body) > settings.maxLinks) {
    return { status: 'pending', heldReason: 'too_many_links' };
  }
  if (settings.moderation === 'hold-all') return { status: 'pending', heldReason: 'hold_all' };
  if (!facts.knownCommenter) return { status: 'pending', heldReason: 'first_comment' };
  return { status: 'approved', heldReason: null };
}

/**
 * Words match whatever their case and accents ("Viagra" catches "VIÂGRA"),
 * and through disguises (see ./fold.ts).
 */
export function isBlocklisted(facts: ModerationFacts, blocklist: CommentSettings['blocklist']): boolean {
  if (facts.ip && blocklist.ips.includes(facts.ip)) return true;
  if (blocklist.emails.includes(facts.email.toLowerCase())) return true;
  return containsAnyWord([facts.author, facts.email, facts.url, facts.body].join('\n'), blocklist.words);
}
