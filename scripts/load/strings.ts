// The Worker's own interface strings and HTML escaping, for checking that a
// refused comment was told why in words a reader sees. src/ imports without
// file extensions (as wrangler's bundler wants), which Node cannot load, so
// the two modules are bundled with esbuild first.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { escapeHtml as EscapeHtml } from '../../src/views/html.ts';
import type { Strings } from '../../src/views/i18n/strings.ts';

export interface WorkerStrings {
  fr: Strings;
  en: Strings;
  escapeHtml: typeof EscapeHtml;
}

const SOURCE = fileURLToPath(new URL('../../src/views/', import.meta.url));

export async function loadWorkerStrings(): Promise<WorkerStrings> {
  const built = await build({
    stdin: {
      contents: "export { STRINGS } from './i18n/index';\nexport { escapeHtml } from './html';\n",
      resolveDir: SOURCE,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'warning',
  });
  const code = built.outputFiles[0]?.text ?? '';
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
    STRINGS: { fr: Strings; en: Strings };
    escapeHtml: typeof EscapeHtml;
  };
  return { fr: module.STRINGS.fr, en: module.STRINGS.en, escapeHtml: module.escapeHtml };
}
