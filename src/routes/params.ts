// Validation of what readers put in URLs. Bad values answer 400 or 404,
// never reach D1 and never cause a 500.

/** Highest page number worth asking D1 about; anything above is a 404. */
const MAX_PAGE = 1_000_000;

export type PageParam = { page: number } | { error: 400 | 404 } | { redirectTo: string };

/** Reads `?page=N` (or `?<name>=N`): missing → 1, `=1` → redirect to the bare URL. */
export function parsePageParam(url: URL, name = 'page'): PageParam {
  const values = url.searchParams.getAll(name);
  if (values.length === 0) return { page: 1 };
  const value = values[0] as string;
  if (values.length > 1 || !/^[0-9]+$/.test(value)) return { error: 400 };
  const page = Number(value);
  if (page < 1) return { error: 400 };
  if (page > MAX_PAGE) return { error: 404 };
  if (page === 1) {
    const bare = new URL(url);
    bare.searchParams.delete(name);
    return { redirectTo: bare.pathname + bare.search };
  }
  return { page };
}

/** Reads an article's `?cpage=N` (its comments page) by the same rules as `?page=`. */
export function parseCommentPageParam(url: URL): PageParam {
  return parsePageParam(url, 'cpage');
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,198}[a-z0-9])?$/;

export type SlugParam = { slug: string } | { redirectToSlug: string } | { error: 404 };

/**
 * Slugs are lowercase ASCII. An uppercase spelling of a valid slug redirects
 * to its canonical form; anything else cannot exist.
 */
export function parseSlug(raw: string | undefined): SlugParam {
  if (raw === undefined) return { error: 404 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { error: 404 };
  }
  if (SLUG.test(decoded)) return { slug: decoded };
  const lower = decoded.toLowerCase();
  if (SLUG.test(lower)) return { redirectToSlug: lower };
  return { error: 404 };
}
