// The one way HTML is built: every interpolated value is escaped unless it is
// already SafeHtml (the output of another `html` template or an explicit `raw`).

export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most values (slugs, dates, titles) have nothing to escape: no replace, no new string.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string) : text;
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/**
 * Marks trusted HTML as safe. Only for HTML the author rendered at publish
 * time (article bodies) and comments as src/comments/format.ts built them
 * when written (every tag through this file's escaping); never for anything
 * a reader typed as it stands.
 */
export function raw(trustedHtml: string): SafeHtml {
  return new SafeHtml(trustedHtml);
}
