// The header's menu: the pages with a menu order, smallest first, then the
// MENU_LINKS of wrangler.toml. A bilingual blog gives each language its own
// pages: a reader sees the pages in the language of the interface (the
// page's own language on an article or a page); when no menu page is in that
// language, the pages of the other one are shown rather than no menu at all,
// each marked with its language.
import type { MenuPageRow } from '../db/menu';
import { html, type SafeHtml } from './html';
import { contentPath, type PageContext } from './layout';

interface MenuEntry {
  label: string;
  href: string;
  language: string | null;
}

export function menuEntries(ctx: PageContext): MenuEntry[] {
  const language = ctx.locale.language;
  const pages = ctx.menu ?? [];
  const own = pages.filter((page) => page.language === language);
  const shown: MenuPageRow[] = own.length > 0 ? own : pages;
  return [
    ...shown.map((page) => ({
      label: page.title,
      href: contentPath(page.slug, page.parent_slug),
      language: page.language === language ? null : page.language,
    })),
    ...ctx.settings.menuLinks
      .filter((link) => link.language === null || link.language === language)
      .map((link) => ({ label: link.label, href: link.url, language: null })),
  ];
}

/** `currentPath`: the path of the page shown (its canonical path), to mark its entry. */
export function renderSiteMenu(ctx: PageContext, currentPath: string | null): SafeHtml {
  const entries = menuEntries(ctx);
  if (entries.length === 0) return html``;
  const current = currentPath?.split(/[?#]/)[0] ?? null;
  return html`<nav class="site-menu" aria-label="${ctx.locale.t.siteMenu}">
<ul>
${entries.map(
  (entry) =>
    html`<li><a href="${entry.href}"${entry.language ? html` lang="${entry.language}" hreflang="${entry.language}"` : ''}${
      entry.href === current ? html` aria-current="page"` : ''
    }>${entry.label}</a></li>
`,
)}</ul>
</nav>`;
}
