// Atom 1.0 (RFC 4287). xml:lang on the feed, and on an entry written in the
// other language; HTML travels escaped in type="html" elements.
import type { BlogSettings } from '../../config';
import { html, type SafeHtml } from '../html';
import { absoluteUrl, tagPath } from '../layout';
import { type Feed, type FeedEntry, type FeedPerson, feedUrl, GENERATOR, rfc3339 } from './model';
import { xmlDocument } from './xml';

export function renderAtom(settings: BlogSettings, feed: Feed): string {
  // Atom requires <updated>; only a blog with nothing published yet has no date to give.
  const updated = rfc3339(feed.updated ?? 0);
  return xmlDocument(html`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.language}">
<id>${feed.id}</id>
<title type="text">${feed.title}</title>
<subtitle type="text">${feed.description}</subtitle>
<updated>${updated}</updated>
<link rel="alternate" type="text/html" href="${feed.homeUrl}"/>
<link rel="self" type="application/atom+xml" href="${feedUrl(settings, feed, 'atom')}"/>
${renderAuthor(feed.author)}
<generator>${GENERATOR}</generator>
<icon>${feed.iconUrl}</icon>
${feed.entries.map((entry) => renderEntry(settings, feed, entry))}
</feed>
`);
}

function renderEntry(settings: BlogSettings, feed: Feed, entry: FeedEntry): SafeHtml {
  // The tag pages' common prefix: a category's term is its slug under it.
  const tagScheme = absoluteUrl(settings, tagPath(''));
  return html`<entry${entry.language === feed.language ? '' : html` xml:lang="${entry.language}"`}>
<id>${entry.id}</id>
<title type="text">${entry.title}</title>
<link rel="alternate" type="text/html" href="${entry.url}"/>
<published>${rfc3339(entry.published)}</published>
<updated>${rfc3339(entry.updated)}</updated>
${renderAuthor(entry.author)}
${entry.categories.map(
  (category) => html`<category term="${category.term}" label="${category.label}" scheme="${tagScheme}"/>
`,
)}
${entry.summary === null ? '' : html`<summary type="text">${entry.summary}</summary>`}
${
  'html' in entry.content
    ? html`<content type="html">${entry.content.html}</content>`
    : html`<content type="text">${entry.content.text}</content>`
}
${
  entry.image
    ? html`<link rel="enclosure" href="${entry.image.url}"${entry.image.type ? html` type="${entry.image.type}"` : ''}${
        entry.image.alt ? html` title="${entry.image.alt}"` : ''
      }/>`
    : ''
}
</entry>
`;
}

function renderAuthor(person: FeedPerson): SafeHtml {
  return html`<author><name>${person.name}</name>${person.url ? html`<uri>${person.url}</uri>` : ''}</author>`;
}
