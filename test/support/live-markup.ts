// Reads a page with HTMLRewriter (lol-html, which tokenises HTML as browsers
// do) and reports everything in it that could run code or take the page
// elsewhere: inline scripts other than JSON-LD data blocks, scripts from
// another origin, event handler attributes, style attributes and elements,
// javascript:/data:/vbscript: URLs, frames, plugins, <base>, meta refresh,
// forms posting to another site.
// A payload that escaped the `html` template would show up here as such an
// element or attribute, whatever its spelling.

export interface ScannedElement {
  tag: string;
  attributes: [string, string][];
  /** Text inside a <script>, raw. */
  scriptText: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Undoes src/views/html.ts's escaping (the only entities our pages contain in text and attributes). */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] as string);
}

export async function scanElements(html: string): Promise<ScannedElement[]> {
  const elements: ScannedElement[] = [];
  let currentScript: ScannedElement | null = null;
  await new HTMLRewriter()
    .on('*', {
      element(element) {
        const scanned: ScannedElement = {
          tag: element.tagName.toLowerCase(),
          attributes: [...element.attributes].map((pair): [string, string] => [
            String(pair[0]).toLowerCase(),
            String(pair[1]),
          ]),
          scriptText: '',
        };
        elements.push(scanned);
        if (scanned.tag === 'script') currentScript = scanned;
      },
    })
    .on('script', {
      text(chunk) {
        if (currentScript) currentScript.scriptText += chunk.text;
      },
    })
    .transform(new Response(html))
    .text();
  return elements;
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc']);
const FORBIDDEN_ELEMENTS = new Set(['iframe', 'frame', 'object', 'embed', 'applet', 'base', 'svg', 'math', 'style']);
// Browsers ignore ASCII white space and control characters inside a scheme.
// biome-ignore lint/suspicious/noControlCharactersInRegex: what browsers strip.
const SCHEME_NOISE = /[\u0000-\u0020]/g;

/** Same-origin script paths a page may load; everything else is reported. */
export async function liveMarkup(html: string, allowedScripts: readonly string[] = []): Promise<string[]> {
  const problems: string[] = [];
  for (const element of await scanElements(html)) {
    const attributes = new Map(element.attributes);
    if (FORBIDDEN_ELEMENTS.has(element.tag)) problems.push(`<${element.tag}> element`);
    if (element.tag === 'script') {
      const src = attributes.get('src');
      if (src !== undefined) {
        if (!allowedScripts.includes(decodeEntities(src))) problems.push(`<script src="${src}">`);
      } else if (attributes.get('type') !== 'application/ld+json') {
        problems.push(`inline <script>: ${element.scriptText.slice(0, 80)}`);
      } else {
        // A data block the browser never runs, as long as it stays one block of JSON.
        try {
          JSON.parse(element.scriptText);
        } catch {
          problems.push(`JSON-LD block that is not JSON: ${element.scriptText.slice(0, 80)}`);
        }
      }
    }
    // Our forms post to the blog itself: a form sending elsewhere is a phishing payload.
    if (element.tag === 'form' && !/^\/(?![/\\])/.test(decodeEntities(attributes.get('action') ?? '/'))) {
      problems.push(`<form action="${attributes.get('action')}">`);
    }
    if (element.tag === 'meta' && (attributes.get('http-equiv') ?? '').toLowerCase() === 'refresh') {
      problems.push('<meta http-equiv="refresh">');
    }
    for (const [name, value] of element.attributes) {
      if (name.startsWith('on')) problems.push(`<${element.tag} ${name}="${value}">`);
      if (name === 'style') problems.push(`<${element.tag} style="${value}">`);
      const url = decodeEntities(value).replace(SCHEME_NOISE, '').toLowerCase();
      if (URL_ATTRIBUTES.has(name) && /^(?:javascript|vbscript|data):/.test(url)) {
        problems.push(`<${element.tag} ${name}="${value}">`);
      }
    }
  }
  return problems;
}

/** The decoded text inside the first element matching `selector` (descendants included). */
export async function textIn(html: string, selector: string): Promise<string | null> {
  let text: string | null = null;
  let state: 'before' | 'inside' | 'after' = 'before';
  await new HTMLRewriter()
    .on(selector, {
      element(element) {
        if (state !== 'before') return;
        state = 'inside';
        text = '';
        element.onEndTag(() => {
          state = 'after';
        });
      },
      text(chunk) {
        if (state === 'inside') text += chunk.text;
      },
    })
    .transform(new Response(html))
    .text();
  return text === null ? null : decodeEntities(text);
}

/** The decoded value of an attribute of the first element matching `selector`. */
export async function attributeOf(html: string, selector: string, name: string): Promise<string | null> {
  let value: string | null = null;
  let found = false;
  await new HTMLRewriter()
    .on(selector, {
      element(element) {
        if (found) return;
        found = true;
        value = element.getAttribute(name);
      },
    })
    .transform(new Response(html))
    .text();
  return value === null ? null : decodeEntities(value);
}
