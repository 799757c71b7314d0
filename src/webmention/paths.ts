// Where mentions are received: advertised in every page's head, in the
// article page's Link header, and under its comments.
export const WEBMENTION_PATH = '/webmention';

/** Where trackbacks to an article are sent. */
export function trackbackPath(slug: string): string {
  return `/${slug}/trackback`;
}
