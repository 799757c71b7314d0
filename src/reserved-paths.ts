// First path segments the blog itself answers at "/<name>" (src/index.ts, and
// the old WordPress addresses src/routes/legacy.ts redirects). Publishing
// refuses them as slugs (scripts/lib/post.ts), and the child-page route never
// takes them for a parent (src/routes/page.ts). No imports: Node's scripts read
// this file as it is.
export const RESERVED_FIRST_SEGMENTS: readonly string[] = [
  'admin',
  'archives',
  'category',
  'comments',
  'feed',
  'media',
  'page',
  'search',
  'tag',
  'webmention',
];
