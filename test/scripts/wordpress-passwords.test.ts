// Password-protected posts, from WordPress's theme unit test export
// ("Template: Password Protected", password "enter"): imported published,
// asking for the same password, whose hash alone is written.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePost } from '../../scripts/lib/post.ts';
import { convertExport } from '../../scripts/lib/wordpress/convert.ts';
import { hashImportedPasswords } from '../../scripts/lib/wordpress/passwords.ts';
import { hashPassword, verifyPassword } from '../../src/admin/auth/password.ts';
import themeUnitTestXml from '../data/wordpress/themeunittestdata.wordpress.xml?raw';

const OPTIONS = { timeZone: 'UTC', defaultLanguage: 'en', blogUrl: 'https://causerie.example' } as const;
const SLUG = 'template-password-protected';

const frontMatterOf = (markdown: string) => parse(markdown.split('---\n')[1] ?? '') as Record<string, unknown>;

async function imported(existingHash: (slug: string) => string | null = () => null) {
  const result = convertExport(themeUnitTestXml, OPTIONS);
  await hashImportedPasswords([...result.posts, ...result.pages], existingHash, 'en');
  const post = result.posts.find((candidate) => candidate.slug === SLUG);
  if (!post) throw new Error(`${SLUG} not imported`);
  return { result, post };
}

describe('a password-protected WordPress post', () => {
  it('stays a draft until its password is hashed: never public without it', () => {
    const result = convertExport(themeUnitTestXml, OPTIONS);
    const post = result.posts.find((candidate) => candidate.slug === SLUG);
    expect(post?.draft).toBe(true);
    expect(frontMatterOf(post?.markdown ?? '').draft).toBe(true);
  });

  it('is imported published, with the hash of its password and not the password', async () => {
    const { post, result } = await imported();
    const frontMatter = frontMatterOf(post.markdown);
    expect(post.draft).toBe(false);
    expect(frontMatter.draft).toBeUndefined();
    expect(frontMatter.password).toMatch(/^pbkdf2-sha256:100000:/);
    expect(await verifyPassword('enter', frontMatter.password as string)).toBe(true);
    expect(await verifyPassword('entrer', frontMatter.password as string)).toBe(false);
    expect(post.markdown).not.toMatch(/^password: "?enter"?$/m);
    expect(post).not.toHaveProperty('protection');
    expect(result.notes).toContain(
      'item #160 (wp:post_id 1168): password-protected on WordPress: asks readers for the same password (kept as a hash; the password itself is not)',
    );
    // content:publish reads the hash into the article's row.
    expect(parsePost(`${SLUG}.md`, post.markdown, 'en').passwordHash).toBe(frontMatter.password);
  });

  it('keeps the hash already in its file when the password did not change: importing again writes nothing new', async () => {
    const first = (await imported()).post.markdown;
    const existing = frontMatterOf(first).password as string;
    const again = (await imported((slug) => (slug === SLUG ? existing : null))).post.markdown;
    expect(again).toBe(first);
    // A hash for another password is replaced.
    const stale = await hashPassword('ancien');
    const changed = frontMatterOf((await imported(() => stale)).post.markdown).password as string;
    expect(changed).not.toBe(stale);
    expect(await verifyPassword('enter', changed)).toBe(true);
  });

  it('leaves every other post as it was', async () => {
    const before = convertExport(themeUnitTestXml, OPTIONS);
    const { result } = await imported();
    const others = (posts: typeof before.posts) =>
      posts.filter((post) => post.slug !== SLUG).map((post) => post.markdown);
    expect(others(result.posts)).toEqual(others(before.posts));
  });
});

describe('the password key of the front matter', () => {
  it('takes a hash made by npm run content:password, on an article or a page', async () => {
    const hash = await hashPassword('enter');
    const article = parsePost('a.md', `---\ntitle: A\ndate: 2026-01-01\npassword: "${hash}"\n---\nCorps.\n`, 'fr');
    expect(article.passwordHash).toBe(hash);
    const page = parsePost('p.md', `---\ntitle: P\npassword: "${hash}"\n---\nCorps.\n`, 'fr', undefined, 'page');
    expect(page.passwordHash).toBe(hash);
    expect(parsePost('b.md', '---\ntitle: B\ndate: 2026-01-01\n---\nCorps.\n', 'fr').passwordHash).toBeNull();
  });

  it('refuses a password written in clear, on its line', () => {
    expect(() => parsePost('a.md', '---\ntitle: A\ndate: 2026-01-01\npassword: enter\n---\nCorps.\n', 'fr')).toThrow(
      'a.md:4: "password" must be the hash `npm run content:password` prints ("pbkdf2-sha256:…"), never the password itself',
    );
  });
});
