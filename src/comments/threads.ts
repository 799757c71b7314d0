// Thread depth: a reply never nests deeper than COMMENT_MAX_DEPTH.

/**
 * Where a reply attaches: under its parent, unless that would nest deeper
 * than maxDepth; then beside the deepest allowed level. `chain` lists the
 * parent, then its ancestors up to the first comment of the thread.
 */
export function attachmentPoint(chain: number[], maxDepth: number): number | null {
  if (chain.length === 0 || maxDepth <= 1) return null;
  // The parent sits at level chain.length; the reply would sit one below.
  const excess = chain.length + 1 - maxDepth;
  return excess <= 0 ? (chain[0] as number) : (chain[excess] as number);
}
