// GET /search: ranked results with highlighted excerpts over the demo
// articles, accents folded both ways, pagination, and a page (never a 500)
// for whatever a reader or a robot puts in ?q=.
import { env } from 'cloudflare:test';
import { HtmlValidate, StaticConfigLoader } from 'html-validate/browser';
import { beforeAll, describe, expect, it } from 'vitest';
import animer from '../../content/posts/animer-une-communaute-en-ligne.md?raw';
import brouillon from '../../content/posts/brouillon-notes-pour-un-futur-article.md?raw';
import spam from '../../content/posts/lutter-contre-le-spam.md?raw';
import accessible from '../../content/posts/making-a-personal-site-accessible.md?raw';
import { parsePost } from '../../scripts/lib/post.ts';
import { buildPublishStatements } from '../../scripts/lib/sql.ts';
import { DAY, get, getHtml, insertArticle, now, textOf } from '../fixtures';
import { callWorker, countingDb, recordingCacheContext } from '../support/worker';

const h1 = (page: string) => textOf(page, /<h1[^>]*>([\s\S]*?)<\/h1>/);
const resultSlugs = (page: string) =>
  [...page.matchAll(/<li>\s*<article class="summary"[^>]*>\s*<h2><a href="\/([^"]+)">/g)].map((match) => match[1]);

beforeAll(async () => {
  const posts = Object.entries({ animer, brouillon, spam, accessible }).map(([name, source]) => ({
    post: parsePost(`${name}.md`, source, 'fr'),
    sourceHash: name,
  }));
  const statements = buildPublishStatements(posts, now());
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
});

describe('results', () => {
  it('finds the demo articles about spam, best match first, with the count in the heading', async () => {
    const { status, html } = await getHtml('/search?q=spam');
    expect(status).toBe(200);
    expect(h1(html)).toBe('2 résultats pour «\u00a0spam\u00a0»');
    // "spam" in the title outweighs "spam" in the body.
    expect(resultSlugs(html)).toEqual(['lutter-contre-le-spam', 'animer-une-communaute-en-ligne']);
  });

  it('highlights the match in the title and in an excerpt of the body', async () => {
    const { html } = await getHtml('/search?q=spam');
    expect(html).toContain('Lutter contre le <mark>spam</mark> sans pénaliser les vrais lecteurs');
    const excerpts = [...html.matchAll(/<p class="search-excerpt">([\s\S]*?)<\/p>/g)].map((match) => match[1]);
    expect(excerpts).toHaveLength(2);
    for (const excerpt of excerpts) expect(excerpt).toMatch(/<mark>spam<\/mark>/i);
  });

  it('folds accents both ways, and case', async () => {
    for (const query of ['moderation', 'MODÉRATION', 'modèration']) {
      const { html } = await getHtml(`/search?q=${encodeURIComponent(query)}`);
      expect(resultSlugs(html), query).toContain('lutter-contre-le-spam');
    }
    await insertArticle({ slug: 'sans-accents', title: 'Sans accents', bodyText: 'Une note sur la moderation.' });
    const { html } = await getHtml(`/search?q=${encodeURIComponent('modération note')}`);
    expect(resultSlugs(html)).toEqual(['sans-accents']);
  });

  it('searches tag names, English articles, and word beginnings ending in *', async () => {
    expect(resultSlugs((await getHtml('/search?q=accessibilite')).html)).toContain('making-a-personal-site-accessible');
    expect(resultSlugs((await getHtml('/search?q=keyboard')).html)).toContain('making-a-personal-site-accessible');
    expect(resultSlugs((await getHtml('/search?q=communau*')).html)).toContain('animer-une-communaute-en-ligne');
    expect(resultSlugs((await getHtml('/search?q=communau')).html)).toEqual([]);
  });

  it('requires every word', async () => {
    expect(resultSlugs((await getHtml('/search?q=spam%20captchas')).html)).toEqual(['lutter-contre-le-spam']);
  });

  it('shows tags and the date of each result, in the article’s language', async () => {
    const { html } = await getHtml('/search?q=accessible');
    expect(html).toContain('<article class="summary" lang="en">');
    expect(html).toMatch(/<a href="\/tag\/accessibilite" rel="tag">Accessibilité<\/a>/);
    expect(html).toMatch(/<time datetime="2\d{3}-/);
  });

  it('leaves out drafts and articles dated in the future', async () => {
    expect(resultSlugs((await getHtml('/search?q=brouillon')).html)).toEqual([]);
    await insertArticle({ slug: 'demain', title: 'Zeppelin de demain', publishedAt: now() + DAY });
    expect(h1((await getHtml('/search?q=zeppelin')).html)).toBe('Aucun résultat pour «\u00a0zeppelin\u00a0»');
  });

  it('says so kindly when nothing matches', async () => {
    const { status, html } = await getHtml('/search?q=xylophone');
    expect(status).toBe(200);
    expect(h1(html)).toBe('Aucun résultat pour «\u00a0xylophone\u00a0»');
    expect(html).toContain('Essayez avec moins de mots');
  });

  it('uses the singular for one result', async () => {
    expect(h1((await getHtml('/search?q=captchas')).html)).toBe('1 résultat pour «\u00a0captchas\u00a0»');
  });
});

describe('the page', () => {
  it('echoes the query in the header’s search box, escaped, and is not indexed', async () => {
    const { html } = await getHtml(`/search?q=${encodeURIComponent('"><script>x</script>')}`);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).not.toContain('<script>x');
    expect(html).toContain('<meta name="robots" content="noindex">');
  });

  it('has an accessible search form in every page’s header that works without script', async () => {
    const { html } = await getHtml('/');
    const form = /<form class="site-search" role="search" action="\/search" method="get"[^>]*>([\s\S]*?)<\/form>/.exec(
      html,
    )?.[1];
    expect(form).toBeDefined();
    expect(form).toContain('<label for="site-search-q"');
    expect(form).toContain('id="site-search-q" type="search" name="q"');
    expect(form).toContain('<button type="submit">Rechercher</button>');
  });

  it('shows the hint on an empty search', async () => {
    for (const path of ['/search', '/search?q=', '/search?q=%20%20']) {
      const { status, html } = await getHtml(path);
      expect(status, path).toBe(200);
      expect(h1(html)).toBe('Recherche');
      expect(html).toContain('Tapez un ou plusieurs mots');
    }
  });

  it('answers in English on an English blog', async () => {
    const response = await callWorker('/search?q=spam', { env: { BLOG_LANGUAGE: 'en' } });
    expect(h1(await response.text())).toBe('2 results for “spam”');
  });
});

describe('valid HTML', () => {
  // As test/views/html-validity.test.ts checks the other pages.
  const validator = new HtmlValidate(
    new StaticConfigLoader({
      extends: ['html-validate:recommended'],
      rules: { 'doctype-style': ['error', { style: 'lowercase' }], 'long-title': 'off' },
    }),
  );

  it.each(['/search?q=spam', '/search?q=xylophone', '/search', `/search?q=${'mot%20'.repeat(60)}`])(
    '%s',
    async (path) => {
      const report = await validator.validateString((await getHtml(path)).html);
      const problems = report.results.flatMap((result) => result.messages).map((m) => `${m.ruleId}: ${m.message}`);
      expect(problems).toEqual([]);
    },
  );
});

describe('pagination', () => {
  beforeAll(async () => {
    // settings.pageSize articles and then some, all about one rare word.
    for (let i = 0; i < 12; i++) {
      await insertArticle({ slug: `pagine-${i}`, title: `Pagination ${i}`, bodyText: 'Le mot rare est quokka.' });
    }
  });

  it('splits results into pages linked with the query kept', async () => {
    const first = (await getHtml('/search?q=quokka')).html;
    expect(h1(first)).toBe('12 résultats pour «\u00a0quokka\u00a0»');
    const onFirst = resultSlugs(first);
    expect(onFirst.length).toBeLessThan(12);
    expect(first).toContain('href="/search?q=quokka&amp;page=2"');
    const second = (await getHtml('/search?q=quokka&page=2')).html;
    expect(second).toContain('href="/search?q=quokka"');
    expect([...onFirst, ...resultSlugs(second)].sort()).toHaveLength(12);
    expect(new Set([...onFirst, ...resultSlugs(second)]).size).toBe(12);
  });

  it('redirects ?page=1 to the bare search, and answers 404 past the last page, 400 on a bad page', async () => {
    const one = await get('/search?q=quokka&page=1');
    expect(one.status).toBe(301);
    expect(one.headers.get('location')).toBe('/search?q=quokka');
    expect((await get('/search?q=quokka&page=99')).status).toBe(404);
    expect((await get('/search?q=xylophone&page=2')).status).toBe(404);
    expect((await get('/search?page=2')).status).toBe(404);
    expect((await get('/search?q=quokka&page=abc')).status).toBe(400);
  });
});

describe('never a server error', () => {
  const cases: [string, number][] = [
    ['q=%22', 200],
    ['q=*', 200],
    ['q=AND', 200],
    ['q=NEAR(', 200],
    ['q=title:x', 200],
    ['q=-x', 200],
    ['q=%5E', 200],
    ['q=%F0%9F%99%82', 200],
    [`q=${'mot%20'.repeat(200)}`, 400],
    ['q=spam&q=blog', 400],
    ['q=%FF%FE', 400],
    ['q=%E9t%E9', 400],
    ['q=%', 400],
    ['q=a%00b', 200],
  ];

  it.each(cases)('/search?%s answers %i', async (query, expected) => {
    const { status, html } = await getHtml(`/search?${query}`);
    expect(status).toBe(expected);
    expect(html).toContain('<h1>');
  });

  it('explains a query that is too long', async () => {
    const { html, response } = await getHtml(`/search?q=${'mot%20'.repeat(200)}`);
    expect(html).toContain('Votre recherche dépasse 200 caractères');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('caching', () => {
  // Server-Timing on, which search answers ignore: these tests tell a hit (no D1 query at all) from a miss by counting.
  const CACHED = { EDGE_CACHE: 'cache-api', CACHE_VERSION_BOUND_SECONDS: 3600, SERVER_TIMING: 'on' };
  const search = async (path: string, settings: Record<string, unknown> = CACHED) => {
    const counted = countingDb();
    const response = await callWorker(path, { env: { ...settings, DB: counted.db } });
    return { response, cache: counted.count() === 0 ? 'HIT' : 'MISS' };
  };

  it('lets the edge keep one query’s answer for a minute, not a day, hit or miss', async () => {
    const miss = await search('/search?q=captchas&cache=minute');
    const hit = await search('/search?q=captchas&cache=minute');
    expect([miss.cache, hit.cache]).toEqual(['MISS', 'HIT']);
    for (const { response } of [miss, hit]) {
      expect(response.headers.get('cache-control')).toBe(
        'public, max-age=0, must-revalidate, s-maxage=60, stale-while-revalidate=60',
      );
    }
    // Publishing or editing an article purges this tag (Workers Cache); publishing a page, the menu's.
    const edge = await callWorker('/search?q=captchas', {
      env: { EDGE_CACHE: 'workers-cache' },
      cache: recordingCacheContext().cache,
    });
    expect(edge.headers.get('cache-tag')).toBe('articles,menu');
  });

  it('never tells a reader whether someone searched the same words before (no Server-Timing, no Cache-Tag)', async () => {
    for (const settings of [CACHED, { ...CACHED, SERVER_TIMING: 'off' }, { ...CACHED, EDGE_CACHE: 'off' }]) {
      const query = `/search?q=${crypto.randomUUID().slice(0, 8)}`;
      const miss = await search(query, settings);
      const again = await search(query, settings);
      for (const { response } of [miss, again]) {
        expect(response.headers.get('server-timing')).toBeNull();
        expect(response.headers.get('cache-tag')).toBeNull();
      }
    }
  });

  it('is fresh again once its short life is over, even if no purge reached it', async () => {
    // A one-second day makes the search's own life one second too (the shorter wins).
    const short = { ...CACHED, CACHE_TTL_SECONDS: 1 };
    await insertArticle({ slug: 'cache-recherche', title: 'Le tatou en cache' });
    const before = await callWorker('/search?q=tatou', { env: short });
    expect(h1(await before.text())).toBe('1 résultat pour «\u00a0tatou\u00a0»');
    // Changed behind the cache's back: no version bump, no purge.
    await env.DB.prepare("UPDATE articles SET title = 'Le pangolin' WHERE slug = 'cache-recherche'").run();
    expect((await search('/search?q=tatou', short)).cache).toBe('HIT');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await search('/search?q=tatou', short);
    expect(after.cache).toBe('MISS');
    expect(h1(await after.response.text())).toBe('Aucun résultat pour «\u00a0tatou\u00a0»');
  });

  it('is fresh at once after a change made through Causerie (the cache version moves)', async () => {
    await insertArticle({ slug: 'cache-version', title: 'Le fennec' });
    expect(h1(await (await callWorker('/search?q=fennec', { env: CACHED })).text())).toBe(
      '1 résultat pour «\u00a0fennec\u00a0»',
    );
    await env.DB.prepare("UPDATE articles SET status = 'draft' WHERE slug = 'cache-version'").run();
    await env.DB.prepare('UPDATE cache_state SET version = version + 1 WHERE id = 1').run();
    // Another isolate would see the new version within the bound; this one reads it again now.
    const later = await callWorker('/search?q=fennec', { env: { ...CACHED, CACHE_VERSION_BOUND_SECONDS: 1 } });
    expect(h1(await later.text())).toBe('Aucun résultat pour «\u00a0fennec\u00a0»');
  });
});
