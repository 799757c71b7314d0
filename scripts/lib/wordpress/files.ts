// Which content/posts files an import writes, and whether it may: a file is
// overwritten only when an earlier import of the same WordPress post made it
// (its front matter has the same wordpress_id), or with --force.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { type Post, PostError, type PostKind, parsePost } from '../post.ts';
import type { ImportedPost } from './posts.ts';

export type FileState = 'new' | 'changed' | 'unchanged';

export interface PlannedFile {
  name: string;
  post: ImportedPost;
  state: FileState;
}

export interface ExistingFile {
  name: string;
  source: string;
  /** The file as content:publish reads it (null when it does not parse: content:publish will say why). */
  post: (Pick<Post, 'slug' | 'legacy'> & Partial<Pick<Post, 'passwordHash'>>) | null;
}

export class ImportConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportConflict';
  }
}

export function planFiles(
  posts: ImportedPost[],
  existing: ExistingFile[],
  options: { force: boolean; dir: string },
): PlannedFile[] {
  const byName = new Map(existing.map((file) => [file.name, file]));
  const conflicts: string[] = [];
  const planned = posts.map((post): PlannedFile => {
    const name = `${post.slug}.md`;
    const file = byName.get(name);
    if (!file) return { name, post, state: 'new' };
    if (file.source === post.markdown) return { name, post, state: 'unchanged' };
    const previous = wordpressIdOf(file.source);
    if (previous !== post.wordpressId && !options.force) {
      conflicts.push(
        `${post.where}: ${options.dir}/${name} already exists and was not imported from this post (${previous === null ? 'it has no wordpress_id' : `its wordpress_id is ${previous}`}): move it away, or run again with --force to overwrite it`,
      );
    }
    return { name, post, state: 'changed' };
  });

  // Files the import leaves alone must not claim what an imported post claims.
  const written = new Set(planned.map((file) => file.name));
  for (const file of existing) {
    if (written.has(file.name) || !file.post) continue;
    const { slug, legacy } = file.post;
    for (const post of posts) {
      const claim =
        slug === post.slug
          ? `slug "${slug}"`
          : legacy.wordpressId === post.wordpressId
            ? `wordpress_id ${post.wordpressId}`
            : legacy.path !== null && legacy.path === post.legacyPath
              ? `wordpress_path ${legacy.path}`
              : null;
      if (claim)
        conflicts.push(
          `${post.where}: ${options.dir}/${file.name} already has ${claim}: delete it or give it another ${claim.split(' ')[0]}`,
        );
    }
  }
  if (conflicts.length > 0) throw new ImportConflict(conflicts.join('\n'));
  return planned;
}

function wordpressIdOf(source: string): number | null {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source.replace(/^\uFEFF/, ''))?.[1];
  if (frontMatter === undefined) return null;
  try {
    const data = parse(frontMatter) as Record<string, unknown> | null;
    return typeof data?.wordpress_id === 'number' ? data.wordpress_id : null;
  } catch {
    return null;
  }
}

/** Every content/posts (or content/pages) file, read as content:publish would; a broken one stops the import. */
export function readExisting(
  contentDir: string,
  defaultLanguage: 'fr' | 'en',
  kind: PostKind = 'article',
): ExistingFile[] {
  if (!existsSync(contentDir)) return [];
  const broken: string[] = [];
  const files = readdirSync(contentDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name): ExistingFile => {
      const source = readFileSync(join(contentDir, name), 'utf8');
      try {
        return { name, source, post: parsePost(name, source, defaultLanguage, undefined, kind) };
      } catch (error) {
        if (!(error instanceof PostError)) throw error;
        const shown = relative(process.cwd(), join(contentDir, name));
        for (const problem of error.problems) broken.push(`${shown}:${problem.line}: ${problem.reason}`);
        return { name, source, post: null };
      }
    });
  if (broken.length > 0)
    throw new Error(`content:publish would refuse these files; fix them before importing:\n${broken.join('\n')}`);
  return files;
}
