// What a reader types becomes an FTS5 query of quoted words: operators,
// column filters and stray quotes are text, never syntax.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, parseSearchQuery } from '../../src/search/query';
import { insertArticle } from '../fixtures';

describe('parseSearchQuery', () => {
  it('quotes each word and joins them with the implicit AND', () => {
    expect(parseSearchQuery('  modération   du spam ')).toEqual({
      kind: 'terms',
      text: 'modération du spam',
      match: '"modération" "du" "spam"',
    });
  });

  it('doubles quotes inside a word, FTS5’s own escaping', () => {
    expect(parseSearchQuery('say"hello')).toMatchObject({ match: '"say""hello"' });
  });

  it('keeps a trailing * as a prefix search, and nothing else as an operator', () => {
    expect(parseSearchQuery('commun*')).toMatchObject({ match: '"commun"*' });
    expect(parseSearchQuery('a AND b NEAR( title:x -y ^z')).toMatchObject({
      match: '"a" "AND" "b" "NEAR(" "title:x" "-y" "^z"',
    });
  });

  it('finds nothing to search in punctuation, symbols or emoji alone', () => {
    for (const text of ['"', '*', '^', '-', '()', '🙂', '"*" ***']) {
      expect(parseSearchQuery(text), text).toEqual({ kind: 'empty', text });
    }
    expect(parseSearchQuery('')).toEqual({ kind: 'empty', text: '' });
  });

  it('refuses a query longer than the limit rather than searching part of it', () => {
    const long = 'mot '.repeat(MAX_QUERY_LENGTH);
    const parsed = parseSearchQuery(long);
    expect(parsed.kind).toBe('too_long');
    // What is echoed in the search box: the start of it, without a dangling space.
    expect(parsed.text).toBe(long.slice(0, MAX_QUERY_LENGTH).trimEnd());
    expect(parseSearchQuery('a'.repeat(MAX_QUERY_LENGTH)).kind).toBe('terms');
  });

  it('drops control characters, NUL included', () => {
    expect(parseSearchQuery('spam\u0000\u0007 blog')).toMatchObject({ text: 'spam blog', match: '"spam" "blog"' });
  });
});

describe('every parsed query is valid FTS5', () => {
  beforeAll(async () => {
    await insertArticle({ slug: 'syntaxe', title: 'Syntaxe', bodyText: 'near and or not title' });
  });

  // Each of these is an FTS5 syntax error when passed to MATCH as typed.
  const HOSTILE = [
    '"',
    '*',
    'AND',
    'NEAR(',
    'title:x',
    '-x',
    '^',
    'a OR',
    '(x',
    'x:',
    '"unbalanced',
    '🙂 emoji',
    '\uFFFD',
    'a"b"c',
    '*prefix',
    'NOT x',
    '{title body}: x',
  ];

  it.each(HOSTILE)('%s', async (text) => {
    const parsed = parseSearchQuery(text);
    if (parsed.kind !== 'terms') {
      // Nothing searchable: the page shows the hint, and FTS5 is never asked.
      expect(parsed.kind).toBe('empty');
      return;
    }
    const result = await env.DB.prepare('SELECT count(*) AS n FROM article_search WHERE article_search MATCH ?1')
      .bind(parsed.match)
      .first<{ n: number }>();
    expect(result?.n).toBeGreaterThanOrEqual(0);
  });

  it('is a syntax error when not parsed: the reason parsing exists', async () => {
    await expect(
      env.DB.prepare('SELECT count(*) FROM article_search WHERE article_search MATCH ?1').bind('NEAR(').all(),
    ).rejects.toThrow(/fts5|syntax/i);
  });
});
