// One rule turns names into URL slugs, on both sides: content:publish makes
// tag slugs with it, and the Worker maps old WordPress category addresses to
// those tags with it.

/** "Accessibilité" → "accessibilite": lowercase ASCII, hyphens between words. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}
