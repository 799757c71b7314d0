// The old addresses the importer records for the Worker, from a hand-made
// export: what the theme unit test export does not have (accents in slugs,
// a category looping on itself, many rows), and running the SQL twice.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { convertExport } from '../../scripts/lib/wordpress/convert.ts';
import { buildRedirectStatements, redirectKey } from '../../scripts/lib/wordpress/sql.ts';
import { get } from '../fixtures.ts';

const category = (id: number, slug: string, parent: string, name: string) =>
  `<wp:category><wp:term_id>${id}</wp:term_id><wp:category_nicename>${slug}</wp:category_nicename><wp:category_parent>${parent}</wp:category_parent><wp:cat_name><![CDATA[${name}]]></wp:cat_name></wp:category>`;

const item = (id: number, type: string, extra: string) => `<item>
  <title>Item ${id}</title><link>https://old.example/${type === 'post' ? `2019/05/0${id % 9}/item-${id}/` : `?attachment_id=${id}`}</link>
  <dc:creator>admin</dc:creator><content:encoded><![CDATA[<p>Body</p>]]></content:encoded>
  <wp:post_id>${id}</wp:post_id><wp:post_date>2019-05-01 10:00:00</wp:post_date><wp:post_date_gmt>2019-05-01 10:00:00</wp:post_date_gmt>
  <wp:post_name>item-${id}</wp:post_name><wp:status>${type === 'post' ? 'publish' : 'inherit'}</wp:status><wp:post_type>${type}</wp:post_type>
  ${extra}
</item>`;

const exportOf = (channel: string, items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><link>https://old.example</link><language>fr-FR</language><wp:base_blog_url>https://old.example</wp:base_blog_url>
${channel}
${items}
</channel></rss>`;

const convert = (xml: string) =>
  convertExport(xml, { timeZone: 'UTC', defaultLanguage: 'fr', blogUrl: 'http://localhost:8787' });

describe('the old addresses an import records', () => {
  it('keys accented WordPress slugs as the Worker looks them up: decoded and lowercase', async () => {
    const xml = exportOf(
      `${category(7, '%c3%a9t%c3%a9', '', 'Été 2019')}<wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug>%C3%A0-lire</wp:tag_slug><wp:tag_name><![CDATA[À lire]]></wp:tag_name></wp:tag>`,
      item(
        1,
        'post',
        '<category domain="category" nicename="%c3%a9t%c3%a9"><![CDATA[Été 2019]]></category><category domain="post_tag" nicename="%C3%A0-lire"><![CDATA[À lire]]></category>',
      ),
    );
    const { redirects } = convert(xml);
    expect(redirects).toEqual([
      { address: '/category/été', tagSlug: 'ete-2019', wordpressId: null, location: null },
      { address: '?cat=7', tagSlug: 'ete-2019', wordpressId: null, location: null },
      { address: '/tag/à-lire', tagSlug: 'a-lire', wordpressId: null, location: null },
    ]);
    for (const statement of buildRedirectStatements(redirects)) await env.DB.prepare(statement).run();
    // As a browser sends them: percent-encoded, in either case.
    for (const [path, location] of [
      ['/category/%C3%A9t%C3%A9/', '/tag/ete-2019'],
      ['/category/%c3%a9t%c3%a9/feed/', '/tag/ete-2019/feed.xml'],
      ['/tag/%C3%A0-lire/', '/tag/a-lire'],
      ['/?tag=%C3%A0-lire', '/tag/a-lire'],
    ]) {
      const response = await get(path as string);
      expect([response.status, response.headers.get('location')], path).toEqual([301, location]);
    }
  });

  it('never answers a tag’s own address with a redirect to itself, when that tag lists nothing (any more)', async () => {
    const xml = exportOf(
      '<wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug>classic</wp:tag_slug><wp:tag_name><![CDATA[Classic]]></wp:tag_name></wp:tag>',
      item(1, 'post', '<category domain="post_tag" nicename="classic"><![CDATA[Classic]]></category>'),
    );
    const { redirects } = convert(xml);
    expect(redirects).toEqual([{ address: '/tag/classic', tagSlug: 'classic', wordpressId: null, location: null }]);
    for (const statement of buildRedirectStatements(redirects)) await env.DB.prepare(statement).run();
    // The post was never published here: /tag/classic lists nothing.
    expect((await get('/tag/classic')).status).toBe(404);
    expect((await get('/tag/classic/')).headers.get('location')).toBe('/tag/classic');
  });

  it('survives a category that is its own ancestor, and says which attachments lead nowhere', () => {
    const xml = exportOf(
      category(1, 'a', 'b', 'A') + category(2, 'b', 'a', 'B'),
      item(3, 'post', '<category domain="category" nicename="a"><![CDATA[A]]></category>') +
        item(4, 'attachment', '<wp:post_parent>3</wp:post_parent>') +
        item(5, 'attachment', '<wp:post_parent>0</wp:post_parent>'),
    );
    const converted = convert(xml);
    expect(converted.redirects.map((row) => row.address)).toEqual([
      '/category/b/a',
      '/category/a',
      '?cat=1',
      '/category/a/b',
      '/category/b',
      '?cat=2',
      '?attachment_id=4',
    ]);
    // B carries no post: an empty list on WordPress, the archives here.
    expect(converted.redirects.find((row) => row.address === '?cat=2')?.location).toBe('/archives');
    expect(converted.redirects.find((row) => row.address === '?attachment_id=4')?.wordpressId).toBe(3);
    expect(converted.notes).toContain(
      'item #3 (wp:post_id 5): attachment of no imported post: its old addresses (/?attachment_id=5) answer 404',
    );
  });

  it('writes hundreds of rows in a few statements, and running them again changes nothing', async () => {
    await env.DB.prepare('DELETE FROM legacy_redirects').run();
    // One with accents and quotes: SQLite's json_array must spell it as JSON.stringify does.
    const categories =
      Array.from({ length: 249 }, (_, i) => category(i + 1, `c-${i}`, '', `C ${i}`)).join('') +
      category(999, '%c3%a9t%c3%a9-l-%22x%22', '', 'Été l’"x"');
    const { redirects } = convert(exportOf(categories, item(1, 'post', '')));
    expect(redirects).toHaveLength(500);
    expect(redirects.map((row) => row.address)).toContain('/category/été-l-"x"');
    const statements = buildRedirectStatements(redirects);
    expect(statements).toHaveLength(5);
    for (const statement of [...statements, ...statements]) await env.DB.prepare(statement).run();
    const { results } = await env.DB.prepare(
      'SELECT json_array(address, tag_slug, wordpress_id, location) AS key FROM legacy_redirects',
    ).all<{ key: string }>();
    // The importer compares what it would write with these keys: all equal, nothing to write.
    expect(new Set(results.map((row) => row.key))).toEqual(new Set(redirects.map(redirectKey)));
    // A category that now leads elsewhere is updated in place.
    await env.DB.prepare(
      buildRedirectStatements([{ ...(redirects[0] as (typeof redirects)[0]), location: '/x' }])[0] as string,
    ).run();
    const row = await env.DB.prepare('SELECT location FROM legacy_redirects WHERE address = ?1')
      .bind(redirects[0]?.address)
      .first<{ location: string }>();
    expect(row?.location).toBe('/x');
  });
});
