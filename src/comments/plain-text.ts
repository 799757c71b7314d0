// How a comment was shown before commenters could format it: plain text,
// escaped. `npm run comments -- convert` stores this rendering as the HTML of
// the comments written then (scripts/lib/convert-comments.ts), and the
// Worker falls back on it for a row still without HTML.
// Imports name their .ts files: the import scripts (demo comments, WordPress) run it in Node.
import { html, type SafeHtml } from '../views/html.ts';
import { splitUrls } from './text.ts';

/**
 * Plain text to paragraphs: blank lines split paragraphs, newlines become
 * <br>, http(s) addresses become links that pass no reputation.
 */
export function renderPlainCommentText(text: string): SafeHtml {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return html`${paragraphs.map(
    (paragraph) =>
      html`<p>${paragraph
        .split('\n')
        .map((line, index) => html`${index === 0 ? '' : html`<br>`}${renderLinkedLine(line)}`)}</p>`,
  )}`;
}

function renderLinkedLine(line: string): SafeHtml {
  return html`${splitUrls(line).map((part) =>
    part.url ? html`<a href="${part.url}" rel="nofollow ugc noopener">${part.text}</a>` : part.text,
  )}`;
}
