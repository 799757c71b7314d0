// What an attacker (or an unlucky paste) puts in a form field or a query
// parameter: markup and script, SQL and FTS5 metacharacters, Unicode that
// reorders or hides text, lookalikes, overlong and blank values. Plain data,
// reusable by any harness (the browser journeys can send the same strings).
//
// Each entry says what the comment rules of src/comments/text.ts keep of it:
//   line  one-line fields (name, e-mail, website): NFC; line breaks become a
//         space; control characters, bidi controls and every zero-width or
//         invisible format character (U+200B–U+200F, U+2060–U+2064, U+FEFF)
//         removed; runs of white space made one; trimmed.
//   text  the comment itself: NFC; CR LF, CR, U+2028 and U+2029 become LF;
//         control characters (but tab and LF), bidi embeddings, overrides and
//         isolates, zero-width spaces, word joiners and BOMs removed; zero-width
//         joiners and non-joiners kept (emoji sequences, Persian, Indic
//         scripts), and so are the LRM/RLM marks (punctuation in Arabic and
//         Hebrew text); trailing spaces of each line and outer white space trimmed.
// `blank`: nothing visible is left, so a required field is refused as empty.
// When `line` or `text` is missing the value is kept exactly.

export type HostileKind = 'markup' | 'sql' | 'unicode' | 'blank';

export interface HostilePayload {
  name: string;
  kind: HostileKind;
  value: string;
  line?: string;
  text?: string;
  blank?: boolean;
}

export const HOSTILE_CORPUS: readonly HostilePayload[] = [
  // Markup and script: every one must come back as text, never as an element or attribute.
  { name: 'script element', kind: 'markup', value: '<script>alert(1)</script>' },
  { name: 'attribute breakout, img onerror', kind: 'markup', value: '"><img src=x onerror=alert(1)>' },
  { name: 'single-quote breakout, svg onload', kind: 'markup', value: "'><svg onload=alert(1)>" },
  { name: 'script inside svg', kind: 'markup', value: '<svg><script>alert(1)</script></svg>' },
  { name: 'javascript: URL', kind: 'markup', value: 'javascript:alert(1)' },
  {
    name: 'javascript: URL, mixed case with a tab',
    kind: 'markup',
    value: 'JaVa\tScRiPt:alert(document.cookie)',
    line: 'JaVa ScRiPt:alert(document.cookie)',
  },
  { name: 'textarea breakout', kind: 'markup', value: '</textarea><script>alert(1)</script>' },
  { name: 'title breakout', kind: 'markup', value: '</title><script>alert(1)</script>' },
  { name: 'JSON-LD breakout', kind: 'markup', value: '</script><script>alert(1)</script>' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} is the payload.
  { name: 'template expressions', kind: 'markup', value: '{{7*7}} ${7*7} <%= 7*7 %> #{7*7}' },
  { name: 'data: URL', kind: 'markup', value: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' },
  { name: 'entity-encoded script', kind: 'markup', value: '&lt;script&gt;alert(1)&lt;/script&gt;' },
  { name: 'numeric entities', kind: 'markup', value: '&#60;img src=x onerror=alert(1)&#62;' },
  { name: 'percent-encoded script', kind: 'markup', value: '%3Cscript%3Ealert(1)%3C%2Fscript%3E' },
  { name: 'link to javascript:', kind: 'markup', value: '<a href="javascript:alert(1)">clic</a>' },
  { name: 'iframe srcdoc', kind: 'markup', value: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  {
    name: 'mutation XSS (math, style)',
    kind: 'markup',
    value: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  },
  { name: 'markup in an HTML comment', kind: 'markup', value: '<!--<img src=x onerror=alert(1)>-->' },
  { name: 'URL with a quote and a handler', kind: 'markup', value: 'https://example.org/"onmouseover="alert(1)' },
  { name: 'URL with a script in its query', kind: 'markup', value: 'https://example.org/?q=<script>alert(1)</script>' },
  {
    name: 'style attribute with a javascript: URL',
    kind: 'markup',
    value: '<div style="background:url(javascript:alert(1))">x</div>',
  },
  { name: 'meta refresh', kind: 'markup', value: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">' },
  { name: 'base element', kind: 'markup', value: '<base href="https://evil.example/">' },
  {
    name: 'form to elsewhere',
    kind: 'markup',
    value: '<form action="https://evil.example/"><button>go</button></form>',
  },

  // SQL and FTS5: bound parameters and quoted FTS5 strings make them plain text.
  { name: 'OR 1=1', kind: 'sql', value: "' OR 1=1 --" },
  { name: 'DROP TABLE', kind: 'sql', value: '"; DROP TABLE comments; --' },
  { name: 'DELETE in parentheses', kind: 'sql', value: "'); DELETE FROM comments WHERE ('1'='1" },
  { name: 'LIKE wildcard %', kind: 'sql', value: '%' },
  { name: 'LIKE wildcard _', kind: 'sql', value: '_' },
  { name: 'LIKE with ESCAPE', kind: 'sql', value: "%_%' ESCAPE '\\" },
  { name: 'backslashes', kind: 'sql', value: 'C:\\Windows\\System32\\ \\\' \\"' },
  { name: 'NUL byte', kind: 'sql', value: 'a\u0000b', line: 'ab', text: 'ab' },
  { name: 'FTS5 operators', kind: 'sql', value: 'NEAR(commun* auté) title:x "unbalanced ^start -minus AND OR NOT' },

  // Unicode: what reorders, hides, imitates or stacks.
  { name: 'right-to-left override', kind: 'unicode', value: '\u202Egnp.exe', line: 'gnp.exe', text: 'gnp.exe' },
  {
    name: 'bidi isolates and embeddings',
    kind: 'unicode',
    value: 'a\u2066b\u2069c\u202Ad\u202C',
    line: 'abcd',
    text: 'abcd',
  },
  { name: 'RLM and LRM marks', kind: 'unicode', value: '\u200Fשלום\u200E', line: 'שלום' },
  { name: 'zero-width space inside a word', kind: 'unicode', value: 'vi\u200Bagra', line: 'viagra', text: 'viagra' },
  { name: 'zero-width joiner and non-joiner', kind: 'unicode', value: 'a\u200Db\u200Cc', line: 'abc' },
  { name: 'BOM and word joiner', kind: 'unicode', value: '\uFEFFx\u2060y', line: 'xy', text: 'xy' },
  { name: 'Cyrillic homoglyphs', kind: 'unicode', value: 'раураl.com Ꭺdmin' },
  { name: 'decomposed accent (NFC)', kind: 'unicode', value: 'Cafe\u0301', line: 'Café', text: 'Café' },
  { name: 'stacked combining marks', kind: 'unicode', value: 'Z\u0334\u0321a\u0337l\u0338g\u0336o\u0335' },
  { name: 'emoji with skin tones', kind: 'unicode', value: '👍🏽 👋🏿' },
  { name: 'emoji ZWJ family', kind: 'unicode', value: '👩\u200D👩\u200D👧\u200D👦', line: '👩👩👧👦' },
  { name: 'flag', kind: 'unicode', value: '🇫🇷' },
  { name: 'Unicode line separators', kind: 'unicode', value: 'a\u2028b\u2029c', line: 'a b c', text: 'a\nb\nc' },
  { name: 'CR LF', kind: 'unicode', value: 'a\r\nb', line: 'a b', text: 'a\nb' },
  { name: 'Arabic', kind: 'unicode', value: 'مرحبا بالعالم' },
  { name: 'C1 controls', kind: 'unicode', value: 'a\u0085b\u009Bc', line: 'abc', text: 'abc' },
  {
    name: 'terminal escapes',
    kind: 'unicode',
    value: '\u001B[31mred\u001B[0m',
    line: '[31mred[0m',
    text: '[31mred[0m',
  },

  // Nothing to see.
  { name: 'empty', kind: 'blank', value: '', blank: true },
  { name: 'spaces', kind: 'blank', value: '   ', line: '', text: '', blank: true },
  { name: 'tabs and line breaks', kind: 'blank', value: '\t\n\r\n', line: '', text: '', blank: true },
  { name: 'no-break and ideographic spaces', kind: 'blank', value: '\u00A0\u3000', line: '', text: '', blank: true },
  {
    name: 'zero-width characters only',
    kind: 'blank',
    value: '\u200B\u200D\u2060\uFEFF',
    line: '',
    text: '\u200D',
    blank: true,
  },
  { name: 'Hangul filler', kind: 'blank', value: '\u3164', blank: true },
  { name: 'braille blank', kind: 'blank', value: '\u2800', blank: true },
];

/** What a one-line field keeps of a payload. */
export function expectedLine(payload: HostilePayload): string {
  return payload.line ?? payload.value;
}

/** What the comment text keeps of a payload. */
export function expectedText(payload: HostilePayload): string {
  return payload.text ?? payload.value;
}

/**
 * Values around a field's limit (in characters as a reader counts them):
 * ten times over (refused), and exactly at it with characters that take two
 * UTF-16 units or two code points before NFC (accepted).
 */
export function lengthPayloads(limit: number): { name: string; value: string; expected: string; fits: boolean }[] {
  return [
    { name: `ten times the limit (${limit * 10})`, value: 'a'.repeat(limit * 10), expected: '', fits: false },
    { name: 'one over the limit', value: 'b'.repeat(limit + 1), expected: '', fits: false },
    { name: 'the limit in emoji', value: '😀'.repeat(limit), expected: '😀'.repeat(limit), fits: true },
    {
      name: 'the limit in decomposed accents',
      value: 'e\u0301'.repeat(limit),
      expected: 'é'.repeat(limit),
      fits: true,
    },
  ];
}
