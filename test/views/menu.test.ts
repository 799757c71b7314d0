// Which entries the header's menu shows a reader: the pages in the language of
// the interface, the other language's only when none is in this one (marked
// with their language), then the configured links meant for this reader.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { type Language, readSettings } from '../../src/config';
import type { MenuPageRow } from '../../src/db/menu';
import { createLocale } from '../../src/views/i18n';
import type { PageContext } from '../../src/views/layout';
import { renderSiteMenu } from '../../src/views/menu';

const page = (slug: string, language: Language, parent: string | null = null): MenuPageRow => ({
  slug,
  title: slug,
  language,
  menu_order: 1,
  parent_slug: parent,
});

function context(language: Language, menu: MenuPageRow[]): PageContext {
  const settings = {
    ...readSettings(env),
    menuLinks: [
      { label: 'Archives', url: '/archives', language: null },
      { label: 'Lettre', url: 'https://lettre.example/', language: 'fr' as const },
    ],
  };
  return { settings, locale: createLocale(language, settings.timeZone), menu };
}

it('shows the pages of the reader’s language, the configured links for that language, and marks the current one', () => {
  const menu = [page('a-propos', 'fr'), page('about', 'en'), page('colophon', 'fr', 'a-propos')];
  const french = renderSiteMenu(context('fr', menu), '/a-propos/colophon?cpage=2').value;
  expect([...french.matchAll(/<a href="([^"]+)"/g)].map((match) => match[1])).toEqual([
    '/a-propos',
    '/a-propos/colophon',
    '/archives',
    'https://lettre.example/',
  ]);
  expect(french).toContain('<a href="/a-propos/colophon" aria-current="page">');
  const english = renderSiteMenu(context('en', menu), '/').value;
  expect([...english.matchAll(/<a href="([^"]+)"/g)].map((match) => match[1])).toEqual(['/about', '/archives']);
  expect(english).not.toContain('aria-current');
});

it('shows the other language’s pages, marked with their language, when none is in the reader’s', () => {
  const html = renderSiteMenu(context('en', [page('a-propos', 'fr')]), '/').value;
  expect(html).toContain('<a href="/a-propos" lang="fr" hreflang="fr">a-propos</a>');
});

it('shows no menu at all when there is nothing to list', () => {
  const ctx = context('en', []);
  expect(renderSiteMenu({ ...ctx, settings: { ...ctx.settings, menuLinks: [] } }, '/').value).toBe('');
});
