// The blog's authors, from the export's wp:author elements. A blog whose
// posts and pages come from several authors keeps their names: each file gets
// `author: <display name>` (its byline, feeds, JSON-LD, /author/<slug>), and
// wordpress_authors leads each author's old addresses (/author/<nicename>/,
// ?author=<id>, ?author_name=<nicename>) to their page here. A blog of one
// author gets neither: AUTHOR_NAME signs everything, as before.
import { slugify } from '../../../src/slug.ts';
import { collapseWhitespace } from '../../../src/whitespace.ts';
import { type SqlValue, sqlLiteral } from '../sql.ts';
import { htmlToLine, truncate } from './text.ts';
import type { WxrExport, WxrItem } from './wxr.ts';

export interface ImportedAuthor {
  /** wp:author_login, lowercase as the Worker looks it up (paths are lowercased). */
  login: string;
  /** What WordPress put in the author's addresses: the login made a slug ("jo.b" → "jo-b"). */
  nicename: string;
  /** wp:author_id; null when the export has none (WordPress.com's). */
  userId: number | null;
  name: string;
  slug: string;
}

/**
 * The authors whose names the imported posts and pages show, by login (their
 * dc:creator): none unless at least two authors wrote them.
 */
export function bylineAuthors(wxr: WxrExport, imported: readonly WxrItem[]): Map<string, ImportedAuthor> {
  const creators = new Set(imported.map((item) => creatorLogin(wxr, item)).filter((login) => login !== ''));
  const authors = new Map<string, ImportedAuthor>();
  if (creators.size < 2) return authors;
  // In the export's order of wp:author, then any creator it does not describe.
  const ordered = [...wxr.authorProfiles.keys()].filter((login) => creators.has(login));
  for (const login of new Set([...ordered, ...creators])) {
    const profile = wxr.authorProfiles.get(login);
    // A creator the export does not describe, or whose name has no letter, is shown by login.
    const displayName = truncate(collapseWhitespace(htmlToLine(profile?.displayName ?? '')), 100);
    const name = slugify(displayName) ? displayName : truncate(login, 100);
    const slug = slugify(name);
    if (slug === '') continue;
    authors.set(login, {
      login: login.toLowerCase(),
      nicename: nicenameOf(login),
      userId: wxr.authors.get(login) ?? null,
      name,
      slug,
    });
  }
  return authors;
}

/**
 * The login of the item's dc:creator. WordPress.com's exports have a few
 * written ">login" or "login>": a stray angle bracket does not make another author.
 */
export function creatorLogin(wxr: Pick<WxrExport, 'authorProfiles'>, item: WxrItem): string {
  const written = item.creator.trim();
  if (wxr.authorProfiles.has(written)) return written;
  const cleaned = written.replace(/[<>]/g, '').trim();
  return wxr.authorProfiles.has(cleaned) ? cleaned : written;
}

/**
 * WordPress's user_nicename, which its author addresses use, as it makes it
 * from the login (sanitize_title): lowercase, accents and "@" dropped, dots
 * and spaces made hyphens.
 */
export function nicenameOf(login: string): string {
  return login
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\./g, '-')
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);
}

/** Every author's e-mail, lowercase: a reply sent with one of them is the blog's author's. */
export function authorEmails(wxr: WxrExport): Set<string> {
  return new Set(
    [...wxr.authorProfiles.values()].map((profile) => profile.email.toLowerCase()).filter((email) => email !== ''),
  );
}

export interface WordPressAuthorRow {
  login: string;
  user_id: number | null;
  author_slug: string;
}

/** The rows of wordpress_authors to write: only those not already there as they are (an import run again writes nothing). */
export function buildAuthorStatements(
  authors: Iterable<ImportedAuthor>,
  existing: readonly WordPressAuthorRow[],
): string[] {
  const key = (login: string, userId: number | null, slug: string) => `${login}\u0000${userId}\u0000${slug}`;
  const known = new Set(existing.map((row) => key(row.login, row.user_id, row.author_slug)));
  // The login keeps the user id (unique); the nicename, when it differs, is one more way in.
  const rows = [...authors].flatMap((author): SqlValue[][] => [
    [author.login, author.userId, author.slug],
    ...(author.nicename && author.nicename !== author.login ? [[author.nicename, null, author.slug]] : []),
  ]);
  return rows
    .filter(([login, userId, slug]) => !known.has(key(login as string, userId as number | null, slug as string)))
    .map(
      // OR REPLACE: a login or a user id given to another author since is taken back.
      (values) =>
        `INSERT OR REPLACE INTO wordpress_authors (login, user_id, author_slug) VALUES (${values.map(sqlLiteral).join(', ')})`,
    );
}

export const WORDPRESS_AUTHORS_SQL = 'SELECT login, user_id, author_slug FROM wordpress_authors';
