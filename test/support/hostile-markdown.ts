// What an attacker writes in a comment now that comments take light Markdown:
// every way of smuggling a script through a link, an image, raw HTML, broken
// or nested markup, entities and control characters, up to the size cap.
// Plain data, reusable by any harness (the browser journeys can send it too).
// Each must come out with no element outside the comments' short list, no
// attribute but a link's href and rel (and a list's start), and every href
// http(s) or mailto.

export interface HostileMarkdown {
  name: string;
  value: string;
}

const JS = 'alert(1)';

export const HOSTILE_MARKDOWN: readonly HostileMarkdown[] = [
  // javascript: in every spelling, as a link's address.
  { name: 'link to javascript:', value: `[clic](javascript:${JS})` },
  { name: 'link, mixed case', value: `[clic](JaVaScRiPt:${JS})` },
  { name: 'link, decimal entity', value: `[clic](&#106;avascript:${JS})` },
  { name: 'link, hex entity', value: `[clic](&#x6A;avascript:${JS})` },
  { name: 'link, zero-padded entity', value: `[clic](&#0000106;avascript:${JS})` },
  { name: 'link, entities without semicolons', value: `[clic](&#106&#97&#118&#97script:${JS})` },
  {
    name: 'link, every letter an entity',
    value: `[clic](${[...'javascript'].map((c) => `&#${c.charCodeAt(0)};`).join('')}:${JS})`,
  },
  { name: 'link, &colon;', value: `[clic](javascript&colon;${JS})` },
  { name: 'link, tab entity inside', value: `[clic](java&#09;script:${JS})` },
  { name: 'link, newline entity inside', value: `[clic](java&#10;script:${JS})` },
  { name: 'link, carriage return entity inside', value: `[clic](java&#x0D;script:${JS})` },
  { name: 'link, raw tab inside', value: `[clic](java\tscript:${JS})` },
  { name: 'link, raw newline inside', value: `[clic](<java\nscript:${JS}>)` },
  { name: 'link, NUL inside', value: `[clic](java\u0000script:${JS})` },
  { name: 'link, leading control and spaces', value: `[clic](<\u0001  javascript:${JS}>)` },
  { name: 'link, leading entity space', value: `[clic](&#32;javascript:${JS})` },
  { name: 'link in angle brackets', value: `[clic](<javascript:${JS}>)` },
  { name: 'link, backslash-escaped colon', value: `[clic](javascript\\:${JS})` },
  { name: 'link to vbscript:', value: '[clic](vbscript:msgbox(1))' },
  { name: 'link to data: HTML', value: '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
  { name: 'link to data:, entity-spelled', value: '[clic](&#100;ata:text/html,<script>alert(1)</script>)' },
  { name: 'link to file:', value: '[clic](file:///etc/passwd)' },
  { name: 'protocol-relative link', value: '[clic](//evil.example/)' },
  // Autolinks and bare addresses.
  { name: 'autolink to javascript:', value: `<javascript:${JS}>` },
  { name: 'autolink, upper case', value: `<JAVASCRIPT:${JS}>` },
  { name: 'autolink to vbscript:', value: '<vbscript:msgbox(1)>' },
  { name: 'autolink to data:', value: '<data:text/html,<script>alert(1)</script>>' },
  { name: 'bare javascript:', value: `javascript:${JS}` },
  { name: 'bare URL with a quote and a handler', value: 'https://example.org/"onmouseover="alert(1)' },
  { name: 'bare URL followed by a tag', value: 'https://example.org/<script>alert(1)</script>' },
  { name: 'www address breaking out', value: 'www.example.org/"><script>alert(1)</script>' },
  // Reference-style links.
  { name: 'reference to javascript:', value: `[clic][x]\n\n[x]: javascript:${JS}` },
  { name: 'shortcut reference, entity', value: `[x]\n\n[x]: &#106;avascript:${JS}` },
  {
    name: 'reference with a breaking title',
    value: '[clic][x]\n\n[x]: https://example.org/ "t\\" onmouseover=\\"alert(1)"',
  },
  // Quotes that try to break out of the attribute.
  { name: 'link address with a quote', value: '[clic](https://example.org/" onmouseover="alert(1))' },
  {
    name: 'link address in brackets with a quote',
    value: '[clic](<https://example.org/"onfocus="alert(1)"autofocus>)',
  },
  { name: 'link title with a quote', value: '[clic](https://example.org/ "t\\" onclick=\\"alert(1)")' },
  { name: 'link text with markup', value: '[<img src=x onerror=alert(1)>](https://example.org/)' },
  { name: 'link text breaking out', value: '[a"><script>alert(1)</script>](https://example.org/)' },
  { name: 'mailto with markup', value: '[écrire](mailto:a@example.org?subject=<script>alert(1)</script>)' },
  // Images.
  { name: 'image from javascript:', value: `![x](javascript:${JS})` },
  { name: 'image with a breaking description', value: '![x" onerror="alert(1)](https://example.org/i.png)' },
  { name: 'image with a breaking address', value: '![x](https://example.org/i.png" onerror="alert(1))' },
  { name: 'tracking pixel', value: '![](https://tracker.example/pixel.gif)' },
  // Raw HTML.
  { name: 'script element', value: '<script>alert(1)</script>' },
  { name: 'img onerror', value: '<img src=x onerror=alert(1)>' },
  { name: 'svg onload', value: '<svg onload=alert(1)>' },
  { name: 'iframe', value: `<iframe src="javascript:${JS}"></iframe>` },
  { name: 'iframe srcdoc', value: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: 'raw link', value: `<a href="javascript:${JS}">clic</a>` },
  { name: 'details ontoggle', value: '<details open ontoggle=alert(1)>' },
  { name: 'style element', value: '<style>*{background:url(javascript:alert(1))}</style>' },
  // Nested, broken and unclosed markup.
  { name: 'doubled bracket', value: '<<script>alert(1)//<</script>' },
  { name: 'script inside script', value: '<scr<script>ipt>alert(1)</scr</script>ipt>' },
  { name: 'unclosed img', value: '<img src=x onerror=alert(1)' },
  { name: 'unclosed link', value: `<a href="javascript:${JS}">clic` },
  { name: 'HTML comment', value: '<!-- <script>alert(1)</script> -->' },
  { name: 'unclosed HTML comment', value: '<!-- <img src=x onerror=alert(1)>' },
  { name: 'CDATA', value: '<![CDATA[<script>alert(1)</script>]]>' },
  { name: 'HTML block with Markdown inside', value: '<div>\n**<img src=x onerror=alert(1)>**\n</div>' },
  { name: 'markup inside strong', value: '**<img src=x onerror=alert(1)>**' },
  { name: 'markup inside emphasis', value: '*<svg onload=alert(1)>*' },
  { name: 'markup inside code', value: '`<script>alert(1)</script>`' },
  { name: 'code fence closing the pre', value: '```\n</code></pre><script>alert(1)</script>\n```' },
  { name: 'code fence with a hostile language', value: '```"><script>alert(1)</script>\nx\n```' },
  { name: 'markup in a quote', value: '> <script>alert(1)</script>\n> <img src=x onerror=alert(1)>' },
  { name: 'markup in a list', value: '- <img src=x onerror=alert(1)>\n- [clic](javascript:alert(1))' },
  { name: 'ordered list with a hostile start', value: '999999999. <svg onload=alert(1)>' },
  { name: 'heading with markup', value: '# <script>alert(1)</script>' },
  { name: 'table with markup', value: '| <img src=x onerror=alert(1)> |\n|---|\n| x |' },
  // Entities that decode to markup.
  { name: 'entity-encoded script', value: '&lt;script&gt;alert(1)&lt;/script&gt;' },
  { name: 'numeric entities', value: '&#60;img src=x onerror=alert(1)&#62;' },
  // Depth and size, at the 10,000-character cap.
  { name: 'quotes nested 5,000 deep', value: `${'>'.repeat(5000)} <script>alert(1)</script>` },
  {
    name: 'lists nested 40 deep',
    value: Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- <b>x</b>`).join('\n'),
  },
  { name: 'javascript: links up to the cap', value: `[a](javascript:${JS}) `.repeat(400).slice(0, 10_000) },
  { name: 'script tags up to the cap', value: '<script>'.repeat(1250) },
  { name: 'emphasis markers up to the cap', value: '_a'.repeat(5000) },
  { name: 'open brackets up to the cap', value: `${'['.repeat(9_990)}](x)` },
];
