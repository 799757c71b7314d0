// What RSS and Atom share: XML needs the same five escapes as HTML, so both
// go through the `html` template; and a few characters XML 1.0 forbids
// outright, which one stray title or comment must not use to break a feed.
import type { SafeHtml } from '../html';

// C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlDocument(body: SafeHtml): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${body.value.replace(NOT_XML, '')}`;
}
