// The Worker's own interface strings and HTML escaping, for checking that a
// refused comment was told why in words a reader sees. src/ imports without
// file extensions (as wrangler's bundler wants), which Node cannot load, so
// the modules are bundled with esbuild first (importFromSrc).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { escapeHtml as EscapeHtml } from '../../src/views/html.ts';
import type { Strings } from '../../src/views/i18n/strings.ts';

export interface WorkerStrings {
  fr: Strings;
  en: Strings;
  escapeHtml: typeof EscapeHtml;
}

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** What `exports` (lines of `export { … } from './…'`, relative to src/) name, bundled and imported in Node. */
export async function importFromSrc<Module>(exports: string): Promise<Module> {
  const built = await build({
    stdin: { contents: exports, resolveDir: SRC, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'warning',
  });
  const code = built.outputFiles[0]?.text ?? '';
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Module;
}

export async function loadWorkerStrings(): Promise<WorkerStrings> {
  const module = await importFromSrc<{ STRINGS: { fr: Strings; en: Strings }; escapeHtml: typeof EscapeHtml }>(
    "export { STRINGS } from './views/i18n/index';\nexport { escapeHtml } from './views/html';\n",
  );
  return { fr: module.STRINGS.fr, en: module.STRINGS.en, escapeHtml: module.escapeHtml };
}
