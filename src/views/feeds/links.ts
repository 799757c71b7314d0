// Where each feed lives, and the <link rel="alternate"> tags that let feed
// readers find them from any page (autodiscovery).
import type { BlogSettings } from '../../config';
import type { Strings } from '../i18n';
import { articlePath, tagPath } from '../layout';

/** What a feed follows: the whole blog, one tag, or one article's comments. */
export type FeedScope =
  | { kind: 'blog' }
  | { kind: 'tag'; slug: string; name: string }
  | { kind: 'comments'; slug: string; title: string };

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FORMATS: readonly { format: FeedFormat; file: string; type: string; label: string }[] = [
  { format: 'rss', file: 'feed.xml', type: 'application/rss+xml', label: 'RSS' },
  { format: 'atom', file: 'atom.xml', type: 'application/atom+xml', label: 'Atom' },
  { format: 'json', file: 'feed.json', type: 'application/feed+json', label: 'JSON Feed' },
];

/** "/feed.xml", "/tag/blog/atom.xml", "/mon-article/comments/feed.json". */
export function feedPath(scope: FeedScope, format: FeedFormat): string {
  const file = FEED_FORMATS.find((entry) => entry.format === format)?.file as string;
  switch (scope.kind) {
    case 'blog':
      return `/${file}`;
    case 'tag':
      return `${tagPath(scope.slug)}/${file}`;
    case 'comments':
      return `${articlePath(scope.slug)}/comments/${file}`;
  }
}

export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

/** The blog's feeds first, then the page's own, each in every format. */
export function feedLinks(settings: BlogSettings, t: Strings, scopes: FeedScope[]): FeedLink[] {
  return [{ kind: 'blog' } as FeedScope, ...scopes].flatMap((scope) =>
    FEED_FORMATS.map(({ format, type, label }) => ({
      type,
      title: `${feedTitle(settings, t, scope)} – ${label}`,
      href: feedPath(scope, format),
    })),
  );
}

export function feedTitle(settings: BlogSettings, t: Strings, scope: FeedScope): string {
  switch (scope.kind) {
    case 'blog':
      return settings.title;
    case 'tag':
      return `${settings.title} – ${t.feedTitles.tag(scope.name)}`;
    case 'comments':
      return `${settings.title} – ${t.feedTitles.comments(scope.title)}`;
  }
}
