// Reads every content/posts file of one run and checks them against each
// other (two files with one slug, two claiming one old WordPress address).
// Nothing stops at the first problem: every problem of every file is
// collected, so that one run tells the author all there is to fix.
import { isLocalFileReference, type MediaLibrary, rewriteMediaReferences } from './media.ts';
import { pageProblems } from './page-set.ts';
import { type ImageLookup, type Post, type PostClaims, PostError, type PostKind, parsePost } from './post.ts';
import { sourceHashOf } from './sql.ts';

export interface SourceFile {
  /** The path shown to the author, e.g. content/posts/mon-billet.md. */
  file: string;
  source: string;
  /** A file of content/pages is a standalone page; any other, an article. */
  kind?: PostKind;
}

export interface LoadedPost {
  post: Post;
  sourceHash: string;
}

export type { ImageLookup } from './post.ts';

export interface PostSetOptions {
  defaultLanguage: 'fr' | 'en';
  readImage: ImageLookup;
  /**
   * Slug → source hash of the articles already in D1. Of two files sharing a
   * slug, the one D1 already holds unchanged keeps it; the other is the new
   * one. Asked for only when two files collide: reading D1 takes a while.
   */
  published?: () => ReadonlyMap<string, string>;
  /** The run's media: local files the posts reference are published to the bucket (scripts/lib/media.ts). */
  media?: MediaLibrary;
  /**
   * Slug → kind of every row already in D1: a page may not take the address
   * of an article that lost its file, nor an article a page's.
   */
  existingKinds?: () => ReadonlyMap<string, PostKind>;
}

type Problem = { line: number; reason: string };

/** Every post, or every problem (one PostError per broken file, files in the order given). */
export async function readPostSet(
  files: SourceFile[],
  options: PostSetOptions,
): Promise<{ posts: LoadedPost[]; errors: PostError[] }> {
  const problems = new Map<string, Problem[]>();
  const report = (file: string, problem: Problem) => {
    problems.set(file, [...(problems.get(file) ?? []), problem]);
  };
  const loaded: LoadedPost[] = [];
  // What each file claims (a broken one too), with its source hash once it parses.
  const claimants: { file: string; kind: PostKind; claims: PostClaims; sourceHash: string | null }[] = [];
  for (const { file, source, kind = 'article' } of files) {
    let post: Post;
    try {
      post = parsePost(file, source, options.defaultLanguage, options.readImage, kind);
    } catch (error) {
      if (!(error instanceof PostError)) throw error;
      for (const problem of error.problems) report(file, problem);
      if (error.claims) claimants.push({ file, kind, claims: error.claims, sourceHash: null });
      continue;
    }
    const media = options.media ? await publishMediaOf(post, source, options.media) : { keys: [], problems: [] };
    if (media.problems.length > 0) {
      for (const problem of media.problems) report(file, problem);
      claimants.push({ file, kind, claims: post, sourceHash: null });
      continue;
    }
    // A file that changes changes its name, so the article is written again; no media, the hash is as it always was.
    const sourceHash = await sourceHashOf(
      source,
      JSON.stringify(post.imageSize),
      ...(media.keys.length > 0 ? [media.keys.join(' ')] : []),
    );
    loaded.push({ post, sourceHash });
    claimants.push({ file, kind, claims: post, sourceHash });
  }

  // Of files that collide, the one D1 already holds as it is keeps its claim;
  // otherwise the first in file-name order does. Every other one is told.
  type Claimant = (typeof claimants)[number];
  let published: ReadonlyMap<string, string> | undefined;
  const settled = ({ claims, sourceHash }: Claimant) => {
    if (sourceHash === null || claims.slug === null) return false;
    published ??= options.published?.() ?? new Map();
    return published.get(claims.slug) === sourceHash;
  };
  const byKey = new Map<string, Claimant[]>();
  for (const claimant of claimants) {
    const { slug, legacy } = claimant.claims;
    const keys = [
      slug === null ? null : `slug ${slug}`,
      legacy.wordpressId === null ? null : `wordpress_id ${legacy.wordpressId}`,
      legacy.path === null ? null : `wordpress_path ${legacy.path}`,
    ];
    for (const key of keys) if (key) byKey.set(key, [...(byKey.get(key) ?? []), claimant]);
  }
  for (const [key, group] of byKey) {
    if (group.length < 2) continue;
    const owner = group.find(settled) ?? (group[0] as Claimant);
    const kind = key.slice(0, key.indexOf(' '));
    const value = key.slice(kind.length + 1);
    const other = `${owner.file}${settled(owner) ? ', already published' : ''}`;
    for (const claimant of group) {
      if (claimant === owner) continue;
      const both = claimant.kind === 'page' || owner.kind === 'page' ? 'two files' : 'two articles';
      report(claimant.file, {
        line: claimant.claims.lines[kind] ?? 1,
        reason:
          kind === 'slug'
            ? `slug "${value}" is already used by ${other}: ${both} cannot share one address; give this file its own "slug:" line (or remove one of the two files)`
            : `old WordPress address ${kind === 'wordpress_id' ? `/?p=${value}` : value} is already claimed by ${other}: only one article can answer it; remove ${kind} from one of the two files`,
      });
    }
  }

  for (const { file, problem } of pageProblems(claimants, loaded, options.existingKinds)) report(file, problem);

  const errors = files
    .filter(({ file }) => problems.has(file))
    .map(({ file }) => PostError.of(file, problems.get(file) as Problem[]));
  return { posts: errors.length > 0 ? [] : loaded, errors };
}

/**
 * Points the post's featured image and body at the bucket (in place), and
 * says which files it needs; a missing file is a problem on the line that
 * names it (the "image:" line, or the body line where the reference is written).
 */
async function publishMediaOf(
  post: Post,
  source: string,
  library: MediaLibrary,
): Promise<{ keys: string[]; problems: Problem[] }> {
  const keys: string[] = [];
  const problems: Problem[] = [];
  if (post.image && isLocalFileReference(post.image.url)) {
    const file = await library.resolve(post.file, post.image.url);
    if ('problem' in file) problems.push({ line: post.lines.image ?? 2, reason: `image ${file.problem}` });
    else {
      keys.push(file.key);
      post.image.url = `/media/${file.key}`;
      if (!post.imageSize && file.width && file.height) post.imageSize = { width: file.width, height: file.height };
    }
  }
  // The featured image is the article's first: then every image of the body loads lazily.
  const body = await rewriteMediaReferences(post.bodyHtml, post.file, library, { eagerImages: post.image ? 0 : 1 });
  post.bodyHtml = body.html;
  for (const key of body.keys) if (!keys.includes(key)) keys.push(key);
  for (const { url, reason } of body.problems) problems.push({ line: lineOf(source, url), reason });
  return { keys, problems };
}

/** The first line of the file where `url` is written (as written, or decoded), else the first line. */
function lineOf(source: string, url: string): number {
  let at = source.indexOf(url);
  if (at < 0) {
    try {
      at = source.indexOf(decodeURI(url));
    } catch {
      at = -1;
    }
  }
  return at < 0 ? 1 : source.slice(0, at).split('\n').length;
}
