// What standalone pages must agree on with the other files of a run, and with
// D1: a page's address is /<slug>, the same namespace as articles, so a page
// may not take an article's slug (checked in post-set.ts for two files, here
// for a row already in D1) nor a tag's; its parent must be a page of the run,
// and pages nest one level deep (/<parent>/<slug>), which also rules out cycles.

import type { PostClaims, PostKind } from './post.ts';
import type { LoadedPost } from './post-set.ts';

interface Claimant {
  file: string;
  kind: PostKind;
  claims: PostClaims;
}

type Problem = { line: number; reason: string };

export function pageProblems(
  claimants: readonly Claimant[],
  loaded: readonly LoadedPost[],
  existingKinds?: () => ReadonlyMap<string, PostKind>,
): { file: string; problem: Problem }[] {
  const found: { file: string; problem: Problem }[] = [];
  const report = (claimant: Claimant, key: string, reason: string) =>
    found.push({ file: claimant.file, problem: { line: claimant.claims.lines[key] ?? 1, reason } });
  const bySlug = new Map<string, Claimant>();
  for (const claimant of claimants) {
    if (claimant.claims.slug !== null && !bySlug.has(claimant.claims.slug)) bySlug.set(claimant.claims.slug, claimant);
  }

  // The first article file carrying each tag, to name it.
  const tagOwners = new Map<string, { file: string; name: string }>();
  for (const { post } of loaded) {
    if (post.page) continue;
    for (const tag of post.tags)
      if (!tagOwners.has(tag.slug)) tagOwners.set(tag.slug, { file: post.file, name: tag.name });
  }

  for (const claimant of claimants) {
    if (claimant.kind !== 'page') continue;
    const slug = claimant.claims.slug;
    const tag = slug === null ? undefined : tagOwners.get(slug);
    if (tag)
      report(
        claimant,
        'slug',
        `slug "${slug}" is also the tag "${tag.name}" of ${tag.file} (/tag/${slug}): a page and a tag would share a name in search and menus; give this page another slug, or rename the tag`,
      );
    const parent = claimant.claims.page?.parent ?? null;
    if (parent === null) continue;
    const owner = bySlug.get(parent);
    if (!owner) {
      report(claimant, 'parent', `parent "${parent}" is not a page: no file in content/pages has that slug`);
    } else if (owner.kind !== 'page') {
      report(claimant, 'parent', `parent "${parent}" is an article (${owner.file}), not a page`);
    } else if (owner.claims.page?.parent) {
      const grandparent = owner.claims.page.parent;
      report(
        claimant,
        'parent',
        grandparent === slug
          ? `parent "${parent}" has this page as its own parent (${owner.file}): a cycle; remove "parent:" from one of the two files`
          : `parent "${parent}" is itself a child of "${grandparent}" (${owner.file}): pages nest one level deep, /<parent>/<slug>`,
      );
    }
  }

  if (existingKinds && claimants.length > 0) {
    const inD1 = existingKinds();
    for (const claimant of claimants) {
      const slug = claimant.claims.slug;
      const kindInD1 = slug === null ? undefined : inD1.get(slug);
      if (kindInD1 === undefined || kindInD1 === claimant.kind) continue;
      // Two files of the run sharing the slug are told so by post-set.ts already.
      if (claimants.some((other) => other.claims.slug === slug && other.kind === kindInD1)) continue;
      const folder = kindInD1 === 'page' ? 'content/pages' : 'content/posts';
      report(
        claimant,
        'slug',
        `slug "${slug}" is already used by the ${kindInD1} /${slug} in D1, whose file is no longer in ${folder}: ${claimant.kind === 'page' ? 'a page' : 'an article'} cannot take the address of ${kindInD1 === 'page' ? 'a page' : 'an article'} (its comments would move with it); give this file another slug`,
      );
    }
  }
  return found;
}
