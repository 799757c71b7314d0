// Password-protected WordPress posts and pages (wp:post_password) come over
// published and asking for the same password: the front matter gets its
// salted hash (`password`, src/admin/auth/password.ts), never the password.
// Hashing is asynchronous (Web Crypto) while converting is not, so
// convertPost and convertPage leave such a post a draft, with what this step
// needs; the import runs this step before planning any file.
import { stringify } from 'yaml';
import { hashPassword, verifyPassword } from '../../../src/admin/auth/password.ts';
import { type PostKind, parsePost } from '../post.ts';

/** What a protected post's file is made of, until its password is hashed. */
export interface Protection {
  /** WordPress's wp:post_password as written; in memory only. */
  password: string;
  frontMatter: Record<string, unknown>;
  body: string;
  kind: PostKind;
}

export const PROTECTED_NOTE =
  'password-protected on WordPress: asks readers for the same password (kept as a hash; the password itself is not)';

/** A protected post's Markdown file: published, with the password's hash instead of `draft`. */
export function protectedMarkdown(protection: Protection, hash: string): string {
  const { draft: _draft, ...frontMatter } = protection.frontMatter;
  return `---\n${stringify({ ...frontMatter, password: hash }, { lineWidth: 0 })}---\n${protection.body}\n`;
}

interface Protectable {
  slug: string;
  markdown: string;
  draft: boolean;
  protection?: Protection;
}

/**
 * Gives each protected post its hash. `existingHash` is the hash already in
 * the post's file, if any: kept when the password still matches it, so that
 * importing again writes nothing new (a new hash has a new salt).
 */
export async function hashImportedPasswords(
  posts: Protectable[],
  existingHash: (slug: string) => string | null,
  defaultLanguage: 'fr' | 'en',
): Promise<void> {
  for (const post of posts) {
    const protection = post.protection;
    if (!protection) continue;
    const existing = existingHash(post.slug);
    const hash =
      existing && (await verifyPassword(protection.password, existing))
        ? existing
        : await hashPassword(protection.password);
    post.markdown = protectedMarkdown(protection, hash);
    // Read back as content:publish will: a file it would refuse stops here.
    parsePost(`${post.slug}.md`, post.markdown, defaultLanguage, undefined, protection.kind);
    post.draft = false;
    delete post.protection;
  }
}
