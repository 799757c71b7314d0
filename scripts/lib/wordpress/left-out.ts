// What the sanitizer takes out of a WordPress body, collected as it goes, so
// that the import report names every element a reader of the old blog saw
// (or that ran there) and the new blog does not show.

/** Elements dropped with everything inside them: sanitize-html's nonTextTags, and elements that hold no text. */
const WHOLE = new Set([
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'iframe',
  'object',
  'embed',
  'template',
  'input',
  'param',
  'wbr',
  'col',
  'area',
  'link',
  'meta',
]);

/** Frames and plug-ins: their address says what the author should look at. */
const WITH_ADDRESS = new Set(['iframe', 'object', 'embed']);

export class LeftOutElements {
  private readonly counts = new Map<string, number>();
  private readonly addresses = new Map<string, Set<string>>();

  /** An element the sanitizer does not allow (its name after sanitize-html's renaming). */
  add(name: string, attribs: Record<string, string>): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    const address = (attribs.src ?? attribs.data ?? '').trim();
    if (WITH_ADDRESS.has(name) && address) {
      const known = this.addresses.get(name) ?? new Set<string>();
      known.add(address);
      this.addresses.set(name, known);
    }
  }

  /** One note for what was left out whole, one for the markup removed around text that was kept. */
  notes(): string[] {
    const described = (name: string) => {
      const count = this.counts.get(name) ?? 0;
      const addresses = [...(this.addresses.get(name) ?? [])];
      return `<${name}>${count > 1 ? ` ×${count}` : ''}${addresses.length > 0 ? ` (${addresses.join(', ')})` : ''}`;
    };
    const names = [...this.counts.keys()].sort();
    const whole = names.filter((name) => WHOLE.has(name));
    const unwrapped = names.filter((name) => !WHOLE.has(name));
    const notes: string[] = [];
    if (whole.length > 0) notes.push(`left out: ${whole.map(described).join(', ')}`);
    if (unwrapped.length > 0) notes.push(`markup removed, text kept: ${unwrapped.map(described).join(', ')}`);
    return notes;
  }
}
