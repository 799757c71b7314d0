// The blog's authors, from the export's wp:author elements. A blog whose
// posts and pages come from several authors keeps their names: each file gets
// `author: <display name>` (its byline, feeds, JSON-LD, /author/<slug>), and
// wordpress_authors leads each author's old addresses (/author/<login>/,
// ?author=<id>, ?author_name=<login>) to their page here. A blog of one
// author gets neither: AUTHOR_NAME signs everything, as before.
import { slugify } from '../../../src/slug.ts';
import { collapseWhitespace } from '../../../src/whitespace.ts';
import { type SqlValue, sqlLiteral } from '../sql.ts';
import { htmlToLine, truncate } from './text.ts';
import type { WxrExport, WxrItem } from './wxr.ts';

export interface ImportedAuthor {
  /** wp:author_login, lowercase as the Worker looks it up (paths are lowercased). */
  login: string;
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
    // A creator the export does not describe is shown by login, as WordPress would.
    const name = truncate(collapseWhitespace(htmlToLine(profile?.displayName ?? '')) || login, 100);
    const slug = slugify(name) || slugify(login);
    if (slug === '') continue;
    authors.set(login, { login: login.toLowerCase(), userId: wxr.authors.get(login) ?? null, name, slug });
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
  const known = new Set(existing.map((row) => `${row.login}\u0000${row.user_id}\u0000${row.author_slug}`));
  return [...authors]
    .filter((author) => !known.has(`${author.login}\u0000${author.userId}\u0000${author.slug}`))
    .map((author) => {
      const values: SqlValue[] = [author.login, author.userId, author.slug];
      // OR REPLACE: a login or a user id given to another author since is taken back.
      return `INSERT OR REPLACE INTO wordpress_authors (login, user_id, author_slug) VALUES (${values.map(sqlLiteral).join(', ')})`;
    });
}

export const WORDPRESS_AUTHORS_SQL = 'SELECT login, user_id, author_slug FROM wordpress_authors';
